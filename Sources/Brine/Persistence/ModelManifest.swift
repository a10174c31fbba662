/// The manifest entry of one model in a Brine file: its type, layout, labels, feature names,
/// hyperparameters, fit statistics and attributes (every key of docs/FORMAT.md's model object
/// except `arrays` and `children`, which belong to the file layer).
///
/// This is the one definition of those keys: ``ModelArchive`` (what a model encodes into),
/// the file layer's manifest node and ``ModelInfo/Step`` (what ``Brine/inspect(_:)`` returns) all
/// hold a `ModelManifest`, so a new manifest key is one edit here: a property, a line in
/// `jsonMembers` and a line in the parser.
public struct ModelManifest: Sendable, Equatable, Codable {
    /// The registered type name (``Persistable/modelTypeName``).
    public var typeName: String
    /// The type's layout version (``Persistable/modelLayoutVersion``).
    public var layoutVersion: Int
    /// The Swift type of the labels (``ClassLabel/labelTypeName``); `nil` for transformers.
    public var labelTypeName: String?
    /// The class labels, in ``Classifier/classes`` order, as JSON; `nil` for transformers.
    public var classes: [JSONValue]?
    /// Feature names seen at fit time, when known.
    public var featureNames: [String]?
    /// The hyperparameters the model was fitted with, as JSON.
    public var hyperparameters: JSONValue
    /// Facts from fitting: samples, iterations, training seconds, …
    public var fitStatistics: [String: JSONValue]
    /// Type-specific scalar fields (counts, flags) that the arrays do not carry.
    public var attributes: [String: JSONValue]

    /// A manifest entry for a model of `typeName` at `layoutVersion`, with no other fields.
    ///
    /// - Parameters:
    ///   - typeName: the registered type name.
    ///   - layoutVersion: the type's layout version.
    public init(typeName: String, layoutVersion: Int) {
        self.typeName = typeName
        self.layoutVersion = layoutVersion
        labelTypeName = nil
        classes = nil
        featureNames = nil
        hyperparameters = .object([:])
        fitStatistics = [:]
        attributes = [:]
    }

    /// The JSON keys this type owns (a file's model object also has `arrays` and `children`).
    static let keys: Set<String> = [
        "type", "layoutVersion", "labelType", "classes", "featureNames", "hyperparameters",
        "fitStatistics", "attributes",
    ]

    /// The members of the manifest's model object that this type writes (optional keys only when set).
    var jsonMembers: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "type": .string(typeName),
            "layoutVersion": .int(layoutVersion),
            "hyperparameters": hyperparameters,
            "fitStatistics": .object(fitStatistics),
            "attributes": .object(attributes),
        ]
        if let labelTypeName { object["labelType"] = .string(labelTypeName) }
        if let classes { object["classes"] = .array(classes) }
        if let featureNames { object["featureNames"] = .array(featureNames.map { .string($0) }) }
        return object
    }

    /// Parses this type's keys of a manifest model object.
    ///
    /// - Throws: ``PersistenceError`` naming the key's path for a missing or mistyped key.
    init(reading reader: JSONObjectReader) throws {
        typeName = try reader.string("type")
        guard !typeName.isEmpty else {
            throw PersistenceError.invalidValue(key: "\(reader.path)type", reason: "empty type name")
        }
        layoutVersion = try reader.int("layoutVersion", in: 0...Int(Int32.max))
        labelTypeName = try reader.optionalString("labelType")
        if let value = reader.optional("classes") {
            guard let array = value.arrayValue else {
                throw PersistenceError.invalidValue(key: "\(reader.path)classes", reason: "expected an array")
            }
            classes = array
        } else {
            classes = nil
        }
        featureNames = try reader.optionalStringArray("featureNames")
        hyperparameters = try reader.required("hyperparameters")
        fitStatistics = try reader.object("fitStatistics")
        attributes = try reader.object("attributes")
    }
}
