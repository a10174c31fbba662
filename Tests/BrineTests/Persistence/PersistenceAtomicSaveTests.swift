import Foundation
import Testing
@testable import Brine

/// A model whose encoder fails, to check that a failed save leaves nothing behind.
struct FailingModel: Persistable {
    static let modelTypeName = "BrineFailingModel"
    static let modelLayoutVersion = 1
    func encode(into archive: inout ModelArchive) throws {
        throw PersistenceError.inconsistentModel("this model refuses to be encoded")
    }
    static func decode(from archive: ModelArchive) throws -> FailingModel { FailingModel() }
}

@Suite struct PersistenceAtomicSaveTests {
    @Test func failingEncodeLeavesTheOldFileByteIdentical() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("m.brine")
        try TestModel.make().save(to: url)
        let before = try Data(contentsOf: url)
        #expect(throws: PersistenceError.inconsistentModel("this model refuses to be encoded")) {
            try FailingModel().save(to: url, overwrite: true)
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(folder.contents == ["m.brine"])
    }

    @Test(arguments: [0, 7, 100, 5_000], [true, false])
    func writeFailureMidSaveLeavesTheOldFileAndNoTemporaryFile(failAfter: Int, anonymous: Bool) throws {
        try AtomicFileWriter.$usesAnonymousTemporaries.withValue(anonymous) { try writeFailureMidSave(failAfter: failAfter) }
    }

    func writeFailureMidSave(failAfter: Int) throws {
        let folder = try TemporaryFolder()
        for compression in [Compression.none, .gzip(level: 1)] {
            let url = folder.file("m.brine")
            try TestModel.make(seed: 1).save(to: url, overwrite: true)
            let before = try Data(contentsOf: url)
            #expect(throws: PersistenceError.self) {
                try AtomicFileWriter.$failAfterBytes.withValue(failAfter) {
                    try TestModel.make(rows: 40, columns: 40, seed: 2).save(to: url, overwrite: true, compression: compression)
                }
            }
            #expect(try Data(contentsOf: url) == before)
            #expect(folder.contents == ["m.brine"])
        }
        // A failed first save leaves no file at all.
        let fresh = folder.file("new.brine")
        #expect(throws: PersistenceError.self) {
            try AtomicFileWriter.$failAfterBytes.withValue(failAfter) { try TestModel.make(rows: 40, columns: 40).save(to: fresh) }
        }
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        #expect(folder.contents == ["m.brine"])
    }

    @Test func missingFolderIsAnIOFailure() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("no/such/dir/m.brine")
        #expect(throws: PersistenceError.self) { try TestModel.make().save(to: url) }
        do { try TestModel.make().save(to: url) } catch let error as PersistenceError {
            guard case .ioFailure = error else { Issue.record("expected ioFailure, got \(error)"); return }
        }
    }

    @Test func concurrentSavesWithoutOverwriteLetExactlyOneWin() async throws {
        let folder = try TemporaryFolder()
        let url = folder.file("race.brine")
        let results = await withTaskGroup(of: Bool.self) { group in
            for seed in 1...8 {
                group.addTask { (try? TestModel.make(rows: 30, columns: 30, seed: UInt64(seed)).save(to: url)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        #expect(folder.contents == ["race.brine"])
        #expect(throws: Never.self) { try TestModel.load(from: url) }
    }
}
