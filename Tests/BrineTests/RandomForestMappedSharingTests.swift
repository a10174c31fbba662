import Foundation
import Testing
@testable import Brine

/// Processes that memory-map one forest file share its pages: layout 2 is predicted straight from
/// the mapping, so serving processes do not each hold a private copy of the nodes.
@Suite struct RandomForestMappedSharingTests {
    /// `brine-bench`, built beside the test bundle (`swift build --build-tests` builds it).
    static var benchExecutable: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("brine-bench")
    }

    /// A forest of `trees` complete trees of depth `depth` with random splits on `featureCount`
    /// features (thresholds in [0, 1), float64 comparisons) and random leaf fractions: as large as a fitted forest, built
    /// in about a second where fitting one of this size in a debug build would take minutes.
    static func syntheticForest(trees: Int, depth: Int, featureCount: Int) -> RandomForestClassifierModel<Int> {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        let nodesPerTree = (1 << (depth + 1)) - 1
        var words: [Int64] = []
        words.reserveCapacity(2 * trees * nodesPerTree)
        var leafValues: [Double] = []
        leafValues.reserveCapacity(trees * (1 << depth) * 2)
        var offsets: [Int64] = [0]
        func subtree(_ depth: Int, treeStart: Int) {
            if depth == 0 {
                words.append(Int64(bitPattern: (-2.0).bitPattern))
                words.append(ForestNodeRecords.packed(feature: -1, link: Int32(leafValues.count / 2)))
                let p = Double(next() % 1001) / 1000
                leafValues.append(p)
                leafValues.append(1 - p)
                return
            }
            let index = words.count
            words.append(Int64(bitPattern: (Double(next()) / Double(1 << 53)).bitPattern))
            words.append(0)
            subtree(depth - 1, treeStart: treeStart)
            let right = words.count / 2 - treeStart
            words[index + 1] = ForestNodeRecords.packed(feature: Int32(next() % UInt64(featureCount)), link: Int32(right))
            subtree(depth - 1, treeStart: treeStart)
        }
        for _ in 0..<trees {
            subtree(depth, treeStart: words.count / 2)
            offsets.append(Int64(words.count / 2))
        }
        return RandomForestClassifierModel<Int>(
            classes: [0, 1], featureCount: featureCount, featureNames: nil,
            hyperparameters: RandomForestClassifier(nEstimators: trees, maxDepth: depth), oobScore: nil,
            inputPrecision: .float64, treeOffsets: DenseArray(offsets), nodes: DenseArray(words),
            leafValues: DenseArray(leafValues),
            importances: DenseArray(repeating: 1 / Double(featureCount), count: featureCount))
    }

    /// Runs `brine-bench mapped-sharing FILE --processes 8 --rows 1000` and returns its report.
    static func sharingReport(_ url: URL) throws -> JSONValue {
        try #require(FileManager.default.isExecutableFile(atPath: benchExecutable.path),
                     "build brine-bench first (swift build --build-tests)")
        let process = Process()
        process.executableURL = benchExecutable
        process.arguments = ["mapped-sharing", url.path, "--processes", "8", "--rows", "1000"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// 8 processes each map the same ~40 MB forest (checksums verified, so every page is read
    /// through the mapping) and predict 1,000 rows. The file's mappings add up to one copy of it,
    /// and the 8 processes together use less than 1.5× the file size beyond what 8 idle processes
    /// of the same binary use (the Swift runtime and libraries, about 4 MB each in a debug build,
    /// measured by the same run). The same trees as a layout-1 file, which every process converts
    /// to a private copy, show what the measurement catches.
    @Test func eightProcessesMappingOneForestShareItsPages() throws {
        let forest = Self.syntheticForest(trees: 100, depth: 13, featureCount: 20)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-mapped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("forest.brine")
        try forest.save(to: url)
        let report = try Self.sharingReport(url)
        let fileBytes = try #require(report["file_bytes"]?.intValue)
        let aboveIdle = try #require(report["pss_above_idle_bytes"]?.intValue)
        let mapping = try #require(report["file_mapping_pss_total_bytes"]?.intValue)
        #expect(fileBytes > 38_000_000 && fileBytes < 42_000_000, "file of \(fileBytes) bytes")
        #expect(report["processes"]?.intValue == 8)
        #expect(Double(aboveIdle) < 1.5 * Double(fileBytes), "8 processes use \(aboveIdle) bytes of Pss beyond idle ones for a \(fileBytes)-byte file: \(report.jsonText)")
        // Every page was read through the mapping (checksums), yet the 8 mappings add up to one copy.
        #expect(Double(mapping) > 0.9 * Double(fileBytes) && Double(mapping) < 1.02 * Double(fileBytes) + 65_536,
                "the file's mappings hold \(mapping) bytes of Pss: \(report.jsonText)")

        // The same trees in layout 1: each process builds its own records, about 8 copies in all.
        let layoutOne = folder.appendingPathComponent("forest-v1.brine")
        var archive = try RandomForestTestSupport.layoutOneArchive(of: forest)
        archive.hyperparameters = try JSONValue(encoding: forest.hyperparameters)
        try archive.write(to: layoutOne)
        let old = try Self.sharingReport(layoutOne)
        let oldAboveIdle = try #require(old["pss_above_idle_bytes"]?.intValue)
        print("[mapped sharing] layout 2: \(report.jsonText)\n[mapped sharing] layout 1: \(old.jsonText)")
        #expect(Double(oldAboveIdle) > 5 * Double(fileBytes), "layout 1: \(old.jsonText)")
        #expect(old["prediction_checksum"] != nil && old["prediction_checksum"] == report["prediction_checksum"])
    }
}
