/// A value that carries a model's ``ModelManifest`` (``ModelArchive``, ``ModelInfo/Step``) and
/// offers its keys as properties, so each key's accessor is written once.
public protocol ManifestHolder {
    /// The model's manifest keys.
    var manifest: ModelManifest { get set }
}

extension ManifestHolder {
    /// The registered type name (``Persistable/modelTypeName``).
    public var typeName: String {
        get { manifest.typeName }
        set { manifest.typeName = newValue }
    }
    /// The type's layout version (``Persistable/modelLayoutVersion``).
    public var layoutVersion: Int {
        get { manifest.layoutVersion }
        set { manifest.layoutVersion = newValue }
    }
    /// The Swift type of the labels (``ClassLabel/labelTypeName``); `nil` for transformers.
    public var labelTypeName: String? {
        get { manifest.labelTypeName }
        set { manifest.labelTypeName = newValue }
    }
    /// The class labels, in ``Classifier/classes`` order, as JSON; `nil` for transformers.
    public var classes: [JSONValue]? {
        get { manifest.classes }
        set { manifest.classes = newValue }
    }
    /// Feature names seen at fit time, when known.
    public var featureNames: [String]? {
        get { manifest.featureNames }
        set { manifest.featureNames = newValue }
    }
    /// The hyperparameters the model was fitted with, as JSON.
    public var hyperparameters: JSONValue {
        get { manifest.hyperparameters }
        set { manifest.hyperparameters = newValue }
    }
    /// Facts from fitting: samples, iterations, training seconds, …
    public var fitStatistics: [String: JSONValue] {
        get { manifest.fitStatistics }
        set { manifest.fitStatistics = newValue }
    }
    /// Type-specific scalar fields (counts, flags) that the arrays do not carry.
    public var attributes: [String: JSONValue] {
        get { manifest.attributes }
        set { manifest.attributes = newValue }
    }
}
