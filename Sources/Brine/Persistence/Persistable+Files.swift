import Foundation

/// Saving and loading models as Brine files.
extension Persistable {
    /// The archive of this model: a fresh ``ModelArchive`` of its type filled by ``encode(into:)``.
    ///
    /// - Throws: whatever ``encode(into:)`` throws.
    public func archive() throws -> ModelArchive {
        var archive = ModelArchive(typeName: Self.modelTypeName, layoutVersion: Self.modelLayoutVersion)
        try encode(into: &archive)
        return archive
    }

    /// Saves the model to `url`, atomically (a temporary file in the same folder, flushed to disk,
    /// then renamed into place): a failure leaves any existing file untouched and no temporary file.
    ///
    /// - Parameters:
    ///   - url: the file to write; conventionally `.brine`, or `.brine.gz` for a compressed file.
    ///   - overwrite: replace an existing file; when false an existing file is an error.
    ///   - compression: `nil` picks `.gzip(level: 3)` when the path ends in `.gz`, `.none` otherwise.
    ///   - metadata: free-form JSON stored in the manifest (for example a dataset name or a git commit).
    /// - Throws: ``PersistenceError/fileExists(path:)``, ``PersistenceError/ioFailure(path:reason:)``,
    ///   ``PersistenceError/unsupportedOption(_:)`` for a gzip level outside 1...9,
    ///   ``PersistenceError/invalidValue(key:reason:)`` for metadata JSON cannot hold, or what ``encode(into:)`` throws.
    public func save(to url: URL, overwrite: Bool = false, compression: Compression? = nil,
                     metadata: [String: JSONValue] = [:]) throws {
        if !overwrite && FileManager.default.fileExists(atPath: url.path) {
            throw PersistenceError.fileExists(path: url.path)
        }
        try archive().write(to: url, overwrite: overwrite, compression: compression, metadata: metadata)
    }

    /// Loads a model of this type from `url` (compressed or not, detected from the bytes).
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - memoryMap: map the file instead of reading it; arrays then borrow the mapping without
    ///     copying, and it stays mapped while the model (or any of its arrays) lives. Uncompressed files only.
    ///   - verifyChecksums: check every array's CRC-32. With `memoryMap: true` and this false the load
    ///     touches only the header, and decoders skip scanning array contents
    ///     (``ModelArchive/validatesArrayContents``): use it for files you trust.
    /// - Returns: the model.
    /// - Throws: ``PersistenceError``: ``PersistenceError/wrongModelType(expected:actual:)`` when the file
    ///   holds another model type, ``PersistenceError/labelTypeMismatch(expected:actual:)`` for other labels,
    ///   ``PersistenceError/unsupportedOption(_:)`` for `memoryMap` on a compressed file, and a typed
    ///   error for every kind of damage (see docs/FORMAT.md).
    public static func load(from url: URL, memoryMap: Bool = false, verifyChecksums: Bool = true) throws -> Self {
        let archive = try ModelArchive(contentsOf: url, memoryMap: memoryMap, verifyChecksums: verifyChecksums)
        return try decodeChecked(archive)
    }

    /// Decodes `archive` after checking that it holds this type with this label type.
    static func decodeChecked(_ archive: ModelArchive) throws -> Self {
        guard archive.typeName == modelTypeName else {
            throw PersistenceError.wrongModelType(expected: modelTypeName, actual: archive.typeName)
        }
        guard archive.labelTypeName == modelLabelTypeName else {
            throw PersistenceError.labelTypeMismatch(expected: modelLabelTypeName ?? "none", actual: archive.labelTypeName ?? "none")
        }
        return try decode(from: archive)
    }
}
