import Foundation
import Testing
@testable import Brine

/// Runs the Python package's reader (`python -m brine predict`, numpy + safetensors only) on a saved
/// model and compares its output with Swift's.
///
/// Add a case for every real model: `try PythonReader.compare(model: fitted, input: testFeatures)`.
/// Predictions must match exactly; probabilities and transformed values to 1e-12.
enum PythonReader {
    /// The repository root (found from this source file's path).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `env` arguments running `python3 -m brine <arguments>` from this source tree's python/ folder.
    static func command(_ arguments: [String]) -> [String] {
        ["PYTHONPATH=\(repositoryRoot.appendingPathComponent("python").path)", "python3", "-m", "brine"] + arguments
    }

    /// Saves `model` (uncompressed and gzip), runs the reader with `--proba` on `input`,
    /// and checks predictions (exactly) and probabilities (to `tolerance`).
    static func compare<Model: Classifier>(model: Model, input: Matrix, tolerance: Double = 1e-12,
                                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expectedLabels = try model.predict(input).map(labelText)
        let expectedProbabilities = try model.predictProbabilities(input)
        for compression in [Compression.none, .gzip(level: 3)] {
            let rows = try run(model: model, input: input, featureNames: model.featureNames, compression: compression, proba: true)
            #expect(rows.first == ["prediction"] + model.classes.map { "proba_\(labelText($0))" }, sourceLocation: sourceLocation)
            let body = Array(rows.dropFirst())
            #expect(body.count == input.rows, sourceLocation: sourceLocation)
            for (row, fields) in body.enumerated() where row < input.rows {
                #expect(fields.first == expectedLabels[row], "row \(row) prediction", sourceLocation: sourceLocation)
                let probabilities = fields.dropFirst().compactMap(Double.init)
                #expect(probabilities.count == model.classes.count, sourceLocation: sourceLocation)
                for (column, p) in probabilities.enumerated() where column < expectedProbabilities.columns {
                    let expected = expectedProbabilities[row, column]
                    #expect(abs(p - expected) <= tolerance, "row \(row) class \(column): python \(p), swift \(expected)",
                            sourceLocation: sourceLocation)
                }
            }
        }
    }

    /// Saves a transformer, runs the reader on `input`, and checks the transformed values to `tolerance`.
    static func compare<Model: Transformer>(model: Model, input: Matrix, tolerance: Double = 1e-12,
                                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try model.transform(input)
        let rows = try run(model: model, input: input, featureNames: model.featureNames, compression: .none, proba: false)
        let body = Array(rows.dropFirst())
        #expect(body.count == expected.rows, sourceLocation: sourceLocation)
        for (row, fields) in body.enumerated() where row < expected.rows {
            let values = fields.compactMap(Double.init)
            #expect(values.count == expected.columns, sourceLocation: sourceLocation)
            for (column, value) in values.enumerated() where column < expected.columns {
                #expect(abs(value - expected[row, column]) <= tolerance, "row \(row) column \(column)", sourceLocation: sourceLocation)
            }
        }
    }

    static func labelText<Label: ClassLabel>(_ label: Label) -> String {
        if let string = label as? String { return string }
        return "\(label)"
    }

    /// Saves the model, writes the input CSV (header: the model's feature names, else `f0, f1, …`,
    /// which the reader applies positionally), runs the reader, and returns the CSV rows it printed.
    static func run(model: some Persistable, input: Matrix, featureNames: [String]?, compression: Compression,
                    proba: Bool) throws -> [[String]] {
        let folder = try TemporaryFolder()
        let modelURL = folder.file(compression == .none ? "model.brine" : "model.brine.gz")
        try model.save(to: modelURL, compression: compression)
        var csv = (featureNames ?? (0..<input.columns).map { "f\($0)" }).joined(separator: ",") + "\n"
        for row in 0..<input.rows {
            csv += (0..<input.columns).map { "\(input[row, $0])" }.joined(separator: ",") + "\n"
        }
        let inputURL = folder.file("input.csv")
        try csv.write(to: inputURL, atomically: true, encoding: .utf8)
        let output = try runProcess(command(["predict", modelURL.path, inputURL.path] + (proba ? ["--proba"] : [])))
        return output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
