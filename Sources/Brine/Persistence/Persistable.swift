/// A fitted model that can be saved to and loaded from a Brine file.
///
/// A conformance lists the model's arrays and manifest fields in ``encode(into:)`` and
/// rebuilds the model from them in ``decode(from:)``, validating everything it reads
/// (array lengths against each other, indices in range, finite values): a file is data
/// only and may be hostile. Loading never runs code named by a file: ``decode(from:)``
/// is reached only through the registry of types compiled into the program.
public protocol Persistable: Sendable {
    /// The name written to the manifest and looked up in the registry, for example `"LogisticRegression"`.
    static var modelTypeName: String { get }
    /// The version of this type's own layout of arrays and fields. Bump it when the layout
    /// changes, and keep decoding every earlier version.
    static var modelLayoutVersion: Int { get }
    /// The label type of a classifier (``ClassLabel/labelTypeName``), `nil` for models without labels.
    /// A requirement (with a default of `nil`), so generic code such as the registry sees a classifier's value.
    static var modelLabelTypeName: String? { get }
    /// Writes the model's arrays and manifest fields into `archive`.
    ///
    /// - Throws: ``PersistenceError`` when the model cannot be represented.
    func encode(into archive: inout ModelArchive) throws
    /// Rebuilds a model from `archive`, validating every array and field.
    ///
    /// - Throws: ``PersistenceError`` naming the first problem found.
    static func decode(from archive: ModelArchive) throws -> Self
}

extension Persistable {
    /// The label type of a classifier (``ClassLabel/labelTypeName``), `nil` for models without labels.
    /// The registry keys generic classifiers by type name and label type.
    public static var modelLabelTypeName: String? { nil }
}
