import Foundation

/// Loading a model whose type is read from the file.
extension Brine {
    /// Loads the model saved in `url`, whatever its type, through the registry of model types
    /// compiled into the program (a file can never name code to run).
    ///
    /// - Parameters:
    ///   - url: the file (uncompressed or gzip, detected from its first bytes).
    ///   - memoryMap: map the file instead of reading it (uncompressed files only); arrays borrow the mapping.
    ///   - verifyChecksums: check every array's CRC-32 (default). With `memoryMap` and without
    ///     verification the load is O(header), for trusted files.
    ///   - registry: the model types to decode with; ``ModelRegistry/shared`` by default.
    /// - Returns: the model; cast it (`as? LogisticRegressionModel<Int>`) or use `Model.load(from:)` for a typed load.
    /// - Throws: ``PersistenceError``, for example ``PersistenceError/unknownModelType(_:)``.
    public static func load(from url: URL, memoryMap: Bool = false, verifyChecksums: Bool = true,
                            registry: ModelRegistry = .shared) throws -> any Persistable {
        let archive = try ModelArchive(contentsOf: url, memoryMap: memoryMap, verifyChecksums: verifyChecksums)
        return try registry.decode(archive)
    }
}
