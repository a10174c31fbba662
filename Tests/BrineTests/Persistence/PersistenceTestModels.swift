import Foundation
import Testing
@testable import Brine

/// A test-only persistable model holding one array of every dtype, classes, feature names,
/// hyperparameters, statistics and attributes. Its decoder validates like a real model's.
struct TestModel: Persistable, Equatable {
    static let modelTypeName = "BrineTestModel"
    static let modelLayoutVersion = 1
    static var modelLabelTypeName: String? { Int.labelTypeName }

    var rows: Int
    var columns: Int
    var weights: DenseArray<Double>
    var floats: DenseArray<Float>
    var counts: DenseArray<Int64>
    var indices: DenseArray<Int32>
    var bytes: DenseArray<UInt8>
    var classes: [Int]
    var note: String
    var featureNames: [String]?

    /// A deterministic model whose weights hold `rows × columns` doubles.
    static func make(rows: Int = 3, columns: Int = 4, seed: UInt64 = 1) -> TestModel {
        var generator = TestSplitMix64(seed: seed)
        let weights = DenseArray<Double>((0..<(rows * columns)).map { _ in Double(generator.next() % 2_000_001) / 1000.0 - 1000.0 + 0.1 })
        return TestModel(
            rows: rows, columns: columns, weights: weights,
            floats: [1.5, -2.25, 3.0e-7],
            counts: [Int64.max, Int64.min, 0, 42],
            indices: DenseArray((0..<(rows * 2)).map { Int32($0 % max(1, rows * columns)) }),
            bytes: [0, 1, 255, 7, 9],
            classes: [0, 1, 2], note: "café ☕ \"quoted\"",
            featureNames: (0..<columns).map { "feature \($0)" })
    }

    func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = ["note": .string(note), "scale": 0.25, "flag": true, "nested": ["a": [1, 2, nil]]]
        archive.featureNames = featureNames
        try archive.setClasses(classes)
        archive.fitStatistics = ["samples": 150, "seconds": 0.125]
        archive.attributes = ["rows": .int(rows), "columns": .int(columns)]
        archive.setArray("weights", .float64(weights), shape: [rows, columns])
        archive.setArray("floats", .float32(floats))
        archive.setArray("counts", .int64(counts))
        archive.setArray("indices", .int32(indices))
        archive.setArray("bytes", .uint8(bytes))
    }

    static func decode(from archive: ModelArchive) throws -> TestModel {
        try archive.checkType(Self.self)
        let rows = try archive.intAttribute("rows", in: 0...1 << 24)
        let columns = try archive.intAttribute("columns", in: 0...1 << 24)
        let weights = try archive.float64Array("weights", count: rows * columns)
        let indices = try archive.int32Array("indices")
        if archive.validatesArrayContents {
            if weights.contains(where: { !$0.isFinite }) { throw PersistenceError.inconsistentModel("weights are not finite") }
            if indices.contains(where: { $0 < 0 || Int($0) >= max(1, rows * columns) }) {
                throw PersistenceError.inconsistentModel("an index is out of range")
            }
        }
        guard let note = archive.hyperparameters["note"]?.stringValue else {
            throw PersistenceError.missingKey("hyperparameters.note")
        }
        return TestModel(
            rows: rows, columns: columns, weights: weights,
            floats: try archive.float32Array("floats"), counts: try archive.int64Array("counts"),
            indices: indices, bytes: try archive.uint8Array("bytes"),
            classes: try archive.decodedClasses(as: Int.self), note: note, featureNames: archive.featureNames)
    }
}

/// A test-only composite model: named children decoded through the registry, like a pipeline.
struct TestComposite: Persistable {
    static let modelTypeName = "BrineTestComposite"
    static let modelLayoutVersion = 1

    var parts: [(String, any Persistable)]

    func encode(into archive: inout ModelArchive) throws {
        archive.hyperparameters = ["steps": .array(parts.map { .string($0.0) })]
        for (name, model) in parts { try archive.appendChild(named: name, model: model) }
    }

    static func decode(from archive: ModelArchive) throws -> TestComposite {
        try archive.checkType(Self.self)
        return TestComposite(parts: try archive.children.map { ($0.name, try archive.decodeChild(named: $0.name)) })
    }
}

/// A deterministic 64-bit generator for tests.
struct TestSplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("brine-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
    deinit { try? FileManager.default.removeItem(at: url) }
}

enum TestRegistry {
    /// Registers the test-only types in the shared registry (idempotent).
    static func register() {
        ModelRegistry.shared.register(TestModel.self)
        ModelRegistry.shared.register(TestComposite.self)
    }
}

/// Rewrites a file's header (array table and manifest) and re-pads it, for hostile-file tests.
enum HeaderSurgery {
    struct Parts {
        var table: [String: JSONValue]
        var manifest: [String: JSONValue]
        var data: [UInt8]
    }

    static func split(_ bytes: [UInt8]) throws -> Parts {
        var length = 0
        for index in 0..<8 { length |= Int(bytes[index]) << (8 * index) }
        let header = try JSONDecoder().decode(JSONValue.self, from: Data(bytes[8..<(8 + length)]))
        var table = header.objectValue ?? [:]
        let manifestText = table["__metadata__"]?["brine"]?.stringValue ?? "{}"
        table["__metadata__"] = nil
        let manifest = try JSONDecoder().decode(JSONValue.self, from: Data(manifestText.utf8)).objectValue ?? [:]
        return Parts(table: table, manifest: manifest, data: Array(bytes[(8 + length)...]))
    }

    static func join(_ parts: Parts, rawManifest: String? = nil) -> [UInt8] {
        var table = parts.table
        table["__metadata__"] = .object(["brine": .string(rawManifest ?? JSONValue.object(parts.manifest).jsonText)])
        return join(headerText: JSONValue.object(table).jsonText, data: parts.data)
    }

    static func join(headerText: String, data: [UInt8]) -> [UInt8] {
        var json = Array(headerText.utf8)
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var out = (0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) }
        out += json
        out += data
        return out
    }

    static func edit(_ bytes: [UInt8], _ body: (inout Parts) throws -> Void) throws -> [UInt8] {
        var parts = try split(bytes)
        try body(&parts)
        return join(parts)
    }
}

/// Loads a file held in memory through the same path as `Brine.load`.
func loadBytes(_ bytes: [UInt8], verifyChecksums: Bool = true) throws -> any Persistable {
    let loaded = try bytes.withUnsafeBytes { try BrineFileReader.load(bytes: $0) }
    let archive = try BrineFileReader.archive(from: loaded, verifyChecksums: verifyChecksums, validatesArrayContents: true)
    return try ModelRegistry.shared.decode(archive)
}

/// The bytes of `model` saved uncompressed (or with `compression`).
func savedBytes(_ model: some Persistable, compression: Compression = .none, metadata: [String: JSONValue] = [:]) throws -> [UInt8] {
    let folder = try TemporaryFolder()
    let url = folder.file("model.brine")
    try model.save(to: url, compression: compression, metadata: metadata)
    return Array(try Data(contentsOf: url))
}
