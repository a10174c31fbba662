/// A plain `Codable` value saved as a Brine file: the manifest holds it as JSON and the file has no arrays.
///
/// The Swift counterpart of pickling a dictionary, without the code execution:
/// `try StoredValue(encoding: summary).save(to: url)` and
/// `try StoredValue.load(from: url).decode(as: Summary.self)`.
public struct StoredValue: Persistable, Equatable {
    /// `"Value"`.
    public static let modelTypeName = "Value"
    /// 1.
    public static let modelLayoutVersion = 1

    /// The value as JSON.
    public let value: JSONValue

    /// Wraps a JSON value.
    public init(_ value: JSONValue) { self.value = value }

    /// Encodes `value` to JSON.
    ///
    /// - Throws: `EncodingError` when the value cannot be encoded (for example a non-finite `Double`).
    public init(encoding value: some Encodable) throws { self.value = try JSONValue(encoding: value) }

    /// Decodes the stored JSON as `type`.
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` when the JSON does not have `type`'s shape.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        do { return try value.decode(as: T.self) } catch {
            throw PersistenceError.invalidValue(key: "attributes.value", reason: "cannot be read as \(T.self): \(error)")
        }
    }

    /// Writes the value into the archive's attributes.
    public func encode(into archive: inout ModelArchive) throws {
        archive.attributes["value"] = value
    }

    /// Reads the value back.
    ///
    /// - Throws: ``PersistenceError/missingKey(_:)`` when the archive holds no value.
    public static func decode(from archive: ModelArchive) throws -> StoredValue {
        try archive.checkType(StoredValue.self)
        guard let value = archive.attributes["value"] else { throw PersistenceError.missingKey("attributes.value") }
        return StoredValue(value)
    }
}
