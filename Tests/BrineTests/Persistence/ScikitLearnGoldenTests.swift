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
