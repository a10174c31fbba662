import Brine
import Foundation

/// Walkthrough 10: a large forest loaded memory-mapped versus copied; time and resident memory.
public enum MemoryMappingWalkthrough {
    /// What the walkthrough measured.
    public struct Outcome: Sendable {
        /// File size in bytes.
        public let fileBytes: Int
        /// Seconds to load with a copy (checksums verified).
        public let copySeconds: Double
        /// Seconds to load memory-mapped (checksums verified).
        public let mappedSeconds: Double
        /// Seconds to load memory-mapped without checksum verification (header-only work).
        public let mappedUncheckedSeconds: Double
        /// Resident memory growth of the copied load, in bytes.
        public let copyResidentGrowth: Int
        /// Resident memory growth of the mapped load, in bytes.
        public let mappedResidentGrowth: Int
    }

    /// Runs the walkthrough on a synthetic problem of `rows` rows (noisy labels grow large trees).
    public static func run(_ context: WalkthroughContext, rows: Int = 20_000, trees: Int = 100) throws -> Outcome {
        context.say("10. Memory mapping: a large forest loaded copied and memory-mapped")
        let features = 20
        var generator = SplitMix64(seed: 10)
        let x = Matrix(rows: rows, columns: features) { out in
            for index in out.indices { out[index] = generator.nextDouble() * 2 - 1 }
        }
        let y = (0..<rows).map { row -> Int in
            let signal = x[row, 0] + 0.5 * x[row, 1] - x[row, 2] * x[row, 3]
            return (signal + 0.6 * (generator.nextDouble() - 0.5) > 0) ? 1 : 0
        }
        let forest = try RandomForestClassifier(nEstimators: trees, seed: 1).fit(x, y)
        let url = context.file("large_forest.brine")
        try forest.save(to: url)
        let bytes = fileSize(url)
        context.say("  \(forest.treeCount) trees, \(forest.nodeCount) nodes, file \(humanBytes(bytes))")
        let probe = try x.selectingRows(Array(0..<min(rows, 500)))
        let expected = try forest.predictProbabilities(probe)

        let residentBeforeCopy = residentBytes()
        let (copied, copySeconds) = try timed { try RandomForestModel<Int>.load(from: url) }
        let copyGrowth = residentBytes() - residentBeforeCopy
        let residentBeforeMap = residentBytes()
        let (mapped, mappedSeconds) = try timed { try RandomForestModel<Int>.load(from: url, memoryMap: true) }
        let mapGrowth = residentBytes() - residentBeforeMap
        let (unchecked, uncheckedSeconds) = try timed {
            try RandomForestModel<Int>.load(from: url, memoryMap: true, verifyChecksums: false)
        }
        context.say("  copied load:                  \(milliseconds(copySeconds)), resident memory +\(humanBytes(max(0, copyGrowth)))")
        context.say("  memory-mapped load:           \(milliseconds(mappedSeconds)), resident memory +\(humanBytes(max(0, mapGrowth))) (pages shared with the page cache)")
        context.say("  memory-mapped, no checksums:  \(milliseconds(uncheckedSeconds)) (header only; traversal stays bounds-checked)")
        try context.check(try copied.predictProbabilities(probe) == expected, "the copied forest predicts as the original")
        try context.check(try mapped.predictProbabilities(probe) == expected, "so does the memory-mapped one")
        try context.check(try unchecked.predictProbabilities(probe) == expected, "and the unchecked memory-mapped one")
        return Outcome(
            fileBytes: bytes, copySeconds: copySeconds, mappedSeconds: mappedSeconds,
            mappedUncheckedSeconds: uncheckedSeconds, copyResidentGrowth: copyGrowth, mappedResidentGrowth: mapGrowth)
    }

    /// The process's resident set size in bytes, from /proc/self/statm (0 where unavailable).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
