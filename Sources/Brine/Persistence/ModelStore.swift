import Foundation

/// A folder of versioned saves of one model: `name_v1.2.0_20261122T101500Z.brine`, …
///
/// - ``save(_:version:metadata:compression:)`` writes a new version, which must be newer than the latest.
/// - ``versions()`` lists the versions, oldest first, with each file's header (metadata included).
/// - ``loadLatest(as:memoryMap:)`` and ``load(version:as:memoryMap:)`` load one.
/// - ``rollBack()`` retires the latest version: its file is renamed to `<file>.rolledback`
///   (kept for recovery, no longer listed), so the previous version becomes the latest.
///   Saving again afterwards may reuse the retired version number.
public struct ModelStore: Sendable {
    /// One saved version.
    public struct Entry: Sendable {
        /// The parsed file name.
        public var versionedName: VersionedName
        /// The file.
        public var url: URL
        /// The file's header: type, metadata, fit statistics, arrays.
        public var info: ModelInfo
        /// The version.
        public var version: SemanticVersion { versionedName.version }
        /// The user metadata saved with this version.
        public var metadata: [String: JSONValue] { info.metadata }
    }

    /// The suffix added to the file of a rolled-back version.
    public static let rolledBackSuffix = ".rolledback"

    /// The folder.
    public let directory: URL
    /// The model name shared by every version's file.
    public let name: String

    /// A store for `name` in `directory` (created on the first save).
    public init(directory: URL, name: String) {
        self.directory = directory
        self.name = name
    }

    /// The versions present, oldest first (file names only; nothing is read).
    ///
    /// - Throws: ``PersistenceError/ioFailure(path:reason:)`` when the folder cannot be listed.
    public func versionNames() throws -> [VersionedName] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw PersistenceError.ioFailure(path: directory.path, reason: "cannot list the folder")
        }
        return files.compactMap { try? VersionedName(fileName: $0) }.filter { $0.name == name }.sorted()
    }

    /// The versions present, oldest first, each with its header (read without loading the arrays).
    ///
    /// - Throws: ``PersistenceError`` when a version's header is damaged.
    public func versions() throws -> [Entry] {
        try versionNames().map { versioned in
            let url = directory.appendingPathComponent(versioned.fileName)
            return Entry(versionedName: versioned, url: url, info: try Brine.inspect(url))
        }
    }

    /// The latest version's name, or `nil` for an empty store.
    public func latest() throws -> VersionedName? { try versionNames().last }

    /// Saves `model` as `version`, with `metadata` in its manifest.
    ///
    /// - Parameters:
    ///   - model: the model.
    ///   - version: must be newer than the latest version in the store.
    ///   - metadata: free-form JSON stored with this version.
    ///   - compression: `.none` by default; `.gzip(level:)` writes `.brine.gz`.
    ///   - date: the save time written in the file name (now by default).
    /// - Returns: the new version's name.
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` when `version` is not newer than the latest,
    ///   or any save error.
    @discardableResult
    public func save(_ model: some Persistable, version: SemanticVersion, metadata: [String: JSONValue] = [:],
                     compression: Compression = .none, date: Date = Date()) throws -> VersionedName {
        let compressed = compression != .none
        let versioned = try VersionedName(name: name, version: version, timestamp: date, compressed: compressed)
        if let latest = try latest(), !(latest.version < version) {
            throw PersistenceError.invalidValue(
                key: "version", reason: "\(version) is not newer than the latest version \(latest.version) of \(name)")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PersistenceError.ioFailure(path: directory.path, reason: "cannot create the folder")
        }
        try model.save(to: directory.appendingPathComponent(versioned.fileName), overwrite: false,
                       compression: compression, metadata: metadata)
        return versioned
    }

    /// Saves `model` as `version` given as text (`"1.2.0"`).
    ///
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` for a malformed or old version, or any save error.
    @discardableResult
    public func save(_ model: some Persistable, version: String, metadata: [String: JSONValue] = [:],
                     compression: Compression = .none) throws -> VersionedName {
        try save(model, version: SemanticVersion(version), metadata: metadata, compression: compression)
    }

    /// Loads the latest version as `type`.
    ///
    /// - Throws: ``PersistenceError/fileNotFound(path:)`` for an empty store, or any load error.
    public func loadLatest<Model: Persistable>(as type: Model.Type, memoryMap: Bool = false) throws -> Model {
        guard let latest = try latest() else { throw PersistenceError.fileNotFound(path: pattern) }
        return try Model.load(from: directory.appendingPathComponent(latest.fileName), memoryMap: memoryMap)
    }

    /// Loads `version` as `type` (the newest file of that version, if several).
    ///
    /// - Throws: ``PersistenceError/fileNotFound(path:)`` when the version is absent, or any load error.
    public func load<Model: Persistable>(version: SemanticVersion, as type: Model.Type, memoryMap: Bool = false) throws -> Model {
        guard let found = try versionNames().last(where: { $0.version == version }) else {
            throw PersistenceError.fileNotFound(path: directory.appendingPathComponent("\(name)_v\(version)_*.brine").path)
        }
        return try Model.load(from: directory.appendingPathComponent(found.fileName), memoryMap: memoryMap)
    }

    /// Retires the latest version (renamed to `<file>.rolledback`), making the previous one the latest.
    ///
    /// - Returns: the new latest version.
    /// - Throws: ``PersistenceError/invalidValue(key:reason:)`` when there is no previous version,
    ///   ``PersistenceError/ioFailure(path:reason:)`` when the rename fails.
    @discardableResult
    public func rollBack() throws -> VersionedName {
        let names = try versionNames()
        guard names.count >= 2 else {
            throw PersistenceError.invalidValue(
                key: "versions", reason: "\(name) has \(names.count) version(s); rolling back needs a previous one")
        }
        let latest = directory.appendingPathComponent(names[names.count - 1].fileName)
        let retired = URL(fileURLWithPath: latest.path + Self.rolledBackSuffix)
        guard rename(latest.path, retired.path) == 0 else {
            throw PersistenceError.ioFailure(path: latest.path, reason: "cannot rename to \(retired.lastPathComponent)")
        }
        AtomicFileWriter.syncFolder(directory.path)
        return names[names.count - 2]
    }

    private var pattern: String { directory.appendingPathComponent("\(name)_v*.brine").path }
}
