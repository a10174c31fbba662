import Foundation
import Testing
@testable import Brine

/// Files dumped from scikit-learn by `brine.dump` (python/reference/sklearn_golden.py, which records
/// the scikit-learn version in each `.expected.json`) load in Swift and reproduce scikit-learn's
/// labels exactly and its probabilities / transformed values to 1e-12, from the library and from `brine predict`.
@Suite struct ScikitLearnGoldenTests {
    static let names = ["sklearn_scaler_wine", "sklearn_logreg_iris_string", "sklearn_pipeline_newton_breast_cancer",
                        "sklearn_pipeline_nested_wine", "sklearn_forest_breast_cancer"]

    static func file(_ name: String) throws -> URL {
        let plain = Bundle.module.url(forResource: name + ".brine", withExtension: nil, subdirectory: "Fixtures/sklearn")
        let compressed = Bundle.module.url(forResource: name + ".brine.gz", withExtension: nil, subdirectory: "Fixtures/sklearn")
        return try #require(plain ?? compressed, "missing fixture \(name)")
    }

    static func expected(_ name: String) throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: name + ".expected.json", withExtension: nil, subdirectory: "Fixtures/sklearn"))
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test(arguments: names)
    func scikitLearnFileReproducesScikitLearn(name: String) throws {
        let expected = try Self.expected(name)
        let dataset = try #require(expected["dataset"] as? String)
        let input = try BundledDatasets.loadSplit(dataset).test.features
        let model = try Brine.load(from: try Self.file(name))
        if let rows = expected["transformed"] as? [[Double]] {
            let transformer = try #require(model as? any Transformer)
            let output = try transformer.transform(input)
            try #require(output.rows == rows.count && output.columns == rows[0].count)
            for row in 0..<output.rows {
                for column in 0..<output.columns {
                    #expect(abs(output[row, column] - rows[row][column]) <= 1e-12, "\(name) [\(row), \(column)]")
                }
            }
            return
        }
        let probabilities = try #require(expected["probabilities"] as? [[Double]])
        let labels: [String]
        let computed: Matrix
        if let classifier = model as? any Classifier<Int> {
            labels = try classifier.predict(input).map(String.init)
            computed = try classifier.predictProbabilities(input)
            #expect(classifier.classes == (expected["classes"] as? [Int]))
        } else {
            let classifier = try #require(model as? any Classifier<String>)
            labels = try classifier.predict(input)
            computed = try classifier.predictProbabilities(input)
            #expect(classifier.classes == (expected["classes"] as? [String]))
        }
        let rawLabels: [Any] = try #require(expected["predictions"] as? [Any])
        let expectedLabels: [String] = rawLabels.map { "\($0)" }
        #expect(labels == expectedLabels, "\(name) labels")
        try #require(computed.rows == probabilities.count)
        for row in 0..<computed.rows {
            for column in 0..<computed.columns {
                #expect(abs(computed[row, column] - probabilities[row][column]) <= 1e-12, "\(name) [\(row), \(column)]")
            }
        }
    }

    /// Table transformers fitted by scikit-learn on the preprocessing reference table
    /// (`preprocessing_reference.json`), dumped by `brine.dump`; the expected columns are
    /// scikit-learn's `transform` of the test rows (unseen category "Atlantis" included).
    static let tableNames = ["sklearn_imputer_median_penguins", "sklearn_imputer_most_frequent_penguins",
                             "sklearn_onehot_penguins", "sklearn_ordinal_penguins",
                             "sklearn_pipeline_impute_onehot_penguins", "sklearn_column_transformer_penguins"]

    struct TableExpectation: Decodable {
        let sklearnVersion: String
        let columns: [String]
        let test_output: [PreprocessingReference.Column]
    }

    @Test(arguments: tableNames)
    func scikitLearnTableTransformerReproducesScikitLearn(name: String) throws {
        let url = try #require(Bundle.module.url(forResource: name + ".expected.json", withExtension: nil, subdirectory: "Fixtures/sklearn"))
        let expected = try JSONDecoder().decode(TableExpectation.self, from: Data(contentsOf: url))
        let test = try PreprocessingReference.load().testTable.selecting(expected.columns)
        let model = try Brine.load(from: try Self.file(name))
        let output: Table
        if let transformer = model as? any TableTransformer {
            output = try transformer.transformTable(test)
        } else {
            let pipeline = try #require(model as? PipelineModel<Never>, "\(name) is \(type(of: model))")
            output = try pipeline.transformTable(test)
        }
        PreprocessingReference.expectExactly(output, expected.test_output, "\(name) (scikit-learn \(expected.sklearnVersion))")
    }

    /// A file dumped by scikit-learn (no sample counts) is saved again by Swift and loads again.
    @Test(arguments: tableNames.prefix(4) + ["sklearn_logreg_iris_string"])
    func scikitLearnFileSavesAndLoadsAgainInSwift(name: String) throws {
        let folder = try TemporaryFolder()
        let model = try Brine.load(from: try Self.file(name))
        try model.save(to: folder.file("again.brine"))
        let again = try Brine.load(from: folder.file("again.brine"))
        #expect(type(of: again) == type(of: model))
        let original = try ModelArchive(contentsOf: try Self.file(name), memoryMap: false, verifyChecksums: true)
        let saved = try ModelArchive(contentsOf: folder.file("again.brine"), memoryMap: false, verifyChecksums: true)
        #expect(saved.attributes == original.attributes, "\(name)")
        #expect(saved.fitStatistics["samples"] == original.fitStatistics["samples"], "\(name)")
    }

    @Test func brinePredictReadsAScikitLearnFile() throws {
        let name = "sklearn_logreg_iris_string"
        let expected = try Self.expected(name)
        let test = try BundledDatasets.loadSplit("iris").test
        let folder = try TemporaryFolder()
        var csv = test.featureNames.joined(separator: ",") + "\n"
        for row in 0..<test.features.rows {
            csv += (0..<test.features.columns).map { "\(test.features[row, $0])" }.joined(separator: ",") + "\n"
        }
        try csv.write(to: folder.file("rows.csv"), atomically: true, encoding: .utf8)
        let brine = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("brine")
        let output = try runProcess([brine.path, "predict", try Self.file(name).path, "--data", folder.file("rows.csv").path, "--proba"])
        let lines = output.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let expectedLabels = try #require(expected["predictions"] as? [String])
        let probabilities = try #require(expected["probabilities"] as? [[Double]])
        #expect(lines.count == expectedLabels.count + 1)
        for (row, fields) in lines.dropFirst().enumerated() where row < expectedLabels.count {
            #expect(fields.first == expectedLabels[row])
            let values = fields.dropFirst().compactMap(Double.init)
            #expect(values.count == 3)
            for (column, value) in values.enumerated() { #expect(abs(value - probabilities[row][column]) <= 1e-12) }
        }
    }
}
