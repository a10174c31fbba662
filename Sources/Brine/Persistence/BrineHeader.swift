import Foundation

/// The parsed header of a Brine file: the safetensors array table and the Brine manifest.
///
/// Parsing validates everything that can be checked without the array bytes: sizes, the
/// array table (dtypes, shapes, offsets that tile the data section exactly), the manifest's
/// keys and versions, and that the manifest and the table name the same arrays.
struct BrineHeader: Sendable {
    /// One entry of the safetensors array table.
    struct Entry: Sendable, Equatable {
        var name: String
        var dtype: String
        var elementSize: Int
        var shape: [Int]
        var count: Int
        /// Byte offsets relative to the start of the data section.
        var begin: Int
        var end: Int
        var byteCount: Int { end - begin }
    }

    /// The largest header this build reads.
    static let maximumHeaderLength = 100_000_000

    /// The element size of each dtype a Brine file may hold.
    static let elementSizes: [String: Int] = ["F64": 8, "F32": 4, "I64": 8, "I32": 4, "U8": 1]

    /// The keys of the manifest document in format 1.x.
    static let manifestKeys: Set<String> = ["format", "formatVersion", "libraryVersion", "model", "metadata", "checksums"]

    /// The JSON header length N (the first 8 bytes).
    var headerLength: Int
    /// The array table sorted by offset.
    var entries: [Entry]
    /// Entries by name.
    var entryIndex: [String: Int]
    /// Size of the data section in bytes.
    var dataSize: Int
    /// `major.minor` of the file.
    var formatVersion: String
    /// The library version that wrote the file.
    var libraryVersion: String
    /// The root model.
    var root: ManifestNode
    /// User metadata.
    var metadata: [String: JSONValue]
    /// CRC-32 of each array, by full name.
    var checksums: [String: UInt32]

    /// Offset of the data section from the start of the file.
    var dataStart: Int { 8 + headerLength }
    /// Total size of the (uncompressed) file.
    var totalSize: Int { dataStart + dataSize }

    /// Reads the 8-byte little-endian header length from `prefix` and checks it against the caps
    /// and against `availableSize` (the file size, when known).
    static func headerLength(prefix: UnsafeRawBufferPointer, availableSize: Int?) throws -> Int {
        guard prefix.count >= 8 else {
            throw PersistenceError.truncated("the file is \(prefix.count) bytes, shorter than the 8-byte header length")
        }
        var raw: UInt64 = 0
        for index in 0..<8 { raw |= UInt64(prefix[index]) << (8 * UInt64(index)) }
        guard raw <= UInt64(maximumHeaderLength) else {
            throw PersistenceError.invalidHeader("header length \(raw) exceeds the limit of \(maximumHeaderLength) bytes")
        }
        let length = Int(raw)
        if let availableSize, 8 + length > availableSize {
            throw PersistenceError.truncated("the header of \(length) bytes extends beyond the end of the file (\(availableSize) bytes)")
        }
        return length
    }

    /// Parses the header held in `bytes` (which start with the 8-byte length and hold at least the
    /// whole header). `fileSize` is the exact size of an uncompressed file (the data section must end
    /// there), or `nil` for a compressed file (the table defines the size).
    init(bytes: UnsafeRawBufferPointer, fileSize: Int?) throws {
        headerLength = try Self.headerLength(prefix: bytes, availableSize: fileSize ?? bytes.count)
        guard bytes.count >= 8 + headerLength else {
            throw PersistenceError.truncated("the file ends inside the header")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + headerLength)])
        guard String(validating: headerBytes, as: UTF8.self) != nil else {
            throw PersistenceError.invalidHeader("the header is not valid UTF-8")
        }
        let top = try JSONCoding.parse(headerBytes, what: "the header")
        guard let topObject = top.objectValue else { throw PersistenceError.invalidHeader("the header is not a JSON object") }

        // The manifest, first: its version decides how strict the rest is.
        guard let metadataValue = topObject["__metadata__"] else { throw PersistenceError.missingKey("__metadata__") }
        guard let metadataObject = metadataValue.objectValue else {
            throw PersistenceError.invalidValue(key: "__metadata__", reason: "expected an object of strings")
        }
        guard let manifestValue = metadataObject["brine"] else { throw PersistenceError.missingKey("__metadata__.brine") }
        guard let manifestText = manifestValue.stringValue else {
            throw PersistenceError.invalidValue(key: "__metadata__.brine", reason: "expected a string holding the JSON manifest")
        }
        var manifestBytes = manifestText.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(manifestText.utf8)
        let manifestJSON = try manifestBytes.withUnsafeMutableBytes {
            try JSONCoding.parse(UnsafeRawBufferPointer($0), what: "the manifest (__metadata__.brine)")
        }
        let manifest = try JSONObjectReader(manifestJSON, path: "")
        guard try manifest.string("format") == "brine" else {
            throw PersistenceError.invalidValue(key: "format", reason: "expected \"brine\"; this is not a Brine file")
        }
        libraryVersion = try manifest.string("libraryVersion")
        formatVersion = try manifest.string("formatVersion")
        let strict = try Self.checkFormatVersion(formatVersion, writtenBy: libraryVersion)
        if strict {
            try manifest.rejectUnknownKeys(Self.manifestKeys)
            if let unknown = metadataObject.keys.sorted().first(where: { $0 != "brine" }) {
                throw PersistenceError.invalidHeader("unknown key __metadata__.\(unknown)")
            }
        }
        root = try ManifestNode(json: try manifest.required("model"), path: "model.", depth: 0, strict: strict)
        metadata = try manifest.object("metadata")

        // The array table.
        var entries: [Entry] = []
        entries.reserveCapacity(topObject.count)
        for (name, value) in topObject where name != "__metadata__" {
            entries.append(try Self.entry(name: name, value: value, strict: strict))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var position = 0
        for entry in entries {
            if entry.begin < position {
                throw PersistenceError.invalidArrayTable("array \(entry.name) at bytes \(entry.begin)..<\(entry.end) overlaps the array before it (which ends at \(position))")
            }
            if entry.begin > position {
                throw PersistenceError.invalidArrayTable("a hole of \(entry.begin - position) bytes before array \(entry.name) at \(entry.begin)")
            }
            position = entry.end
        }
        if let fileSize {
            let available = fileSize - 8 - headerLength
            if position > available {
                throw PersistenceError.truncated("the arrays need \(position) data bytes but the file holds \(available)")
            }
            if position < available {
                throw PersistenceError.invalidArrayTable("\(available - position) bytes after the last array belong to no array")
            }
        }
        dataSize = position
        self.entries = entries
        let index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
        entryIndex = index

        // The manifest and the table must name the same arrays.
        let manifestNames = root.fullArrayNames()
        let manifestSet = Set(manifestNames)
        guard manifestSet.count == manifestNames.count else {
            throw PersistenceError.invalidHeader("two arrays of the manifest have the same full name")
        }
        if let name = manifestNames.first(where: { index[$0] == nil }) {
            throw PersistenceError.missingArray(name)
        }
        if let extra = entries.first(where: { !manifestSet.contains($0.name) }) {
            throw PersistenceError.invalidArrayTable("array \(extra.name) is not listed in the manifest")
        }

        // Checksums: one per array.
        let checksumObject = try manifest.object("checksums")
        var checksums: [String: UInt32] = [:]
        for entry in entries {
            guard let value = checksumObject[entry.name] else { throw PersistenceError.missingKey("checksums.\(entry.name)") }
            guard case let .int(crc) = value, (0...Int(UInt32.max)).contains(crc) else {
                throw PersistenceError.invalidValue(key: "checksums.\(entry.name)", reason: "expected a CRC-32 as an integer in 0...4294967295")
            }
            checksums[entry.name] = UInt32(crc)
        }
        if strict, let extra = checksumObject.keys.sorted().first(where: { index[$0] == nil }) {
            throw PersistenceError.invalidHeader("unknown key checksums.\(extra) (no such array)")
        }
        self.checksums = checksums
    }

    /// Checks `version` (`major.minor`) against this build. Returns true when this build knows every
    /// key of that version (so unknown keys are errors), false for a newer minor version.
    static func checkFormatVersion(_ version: String, writtenBy library: String) throws -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else {
            throw PersistenceError.invalidValue(key: "formatVersion", reason: "expected major.minor, found \(version)")
        }
        guard major == Brine.formatMajorVersion else {
            throw PersistenceError.unsupportedVersion(
                what: "Brine file format", found: "\(version) (written by Brine \(library))",
                supported: "\(Brine.formatMajorVersion).x up to \(Brine.formatVersion) and newer minor versions (this is Brine \(Brine.libraryVersion))")
        }
        return minor <= Brine.formatMinorVersion
    }

    /// Parses and checks one array table entry.
    static func entry(name: String, value: JSONValue, strict: Bool) throws -> Entry {
        guard let object = value.objectValue else {
            throw PersistenceError.invalidArrayTable("entry \(name) is not a JSON object")
        }
        if strict, let unknown = object.keys.sorted().first(where: { !["dtype", "shape", "data_offsets"].contains($0) }) {
            throw PersistenceError.invalidArrayTable("entry \(name) has an unknown key \(unknown)")
        }
        guard let dtype = object["dtype"]?.stringValue else {
            throw PersistenceError.invalidArrayTable("entry \(name) has no dtype string")
        }
        guard let elementSize = elementSizes[dtype] else {
            throw PersistenceError.invalidArrayTable("array \(name) has dtype \(dtype); Brine reads F64, F32, I64, I32 and U8")
        }
        guard let shapeValues = object["shape"]?.arrayValue else {
            throw PersistenceError.invalidArrayTable("entry \(name) has no shape array")
        }
        var shape: [Int] = []
        var count = 1
        for value in shapeValues {
            guard case let .int(dimension) = value, dimension >= 0 else {
                throw PersistenceError.invalidArrayTable("array \(name) has a shape entry \(value.jsonText) that is not a non-negative integer")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw PersistenceError.invalidArrayTable("the shape of array \(name) overflows") }
            count = product
            shape.append(dimension)
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow else { throw PersistenceError.invalidArrayTable("the shape of array \(name) overflows") }
        guard let offsets = object["data_offsets"]?.arrayValue, offsets.count == 2,
              case let .int(begin) = offsets[0], case let .int(end) = offsets[1]
        else {
            throw PersistenceError.invalidArrayTable("array \(name) needs data_offsets [begin, end]")
        }
        guard begin >= 0, end >= begin else {
            throw PersistenceError.invalidArrayTable("array \(name) has data_offsets [\(begin), \(end)] out of order")
        }
        guard end - begin == byteCount else {
            throw PersistenceError.invalidArrayTable("array \(name): dtype \(dtype) with shape \(shape) needs \(byteCount) bytes but data_offsets span \(end - begin)")
        }
        return Entry(name: name, dtype: dtype, elementSize: elementSize, shape: shape, count: count, begin: begin, end: end)
    }
}

/// Strict JSON encoding and decoding with ``PersistenceError``s.
enum JSONCoding {
    /// Parses `data` as one JSON value.
    static func parse(_ bytes: UnsafeRawBufferPointer, what: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw PersistenceError.invalidHeader("\(what) is not valid JSON: \(error.reason)")
        }
    }

    /// Compact JSON text with sorted keys; throws for values JSON cannot hold (NaN, infinity).
    static func text(_ value: JSONValue, what: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw PersistenceError.invalidValue(key: what, reason: "not representable as JSON (NaN or infinity?)")
        }
    }
}
