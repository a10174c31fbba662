import Brine
import Foundation

/// Walkthrough 4: the same forest saved uncompressed, at gzip levels 3 and 9, and by a `.gz` name.
public enum CompressionWalkthrough {
    /// One row of the size/time table.
    public struct Row: Sendable {
        /// How the file was written.
        public let setting: String
        /// File size in bytes.
        public let bytes: Int
        /// Save time in seconds.
        public let saveSeconds: Double
        /// Load time in seconds.
        public let loadSeconds: Double
    }

    /// Runs the walkthrough and returns the table.
    public static func run(_ context: WalkthroughContext, trees: Int = 100) throws -> [Row] {
        context.say("4. Compression: one forest (digits), four ways")
        let (train, test) = try BundledDatasets.loadSplit("digits")
        let forest = try RandomForestClassifier(nEstimators: trees, seed: 0).fit(train.features, train.targets)
        let expected = try forest.predictProbabilities(test.features)
        let settings: [(String, String, Compression?)] = [
            ("none (level 0)", "forest.brine", Compression.none),
            ("gzip level 3", "forest-3.brine", .gzip(level: 3)),
            ("gzip level 9", "forest-9.brine", .gzip(level: 9)),
            ("by .gz name", "forest.brine.gz", nil),
        ]
        var rows: [Row] = []
        for (label, name, compression) in settings {
            let url = context.file(name)
            let (_, saveSeconds) = try timed { try forest.save(to: url, compression: compression) }
            let (loaded, loadSeconds) = try timed { try RandomForestModel<Int>.load(from: url) }
            let probabilities = try loaded.predictProbabilities(test.features)
            try context.check(probabilities == expected, "\(label): the loaded forest gives the same probabilities")
            rows.append(Row(setting: label, bytes: fileSize(url), saveSeconds: saveSeconds, loadSeconds: loadSeconds))
        }
        context.say("")
        context.say("  setting          size        save        load")
        for row in rows {
            context.say("  " + row.setting.padding(toLength: 16, withPad: " ", startingAt: 0)
                + " " + humanBytes(row.bytes).padding(toLength: 11, withPad: " ", startingAt: 0)
                + " " + milliseconds(row.saveSeconds).padding(toLength: 11, withPad: " ", startingAt: 0)
                + " " + milliseconds(row.loadSeconds))
        }
        try context.check(rows[1].bytes < rows[0].bytes && rows[2].bytes <= rows[1].bytes,
                          "gzip makes the file smaller, level 9 at least as small as level 3")
        let gzipMagic = try FileHandle(forReadingFrom: context.file("forest.brine.gz")).read(upToCount: 2) ?? Data()
        try context.check(gzipMagic == Data([0x1F, 0x8B]) && rows[3].bytes < rows[0].bytes,
                          "a .gz name compresses by default (as joblib does)")
        return rows
    }
}
