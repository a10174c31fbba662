import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV (RFC 4180) into a ``Table``, from raw bytes, on all cores.
///
/// - The header is the first non-blank record; names must be non-empty, distinct, valid UTF-8
///   without NUL. Quoted fields may hold delimiters, doubled quotes and newlines; CRLF and a
///   leading UTF-8 byte order mark are accepted; spaces around unquoted fields are trimmed;
///   blank lines are skipped.
/// - A column is numeric when every non-missing cell is a number (`Double(String)`'s result,
///   correctly rounded), else categorical; ``CSVReadOptions/categorical`` and
///   ``CSVReadOptions/numeric`` override. Missing cells (``CSVReadOptions/missingValues``,
///   pandas' defaults) are NaN or `nil`.
/// - The file is memory-mapped and split at row boundaries found from quote parity; chunks are
///   counted, then parsed straight into the final column buffers in parallel. Peak memory is the
///   columns (8 bytes per numeric cell) plus the pages of the chunks in flight.
///
/// ```swift
/// let table = try CSVReader.read(contentsOf: URL(fileURLWithPath: "penguins.csv"),
///                                options: CSVReadOptions(categorical: ["year"]))
/// ```
public enum CSVReader {
    /// Reads the file at `url`.
    ///
    /// - Throws: ``CSVError`` naming the row and column at fault.
    public static func read(contentsOf url: URL, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        try CSVMappedFile.withBytes(path: url.path) { bytes, releaser in
            try parse(bytes, options: options, releaser: releaser)
        }
    }

    /// Reads CSV held in memory (any collection of bytes; contiguous ones are not copied).
    ///
    /// - Throws: ``CSVError`` naming the row and column at fault.
    public static func read(data: some Collection<UInt8>, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        if let table = try data.withContiguousStorageIfAvailable({ try parse($0, options: options, releaser: nil) }) {
            return table
        }
        return try Array(data).withUnsafeBufferPointer { try parse($0, options: options, releaser: nil) }
    }

    /// Reads CSV text.
    ///
    /// - Throws: ``CSVError`` naming the row and column at fault.
    public static func read(text: String, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        try read(data: Array(text.utf8), options: options)
    }

    /// The header's column names, validated, and the offset where data starts.
    static func header(_ scanner: CSVScanner, from start: Int, count: Int) throws -> (names: [String], positions: [String: Int], dataStart: Int) {
        var position = start
        var field = CSVField()
        while position < count {
            var names: [String] = []
            var end = CSVFieldEnd.delimiter
            while end == .delimiter {
                end = scanner.scanField(&position, limit: count, into: &field)
                let column = names.count + 1
                switch end {
                case .unterminatedQuote: throw CSVError.unterminatedQuote(row: 1, column: "column \(column)")
                case .unexpectedQuote: throw CSVError.unexpectedQuote(row: 1, column: "column \(column)")
                default: break
                }
                if names.isEmpty && end == .endOfRecord && !field.quoted && field.start == field.end { break }
                let bytes = scanner.bytes(field)
                if bytes.contains(0) { throw CSVError.nulInHeader(position: column) }
                guard let name = bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else {
                    throw CSVError.invalidUTF8InHeader(position: column)
                }
                names.append(name)
            }
            if names.isEmpty { continue }
            var seen: [String: Int] = [:]
            seen.reserveCapacity(names.count)
            for (index, name) in names.enumerated() {
                guard !name.isEmpty else { throw CSVError.emptyColumnName(position: index + 1) }
                if let earlier = seen[name] {
                    throw CSVError.duplicateColumnName(name, firstPosition: earlier + 1, secondPosition: index + 1)
                }
                seen[name] = index
            }
            return (names, seen, position)
        }
        throw CSVError.emptyFile
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, options: CSVReadOptions, releaser: CSVPageReleaser?) throws -> Table {
        guard let base = bytes.baseAddress, bytes.count > 0 else { throw CSVError.emptyFile }
        let count = bytes.count
        let bomLength = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        let scanner = CSVScanner(base: base, options: options)
        defer { scanner.deallocate() }
        let (names, position, dataStart) = try header(scanner, from: bomLength, count: count)
        let width = names.count

        // Kinds asked for.
        let unknown = (options.categorical + options.numeric).filter { position[$0] == nil }
        guard unknown.isEmpty else { throw CSVError.unknownOverrideColumns(unknown, available: names) }
        var forcedCategorical = [Bool](repeating: false, count: width)
        var forcedNumeric = [Bool](repeating: false, count: width)
        for name in options.categorical { if let index = position[name] { forcedCategorical[index] = true } }
        for name in options.numeric {
            guard let index = position[name] else { continue }
            if forcedCategorical[index] { throw CSVError.conflictingOverride(name) }
            forcedNumeric[index] = true
        }

        // Chunks starting at record boundaries, found from quote parity.
        let dataBytes = count - dataStart
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let nominalCount = dataBytes < (1 << 20) ? 1 : max(1, min(cores * 4, dataBytes / (256 << 10)))
        let nominal = (0...nominalCount).map { dataStart + Int((Double(dataBytes) * Double($0) / Double(nominalCount)).rounded(.down)) }
        var quoteCounts = [Int](repeating: 0, count: nominalCount)
        quoteCounts.withUnsafeMutableBufferPointer { counts in
            let out = counts
            ParallelLoop.run(nominalCount) { k in
                var n = 0
                var p = nominal[k]
                let end = nominal[k + 1]
                while p < end, let found = memchr(base + p, 34, end - p) {
                    n += 1
                    p = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
                }
                out[k] = n
            }
        }
        var found = [Int](repeating: -1, count: nominalCount)
        found[0] = dataStart
        var parity = [Bool](repeating: false, count: nominalCount)
        var running = 0
        for k in 0..<nominalCount { parity[k] = running % 2 == 1; running += quoteCounts[k] }
        found.withUnsafeMutableBufferPointer { starts in
            let out = starts
            ParallelLoop.run(nominalCount) { k in
                guard k > 0 else { return }
                var inQuotes = parity[k]
                var p = nominal[k]
                let end = nominal[k + 1]
                while p < end {
                    let byte = base[p]
                    if byte == 34 { inQuotes.toggle() } else if byte == 10 && !inQuotes { out[k] = p + 1; return }
                    p += 1
                }
            }
        }
        let fileHasQuotes = running > 0
        var starts = found.filter { $0 >= 0 && $0 < count }
        if starts.isEmpty { starts = [dataStart] }
        let chunkCount = starts.count
        let ends = Array(starts.dropFirst()) + [count]

        // Pass 1: records per chunk (blank lines skipped).
        var recordCounts = [Int](repeating: 0, count: chunkCount)
        recordCounts.withUnsafeMutableBufferPointer { counts in
            let out = counts
            ParallelLoop.run(chunkCount) { k in
                var records = 0
                var content = false
                var inQuotes = false
                var p = starts[k]
                let end = ends[k]
                if !fileHasQuotes {
                    // No quotes anywhere: a record is a newline-terminated line with a non-space byte.
                    while p < end {
                        let lineEnd = memchr(base + p, 10, end - p).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
                        var q = p
                        while q < lineEnd && scanner.isTrimmed(base[q]) { q += 1 }
                        if q < lineEnd { records += 1 }
                        p = lineEnd + 1
                    }
                    out[k] = records
                    releaser?.release(starts[k], end)
                    return
                }
                while p < end {
                    let byte = base[p]
                    if inQuotes {
                        if byte == 34 { inQuotes = false }
                    } else if byte == 10 {
                        if content { records += 1 }
                        content = false
                    } else if byte == 34 {
                        inQuotes = true; content = true
                    } else if !scanner.isTrimmed(byte) {
                        content = true
                    }
                    p += 1
                }
                if content { records += 1 }
                out[k] = records
                releaser?.release(starts[k], end)
            }
        }
        var rowOffsets = [Int](repeating: 0, count: chunkCount + 1)
        for k in 0..<chunkCount { rowOffsets[k + 1] = rowOffsets[k] + recordCounts[k] }
        let rowCount = rowOffsets[chunkCount]
        guard rowCount > 0 else { throw CSVError.noDataRows }

        // Pass 2: numbers straight into the column buffers; which columns hold text.
        var buffers: [UnsafeMutablePointer<Double>?] = (0..<width).map { forcedCategorical[$0] ? nil : .allocate(capacity: rowCount) }
        defer { for buffer in buffers { buffer?.deallocate() } }
        let initialActive = forcedCategorical.map { !$0 }
        let numericResults = UnsafeMutableBufferPointer<CSVChunkResult>.allocate(capacity: chunkCount)
        numericResults.initialize(repeating: CSVChunkResult())
        defer { numericResults.deinitialize(); numericResults.deallocate() }
        let columnBuffers = buffers
        let fused = !scanner.missingTokensLookNumeric
        let delimiter = scanner.delimiter
        ParallelLoop.run(chunkCount) { k in
            var active = initialActive
            var field = CSVField()
            var p = starts[k]
            let end = ends[k]
            var local = 0
            let rowBase = rowOffsets[k]
            let allotted = recordCounts[k]
            records: while p < end {
                let row = rowBase + local + 2
                var column = 0
                var fieldEnd = CSVFieldEnd.delimiter
                while fieldEnd == .delimiter {
                    if fused && column < width && active[column] && local < allotted {
                        // A number followed by the delimiter or the end of the line: no second look.
                        var length = 0
                        if let value = CSVNumberParser.prefix(base + p, end - p, length: &length, allowInfinity: false) {
                            let after = p + length
                            if after >= end || base[after] == 10 || base[after] == delimiter
                                || (base[after] == 13 && after + 1 < end && base[after + 1] == 10) {
                                columnBuffers[column]?[rowBase + local] = value
                                column += 1
                                if after < end && base[after] == delimiter {
                                    p = after + 1
                                } else {
                                    p = after >= end ? end : (base[after] == 13 ? after + 2 : after + 1)
                                    fieldEnd = .endOfRecord
                                }
                                continue
                            }
                        }
                    }
                    fieldEnd = scanner.scanField(&p, limit: end, into: &field)
                    var name: String { column < width ? names[column] : "column \(column + 1)" }
                    switch fieldEnd {
                    case .unterminatedQuote: numericResults[k].error = .unterminatedQuote(row: row, column: name); return
                    case .unexpectedQuote: numericResults[k].error = .unexpectedQuote(row: row, column: name); return
                    default: break
                    }
                    if column == 0 && fieldEnd == .endOfRecord && !field.quoted && field.start == field.end { continue records }
                    if column == 0 && local >= allotted {
                        numericResults[k].error = .unexpectedQuote(row: row, column: name); return
                    }
                    if column < width && active[column] {
                        if let value = scanner.number(field) {
                            columnBuffers[column]?[rowBase + local] = value
                        } else if forcedNumeric[column] {
                            let text = String(decoding: scanner.bytes(field).prefix(200), as: UTF8.self)
                            numericResults[k].error = scanner.bytes(field).contains(0)
                                ? .nulByte(row: row, column: name) : .textInNumericColumn(row: row, column: name, text: text)
                            return
                        } else {
                            active[column] = false
                        }
                    }
                    column += 1
                }
                guard column == width else {
                    numericResults[k].error = .raggedRow(row: row, expected: width, actual: column); return
                }
                local += 1
            }
            numericResults[k].textColumns = active
            releaser?.release(starts[k], end)
        }
        if let error = numericResults.lazy.compactMap(\.error).first { throw error }
        var isText = [Bool](repeating: false, count: width)
        for j in 0..<width {
            isText[j] = forcedCategorical[j] || numericResults.contains { !$0.textColumns.isEmpty && !$0.textColumns[j] }
        }

        // Pass 3: text of the categorical columns.
        let textPositions = (0..<width).filter { isText[$0] }
        var texts: [[String?]] = []
        if !textPositions.isEmpty {
            var slot = [Int](repeating: -1, count: width)
            for (s, j) in textPositions.enumerated() { slot[j] = s }
            let textResults = UnsafeMutableBufferPointer<CSVChunkText>.allocate(capacity: chunkCount)
            textResults.initialize(repeating: CSVChunkText())
            defer { textResults.deinitialize(); textResults.deallocate() }
            ParallelLoop.run(chunkCount) { k in
                var columns = [[String?]](repeating: [], count: textPositions.count)
                for s in columns.indices { columns[s].reserveCapacity(recordCounts[k]) }
                var field = CSVField()
                var p = starts[k]
                let end = ends[k]
                var local = 0
                records: while p < end {
                    var column = 0
                    var fieldEnd = CSVFieldEnd.delimiter
                    while fieldEnd == .delimiter {
                        fieldEnd = scanner.scanField(&p, limit: end, into: &field)
                        if column == 0 && fieldEnd == .endOfRecord && !field.quoted && field.start == field.end { continue records }
                        if column < width, slot[column] >= 0 {
                            let row = rowOffsets[k] + local + 2
                            switch scanner.text(field) {
                            case let .text(string): columns[slot[column]].append(string)
                            case .missing: columns[slot[column]].append(nil)
                            case .nul: textResults[k].error = .nulByte(row: row, column: names[column]); return
                            case .invalid: textResults[k].error = .invalidUTF8(row: row, column: names[column]); return
                            }
                        }
                        column += 1
                    }
                    local += 1
                }
                textResults[k].columns = columns
                releaser?.release(starts[k], end)
            }
            if let error = textResults.lazy.compactMap(\.error).first { throw error }
            texts.reserveCapacity(textPositions.count)
            for s in textPositions.indices {
                var joined: [String?] = []
                joined.reserveCapacity(rowCount)
                for k in 0..<chunkCount {
                    joined.append(contentsOf: textResults[k].columns[s])
                    textResults[k].columns[s] = []
                }
                texts.append(joined)
            }
        }

        // The table, one column at a time (each buffer freed as its array is made).
        var columns: [TableColumn] = []
        columns.reserveCapacity(width)
        var nextText = 0
        for j in 0..<width {
            if isText[j] {
                columns.append(.categorical(names[j], texts[nextText]))
                texts[nextText] = []
                nextText += 1
            } else if let buffer = buffers[j] {
                let values = [Double](unsafeUninitializedCapacity: rowCount) { storage, initialized in
                    storage.baseAddress?.initialize(from: buffer, count: rowCount)
                    initialized = rowCount
                }
                buffer.deallocate()
                buffers[j] = nil
                columns.append(.numeric(names[j], values))
            }
        }
        return Table(validatedColumns: columns, rowCount: rowCount, positions: position)
    }
}

/// One chunk's outcome of the numeric pass.
struct CSVChunkResult {
    var error: CSVError? = nil
    /// Per column, whether every cell of the chunk was a number or missing (empty on error).
    var textColumns: [Bool] = []
}

/// One chunk's outcome of the text pass.
struct CSVChunkText {
    var error: CSVError? = nil
    var columns: [[String?]] = []
}
