import Foundation

/// Turns a ``ModelArchive`` into the bytes of a Brine file (the safetensors layout) and writes them.
enum BrineFileWriter {
    /// The serialized form: the 8-byte length plus padded JSON header, then the arrays in file order.
    struct Serialized {
        var header: [UInt8]
        var arrays: [ArchivedArray]
        var totalSize: Int
    }

    /// Lays out `archive`: arrays sorted by element size (largest first) then full name, so each
    /// starts aligned for its type; header padded with spaces so the data starts at a multiple of 8.
    static func serialize(_ archive: ModelArchive, metadata: [String: JSONValue]) throws -> Serialized {
        let root = try ManifestNode(archive: archive, path: "model.")
        var flat: [(name: String, array: ModelArchive.ShapedArray)] = []
        collect(archive, prefix: "", into: &flat)
        for item in flat {
            var product = 1
            for dimension in item.array.shape {
                let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
                guard dimension >= 0, !overflow else {
                    throw PersistenceError.invalidValue(key: item.name, reason: "invalid shape \(item.array.shape)")
                }
                product = next
            }
            guard product == item.array.array.count else {
                throw PersistenceError.invalidValue(
                    key: item.name, reason: "shape \(item.array.shape) does not match the \(item.array.array.count) elements")
            }
        }
        flat.sort {
            let (a, b) = ($0.array.array.elementSize, $1.array.array.elementSize)
            return a != b ? a > b : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
        }
        let sums = CRC32.checksums(flat.map { item in item.array.array.withUnsafeBytes { $0 } })
        var table: [String: JSONValue] = [:]
        var checksums: [String: JSONValue] = [:]
        var offset = 0
        for (item, sum) in zip(flat, sums) {
            let end = offset + item.array.array.byteCount
            table[item.name] = .object([
                "dtype": .string(item.array.array.dtype),
                "shape": .array(item.array.shape.map { .int($0) }),
                "data_offsets": .array([.int(offset), .int(end)]),
            ])
            checksums[item.name] = .int(Int(sum))
            offset = end
        }
        let manifest: JSONValue = .object([
            "format": "brine",
            "formatVersion": .string(Brine.formatVersion),
            "libraryVersion": .string(Brine.libraryVersion),
            "model": root.json,
            "metadata": .object(metadata),
            "checksums": .object(checksums),
        ])
        table["__metadata__"] = .object(["brine": .string(try JSONCoding.text(manifest, what: "manifest"))])
        var json = Array(try JSONCoding.text(.object(table), what: "header").utf8)
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var header = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { header[index] = UInt8(truncatingIfNeeded: UInt64(json.count) >> (8 * UInt64(index))) }
        header += json
        return Serialized(header: header, arrays: flat.map(\.array.array), totalSize: header.count + offset)
    }

    private static func collect(_ archive: ModelArchive, prefix: String, into flat: inout [(name: String, array: ModelArchive.ShapedArray)]) {
        for (name, array) in archive.arrays { flat.append((prefix + name, array)) }
        for child in archive.children { collect(child.archive, prefix: "\(prefix)\(child.name).", into: &flat) }
    }

    /// Writes `archive` to `url` atomically, compressed as asked.
    static func write(_ archive: ModelArchive, to url: URL, overwrite: Bool, compression: Compression?,
                      metadata: [String: JSONValue]) throws {
        let compression = compression ?? Compression.defaultFor(url)
        if case let .gzip(level) = compression, !(1...9).contains(level) {
            throw PersistenceError.unsupportedOption("gzip level \(level) is outside 1...9")
        }
        if !overwrite && FileManager.default.fileExists(atPath: url.path) {
            throw PersistenceError.fileExists(path: url.path)
        }
        let serialized = try serialize(archive, metadata: metadata)
        switch compression {
        case .none:
            try AtomicFileWriter.write(to: url, overwrite: overwrite) { sink in
                try serialized.header.withUnsafeBytes { try sink.write($0) }
                for array in serialized.arrays { try array.withUnsafeBytes { try sink.write($0) } }
            }
        case let .gzip(level):
            let whole = UnsafeMutableRawBufferPointer.allocate(byteCount: max(serialized.totalSize, 1), alignment: 64)
            defer { whole.deallocate() }
            var position = 0
            func append(_ bytes: UnsafeRawBufferPointer) {
                guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                (whole.baseAddress! + position).copyMemory(from: base, byteCount: bytes.count)
                position += bytes.count
            }
            serialized.header.withUnsafeBytes { append($0) }
            for array in serialized.arrays { array.withUnsafeBytes { append($0) } }
            let members = try Gzip.compress(UnsafeRawBufferPointer(rebasing: whole[0..<position]), level: level)
            try AtomicFileWriter.write(to: url, overwrite: overwrite) { sink in
                for member in members { try member.withUnsafeBytes { try sink.write($0) } }
            }
        }
    }
}
