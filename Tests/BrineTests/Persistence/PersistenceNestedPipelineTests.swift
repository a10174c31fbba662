import Brine
import Foundation
import Testing

/// A pipeline inside a pipeline, with real estimators, through real files: bit-for-bit outputs and
/// the same manifest from every way of loading, and the Python reader agrees.
@Suite struct PersistenceNestedPipelineTests {
    static func fitted() throws -> (PipelineModel<String>, Matrix) {
        let (train, test) = try BundledDatasets.loadSplit("wine")
        let names = try #require(train.targetNames)
        let pipeline = Pipeline<String>(steps: [
            ("preprocess", .transformer(Pipeline<Never>(steps: [("scaler", .transformer(StandardScaler()))]))),
            ("forest", .classifier(RandomForestClassifier(nEstimators: 15, criterion: .entropy, seed: 8))),
        ])
        let model = try pipeline.fit(train.features, train.targets.map { names[$0] }, featureNames: train.featureNames)
        return (model, test.features)
    }

    @Test func nestedPipelineRoundTripsBitForBit() throws {
        let (model, x) = try Self.fitted()
        let expected = try model.predictProbabilities(x)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nested-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("nested.brine"), zipped = folder.appendingPathComponent("nested.brine.gz")
        try model.save(to: plain)
        try model.save(to: zipped)
        let original = try model.archive()
        for (url, memoryMap) in [(plain, false), (plain, true), (zipped, false)] {
            let loaded = try PipelineModel<String>.load(from: url, memoryMap: memoryMap)
            let probabilities = try loaded.predictProbabilities(x)
            #expect(probabilities.elements.elementsEqual(expected.elements) { $0.bitPattern == $1.bitPattern })
            #expect(try loaded.predict(x) == model.predict(x))
            #expect(loaded.stepNames == ["preprocess", "forest"])
            #expect(try loaded.archive() == original, "same manifest and arrays after loading \(url.lastPathComponent)")
        }
        let info = try Brine.inspect(plain)
        #expect(info.model.steps.map { $0.name } == ["preprocess", "forest"])
        #expect(info.model.steps.first?.steps.map { $0.typeName } == ["StandardScaler"])
    }

    @Test func pythonReaderHandlesNestedPipelines() throws {
        let (model, x) = try Self.fitted()
        try compareAsClassifier(model, x)
    }

    private func compareAsClassifier<Model: Classifier>(_ model: Model, _ input: Matrix) throws {
        try PythonReader.compare(model: model, input: input)
    }
}
