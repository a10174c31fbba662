/// Nested models: helpers for composite models such as pipelines.
extension ModelArchive {
    /// The child archive named `name`.
    ///
    /// - Throws: ``PersistenceError/missingKey(_:)`` (`children.<name>`) when there is none.
    public func child(named name: String) throws -> ModelArchive {
        guard let child = children.first(where: { $0.name == name }) else {
            throw PersistenceError.missingKey("children.\(name)")
        }
        return child.archive
    }

    /// Encodes `model` and appends it as a child named `name`. Its arrays are stored in the
    /// file as `<name>.<array>` (nested children add one prefix per level).
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` when a child of that name exists,
    ///   or whatever the model's encoder throws.
    public mutating func appendChild(named name: String, model: any Persistable) throws {
        guard !children.contains(where: { $0.name == name }) else {
            throw PersistenceError.invalidValue(key: "children", reason: "two children are named \(name)")
        }
        children.append(Child(name: name, archive: try model.archive()))
    }

    /// Decodes the child named `name` with the registry (shared by default), so any registered
    /// model type may appear as a step.
    ///
    /// - Throws: ``PersistenceError/missingKey(_:)``, ``PersistenceError/unknownModelType(_:)``,
    ///   or whatever the child's decoder throws.
    public func decodeChild(named name: String, registry: ModelRegistry = .shared) throws -> any Persistable {
        try registry.decode(child(named: name))
    }
}
