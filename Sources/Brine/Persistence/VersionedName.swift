import Foundation

/// The file name of one saved version of a model: `name_v1.2.0_20261122T101500Z.brine`
/// (the name, the semantic version, the UTC save time to the second, and `.brine` or `.brine.gz`).
///
/// Names sort by version, then time: ``ModelStore`` uses this order to find the latest version.
public struct VersionedName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The model name (may contain underscores; never `/`).
    public var name: String
    /// The version.
    public var version: SemanticVersion
    /// The save time, in whole seconds.
    public var timestamp: Date
    /// Whether the file is gzip-compressed (`.brine.gz`).
    public var compressed: Bool

    /// A versioned name; `timestamp` is truncated to whole seconds.
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` for an empty name or one containing `/`.
    public init(name: String, version: SemanticVersion, timestamp: Date = Date(), compressed: Bool = false) throws {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\0") else {
            throw PersistenceError.invalidValue(key: "name", reason: "a model name must be non-empty and contain no '/'")
        }
        self.name = name
        self.version = version
        self.timestamp = Date(timeIntervalSince1970: timestamp.timeIntervalSince1970.rounded(.down))
        self.compressed = compressed
    }

    /// Parses a file name such as `churn_v1.2.0_20261122T101500Z.brine`.
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` when the name does not have that form.
    public init(fileName: String) throws {
        let compressed = fileName.hasSuffix(".brine.gz")
        guard compressed || fileName.hasSuffix(".brine") else {
            throw PersistenceError.invalidValue(key: "fileName", reason: "\(fileName) does not end in .brine or .brine.gz")
        }
        let stem = fileName.dropLast(compressed ? 9 : 6)
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[parts.count - 2].hasPrefix("v"),
              let date = Self.parseTimestamp(String(parts[parts.count - 1]))
        else {
            throw PersistenceError.invalidValue(key: "fileName", reason: "\(fileName) is not name_vMAJOR.MINOR.PATCH_YYYYMMDDTHHMMSSZ.brine")
        }
        let version = try SemanticVersion(String(parts[parts.count - 2]))
        try self.init(name: parts.dropLast(2).joined(separator: "_"), version: version, timestamp: date, compressed: compressed)
    }

    /// The file name, `name_vX.Y.Z_YYYYMMDDTHHMMSSZ.brine` (or `.brine.gz`).
    public var fileName: String {
        "\(name)_v\(version)_\(Self.formatTimestamp(timestamp)).brine\(compressed ? ".gz" : "")"
    }

    /// The file name.
    public var description: String { fileName }

    /// Version order, then time, then name.
    public static func < (lhs: VersionedName, rhs: VersionedName) -> Bool {
        if lhs.version != rhs.version { return lhs.version < rhs.version }
        if lhs.timestamp != rhs.timestamp { return lhs.timestamp < rhs.timestamp }
        return lhs.name < rhs.name
    }

    private static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    static func formatTimestamp(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))\(pad(c.month, 2))\(pad(c.day, 2))T\(pad(c.hour, 2))\(pad(c.minute, 2))\(pad(c.second, 2))Z"
    }

    /// Parses `YYYYMMDDTHHMMSSZ` (UTC), or returns nil.
    static func parseTimestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = utcCalendar.date(from: components), formatTimestamp(date) == text else { return nil }
        return date
    }
}
