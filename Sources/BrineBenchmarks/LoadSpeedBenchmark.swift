import Brine
import Foundation

/// `brine-bench load-speed FILE [--repeat N]`: how fast FILE loads as a copy with checksums
/// verified (the archive only, so the figure is the file layer's: read, header, CRC-32), beside
/// reading the same bytes into one reused buffer (the page-cache bandwidth, no fresh pages) in the
/// same run. Prints one JSON object with medians in milliseconds and GB/s.
enum LoadSpeedBenchmark {
    /// Runs the measurement and prints one JSON object.
    static func run(_ arguments: [String]) throws {
        var file: String?
        var repeats = 31
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--repeat": repeats = max(1, Int(iterator.next() ?? "") ?? repeats)
            default: file = argument
            }
        }
        guard let file else { throw BenchmarkError.missing("load-speed FILE") }
        let url = URL(fileURLWithPath: file)
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
        var verified: [Double] = [], unverified: [Double] = [], reread: [Double] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 64)
        defer { buffer.deallocate() }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        for _ in 0..<repeats {
            var start = Date()
            _ = try ModelArchive(contentsOf: url, memoryMap: false, verifyChecksums: true)
            verified.append(Date().timeIntervalSince(start) * 1000)
            start = Date()
            _ = try ModelArchive(contentsOf: url, memoryMap: false, verifyChecksums: false)
            unverified.append(Date().timeIntervalSince(start) * 1000)
            start = Date()
            var offset = 0
            while offset < size {
                let got = pread(handle.fileDescriptor, buffer.baseAddress! + offset, min(size - offset, 1 << 20), off_t(offset))
                if got <= 0 { break }
                offset += got
            }
            reread.append(Date().timeIntervalSince(start) * 1000)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func rate(_ ms: Double) -> Double { Double(size) / (ms / 1000) / 1e9 }
        let report: JSONValue = [
            "file_bytes": .int(size), "repeats": .int(repeats),
            "verified_copy_ms": .double(median(verified)), "verified_copy_gb_s": .double(rate(median(verified))),
            "unverified_copy_ms": .double(median(unverified)), "unverified_copy_gb_s": .double(rate(median(unverified))),
            "page_cache_reread_ms": .double(median(reread)), "page_cache_reread_gb_s": .double(rate(median(reread))),
        ]
        print(report.jsonText)
    }
}
