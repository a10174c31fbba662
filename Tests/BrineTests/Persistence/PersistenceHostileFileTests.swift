import Foundation
import Testing
@testable import Brine

/// One named test per kind of damage; each must throw the typed error that names it.
@Suite struct PersistenceHostileFileTests {
    let valid: [UInt8]
    init() throws {
        TestRegistry.register()
        valid = try savedBytes(TestModel.make(rows: 4, columns: 3))
    }

    func expectError(_ bytes: [UInt8], _ matches: (PersistenceError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try loadBytes(bytes)
            Issue.record("loaded a damaged file", sourceLocation: sourceLocation)
        } catch let error as PersistenceError {
            #expect(matches(error), "unexpected error \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("untyped error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func truncatedFile() throws {
        expectError(Array(valid.prefix(5))) { if case .truncated = $0 { return true }; return false }
        expectError(Array(valid.prefix(40))) { if case .truncated = $0 { return true }; return false }
        expectError(Array(valid.dropLast(3))) { if case .truncated = $0 { return true }; return false }
        let folder = try TemporaryFolder()
        try Data(valid.dropLast(8)).write(to: folder.file("t.brine"))
        #expect(throws: PersistenceError.truncated("the arrays need \(try HeaderSurgery.split(valid).data.count) data bytes but the file holds \(try HeaderSurgery.split(valid).data.count - 8)")) {
            try TestModel.load(from: folder.file("t.brine"), memoryMap: true)
        }
    }

    @Test func headerLengthBeyondTheFile() {
        var bytes = valid
        bytes[0...7] = [0xff, 0xff, 0x00, 0x00, 0, 0, 0, 0][...]
        expectError(bytes) { if case .truncated = $0 { return true }; return false }
    }

    @Test func headerLengthOverTheCap() {
        var bytes = valid
        bytes[0...7] = [0, 0, 0, 0, 1, 0, 0, 0][...]
        expectError(bytes) { $0 == .invalidHeader("header length 4294967296 exceeds the limit of 100000000 bytes") }
    }

    @Test func headerNotUTF8() {
        var bytes = valid
        bytes[10] = 0xff
        expectError(bytes) { $0 == .invalidHeader("the header is not valid UTF-8") }
    }

    @Test func headerNotJSON() {
        let bytes = HeaderSurgery.join(headerText: "{\"__metadata__\": [1, 2", data: [])
        expectError(bytes) { if case let .invalidHeader(m) = $0 { return m.hasPrefix("the header is not valid JSON") }; return false }
        let manifest = try? HeaderSurgery.join(HeaderSurgery.split(valid), rawManifest: "{not json")
        expectError(manifest ?? []) { if case let .invalidHeader(m) = $0 { return m.hasPrefix("the manifest (__metadata__.brine) is not valid JSON") }; return false }
    }

    @Test func missingKeys() throws {
        expectError(try HeaderSurgery.edit(valid) { $0.manifest["checksums"] = nil }) { $0 == .missingKey("checksums") }
        expectError(try HeaderSurgery.edit(valid) { parts in
            var model = parts.manifest["model"]?.objectValue ?? [:]
            model["type"] = nil
            parts.manifest["model"] = .object(model)
        }) { $0 == .missingKey("model.type") }
        let noMetadata = HeaderSurgery.join(headerText: "{}", data: [])
        expectError(noMetadata) { $0 == .missingKey("__metadata__") }
    }

    @Test func unknownKeys() throws {
        expectError(try HeaderSurgery.edit(valid) { $0.manifest["surprise"] = 1 }) { $0 == .invalidHeader("unknown key surprise") }
        expectError(try HeaderSurgery.edit(valid) { parts in
            var model = parts.manifest["model"]?.objectValue ?? [:]
            model["extra"] = true
            parts.manifest["model"] = .object(model)
        }) { $0 == .invalidHeader("unknown key model.extra") }
        expectError(try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["bytes"]?.objectValue ?? [:]
            entry["endian"] = "big"
            parts.table["bytes"] = .object(entry)
        }) { $0 == .invalidArrayTable("entry bytes has an unknown key endian") }
    }

    @Test func unknownModelType() throws {
        let bytes = try HeaderSurgery.edit(valid) { parts in
            var model = parts.manifest["model"]?.objectValue ?? [:]
            model["type"] = "os.system"
            parts.manifest["model"] = .object(model)
        }
        expectError(bytes) { $0 == .unknownModelType("os.system<Int>") }
    }

    @Test func dtypeOrShapeNotMatchingByteLength() throws {
        expectError(try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["weights"]?.objectValue ?? [:]
            entry["shape"] = [4, 4]
            parts.table["weights"] = .object(entry)
        }) { $0 == .invalidArrayTable("array weights: dtype F64 with shape [4, 4] needs 128 bytes but data_offsets span 96") }
        expectError(try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["weights"]?.objectValue ?? [:]
            entry["dtype"] = "F32"
            parts.table["weights"] = .object(entry)
        }) { if case .invalidArrayTable = $0 { return true }; return false }
        expectError(try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["weights"]?.objectValue ?? [:]
            entry["dtype"] = "BF16"
            parts.table["weights"] = .object(entry)
        }) { $0 == .invalidArrayTable("array weights has dtype BF16; Brine reads F64, F32, I64, I32 and U8") }
    }

    @Test func shapeProductOverflow() throws {
        expectError(try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["weights"]?.objectValue ?? [:]
            entry["shape"] = [4_294_967_296, 4_294_967_296]
            parts.table["weights"] = .object(entry)
        }) { $0 == .invalidArrayTable("the shape of array weights overflows") }
    }

    @Test func offsetsOutOfRange() throws {
        let dataCount = try HeaderSurgery.split(valid).data.count
        expectError(try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["bytes"]?.objectValue ?? [:]
            entry["data_offsets"] = [.int(dataCount), .int(dataCount + 5)]
            parts.table["bytes"] = .object(entry)
        }) { if case .invalidArrayTable = $0 { return true }; if case .truncated = $0 { return true }; return false }
        expectError(try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["bytes"]?.objectValue ?? [:]
            entry["data_offsets"] = [10, 5]
            parts.table["bytes"] = .object(entry)
        }) { $0 == .invalidArrayTable("array bytes has data_offsets [10, 5] out of order") }
    }

    @Test func overlappingOffsets() throws {
        expectError(try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["weights"]?.objectValue ?? [:]
            entry["data_offsets"] = [24, 120]
            parts.table["weights"] = .object(entry)
        }) { if case let .invalidArrayTable(message) = $0 { return message.contains("overlaps") }; return false }
    }

    @Test func offsetsLeavingHoles() throws {
        var parts = try HeaderSurgery.split(valid)
        parts.data += [UInt8](repeating: 0, count: 8)
        expectError(HeaderSurgery.join(parts)) { $0 == .invalidArrayTable("8 bytes after the last array belong to no array") }
        // Move every array 8 bytes later: a hole at the start.
        let shifted = try HeaderSurgery.edit(valid) { parts in
            for (name, value) in parts.table {
                var entry = value.objectValue ?? [:]
                let offsets = entry["data_offsets"]?.arrayValue?.compactMap(\.intValue) ?? [0, 0]
                entry["data_offsets"] = [.int(offsets[0] + 8), .int(offsets[1] + 8)]
                parts.table[name] = .object(entry)
            }
            parts.data = [UInt8](repeating: 0, count: 8) + parts.data
        }
        expectError(shifted) { if case let .invalidArrayTable(message) = $0 { return message.hasPrefix("a hole of 8 bytes") }; return false }
    }

    @Test func checksumMismatch() throws {
        var bytes = valid
        bytes[bytes.count - 1] ^= 0x40  // inside the U8 array "bytes"
        expectError(bytes) { $0 == .checksumMismatch(array: "bytes") }
        // The same file loads when verification is off (the test model's decoder still validates).
        #expect(throws: Never.self) { try loadBytes(bytes, verifyChecksums: false) }
    }

    @Test func arrayNotInManifestOrMissingFromTable() throws {
        expectError(try HeaderSurgery.edit(valid) { parts in
            var model = parts.manifest["model"]?.objectValue ?? [:]
            model["arrays"] = ["bytes", "counts", "floats", "indices"]
            parts.manifest["model"] = .object(model)
        }) { $0 == .invalidArrayTable("array weights is not listed in the manifest") }
        expectError(try HeaderSurgery.edit(valid) { parts in
            var model = parts.manifest["model"]?.objectValue ?? [:]
            model["arrays"] = ["bytes", "counts", "floats", "indices", "weights", "ghost"]
            parts.manifest["model"] = .object(model)
        }) { $0 == .missingArray("ghost") }
    }

    @Test func newerMajorFormatIsRefusedNamingBothVersions() throws {
        let bytes = try HeaderSurgery.edit(valid) { parts in
            parts.manifest["formatVersion"] = "2.0"
            parts.manifest["libraryVersion"] = "3.4.5"
        }
        expectError(bytes) { error in
            guard case let .unsupportedVersion(_, found, supported) = error else { return false }
            return found.contains("2.0") && found.contains("3.4.5") && supported.contains(Brine.formatVersion)
        }
    }

    @Test func newerMinorFormatIsAcceptedIgnoringNewKeys() throws {
        let bytes = try HeaderSurgery.edit(valid) { parts in
            parts.manifest["formatVersion"] = "1.7"
            parts.manifest["futureField"] = ["anything": 1]
            var model = parts.manifest["model"]?.objectValue ?? [:]
            model["futureModelField"] = true
            parts.manifest["model"] = .object(model)
        }
        #expect(try loadBytes(bytes) as? TestModel == TestModel.make(rows: 4, columns: 3))
    }

    @Test func modelLevelInconsistencyComesFromTheDecoder() throws {
        // Valid file structure, but an index out of range: the model's decoder rejects it.
        var parts = try HeaderSurgery.split(valid)
        let begin = parts.table["indices"]?["data_offsets"]?.arrayValue?[0].intValue ?? 0
        let end = parts.table["indices"]?["data_offsets"]?.arrayValue?[1].intValue ?? 0
        parts.data[begin + 3] = 0x7f
        let crc = parts.data[begin..<end].withUnsafeBytes { CRC32.checksum($0) }
        var checksums = parts.manifest["checksums"]?.objectValue ?? [:]
        checksums["indices"] = .int(Int(crc))
        parts.manifest["checksums"] = .object(checksums)
        expectError(HeaderSurgery.join(parts)) { $0 == .inconsistentModel("an index is out of range") }
    }

    @Test func gzipBombBeyondTheCap() throws {
        // A valid header followed by far more zeros than the header declares.
        var parts = try HeaderSurgery.split(valid)
        parts.data += [UInt8](repeating: 0, count: 4 << 20)
        let inflated = HeaderSurgery.join(parts)
        let compressed = try inflated.withUnsafeBytes { try Gzip.compressMember($0, level: 9) }
        // The header (table) still declares the small size: the extra bytes are refused.
        expectError(compressed) { if case .compressionFailure = $0 { return true }; return false }
        // A header declaring a huge array expands beyond the ratio cap.
        let huge = try HeaderSurgery.edit(valid) { parts in
            var entry = parts.table["bytes"]?.objectValue ?? [:]
            let begin = entry["data_offsets"]?.arrayValue?[0].intValue ?? 0
            entry["shape"] = [.int(1 << 36)]
            entry["data_offsets"] = [.int(begin), .int(begin + (1 << 36))]
            parts.table["bytes"] = .object(entry)
        }
        let hugeCompressed = try huge.withUnsafeBytes { try Gzip.compressMember($0, level: 9) }
        expectError(hugeCompressed) { if case let .compressionFailure(message) = $0 { return message.contains("declares") }; return false }
    }

    @Test func corruptGzipStream() throws {
        var compressed = try valid.withUnsafeBytes { try Gzip.compressMember($0, level: 6) }
        compressed[compressed.count / 2] ^= 0xff
        expectError(compressed) { error in
            switch error {
            case .compressionFailure, .truncated, .checksumMismatch, .invalidHeader, .invalidArrayTable: return true
            default: return false
            }
        }
        expectError(Array(compressed.prefix(compressed.count / 2))) { error in
            if case .truncated = error { return true }
            if case .compressionFailure = error { return true }
            return false
        }
    }

    @Test func missingFileAndDirectory() throws {
        let folder = try TemporaryFolder()
        #expect(throws: PersistenceError.fileNotFound(path: folder.file("nope.brine").path)) { try Brine.load(from: folder.file("nope.brine")) }
        #expect(throws: PersistenceError.ioFailure(path: folder.url.path, reason: "not a regular file")) { try Brine.load(from: folder.url) }
        try Data().write(to: folder.file("empty.brine"))
        #expect(throws: PersistenceError.truncated("the file is 0 bytes, shorter than the 8-byte header length")) {
            try Brine.load(from: folder.file("empty.brine"), memoryMap: true)
        }
    }
}
