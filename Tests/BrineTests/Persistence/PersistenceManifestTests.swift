import Brine
import Foundation
import Testing

/// One manifest type: what a model encodes (`ModelArchive.manifest`), what loading gives back and
/// what `Brine.inspect` reports are the same `ModelManifest` values, and `ModelInfo` encodes flat.
@Suite struct PersistenceManifestTests {
    @Test func archiveLoadedArchiveAndInspectionShareOneManifest() throws {
        let (model, _) = try PersistenceNestedPipelineTests.fitted()
        let folder = try TemporaryFolder()
        let url = folder.file("nested.brine")
        try model.save(to: url, metadata: ["owner": "tests"])
        let written = try model.archive()
        let loaded = try PipelineModel<String>.load(from: url).archive()
        let info = try Brine.inspect(url)

        #expect(loaded.manifest == written.manifest)
        #expect(info.model.manifest == written.manifest)
        #expect(info.model.manifest.typeName == "Pipeline")
        #expect(info.model.manifest.labelTypeName == "String")
        let forest = try #require(written.children.first { $0.name == "forest" })
        #expect(info.model.steps.first { $0.name == "forest" }?.manifest == forest.archive.manifest)
        #expect(forest.archive.manifest.classes?.count == 3)
        let scaler = try #require(written.children.first { $0.name == "preprocess" }?.archive.children.first)
        #expect(info.model.steps.first?.steps.first?.manifest == scaler.archive.manifest)
    }

    @Test func modelInfoEncodesAsOneFlatObjectAndDecodesBack() throws {
        let (model, _) = try PersistenceNestedPipelineTests.fitted()
        let folder = try TemporaryFolder()
        let url = folder.file("nested.brine")
        try model.save(to: url)
        let info = try Brine.inspect(url)
        let data = try JSONEncoder().encode(info.model)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["typeName", "layoutVersion", "labelTypeName", "featureNames", "classes",
                                     "hyperparameters", "fitStatistics", "attributes", "steps"])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["name"] as? String } == ["preprocess", "forest"])
        #expect(steps.last?["typeName"] as? String == "RandomForest")
        let decoded = try JSONDecoder().decode(ModelInfo.Step.self, from: data)
        #expect(decoded == info.model)
    }

    @Test func settingAKeyThroughTheArchiveChangesItsManifest() {
        var archive = ModelArchive(typeName: "StandardScaler", layoutVersion: 1)
        archive.featureNames = ["a", "b"]
        archive.attributes["count"] = .int(2)
        var expected = ModelManifest(typeName: "StandardScaler", layoutVersion: 1)
        expected.featureNames = ["a", "b"]
        expected.attributes = ["count": .int(2)]
        #expect(archive.manifest == expected)
        #expect(ModelArchive(manifest: expected) == archive)
    }
}
