#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file atomically, so that the destination always holds either its old contents or the
/// complete new file, and a save killed at any moment leaves nothing behind.
///
/// On Linux the new contents go into an anonymous file in the destination folder (`O_TMPFILE`), which
/// has no name until it is complete: a killed save leaves no file, and the kernel frees its blocks.
/// After `fsync` the file is given its name with `linkat` through `/proc/self/fd` (or `AT_EMPTY_PATH`):
/// directly under the destination name when an existing file must not be replaced (so two writers
/// cannot race), or under a temporary name that `rename` then moves over the destination. Where
/// anonymous files are not available the contents go into a named temporary
/// `.NAME.PID.RANDOM.tmp` from the start. Every save first removes its own destination's temporaries
/// whose writer process is gone, so the rare temporary a crash can leave (one killed between the
/// `linkat` and the `rename` of an overwrite, or during a fallback save) is removed by the next save.
/// The folder is flushed at the end. On any error the temporary is removed and an existing file is
/// untouched.
enum AtomicFileWriter {
    /// Test hook: when set, writing fails with an I/O error once this many bytes have been written.
    @TaskLocal static var failAfterBytes: Int?
    /// Test hook: when false, saves use named temporaries as on platforms without `O_TMPFILE`.
    @TaskLocal static var usesAnonymousTemporaries = true

    /// An open temporary file being written.
    struct Sink {
        let descriptor: Int32
        let path: String
        fileprivate var written = 0

        /// Writes all of `bytes`.
        mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard let base = bytes.baseAddress else { return }
            var done = 0
            while done < bytes.count {
                var length = bytes.count - done
                if let limit = AtomicFileWriter.failAfterBytes {
                    guard written < limit else {
                        throw PersistenceError.ioFailure(path: path, reason: "simulated write failure after \(limit) bytes")
                    }
                    length = min(length, limit - written)
                }
                let n = Glibc.write(descriptor, base + done, length)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw PersistenceError.ioFailure(path: path, reason: String(cString: strerror(errno)))
                }
                done += n
                written += n
            }
        }
    }

    /// Writes `url` through `body`, atomically.
    ///
    /// - Throws: ``PersistenceError/fileExists(path:)`` when `url` exists and `overwrite` is false,
    ///   ``PersistenceError/ioFailure(path:reason:)``, or whatever `body` throws.
    static func write(to url: URL, overwrite: Bool, body: (inout Sink) throws -> Void) throws {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw PersistenceError.fileExists(path: path)
        }
        removeStaleTemporaries(of: url)
        if usesAnonymousTemporaries, let descriptor = openAnonymous(in: folder) {
            do {
                var sink = Sink(descriptor: descriptor, path: path)
                try body(&sink)
                try flush(descriptor, path: path)
                do {
                    try publishAnonymous(descriptor, at: url, overwrite: overwrite)
                } catch is LinkUnavailable {
                    // Neither /proc nor AT_EMPTY_PATH: copy the contents into a named temporary.
                    try publishCopy(of: descriptor, at: url, overwrite: overwrite)
                }
            } catch {
                closeDescriptor(descriptor)
                throw error
            }
            closeDescriptor(descriptor)
            syncFolder(folder)
            return
        }
        let (descriptor, temporaryPath) = try createNamedTemporary(for: url)
        var open = true
        do {
            var sink = Sink(descriptor: descriptor, path: path)
            try body(&sink)
            try flush(descriptor, path: path)
            open = false
            guard Glibc.close(descriptor) == 0 else {
                throw PersistenceError.ioFailure(path: path, reason: "close failed: \(String(cString: strerror(errno)))")
            }
            try publishNamed(temporaryPath, at: path, overwrite: overwrite)
        } catch {
            if open { closeDescriptor(descriptor) }
            unlink(temporaryPath)
            throw error
        }
        syncFolder(folder)
    }

    /// The name prefix of the temporaries written for `url`: `.NAME.`, followed by `PID.RANDOM.tmp`.
    static func temporaryPrefix(of url: URL) -> String { ".\(url.lastPathComponent)." }

    /// Creates a uniquely named temporary `.NAME.PID.RANDOM.tmp` beside `url`.
    private static func createNamedTemporary(for url: URL) throws -> (descriptor: Int32, path: String) {
        let folder = url.deletingLastPathComponent().path
        var descriptor: Int32 = -1
        var temporaryPath = ""
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporaryPath = "\(folder)/\(temporaryPrefix(of: url))\(getpid()).\(suffix).tmp"
            descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw PersistenceError.ioFailure(path: url.path, reason: "cannot create a temporary file in \(folder): \(String(cString: strerror(errno)))")
        }
        return (descriptor, temporaryPath)
    }

    /// `fsync`s the written contents.
    private static func flush(_ descriptor: Int32, path: String) throws {
        guard fsync(descriptor) == 0 else {
            throw PersistenceError.ioFailure(path: path, reason: "fsync failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Moves a complete named temporary to `path`: `rename` when overwriting, otherwise `link` +
    /// `unlink` (an existing file is `fileExists`), with a checked rename where hard links are missing.
    private static func publishNamed(_ temporaryPath: String, at path: String, overwrite: Bool) throws {
        if overwrite {
            guard rename(temporaryPath, path) == 0 else {
                throw PersistenceError.ioFailure(path: path, reason: "rename failed: \(String(cString: strerror(errno)))")
            }
            return
        }
        if link(temporaryPath, path) != 0 {
            let code = errno
            if code == EEXIST { throw PersistenceError.fileExists(path: path) }
            // File systems without hard links: fall back to a checked rename.
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EMLINK else {
                throw PersistenceError.ioFailure(path: path, reason: "link failed: \(String(cString: strerror(code)))")
            }
            if FileManager.default.fileExists(atPath: path) { throw PersistenceError.fileExists(path: path) }
            guard rename(temporaryPath, path) == 0 else {
                throw PersistenceError.ioFailure(path: path, reason: "rename failed: \(String(cString: strerror(errno)))")
            }
        } else {
            unlink(temporaryPath)
        }
    }

    /// An anonymous file in `folder` (`O_TMPFILE`), or `nil` where the platform or file system has none.
    private static func openAnonymous(in folder: String) -> Int32? {
        #if os(Linux)
        // O_TMPFILE is __O_TMPFILE (0o20000000 on every Linux architecture) | O_DIRECTORY.
        let descriptor = open(folder, O_RDWR | O_CLOEXEC | O_DIRECTORY | 0o20000000, 0o644)
        return descriptor >= 0 ? descriptor : nil
        #else
        return nil
        #endif
    }

    /// Names the complete anonymous file `descriptor` at `url`: linked under the final name when not
    /// overwriting (`EEXIST` is ``PersistenceError/fileExists(path:)``), else linked under a temporary
    /// name and renamed over the destination.
    private static func publishAnonymous(_ descriptor: Int32, at url: URL, overwrite: Bool) throws {
        let path = url.path
        if !overwrite {
            if linkAnonymous(descriptor, to: path) { return }
            if errno == EEXIST { throw PersistenceError.fileExists(path: path) }
            throw LinkUnavailable()
        }
        let folder = url.deletingLastPathComponent().path
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporaryPath = "\(folder)/\(temporaryPrefix(of: url))\(getpid()).\(suffix).tmp"
            if linkAnonymous(descriptor, to: temporaryPath) {
                guard rename(temporaryPath, path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    unlink(temporaryPath)
                    throw PersistenceError.ioFailure(path: path, reason: "rename failed: \(reason)")
                }
                return
            }
            if errno != EEXIST { throw LinkUnavailable() }
        }
        throw PersistenceError.ioFailure(path: path, reason: "linkat failed: \(String(cString: strerror(errno)))")
    }

    /// An anonymous file could not be given a name (no `/proc`, no `CAP_DAC_READ_SEARCH`).
    private struct LinkUnavailable: Error {}

    /// Copies the complete anonymous file `source` into a named temporary and publishes that.
    private static func publishCopy(of source: Int32, at url: URL, overwrite: Bool) throws {
        let path = url.path
        let (descriptor, temporaryPath) = try createNamedTemporary(for: url)
        var open = true
        do {
            var sink = Sink(descriptor: descriptor, path: path)
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var offset: off_t = 0
            while true {
                let n = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress, $0.count, offset) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw PersistenceError.ioFailure(path: path, reason: "reading back the new file failed: \(String(cString: strerror(errno)))")
                }
                if n == 0 { break }
                try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                offset += off_t(n)
            }
            try flush(descriptor, path: path)
            open = false
            guard Glibc.close(descriptor) == 0 else {
                throw PersistenceError.ioFailure(path: path, reason: "close failed: \(String(cString: strerror(errno)))")
            }
            try publishNamed(temporaryPath, at: path, overwrite: overwrite)
        } catch {
            if open { closeDescriptor(descriptor) }
            unlink(temporaryPath)
            throw error
        }
    }

    /// Gives the anonymous file `descriptor` the name `path` (false with `errno` set on failure).
    private static func linkAnonymous(_ descriptor: Int32, to path: String) -> Bool {
        #if os(Linux)
        if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return true }
        guard errno == ENOENT || errno == ENOTDIR else { return false }
        // No /proc: AT_EMPTY_PATH (which needs CAP_DAC_READ_SEARCH).
        // AT_EMPTY_PATH is 0x1000 on Linux (not imported by Glibc without _GNU_SOURCE).
        return linkat(descriptor, "", AT_FDCWD, path, 0x1000) == 0
        #else
        return false
        #endif
    }

    /// Removes the temporaries `.NAME.PID.RANDOM.tmp` of `url` whose writer process `PID` no longer
    /// exists (a save killed before it finished). Temporaries of running processes, of other
    /// destinations and unrelated files are kept. Best effort: failures are ignored.
    static func removeStaleTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent().path
        let prefix = temporaryPrefix(of: url)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard middle.count == 2, let pid = Int32(middle[0]), pid > 0, !middle[1].isEmpty,
                  middle[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink("\(folder)/\(name)")
            }
        }
    }

    /// Flushes a folder's entries to disk so a rename survives a crash (best effort).
    static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        closeDescriptor(descriptor)
    }
}
