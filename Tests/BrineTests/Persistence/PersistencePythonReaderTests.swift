import Foundation
import Testing
@testable import Brine

/// The Python reader (numpy + safetensors only) reproduces Swift's outputs.
@Suite struct PersistencePythonReaderTests {
    static let input: Matrix = {
        var generator = SplitMix64(seed: 5)
        let rows = (0..<25).map { _ in (0..<3).map { _ in Double(generator.next() % 20_000) / 1000.0 - 10.0 } }
        return (try? Matrix(rows)) ?? Matrix(rows: 0, columns: 3, repeating: 0)
    }()

    static let scaler = StubScaler(mean: [0.5, -1.25, 2.0], scale: [3.0, 0.7, 1.9], featureCount: 3)

    @Test func scaler() throws {
        try PythonReader.compare(model: Self.scaler, input: Self.input)
        try PythonReader.compare(model: StubScaler(mean: nil, scale: [2, 4, 8], featureCount: 3), input: Self.input)
    }

    @Test func binaryAndMulticlassLogisticRegression() throws {
        let binary = StubLogistic<Int>(classes: [0, 1], coefficients: [[0.8, -1.1, 0.3]], intercepts: [0.2])
        try PythonReader.compare(model: binary, input: Self.input)
        let multi = StubLogistic<String>(
            classes: ["setosa", "versicolor", "virginica"],
            coefficients: [[0.4, -0.2, 0.1], [-0.3, 0.5, 0.25], [0.05, 0.1, -0.6]], intercepts: [0.1, -0.2, 0.3])
        try PythonReader.compare(model: multi, input: Self.input)
    }

    @Test func randomForest() throws {
        // Tree 0 (nodes 0-2): feature 0 ≤ 0.0. Tree 1 (nodes 3-7, local 0-4): feature 1 ≤ 1.5, else feature 2 ≤ -2.0.
        let forest = StubForest<Int>(
            classes: [3, 7, 9], featureCount: 3, treeOffsets: [0, 3, 8],
            left: [1, -1, -1, 1, -1, 3, -1, -1], right: [2, -1, -1, 2, -1, 4, -1, -1],
            features: [0, -1, -1, 1, -1, 2, -1, -1], thresholds: [0.0, 0, 0, 1.5, 0, -2.0, 0, 0],
            values: [[0, 0, 0], [0.5, 0.25, 0.25], [0.1, 0.2, 0.7], [0, 0, 0], [1, 0, 0], [0, 0, 0], [0.2, 0.8, 0], [0, 0.4, 0.6]])
        try PythonReader.compare(model: forest, input: Self.input)
    }

    @Test func pipelineOfScalerAndLogisticRegression() throws {
        let pipeline = StubPipeline<Int>(
            transformers: [("scaler", Self.scaler)],
            final: ("classifier", StubLogistic<Int>(classes: [1, 2, 5], coefficients: [[1, 2, 3], [-1, 0.5, 0], [0.2, -0.2, 0.9]], intercepts: [0, 0.5, -0.5])))
        try PythonReader.compare(model: pipeline, input: Self.input)
        let folder = try TemporaryFolder()
        try pipeline.save(to: folder.file("p.brine"))
        let names = try Brine.inspect(folder.file("p.brine")).arrays.map(\.name).sorted()
        #expect(names == ["classifier.coefficients", "classifier.intercepts", "scaler.mean", "scaler.scale", "scaler.variance"])
    }

    @Test func readerRefusesDamagedFiles() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("s.brine")
        try Self.scaler.save(to: url)
        var bytes = Array(try Data(contentsOf: url))
        bytes[bytes.count - 2] ^= 1
        try Data(bytes).write(to: url)
        try "1,2,3\n".write(to: folder.file("in.csv"), atomically: true, encoding: .utf8)
        #expect(throws: ProcessFailure.self) { try runProcess(PythonReader.command(["predict", url.path, folder.file("in.csv").path])) }
    }
}
