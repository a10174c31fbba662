import Foundation
import Testing
@testable import Brine

/// The walkthrough "train in scikit-learn, serve in Swift" (docs/PYTHON.md) runs as written:
/// `python/examples/train_in_sklearn.py` trains with scikit-learn and `brine.dump`s a forest and a
/// pipeline; Swift loads them and answers the test rows as scikit-learn did (the forest bit for bit,
/// the logistic pipeline to 1e-12), from the library and from `brine predict`.
@Suite struct ScikitLearnWalkthroughTests {
    struct Expected: Decodable {
        struct Outputs: Decodable {
            let predictions: [Int]
            let probabilities: [[Double]]
        }
        let sklearnVersion: String
        let forest: Outputs
        let logreg: Outputs
    }

    @Test func scikitLearnModelsServeTheSameAnswersInSwift() throws {
        let folder = try TemporaryFolder()
        let script = PythonReader.repositoryRoot.appendingPathComponent("python/examples/train_in_sklearn.py")
        try runProcess(["python3", script.path, folder.url.path])
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.file("expected.json")))
        let test = try BundledDatasets.loadSplit("breast_cancer").test
        for (name, outputs, tolerance) in [("forest", expected.forest, 0.0), ("logreg", expected.logreg, 1e-12)] {
            let model = try #require(try Brine.load(from: folder.file(name + ".brine")) as? any Classifier<Int>)
            #expect(try model.predict(test.features) == outputs.predictions, "\(name), scikit-learn \(expected.sklearnVersion)")
            let probabilities = try model.predictProbabilities(test.features)
            try #require(probabilities.rows == outputs.probabilities.count)
            var worst = 0.0
            for row in 0..<probabilities.rows {
                for column in 0..<probabilities.columns {
                    worst = max(worst, abs(probabilities[row, column] - outputs.probabilities[row][column]))
                }
            }
            #expect(worst <= tolerance, "\(name): probabilities differ from scikit-learn's by \(worst)")
        }
        // The command line serves the forest the same way.
        var csv = test.featureNames.joined(separator: ",") + "\n"
        for row in 0..<test.features.rows {
            csv += (0..<test.features.columns).map { "\(test.features[row, $0])" }.joined(separator: ",") + "\n"
        }
        try csv.write(to: folder.file("rows.csv"), atomically: true, encoding: .utf8)
        let brine = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("brine")
        let lines = try runProcess([brine.path, "predict", folder.file("forest.brine").path, "--data", folder.file("rows.csv").path])
            .split(separator: "\n").dropFirst()
        #expect(lines.map { Int($0.split(separator: ",")[0]) } == expected.forest.predictions)
    }
}
