#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file atomically: into a uniquely named temporary file in the same folder, which is
/// flushed to disk (`fsync`), then moved into place (`rename`, or `link` + `unlink` when an
/// existing file must not be replaced, so two writers cannot race), after which the folder is
/// flushed too. On any error the temporary file is removed and an existing file is untouched.
enum AtomicFileWriter {
    /// Test hook: when set, writing fails with an I/O error once this many bytes have been written.
    @TaskLocal static var failAfterBytes: Int?

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
        var descriptor: Int32 = -1
        var temporaryPath = ""
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporaryPath = "\(folder)/.\(url.lastPathComponent).\(getpid()).\(suffix).tmp"
            descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw PersistenceError.ioFailure(path: path, reason: "cannot create a temporary file in \(folder): \(String(cString: strerror(errno)))")
        }
        var open = true
        do {
            var sink = Sink(descriptor: descriptor, path: path)
            try body(&sink)
            guard fsync(descriptor) == 0 else {
                throw PersistenceError.ioFailure(path: path, reason: "fsync failed: \(String(cString: strerror(errno)))")
            }
            open = false
            guard Glibc.close(descriptor) == 0 else {
                throw PersistenceError.ioFailure(path: path, reason: "close failed: \(String(cString: strerror(errno)))")
            }
            if overwrite {
                guard rename(temporaryPath, path) == 0 else {
                    throw PersistenceError.ioFailure(path: path, reason: "rename failed: \(String(cString: strerror(errno)))")
                }
            } else {
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
        } catch {
            if open { closeDescriptor(descriptor) }
            unlink(temporaryPath)
            throw error
        }
        syncFolder(folder)
    }

    /// Flushes a folder's entries to disk so a rename survives a crash (best effort).
    static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        closeDescriptor(descriptor)
    }
}
