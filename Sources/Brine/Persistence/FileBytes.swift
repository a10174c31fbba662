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
    init(capacity: Int) {
        let size = max(capacity, 1)
        base = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64))
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
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}

/// A growable aligned byte buffer used while decompressing (copied into a ``FileBytes`` only if it grows).
extension FileBytes {
    /// A heap buffer holding the same bytes with room for at least `minimumCapacity` bytes.
    func grown(to minimumCapacity: Int) -> FileBytes {
        let bigger = FileBytes(capacity: minimumCapacity)
        if count > 0 {
            UnsafeMutableRawPointer(mutating: bigger.base).copyMemory(from: base, byteCount: count)
        }
        bigger.commit(count)
        return bigger
    }
}
