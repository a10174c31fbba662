#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One field found by ``CSVScanner``: the byte range of its content (inside the quotes for a
/// quoted field, spaces trimmed around an unquoted one).
struct CSVField {
    /// First content byte.
    var start = 0
    /// One past the last content byte.
    var end = 0
    /// Whether the field was quoted.
    var quoted = false
    /// Whether the quoted content holds doubled quotes (`""`) to unescape.
    var escaped = false
}

/// What follows a field.
enum CSVFieldEnd: UInt8 {
    /// A delimiter: more fields follow in this record.
    case delimiter
    /// A newline or the end of the region: the record ends.
    case endOfRecord
    /// A quoted field runs to the end of the region.
    case unterminatedQuote
    /// A quote inside an unquoted field, or text after a closing quote.
    case unexpectedQuote
}

/// The byte-level RFC 4180 state machine shared by every pass of ``CSVReader``: lookup tables
/// for the delimiter, newline, quote and trimmed spaces, and the missing-value tokens.
/// Owns two 256-byte tables; call ``deallocate()`` when done.
struct CSVScanner: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let delimiter: UInt8
    /// 1 for the delimiter, the newline and the quote; 0 for other bytes.
    private let stops: UnsafeMutablePointer<UInt8>
    /// 1 for bytes trimmed around unquoted fields: space, carriage return, tab (unless it delimits).
    private let trims: UnsafeMutablePointer<UInt8>
    /// Missing-value tokens grouped by byte length.
    private let missingByLength: [[[UInt8]]]
    /// Whether the empty field is missing.
    let emptyIsMissing: Bool
    /// Whether some missing token parses as a number (then tokens are checked before numbers).
    let missingTokensLookNumeric: Bool

    init(base: UnsafePointer<UInt8>, options: CSVReadOptions) {
        self.base = base
        delimiter = options.delimiter.rawValue
        stops = .allocate(capacity: 256)
        stops.initialize(repeating: 0, count: 256)
        trims = .allocate(capacity: 256)
        trims.initialize(repeating: 0, count: 256)
        stops[Int(delimiter)] = 1
        stops[10] = 1
        stops[34] = 1
        trims[32] = 1
        trims[13] = 1
        if delimiter != 9 { trims[9] = 1 }
        var groups: [[[UInt8]]] = []
        var looksNumeric = false
        for token in options.missingValues {
            let bytes = Array(token.utf8)
            while groups.count <= bytes.count { groups.append([]) }
            groups[bytes.count].append(bytes)
            if !bytes.isEmpty, bytes.withUnsafeBufferPointer({ CSVNumberParser.parse($0.baseAddress!, $0.count) }) != nil {
                looksNumeric = true
            }
        }
        missingByLength = groups
        emptyIsMissing = options.missingValues.contains("")
        missingTokensLookNumeric = looksNumeric
    }

    /// Frees the lookup tables.
    func deallocate() {
        stops.deallocate()
        trims.deallocate()
    }

    /// Whether `byte` is trimmed around unquoted fields.
    @inline(__always) func isTrimmed(_ byte: UInt8) -> Bool { trims[Int(byte)] != 0 }

    /// Scans the field starting at `position` (not beyond `limit`), leaving `position` after what
    /// ends it (the delimiter or newline).
    @inline(__always)
    func scanField(_ position: inout Int, limit: Int, into field: inout CSVField) -> CSVFieldEnd {
        var q = position
        while q < limit && trims[Int(base[q])] != 0 { q += 1 }
        if q < limit && base[q] == 34 {
            field.quoted = true
            field.escaped = false
            var r = q + 1
            let contentStart = r
            while true {
                guard r < limit, let found = memchr(base + r, 34, limit - r) else {
                    position = limit
                    return .unterminatedQuote
                }
                let f = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                if f + 1 < limit && base[f + 1] == 34 {
                    field.escaped = true
                    r = f + 2
                    continue
                }
                field.start = contentStart
                field.end = f
                r = f + 1
                break
            }
            while r < limit && trims[Int(base[r])] != 0 { r += 1 }
            if r >= limit { position = limit; return .endOfRecord }
            let byte = base[r]
            if byte == delimiter { position = r + 1; return .delimiter }
            if byte == 10 { position = r + 1; return .endOfRecord }
            position = r
            return .unexpectedQuote
        }
        field.quoted = false
        field.escaped = false
        var r = q
        while r < limit && stops[Int(base[r])] == 0 { r += 1 }
        field.start = q
        var e = r
        while e > q && trims[Int(base[e - 1])] != 0 { e -= 1 }
        field.end = e
        if r >= limit { position = limit; return .endOfRecord }
        let byte = base[r]
        if byte == delimiter { position = r + 1; return .delimiter }
        if byte == 10 { position = r + 1; return .endOfRecord }
        position = r
        return .unexpectedQuote
    }

    /// Whether the `count` bytes at `start` are a missing-value token.
    @inline(__always)
    func isMissing(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count == 0 { return emptyIsMissing }
        guard count < missingByLength.count else { return false }
        for token in missingByLength[count] {
            let equal = token.withUnsafeBufferPointer { memcmp($0.baseAddress!, start, count) == 0 }
            if equal { return true }
        }
        return false
    }

    /// The number in an unquoted or plainly quoted field: NaN for a missing token, `nil` when
    /// the field is text.
    @inline(__always)
    func number(_ field: CSVField) -> Double? {
        if field.escaped { return nil }
        let start = base + field.start
        let count = field.end - field.start
        if missingTokensLookNumeric && isMissing(start, count) { return .nan }
        if let value = CSVNumberParser.parse(start, count) { return value }
        if isMissing(start, count) { return .nan }
        return nil
    }

    /// The field's content with doubled quotes unescaped.
    func bytes(_ field: CSVField) -> [UInt8] {
        let raw = UnsafeBufferPointer(start: base + field.start, count: field.end - field.start)
        guard field.escaped else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            out.append(raw[i])
            i += raw[i] == 34 && i + 1 < raw.count && raw[i + 1] == 34 ? 2 : 1
        }
        return out
    }

    /// The field as text: `.missing` for a missing token, `.nul` / `.invalid` for bad bytes.
    func text(_ field: CSVField) -> CSVText {
        if !field.escaped {
            let start = base + field.start
            let count = field.end - field.start
            if isMissing(start, count) { return .missing }
            return Self.decode(UnsafeBufferPointer(start: start, count: count))
        }
        let content = bytes(field)
        return content.withUnsafeBufferPointer { buffer in
            if isMissing(buffer.baseAddress ?? base, buffer.count) { return .missing }
            return Self.decode(buffer)
        }
    }

    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>) -> CSVText {
        if let address = buffer.baseAddress, buffer.count > 0, memchr(address, 0, buffer.count) != nil { return .nul }
        guard let string = String(validating: buffer, as: UTF8.self) else { return .invalid }
        return .text(string)
    }
}

/// A field decoded as text.
enum CSVText {
    case text(String)
    case missing
    case nul
    case invalid
}
