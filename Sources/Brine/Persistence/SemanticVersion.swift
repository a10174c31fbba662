/// A `major.minor.patch` version number, ordered numerically (1.10.0 comes after 1.9.0).
public struct SemanticVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Incompatible changes.
    public var major: Int
    /// Compatible additions.
    public var minor: Int
    /// Fixes.
    public var patch: Int

    /// A version from its three parts.
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` for a negative part.
    public init(major: Int, minor: Int = 0, patch: Int = 0) throws {
        guard major >= 0, minor >= 0, patch >= 0 else {
            throw PersistenceError.invalidValue(key: "version", reason: "\(major).\(minor).\(patch) has a negative part")
        }
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `1.2.3` (a leading `v` is accepted).
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` when `text` is not three non-negative integers.
    public init(_ text: String) throws {
        let body = text.hasPrefix("v") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let major = Int(parts[0]), let minor = Int(parts[1]), let patch = Int(parts[2])
        else {
            throw PersistenceError.invalidValue(key: "version", reason: "\(text) is not major.minor.patch")
        }
        try self.init(major: major, minor: minor, patch: patch)
    }

    /// `major.minor.patch`.
    public var description: String { "\(major).\(minor).\(patch)" }

    /// Numeric order of major, then minor, then patch.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// The next patch version.
    public var nextPatch: SemanticVersion {
        var next = self
        next.patch += 1
        return next
    }
}
