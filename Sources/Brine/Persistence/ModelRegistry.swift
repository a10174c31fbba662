import Foundation

/// The table of model types a program can load. A file names a type; the registry maps
/// that name (and, for classifiers, the label type) to a decoder compiled into the program.
/// A file can never name code to run: an unregistered name is an error.
public final class ModelRegistry: @unchecked Sendable {
    /// The registry used by ``Brine/load(from:memoryMap:verifyChecksums:registry:)`` and by pipelines to decode their steps.
    public static let shared = ModelRegistry(registering: BuiltInModels.types)

    private let lock = NSLock()
    private var decoders: [String: @Sendable (ModelArchive) throws -> any Persistable] = [:]

    /// A registry holding `types`.
    public init(registering types: [any Persistable.Type] = []) {
        for type in types { register(type) }
    }

    /// Adds (or replaces) `type`, keyed by its type name and label type.
    public func register<Model: Persistable>(_ type: Model.Type) {
        let key = Self.key(typeName: Model.modelTypeName, labelTypeName: Model.modelLabelTypeName)
        lock.lock()
        defer { lock.unlock() }
        decoders[key] = { archive in try Model.decode(from: archive) }
    }

    /// The registered keys, sorted (for example `"LogisticRegression<Int>"`, `"StandardScaler"`).
    public var registeredNames: [String] {
        lock.lock()
        defer { lock.unlock() }
        return decoders.keys.sorted()
    }

    /// Decodes `archive` with the decoder registered for its type and label type.
    ///
    /// - Throws: ``PersistenceError/unknownModelType(_:)`` when nothing is registered under that name,
    ///   or whatever the model's decoder throws.
    public func decode(_ archive: ModelArchive) throws -> any Persistable {
        let key = Self.key(typeName: archive.typeName, labelTypeName: archive.labelTypeName)
        lock.lock()
        let decoder = decoders[key]
        lock.unlock()
        guard let decoder else { throw PersistenceError.unknownModelType(key) }
        return try decoder(archive)
    }

    /// The registry key: the type name, followed by `<Label>` for classifiers.
    public static func key(typeName: String, labelTypeName: String?) -> String {
        if let labelTypeName { return "\(typeName)<\(labelTypeName)>" }
        return typeName
    }
}
