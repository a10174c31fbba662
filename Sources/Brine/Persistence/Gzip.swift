import CZlib
import Dispatch

/// gzip compression (parallel, as independent members) and streaming decompression through zlib.
enum Gzip {
    /// Uncompressed bytes per gzip member when compressing in parallel.
    static let memberSize = 4 << 20

    /// True when `bytes` start with the gzip magic (1f 8b) and the deflate method byte (08).
    static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 3 && bytes[0] == 0x1f && bytes[1] == 0x8b && bytes[2] == 0x08
    }

    /// Compresses `source` at `level` (1...9) into a gzip stream of one member per ``memberSize`` bytes.
    static func compress(_ source: UnsafeRawBufferPointer, level: Int) throws -> [[UInt8]] {
        let memberCount = max(1, (source.count + memberSize - 1) / memberSize)
        let results = UnsafeMutableBufferPointer<Result<[UInt8], PersistenceError>>.allocate(capacity: memberCount)
        results.initialize(repeating: .success([]))
        defer { results.deinitialize(); results.deallocate() }
        let work = { (index: Int) in
            let start = index * memberSize
            let end = min(source.count, start + memberSize)
            let slice = UnsafeRawBufferPointer(rebasing: source[start..<end])
            results[index] = Result { try compressMember(slice, level: level) }.mapError {
                $0 as? PersistenceError ?? .compressionFailure("\($0)")
            }
        }
        ParallelLoop.run(memberCount, work)
        return try results.map { try $0.get() }
    }

    /// One complete gzip member holding `source`.
    static func compressMember(_ source: UnsafeRawBufferPointer, level: Int) throws -> [UInt8] {
        var stream = z_stream()
        let initResult = deflateInit2_(
            &stream, Int32(level), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initResult == Z_OK else { throw PersistenceError.compressionFailure("deflateInit2 failed (\(initResult))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(source.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let produced: Int = try output.withUnsafeMutableBytes { out in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(source.count)
            stream.next_out = out.baseAddress?.assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(out.count)
            let result = deflate(&stream, Z_FINISH)
            guard result == Z_STREAM_END else { throw PersistenceError.compressionFailure("deflate failed (\(result))") }
            return Int(stream.total_out)
        }
        output.removeSubrange(produced...)
        return output
    }
}

/// Streaming gzip decompression of an in-memory (possibly multi-member) gzip stream.
final class GzipInflater {
    private var stream = z_stream()
    private let source: UnsafeRawBufferPointer
    private var consumed = 0
    /// True once the last member has ended and no input remains.
    private(set) var finished = false

    init(_ source: UnsafeRawBufferPointer) throws {
        self.source = source
        let result = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard result == Z_OK else { throw PersistenceError.compressionFailure("inflateInit2 failed (\(result))") }
    }

    deinit { inflateEnd(&stream) }

    /// Decompresses into `output`, returning the number of bytes written (fewer than
    /// `output.count` only when the stream has ended, in which case ``finished`` is true).
    func inflate(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < output.count && !finished {
            let inputLeft = source.count - consumed
            let chunkIn = min(inputLeft, Int(UInt32.max))
            let chunkOut = min(output.count - written, Int(UInt32.max))
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress?.advanced(by: consumed).assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(chunkIn)
            stream.next_out = output.baseAddress?.advanced(by: written).assumingMemoryBound(to: UInt8.self)
            stream.avail_out = UInt32(chunkOut)
            let result = CZlib.inflate(&stream, Z_NO_FLUSH)
            let usedIn = chunkIn - Int(stream.avail_in)
            let madeOut = chunkOut - Int(stream.avail_out)
            consumed += usedIn
            written += madeOut
            switch result {
            case Z_STREAM_END:
                let rest = UnsafeRawBufferPointer(rebasing: source[consumed...])
                if rest.isEmpty {
                    finished = true
                } else if Gzip.isGzip(rest) {
                    inflateReset(&stream)
                } else if rest.allSatisfy({ $0 == 0 }) {
                    finished = true  // zero padding after the last member, as gzip(1) accepts
                } else {
                    throw PersistenceError.compressionFailure("\(rest.count) bytes of garbage after the compressed stream")
                }
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                if usedIn == 0 && madeOut == 0 {
                    if consumed >= source.count {
                        throw PersistenceError.truncated("the compressed stream ends early")
                    }
                    throw PersistenceError.compressionFailure("the compressed stream makes no progress")
                }
            case Z_DATA_ERROR:
                throw PersistenceError.compressionFailure("corrupt compressed data: \(stream.msg.map { String(cString: $0) } ?? "data error")")
            case Z_MEM_ERROR:
                throw PersistenceError.compressionFailure("zlib is out of memory")
            default:
                throw PersistenceError.compressionFailure("inflate failed (\(result))")
            }
        }
        return written
    }
}
