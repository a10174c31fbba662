#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a whole Brine file in memory: either a 64-byte-aligned heap buffer
/// (read or decompressed) or a read-only memory mapping. Arrays loaded from the file
/// borrow this memory and keep the object alive; the memory is freed (or unmapped)
/// when the last array goes away.
final class FileBytes: @unchecked Sendable {
    /// The first byte.
    let base: UnsafeRawPointer
    /// The number of valid bytes.
    private(set) var count: Int
    /// True for a memory mapping.
    let isMapped: Bool
    private let mappedLength: Int
    private var capacity: Int

    /// A heap buffer of `capacity` bytes (contents uninitialized, `count` zero).
    ///
    /// - Throws: ``PersistenceError/outOfMemory(bytes:)`` when the allocation fails (the standard
    ///   library's allocator would trap instead, so this asks `posix_memalign` directly).
    init(capacity: Int) throws {
        let size = max(capacity, 1)
        var pointer: UnsafeMutableRawPointer?
        guard capacity >= 0, posix_memalign(&pointer, 64, size) == 0, let pointer else {
            throw PersistenceError.outOfMemory(bytes: capacity)
        }
        base = UnsafeRawPointer(pointer)
        self.capacity = size
        count = 0
        isMapped = false
        mappedLength = 0
    }

    /// A read-only private mapping of the first `length` bytes of the open file `descriptor`.
    init(mapping descriptor: Int32, length: Int, path: String) throws {
        guard length > 0 else { throw PersistenceError.truncated("\(path) is empty") }
        guard let pointer = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
            throw PersistenceError.ioFailure(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(pointer)
        count = length
        capacity = length
        isMapped = true
        mappedLength = length
    }

    /// The bytes as a buffer.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// The writable free space after `count` (heap buffers only).
    var freeSpace: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(mutating: base) + count, count: capacity - count)
    }

    /// Marks `n` more bytes (written into ``freeSpace``) as valid.
    func commit(_ n: Int) { count += n }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
        } else {
            free(UnsafeMutableRawPointer(mutating: base))
        }
    }
}

/// A growable aligned byte buffer used while decompressing (copied into a ``FileBytes`` only if it grows).
extension FileBytes {
    /// A heap buffer holding the same bytes with room for at least `minimumCapacity` bytes.
    func grown(to minimumCapacity: Int) throws -> FileBytes {
        let bigger = try FileBytes(capacity: minimumCapacity)
        if count > 0 {
            UnsafeMutableRawPointer(mutating: bigger.base).copyMemory(from: base, byteCount: count)
        }
        bigger.commit(count)
        return bigger
    }
}
