import Brine
import Foundation
import Testing

/// Issue 11, defect 4: an error message quotes at most a few short values, however large the
/// label, value or list that caused it (a 10 MB label, 100,000 column names).
@Suite struct BoundedErrorMessageTests {
    static let hugeLabel = String(repeating: "L", count: 10_000_000)
    static let manyNames = (0..<100_000).map { "a_rather_long_column_name_number_\($0)" }
    /// Generous: the fixed text of any of these messages plus 8 quoted names of at most 60 characters.
    static let bound = 1_000

    @Test func aSingleHugeClassIsQuotedShort() throws {
        let x = try Matrix([[0, 1], [1, 0], [2, 2]])
        let error = try #require(throws: EstimatorError.self) {
            try LogisticRegression().fit(x, Array(repeating: Self.hugeLabel, count: 3))
        }
        #expect(error == .singleClass(label: Self.hugeLabel))
        #expect(error.description.utf8.count < Self.bound)
        #expect(error.description.contains("(10000000 bytes)"))
    }

    @Test func anUnknownHugeLabelIsQuotedShort() throws {
        let error = try #require(throws: EstimatorError.self) {
            try LabelEncoding.indices(of: ["a", Self.hugeLabel], in: ["a", "b"])
        }
        #expect(error == .unknownLabel(Self.hugeLabel))
        #expect(error.description.utf8.count < Self.bound)
        #expect(error.description.hasPrefix("unknown class label \"LLLL"))
    }

    @Test func hugeHyperparameterValueIsCut() {
        let error = EstimatorError.invalidHyperparameter(name: "solver", value: Self.hugeLabel, reason: "unknown solver")
        #expect(error.description.utf8.count < Self.bound)
        // Short values read as before, bare.
        #expect(EstimatorError.invalidHyperparameter(name: "C", value: "0.0", reason: "must be positive").description
            == "invalid hyperparameter C = 0.0: must be positive")
    }

    @Test func datasetErrorsQuoteBoundedValuesAndLists() throws {
        let messages = [
            DatasetError.unknownColumn(name: Self.hugeLabel, available: Self.manyNames).description,
            DatasetError.nonNumericValue(row: 2, column: Self.hugeLabel, text: Self.hugeLabel).description,
            DatasetError.missingValue(row: 2, column: Self.hugeLabel).description,
            DatasetError.unknownDataset(name: Self.hugeLabel, available: Self.manyNames).description,
        ]
        for message in messages { #expect(message.utf8.count < Self.bound, "\(message.prefix(200))") }
        #expect(messages[0].contains("… and 99992 more"))
        #expect(messages[3].contains("… and 99992 more"))
    }

    @Test func aCSVFileWithAHugeLabelColumnNameIsRefusedShort() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brine-bounded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("wide.csv")
        let header = Self.manyNames.prefix(20_000).joined(separator: ",")
        try Data((header + "\n" + Array(repeating: "1", count: 20_000).joined(separator: ",") + "\n").utf8).write(to: url)
        let error = try #require(throws: DatasetError.self) {
            try CSVLoader(targetColumn: Self.hugeLabel).load(url, labels: String.self)
        }
        #expect(error.description.utf8.count < Self.bound)
        #expect(error.description.contains("… and 19992 more"))
    }

    @Test func aStratifiedSplitNamesAHugeClassShort() throws {
        let targets = ["a", "a", "b", "b", Self.hugeLabel]
        let error = try #require(throws: DatasetError.self) {
            try TrainTestSplit.indices(for: targets, testFraction: 0.4, seed: 1, stratified: true)
        }
        #expect(error.description.utf8.count < Self.bound)
        #expect(error.description.contains("(10000000 bytes)"))
    }
}
