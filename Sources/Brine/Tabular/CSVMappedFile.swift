import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file memory-mapped read-only for ``CSVReader``; the reader hands pages back to the
/// kernel (`MADV_DONTNEED`) once a pass is done with them, so the file does not stay resident.
enum CSVMappedFile {
    /// Calls `body` with the file's bytes and a page releaser.
    static func withBytes<R>(path: String, _ body: (UnsafeBufferPointer<UInt8>, CSVPageReleaser?) throws -> R) throws -> R {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CSVError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw CSVError.unreadableFile(path: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        guard size > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0), nil) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw CSVError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { munmap(mapped, size) }
        _ = madvise(mapped, size, Int32(MADV_SEQUENTIAL))
        let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
        return try body(bytes, CSVPageReleaser(base: UnsafeRawPointer(mapped)))
    }
}

/// Returns whole pages of a private read-only mapping to the kernel (they are read again from
/// the file if touched later).
struct CSVPageReleaser: @unchecked Sendable {
    let base: UnsafeRawPointer

    /// Releases the pages lying entirely inside `start..<end` (byte offsets).
    func release(_ start: Int, _ end: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (start + page - 1) / page * page
        let last = end / page * page
        guard last > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, Int32(MADV_DONTNEED))
    }
}
