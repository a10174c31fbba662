import Foundation
import Testing
@testable import Brine

@Suite struct PersistenceRoundTripTests {
    init() { TestRegistry.register() }

    @Test func uncompressedRoundTripIsBitForBit() throws {
        let folder = try TemporaryFolder()
        let model = TestModel.make(rows: 5, columns: 7)
        let url = folder.file("m.brine")
        try model.save(to: url, metadata: ["dataset": "iris", "commit": "abc123"])
        let loaded = try TestModel.load(from: url)
        #expect(loaded == model)
        #expect(loaded.weights.elementsEqual(model.weights) { $0.bitPattern == $1.bitPattern })
        let archive = try ModelArchive(contentsOf: url)
        #expect(archive.arrays == (try model.archive()).arrays)
        #expect(archive.fitStatistics == ["samples": 150, "seconds": 0.125])
        #expect(archive.featureNames == model.featureNames)
        #expect(archive.hyperparameters["note"] == .string(model.note))
        // Loaded arrays borrow the file buffer (no per-array copy).
        #expect(loaded.weights.isBorrowed)
    }

    @Test(arguments: [1, 3, 9]) func gzipRoundTrip(level: Int) throws {
        let folder = try TemporaryFolder()
        let model = TestModel.make(rows: 300, columns: 40)
        let url = folder.file("m.brine")
        try model.save(to: url, compression: .gzip(level: level))
        let bytes = Array(try Data(contentsOf: url))
        #expect(bytes[0] == 0x1f && bytes[1] == 0x8b)
        #expect(try TestModel.load(from: url) == model)
        #expect(throws: PersistenceError.unsupportedOption("memoryMap needs an uncompressed file; \(url.path) is gzip-compressed")) {
            try TestModel.load(from: url, memoryMap: true)
        }
    }

    @Test func gzSuffixCompressesByDefaultAndMultiMemberStreamsWork() throws {
        let folder = try TemporaryFolder()
        // 2,000 × 600 doubles = 9.6 MB: three independent gzip members.
        let model = TestModel.make(rows: 2_000, columns: 600)
        let url = folder.file("m.brine.gz")
        try model.save(to: url)
        let info = try Brine.inspect(url)
        #expect(info.compressed)
        #expect(info.uncompressedSize > Gzip.memberSize * 2)
        #expect(try TestModel.load(from: url) == model)
        // Python's gzip module reads the multi-member stream as one.
        let plain = folder.file("plain.brine")
        try model.save(to: plain)
        let result = try runProcess(["python3", "-c", "import gzip,sys; sys.stdout.write(str(gzip.open(sys.argv[1]).read() == open(sys.argv[2],'rb').read()))", url.path, plain.path])
        #expect(result == "True")
    }

    @Test func gzipLevelOutsideRangeIsRejected() throws {
        let folder = try TemporaryFolder()
        #expect(throws: PersistenceError.unsupportedOption("gzip level 10 is outside 1...9")) {
            try TestModel.make().save(to: folder.file("m.brine"), compression: .gzip(level: 10))
        }
    }

    @Test func memoryMappedLoadBorrowsTheMappingAndOutlivesTheFile() throws {
        let folder = try TemporaryFolder()
        let model = TestModel.make(rows: 64, columns: 64)
        let url = folder.file("m.brine")
        try model.save(to: url)
        for verify in [true, false] {
            let loaded = try TestModel.load(from: url, memoryMap: true, verifyChecksums: verify)
            #expect(loaded == model)
            #expect(loaded.weights.isBorrowed)
        }
        let archive = try ModelArchive(contentsOf: url, memoryMap: true, verifyChecksums: false)
        #expect(archive.validatesArrayContents == false)
        #expect(try ModelArchive(contentsOf: url, memoryMap: true).validatesArrayContents)
        let loaded = try TestModel.load(from: url, memoryMap: true)
        try FileManager.default.removeItem(at: url)
        #expect(loaded.weights.reduce(0, +) == model.weights.reduce(0, +))
    }

    @Test func safetensorsOpensAnUncompressedFile() throws {
        let folder = try TemporaryFolder()
        let model = TestModel.make(rows: 3, columns: 4)
        let url = folder.file("m.brine")
        try model.save(to: url)
        let script = """
        import sys, json
        from safetensors.numpy import load_file
        from safetensors import safe_open
        t = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="np") as f:
            meta = json.loads(f.metadata()["brine"])
        print(json.dumps({"weights": t["weights"].ravel().tolist(), "shape": list(t["weights"].shape),
                          "counts": [int(v) for v in t["counts"]], "type": meta["model"]["type"]}))
        """
        let output = try runProcess(["python3", "-c", script, url.path])
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(output.utf8))
        #expect(json["weights"]?.arrayValue?.compactMap(\.doubleValue) == model.weights.array)
        #expect(json["shape"] == [3, 4])
        #expect(json["counts"]?.arrayValue?.compactMap(\.intValue) == model.counts.map { Int($0) })
        #expect(json["type"] == "BrineTestModel")
    }

    @Test func layoutIsAlignedSortedAndContiguous() throws {
        let bytes = try savedBytes(TestModel.make())
        var length = 0
        for index in 0..<8 { length |= Int(bytes[index]) << (8 * index) }
        #expect((8 + length) % 8 == 0)
        let parts = try HeaderSurgery.split(bytes)
        let entries = parts.table.map { (name: $0.key, dtype: $0.value["dtype"]?.stringValue ?? "", begin: $0.value["data_offsets"]?.arrayValue?[0].intValue ?? -1) }
            .sorted { $0.begin < $1.begin }
        // Element size descending, then name.
        #expect(entries.map(\.name) == ["counts", "weights", "floats", "indices", "bytes"])
        let sizes = ["F64": 8, "I64": 8, "F32": 4, "I32": 4, "U8": 1]
        for entry in entries { #expect(entry.begin % (sizes[entry.dtype] ?? 1) == 0) }
        #expect(parts.manifest["formatVersion"] == .string(Brine.formatVersion))
        #expect(parts.manifest["libraryVersion"] == .string(Brine.libraryVersion))
        #expect(Brine.formatVersion == "1.0" && Brine.libraryVersion == "0.2.0")
    }

    @Test func nestedModelsStoreArraysWithStepPrefixes() throws {
        let inner = TestComposite(parts: [("deep", TestModel.make(rows: 1, columns: 2, seed: 3))])
        let composite = TestComposite(parts: [("first", TestModel.make(rows: 2, columns: 2, seed: 2)), ("second", inner)])
        let folder = try TemporaryFolder()
        let url = folder.file("c.brine")
        try composite.save(to: url)
        let info = try Brine.inspect(url)
        let names = Set(info.arrays.map(\.name))
        #expect(names.contains("first.weights") && names.contains("second.deep.weights"))
        #expect(info.model.steps.map(\.name) == ["first", "second"])
        #expect(info.model.steps[1].steps.map(\.typeName) == ["BrineTestModel"])
        let loaded = try #require(try Brine.load(from: url) as? TestComposite)
        #expect(loaded.parts.map(\.0) == ["first", "second"])
        #expect(loaded.parts[0].1 as? TestModel == TestModel.make(rows: 2, columns: 2, seed: 2))
        let loadedInner = try #require(loaded.parts[1].1 as? TestComposite)
        #expect(loadedInner.parts[0].1 as? TestModel == TestModel.make(rows: 1, columns: 2, seed: 3))
        #expect(try ModelArchive(contentsOf: url) == (try composite.archive()))
    }

    @Test func typedLoadRejectsOtherTypes() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("c.brine")
        try TestComposite(parts: []).save(to: url)
        #expect(throws: PersistenceError.wrongModelType(expected: "BrineTestModel", actual: "BrineTestComposite")) {
            try TestModel.load(from: url)
        }
        let other = folder.file("m.brine")
        try TestModel.make().save(to: other)
        let parts = try HeaderSurgery.split(Array(try Data(contentsOf: other)))
        var manifest = parts.manifest
        var node = manifest["model"]?.objectValue ?? [:]
        node["labelType"] = "String"
        manifest["model"] = .object(node)
        try Data(HeaderSurgery.join(.init(table: parts.table, manifest: manifest, data: parts.data))).write(to: other)
        #expect(throws: PersistenceError.labelTypeMismatch(expected: "Int", actual: "String")) { try TestModel.load(from: other) }
    }

    @Test func existingFileIsNotOverwrittenUnlessAsked() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("m.brine")
        try TestModel.make(seed: 1).save(to: url)
        #expect(throws: PersistenceError.fileExists(path: url.path)) { try TestModel.make(seed: 2).save(to: url) }
        #expect(try TestModel.load(from: url) == TestModel.make(seed: 1))
        try TestModel.make(seed: 2).save(to: url, overwrite: true)
        #expect(try TestModel.load(from: url) == TestModel.make(seed: 2))
        #expect(folder.contents == ["m.brine"])
    }

    @Test func emptyArraysAndModelsWithoutArraysRoundTrip() throws {
        let folder = try TemporaryFolder()
        let url = folder.file("e.brine")
        let model = TestModel.make(rows: 0, columns: 0)
        try model.save(to: url)
        #expect(try TestModel.load(from: url) == model)
        try TestComposite(parts: []).save(to: folder.file("c.brine"))
        #expect(try Brine.load(from: folder.file("c.brine")) is TestComposite)
    }

    @Test func invalidNamesAndNonFiniteMetadataAreRejectedBeforeWriting() throws {
        let folder = try TemporaryFolder()
        var archive = ModelArchive(typeName: "BrineTestModel", layoutVersion: 1)
        archive.setArray("a.b", .float64([1]))
        #expect(throws: PersistenceError.self) { try archive.write(to: folder.file("x.brine")) }
        #expect(throws: PersistenceError.self) {
            try TestModel.make().save(to: folder.file("y.brine"), metadata: ["bad": .double(.nan)])
        }
        #expect(folder.contents.isEmpty)
    }
}

/// Runs a command and returns its standard output; throws when it fails.
@discardableResult
func runProcess(_ arguments: [String], currentDirectory: URL? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ProcessFailure(status: process.terminationStatus, stderr: String(decoding: errorData, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}

struct ProcessFailure: Error, CustomStringConvertible {
    var status: Int32
    var stderr: String
    var description: String { "process exited with \(status): \(stderr)" }
}
