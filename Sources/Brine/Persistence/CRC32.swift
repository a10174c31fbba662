import CLibDeflate
import CZlib
import Dispatch

/// CRC-32 (the zlib / gzip / PNG polynomial) over large blocks, using libdeflate's `libdeflate_crc32`
/// (carry-less multiplication where the CPU has it: about 3× zlib's speed here) and zlib's `crc32_combine`.
enum CRC32 {
    /// Bytes per block when a large buffer is split between threads.
    static let blockSize = 4 << 20

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        var crc: UInt = 0
        var offset = 0
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            crc = UInt(libdeflate_crc32(UInt32(truncatingIfNeeded: crc), base.advanced(by: offset), length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The CRC-32 of each of `regions`, computed in parallel over blocks of at most ``blockSize``
    /// bytes and combined with `crc32_combine`.
    static func checksums(_ regions: [UnsafeRawBufferPointer]) -> [UInt32] {
        struct Block { let region: Int; let start: Int; let length: Int }
        var blocks: [Block] = []
        for (index, region) in regions.enumerated() {
            var start = 0
            repeat {
                let length = min(blockSize, region.count - start)
                blocks.append(Block(region: index, start: start, length: length))
                start += length
            } while start < region.count
        }
        let partial = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: blocks.count)
        defer { partial.deallocate() }
        partial.initialize(repeating: 0)
        let total = blocks.reduce(0) { $0 + $1.length }
        let compute = { (i: Int) in
            let block = blocks[i]
            let region = regions[block.region]
            let slice = UnsafeRawBufferPointer(rebasing: region[block.start..<(block.start + block.length)])
            partial[i] = checksum(slice)
        }
        if total >= 2 * blockSize {
            ParallelLoop.run(blocks.count, compute)
        } else {
            for i in blocks.indices { compute(i) }
        }
        var results = [UInt32](repeating: 0, count: regions.count)
        var started = [Bool](repeating: false, count: regions.count)
        for (i, block) in blocks.enumerated() {
            if !started[block.region] {
                results[block.region] = partial[i]
                started[block.region] = true
            } else {
                results[block.region] = UInt32(truncatingIfNeeded: crc32_combine(
                    UInt(results[block.region]), UInt(partial[i]), .init(block.length)))
            }
        }
        return results
    }
}
