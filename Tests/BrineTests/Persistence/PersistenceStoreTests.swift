import Foundation
import Testing
@testable import Brine

@Suite struct PersistenceStoreTests {
    init() { TestRegistry.register() }

    @Test func versionedNameFormatsAndParses() throws {
        let date = Date(timeIntervalSince1970: 1_795_342_500)  // 2026-11-22T10:15:00Z
        let name = try VersionedName(name: "churn_model", version: SemanticVersion("1.2.0"), timestamp: date)
        #expect(name.fileName == "churn_model_v1.2.0_20261122T101500Z.brine")
        let parsed = try VersionedName(fileName: "churn_model_v1.2.0_20261122T101500Z.brine")
        #expect(parsed == name)
        let expectedVersion = try SemanticVersion(major: 1, minor: 2)
        #expect(parsed.name == "churn_model" && parsed.version == expectedVersion)
        let gz = try VersionedName(fileName: "m_v0.0.1_20000101T000000Z.brine.gz")
        #expect(gz.compressed && gz.fileName == "m_v0.0.1_20000101T000000Z.brine.gz")
        for bad in ["m_v1.2_20261122T101500Z.brine", "m_1.2.0_20261122T101500Z.brine", "m_v1.2.0_20261322T101500Z.brine",
                    "m_v1.2.0_20261122T101500Z.txt", "v1.2.0_20261122T101500Z.brine", "m_v1.2.0_2026-11-22.brine"] {
            #expect(throws: PersistenceError.self) { try VersionedName(fileName: bad) }
        }
    }

    @Test func semanticVersionsOrderNumerically() throws {
        let versions = try ["1.10.0", "1.9.3", "0.1.0", "1.9.10", "2.0.0", "v1.9.2"].map { try SemanticVersion($0) }
        #expect(versions.sorted().map(\.description) == ["0.1.0", "1.9.2", "1.9.3", "1.9.10", "1.10.0", "2.0.0"])
        #expect(throws: PersistenceError.self) { try SemanticVersion("1.2") }
        #expect(throws: PersistenceError.self) { try SemanticVersion("1.-2.0") }
        #expect(throws: PersistenceError.self) { try SemanticVersion("a.b.c") }
    }

    @Test func storeSavesListsLoadsAndRollsBack() throws {
        let folder = try TemporaryFolder()
        let store = ModelStore(directory: folder.url.appendingPathComponent("models"), name: "churn")
        #expect(try store.versions().isEmpty)
        #expect(throws: PersistenceError.self) { try store.loadLatest(as: TestModel.self) }
        try store.save(TestModel.make(seed: 1), version: "1.0.0", metadata: ["auc": 0.91])
        try store.save(TestModel.make(seed: 2), version: "1.2.0", metadata: ["auc": 0.93])
        try store.save(TestModel.make(seed: 3), version: "1.10.0", metadata: ["auc": 0.95], compression: .gzip(level: 3))
        #expect(throws: PersistenceError.self) { try store.save(TestModel.make(seed: 4), version: "1.9.0") }

        let versions = try store.versions()
        #expect(versions.map(\.version.description) == ["1.0.0", "1.2.0", "1.10.0"])
        #expect(versions.map(\.metadata) == [["auc": 0.91], ["auc": 0.93], ["auc": 0.95]])
        #expect(versions.last?.info.compressed == true)
        #expect(try store.loadLatest(as: TestModel.self) == TestModel.make(seed: 3))
        #expect(try store.load(version: SemanticVersion("1.2.0"), as: TestModel.self) == TestModel.make(seed: 2))
        #expect(throws: PersistenceError.self) { try store.load(version: SemanticVersion("3.0.0"), as: TestModel.self) }

        let newLatest = try store.rollBack()
        #expect(newLatest.version.description == "1.2.0")
        #expect(try store.loadLatest(as: TestModel.self) == TestModel.make(seed: 2))
        #expect(try store.versions().count == 2)
        // The retired file is kept, renamed.
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory.path)
        #expect(files.filter { $0.hasSuffix(ModelStore.rolledBackSuffix) }.count == 1)
        try store.rollBack()
        #expect(throws: PersistenceError.self) { try store.rollBack() }
        #expect(try store.loadLatest(as: TestModel.self) == TestModel.make(seed: 1))
        // Another model name in the same folder is not listed.
        try ModelStore(directory: store.directory, name: "other").save(TestModel.make(), version: "9.0.0")
        #expect(try store.versions().count == 1)
    }
}

@Suite struct PersistenceInspectTests {
    init() { TestRegistry.register() }

    @Test func inspectReadsTheHeaderOnly() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("m.brine")
        let model = TestModel.make(rows: 3, columns: 4)
        try model.save(to: url, metadata: ["owner": "data-team", "tags": ["a", "b"]])
        let info = try Brine.inspect(url)
        #expect(info.typeName == "BrineTestModel" && info.labelTypeName == "Int")
        #expect(info.formatVersion == "1.0" && info.libraryVersion == Brine.libraryVersion)
        #expect(info.featureNames == model.featureNames)
        #expect(info.classes == [0, 1, 2])
        #expect(info.metadata == ["owner": "data-team", "tags": ["a", "b"]])
        #expect(info.fitStatistics == ["samples": 150, "seconds": 0.125])
        #expect(info.hyperparameters["note"] == .string(model.note))
        #expect(!info.compressed)
        #expect(info.fileSize == (try Data(contentsOf: url)).count)
        let weights = try #require(info.arrays.first { $0.name == "weights" })
        #expect(weights.dtype == "F64" && weights.shape == [3, 4] && weights.byteCount == 96)
        #expect(info.description.contains("BrineTestModel<Int>"))
        #expect(info.description.contains("weights  F64 [3×4]  96 bytes"))
        // Codable round trip.
        let decoded = try JSONDecoder().decode(ModelInfo.self, from: JSONEncoder().encode(info))
        #expect(decoded == info)
        // Damaged array bytes do not matter to inspect (it never reads them) …
        var bytes = Array(try Data(contentsOf: url))
        bytes[bytes.count - 1] ^= 0xff
        try Data(bytes).write(to: url)
        #expect(try Brine.inspect(url) == info)
        // … but a load notices.
        #expect(throws: PersistenceError.checksumMismatch(array: "bytes")) { try Brine.load(from: url) }
    }

    @Test func inspectOnGzipDecompressesOnlyTheHeader() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("m.brine.gz")
        try TestModel.make(rows: 500, columns: 500).save(to: url)
        // Cut the file: the header is in the first few bytes, so inspect still works …
        var bytes = Array(try Data(contentsOf: url))
        bytes = Array(bytes.prefix(bytes.count / 3))
        try Data(bytes).write(to: url)
        let info = try Brine.inspect(url)
        #expect(info.compressed && info.uncompressedSize > 2_000_000)
        #expect(info.arrays.contains { $0.name == "weights" && $0.shape == [500, 500] })
        // … and a load reports the truncation.
        #expect(throws: PersistenceError.self) { try Brine.load(from: url) }
    }
}
