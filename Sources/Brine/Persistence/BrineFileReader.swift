#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads Brine files: the whole file (read, memory-mapped or decompressed) into a ``ModelArchive``,
/// or only the header for inspection.
enum BrineFileReader {
    /// Decompressed files may expand at most this much (deflate's own limit is about 1032:1).
    static let maximumExpansionRatio = 1032
    /// Decompressed files may never exceed this size, whatever their compressed size.
    static let maximumDecompressedSize = 64 << 30

    /// A loaded file: its header and bytes.
    struct Loaded {
        var header: BrineHeader
        var bytes: FileBytes
        var fileSize: Int
        var compressed: Bool
        /// Each array's CRC-32, when they were computed while the bytes were read.
        var checksums: [UInt32]? = nil
    }

    // MARK: Whole files

    /// Reads and validates the file at `url`, then builds the archive (checksums verified when asked).
    static func readArchive(from url: URL, memoryMap: Bool, verifyChecksums: Bool) throws -> ModelArchive {
        let loaded = try load(from: url, memoryMap: memoryMap, checksumWhileReading: verifyChecksums)
        return try archive(from: loaded, verifyChecksums: verifyChecksums,
                           validatesArrayContents: !(memoryMap && !verifyChecksums))
    }

    /// Reads (or maps, or decompresses) the file and parses its header. An uncompressed file is
    /// checked in steps, each bounded by what the previous one validated: the first bytes (a Brine
    /// file starts with an 8-byte length and `{`), then the header it declares, which must tile the
    /// file exactly, and only then the data — so a large file that is not a Brine file costs a few
    /// bytes of reading, never its size in memory.
    ///
    /// With `checksumWhileReading`, a large uncompressed file copied into memory has its arrays'
    /// CRC-32s computed on a second thread as its chunks arrive (``StreamingChecksums``).
    static func load(from url: URL, memoryMap: Bool, checksumWhileReading: Bool = false) throws -> Loaded {
        let file = try OpenFile(url)
        defer { file.close() }
        var prefix = [UInt8](repeating: 0, count: signatureLength)
        let prefixCount = try prefix.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        let start = prefix.withUnsafeBytes { Array(UnsafeRawBufferPointer(rebasing: $0[0..<prefixCount])) }
        let isGzip = start.withUnsafeBytes { Gzip.isGzip($0) }
        if isGzip {
            if memoryMap {
                throw PersistenceError.unsupportedOption("memoryMap needs an uncompressed file; \(url.path) is gzip-compressed")
            }
            let compressed = try file.readAll()
            return try decompress(compressed, fileSize: file.size, what: file.path)
        }
        let headerLength = try start.withUnsafeBytes {
            try checkSignature($0, what: file.path)
            return try BrineHeader.headerLength(prefix: $0, availableSize: file.size)
        }
        if memoryMap {
            let bytes = try FileBytes(mapping: file.descriptor, length: file.size, path: file.path)
            let header = try BrineHeader(bytes: bytes.bytes, fileSize: file.size)
            return Loaded(header: header, bytes: bytes, fileSize: file.size, compressed: false)
        }
        // The header alone first; it must account for every byte of the file.
        let headerBytes = try file.readExactly(8 + headerLength, at: 0, what: "the header")
        let header = try BrineHeader(bytes: headerBytes.bytes, fileSize: file.size)
        // Then exactly the size the validated header declares (equal to the file's size).
        let bytes = try FileBytes(capacity: header.totalSize)
        bytes.freeSpace.baseAddress?.copyMemory(from: headerBytes.base, byteCount: headerBytes.count)
        bytes.commit(headerBytes.count)
        let dataSize = header.totalSize - header.dataStart
        if checksumWhileReading, dataSize >= StreamingChecksums.minimumDataSize, let destination = bytes.freeSpace.baseAddress {
            let sums = try StreamingChecksums.read(file, at: header.dataStart, dataSize: dataSize, into: destination, entries: header.entries)
            bytes.commit(dataSize)
            return Loaded(header: header, bytes: bytes, fileSize: file.size, compressed: false, checksums: sums)
        }
        let got = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes.freeSpace[0..<dataSize]), at: header.dataStart)
        guard got == dataSize else {
            throw PersistenceError.truncated("\(file.path) shrank while being read (\(header.dataStart + got) of \(header.totalSize) bytes)")
        }
        bytes.commit(got)
        return Loaded(header: header, bytes: bytes, fileSize: file.size, compressed: false)
    }

    /// How many leading bytes ``checkSignature(_:what:)`` looks at: the length and the header's `{`.
    static let signatureLength = 9

    /// Refuses data that cannot be a Brine file from its first bytes: after the 8-byte header
    /// length a Brine (safetensors) file continues with `{`. Fewer than 9 bytes are left to the
    /// length check, which reports a truncated file.
    ///
    /// - Throws: ``PersistenceError/notABrineFile(_:)`` naming `what`.
    static func checkSignature(_ prefix: UnsafeRawBufferPointer, what: String) throws {
        guard prefix.count >= signatureLength else { return }
        if prefix[8] != UInt8(ascii: "{") { throw PersistenceError.notABrineFile(what) }
    }

    /// Parses a whole file held in memory (used by tests and the fuzzer).
    static func load(bytes: UnsafeRawBufferPointer) throws -> Loaded {
        let copy = try FileBytes(capacity: bytes.count)
        if let base = bytes.baseAddress, bytes.count > 0 { copy.freeSpace.baseAddress?.copyMemory(from: base, byteCount: bytes.count) }
        copy.commit(bytes.count)
        if Gzip.isGzip(bytes) { return try decompress(copy, fileSize: bytes.count, what: "the data") }
        try checkSignature(bytes, what: "the data")
        let header = try BrineHeader(bytes: copy.bytes, fileSize: copy.count)
        return Loaded(header: header, bytes: copy, fileSize: bytes.count, compressed: false)
    }

    /// Decompresses a gzip file: first the header (which declares the total size, checked
    /// against the expansion caps), then exactly the declared number of bytes.
    static func decompress(_ compressed: FileBytes, fileSize: Int, what: String) throws -> Loaded {
        let inflater = try GzipInflater(compressed.bytes)
        let limit = expansionLimit(compressedSize: compressed.count)
        var buffer = try FileBytes(capacity: min(limit, max(1 << 16, min(64 * compressed.count, 1 << 20))))
        let header = try inflateHeader(into: &buffer, inflater: inflater, limit: limit, compressedSize: compressed.count, what: what)
        try fill(buffer: &buffer, inflater: inflater, upTo: header.totalSize, limit: limit)
        // Nothing may follow the declared data.
        var probe: UInt8 = 0
        let extra = try withUnsafeMutableBytes(of: &probe) { try inflater.inflate(into: $0) }
        if extra > 0 {
            throw PersistenceError.compressionFailure("the decompressed data is longer than the \(header.totalSize) bytes its header declares")
        }
        return Loaded(header: header, bytes: buffer, fileSize: fileSize, compressed: true)
    }

    /// The most bytes `compressedSize` compressed bytes may expand to (deflate's own maximum ratio, capped).
    private static func expansionLimit(compressedSize: Int) -> Int {
        min(maximumDecompressedSize, compressedSize.multipliedReportingOverflow(by: maximumExpansionRatio).partialValue + (1 << 16))
    }

    /// Inflates the header length and then the header into `buffer`, checking each declared size
    /// against `limit` before decompressing it.
    private static func inflateHeader(
        into buffer: inout FileBytes, inflater: GzipInflater, limit: Int, compressedSize: Int, what: String
    ) throws -> BrineHeader {
        try fill(buffer: &buffer, inflater: inflater, upTo: signatureLength, limit: limit)
        try checkSignature(buffer.bytes, what: "the decompressed contents of \(what)")
        let headerLength = try BrineHeader.headerLength(prefix: buffer.bytes, availableSize: nil)
        guard 8 + headerLength <= limit else {
            throw PersistenceError.compressionFailure("the header declares \(8 + headerLength) bytes, more than \(limit) bytes may expand from \(compressedSize) compressed bytes")
        }
        try fill(buffer: &buffer, inflater: inflater, upTo: 8 + headerLength, limit: limit)
        let header = try BrineHeader(bytes: buffer.bytes, fileSize: nil)
        guard header.totalSize <= limit else {
            throw PersistenceError.compressionFailure("the file declares \(header.totalSize) bytes, more than the \(limit) bytes allowed to expand from \(compressedSize) compressed bytes")
        }
        return header
    }

    /// Decompresses until `buffer` holds `target` bytes, growing it (doubling, up to `target`) as data arrives.
    private static func fill(buffer: inout FileBytes, inflater: GzipInflater, upTo target: Int, limit: Int) throws {
        while buffer.count < target {
            if buffer.freeSpace.count == 0 {
                buffer = try buffer.grown(to: min(target, max(buffer.count * 2, 1 << 16)))
            }
            let space = buffer.freeSpace
            let want = min(space.count, target - buffer.count)
            let made = try inflater.inflate(into: UnsafeMutableRawBufferPointer(rebasing: space[0..<want]))
            buffer.commit(made)
            if made < want && inflater.finished {
                throw PersistenceError.truncated("the decompressed file ends after \(buffer.count) bytes; its header needs \(target)")
            }
        }
    }

    // MARK: Header only

    /// Reads just the header: a few bytes of an uncompressed file, or a compressed file decompressed
    /// only until the header is complete.
    static func readHeader(from url: URL) throws -> (header: BrineHeader, fileSize: Int, compressed: Bool) {
        let file = try OpenFile(url)
        defer { file.close() }
        var prefix = [UInt8](repeating: 0, count: signatureLength)
        let prefixCount = try prefix.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        let start = prefix.withUnsafeBytes { Array(UnsafeRawBufferPointer(rebasing: $0[0..<prefixCount])) }
        if start.withUnsafeBytes({ Gzip.isGzip($0) }) {
            let compressed = try file.readAll()
            var buffer = try FileBytes(capacity: 1 << 16)
            let header = try inflateHeader(
                into: &buffer, inflater: try GzipInflater(compressed.bytes),
                limit: expansionLimit(compressedSize: compressed.count), compressedSize: compressed.count, what: file.path)
            return (header, file.size, true)
        }
        let length = try start.withUnsafeBytes {
            try checkSignature($0, what: file.path)
            return try BrineHeader.headerLength(prefix: $0, availableSize: file.size)
        }
        let buffer = try file.readExactly(8 + length, at: 0, what: "the header")
        let header = try BrineHeader(bytes: buffer.bytes, fileSize: file.size)
        return (header, file.size, false)
    }

    // MARK: Building the archive

    /// Builds the archive from a loaded file: verifies checksums when asked, then makes each array
    /// borrow the file's memory (copying only arrays that are not aligned for their element type).
    static func archive(from loaded: Loaded, verifyChecksums: Bool, validatesArrayContents: Bool) throws -> ModelArchive {
        let header = loaded.header
        let data = loaded.bytes.base + header.dataStart
        if verifyChecksums {
            let regions = header.entries.map { UnsafeRawBufferPointer(start: data + $0.begin, count: $0.byteCount) }
            let sums = loaded.checksums ?? CRC32.checksums(regions)
            for (entry, sum) in zip(header.entries, sums) where header.checksums[entry.name] != sum {
                throw PersistenceError.checksumMismatch(array: entry.name)
            }
        }
        return try build(node: header.root, prefix: "", header: header, data: data, owner: loaded.bytes,
                         validatesArrayContents: validatesArrayContents)
    }

    private static func build(node: ManifestNode, prefix: String, header: BrineHeader, data: UnsafeRawPointer,
                              owner: FileBytes, validatesArrayContents: Bool) throws -> ModelArchive {
        var archive = ModelArchive(manifest: node.manifest)
        archive.validatesArrayContents = validatesArrayContents
        for name in node.arrayNames {
            guard let index = header.entryIndex[prefix + name] else { throw PersistenceError.missingArray(prefix + name) }
            let entry = header.entries[index]
            let array = makeArray(entry, at: data + entry.begin, owner: owner)
            archive.arrays[name] = ModelArchive.ShapedArray(array, shape: entry.shape)
        }
        for child in node.children {
            archive.children.append(ModelArchive.Child(
                name: child.name,
                archive: try build(node: child.node, prefix: "\(prefix)\(child.name).", header: header, data: data,
                                   owner: owner, validatesArrayContents: validatesArrayContents)))
        }
        return archive
    }

    private static func makeArray(_ entry: BrineHeader.Entry, at base: UnsafeRawPointer, owner: FileBytes) -> ArchivedArray {
        func typed<T: BitwiseCopyable & Sendable>(_ type: T.Type) -> DenseArray<T> {
            if Int(bitPattern: base) % MemoryLayout<T>.alignment == 0 {
                return DenseArray(borrowing: base.bindMemory(to: T.self, capacity: entry.count), count: entry.count, owner: owner)
            }
            return DenseArray(count: entry.count) { buffer in
                if let target = buffer.baseAddress { UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: entry.byteCount) }
            }
        }
        switch entry.dtype {
        case "F64": return .float64(typed(Double.self))
        case "F32": return .float32(typed(Float.self))
        case "I64": return .int64(typed(Int64.self))
        case "I32": return .int32(typed(Int32.self))
        default: return .uint8(typed(UInt8.self))
        }
    }
}

/// An open file descriptor with its size, and positional reads.
struct OpenFile {
    let descriptor: Int32
    let size: Int
    let path: String

    init(_ url: URL) throws {
        path = url.path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw PersistenceError.fileNotFound(path: path) }
            throw PersistenceError.ioFailure(path: path, reason: String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            closeDescriptor(fd)
            throw PersistenceError.ioFailure(path: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            closeDescriptor(fd)
            throw PersistenceError.ioFailure(path: path, reason: "not a regular file")
        }
        descriptor = fd
        size = Int(info.st_size)
    }

    func close() { closeDescriptor(descriptor) }

    /// Reads up to `buffer.count` bytes at `offset`; returns the number read (less only at end of file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw PersistenceError.ioFailure(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Exactly `count` bytes at `offset` in a 64-byte-aligned buffer (`what` names them in the error).
    func readExactly(_ count: Int, at offset: Int, what: String) throws -> FileBytes {
        let bytes = try FileBytes(capacity: count)
        let got = try read(into: bytes.freeSpace, at: offset)
        guard got == count else {
            throw PersistenceError.truncated("\(path) ends inside \(what) (\(offset + got) of \(offset + count) bytes)")
        }
        bytes.commit(got)
        return bytes
    }

    /// The whole file in a 64-byte-aligned buffer.
    func readAll() throws -> FileBytes {
        let bytes = try FileBytes(capacity: size)
        let got = try read(into: bytes.freeSpace, at: 0)
        guard got == size else {
            throw PersistenceError.truncated("\(path) shrank while being read (\(got) of \(size) bytes)")
        }
        bytes.commit(got)
        return bytes
    }
}

/// Closes a file descriptor, ignoring errors (used on read-only descriptors and error paths).
func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}
