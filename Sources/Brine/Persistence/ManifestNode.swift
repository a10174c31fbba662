/// One model in a file's manifest: its ``ModelManifest`` keys, local array names and nested models.
///
/// The manifest is the JSON document stored in the safetensors header under
/// `__metadata__["brine"]`; see docs/FORMAT.md for every key.
struct ManifestNode: Sendable, Equatable {
    /// The model's own manifest keys.
    var manifest: ModelManifest
    /// The node's own array names (without the prefix of its parents).
    var arrayNames: [String]
    var children: [(name: String, node: ManifestNode)]

    static func == (lhs: ManifestNode, rhs: ManifestNode) -> Bool {
        lhs.manifest == rhs.manifest && lhs.arrayNames == rhs.arrayNames && lhs.children.count == rhs.children.count
            && zip(lhs.children, rhs.children).allSatisfy { $0.name == $1.name && $0.node == $1.node }
    }

    /// The deepest nesting a file may declare.
    static let maximumDepth = 32

    /// The keys a node may hold in format 1.x (the known set; newer minor versions may add more).
    static let knownKeys: Set<String> = ModelManifest.keys.union(["arrays", "children"])

    /// The node describing `archive` (recursively), validating names.
    init(archive: ModelArchive, path: String) throws {
        guard !archive.typeName.isEmpty else {
            throw PersistenceError.invalidValue(key: "\(path)type", reason: "the model type name is empty")
        }
        manifest = archive.manifest
        for name in archive.arrays.keys { try Self.checkName(name, what: "array", path: path) }
        arrayNames = archive.arrays.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var seen: Set<String> = []
        children = []
        for child in archive.children {
            try Self.checkName(child.name, what: "child", path: path)
            guard seen.insert(child.name).inserted else {
                throw PersistenceError.invalidValue(key: "\(path)children", reason: "two children are named \(child.name)")
            }
            children.append((child.name, try ManifestNode(archive: child.archive, path: "\(path)\(child.name).")))
        }
    }

    /// Array and child names must be non-empty, free of `.` (the path separator), and must not start with `__`.
    static func checkName(_ name: String, what: String, path: String) throws {
        guard !name.isEmpty, !name.contains("."), !name.hasPrefix("__") else {
            throw PersistenceError.invalidValue(
                key: "\(path)\(name)",
                reason: "\(what) names must be non-empty, contain no '.', and not start with '__'")
        }
    }

    /// The manifest JSON of this node.
    var json: JSONValue {
        var object = manifest.jsonMembers
        object["arrays"] = .array(arrayNames.map { .string($0) })
        object["children"] = .array(children.map { .object(["name": .string($0.name), "model": $0.node.json]) })
        return .object(object)
    }

    /// Parses a node, rejecting unknown keys when `strict`.
    init(json: JSONValue, path: String, depth: Int, strict: Bool) throws {
        guard depth <= Self.maximumDepth else {
            throw PersistenceError.invalidHeader("models are nested deeper than \(Self.maximumDepth) levels")
        }
        let reader = try JSONObjectReader(json, path: path)
        if strict { try reader.rejectUnknownKeys(Self.knownKeys) }
        manifest = try ModelManifest(reading: reader)
        arrayNames = try reader.stringArray("arrays")
        for name in arrayNames { try Self.checkName(name, what: "array", path: path) }
        guard Set(arrayNames).count == arrayNames.count else {
            throw PersistenceError.invalidValue(key: "\(path)arrays", reason: "an array name is listed twice")
        }
        guard let childValues = try reader.required("children").arrayValue else {
            throw PersistenceError.invalidValue(key: "\(path)children", reason: "expected an array")
        }
        var seen: Set<String> = []
        children = []
        for (index, value) in childValues.enumerated() {
            let childReader = try JSONObjectReader(value, path: "\(path)children[\(index)].")
            if strict { try childReader.rejectUnknownKeys(["name", "model"]) }
            let name = try childReader.string("name")
            try Self.checkName(name, what: "child", path: path)
            guard seen.insert(name).inserted else {
                throw PersistenceError.invalidValue(key: "\(path)children", reason: "two children are named \(name)")
            }
            let node = try ManifestNode(
                json: try childReader.required("model"), path: "\(path)\(name).", depth: depth + 1, strict: strict)
            children.append((name, node))
        }
    }

    /// Every array's full name (`prefix` + local name), depth first in manifest order.
    func fullArrayNames(prefix: String = "") -> [String] {
        var names = arrayNames.map { prefix + $0 }
        for child in children { names += child.node.fullArrayNames(prefix: "\(prefix)\(child.name).") }
        return names
    }
}

/// Typed access to a JSON object's members, throwing ``PersistenceError`` with the key's path.
struct JSONObjectReader {
    let members: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, path: String) throws {
        guard let members = value.objectValue else {
            throw PersistenceError.invalidValue(key: path.isEmpty ? "manifest" : String(path.dropLast()), reason: "expected a JSON object")
        }
        self.members = members
        self.path = path
    }

    func rejectUnknownKeys(_ known: Set<String>) throws {
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw PersistenceError.invalidHeader("unknown key \(path)\(unknown)")
        }
    }

    func optional(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    func required(_ key: String) throws -> JSONValue {
        guard let value = members[key] else { throw PersistenceError.missingKey(path + key) }
        return value
    }

    func string(_ key: String) throws -> String {
        guard let value = try required(key).stringValue else {
            throw PersistenceError.invalidValue(key: path + key, reason: "expected a string")
        }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = optional(key) else { return nil }
        guard let string = value.stringValue else {
            throw PersistenceError.invalidValue(key: path + key, reason: "expected a string")
        }
        return string
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int {
        let value = try required(key)
        guard case let .int(integer) = value, range.contains(integer) else {
            throw PersistenceError.invalidValue(key: path + key, reason: "expected an integer in \(range), found \(value.jsonText)")
        }
        return integer
    }

    func object(_ key: String) throws -> [String: JSONValue] {
        guard let value = try required(key).objectValue else {
            throw PersistenceError.invalidValue(key: path + key, reason: "expected a JSON object")
        }
        return value
    }

    func stringArray(_ key: String) throws -> [String] {
        guard let values = try required(key).arrayValue else {
            throw PersistenceError.invalidValue(key: path + key, reason: "expected an array of strings")
        }
        return try values.map {
            guard let string = $0.stringValue else {
                throw PersistenceError.invalidValue(key: path + key, reason: "expected an array of strings")
            }
            return string
        }
    }

    func optionalStringArray(_ key: String) throws -> [String]? {
        guard optional(key) != nil else { return nil }
        return try stringArray(key)
    }
}
