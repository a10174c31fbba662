import Foundation

/// Reading and writing archives as Brine files (the layer under ``Persistable/save(to:overwrite:compression:metadata:)``).
extension ModelArchive {
    /// Reads the archive stored in the Brine file at `url`.
    ///
    /// - Parameters:
    ///   - url: the file (uncompressed or gzip, detected from its first bytes).
    ///   - memoryMap: map the file; arrays borrow the mapping. Uncompressed files only.
    ///   - verifyChecksums: check each array's CRC-32.
    /// - Throws: ``PersistenceError`` naming the problem.
    public init(contentsOf url: URL, memoryMap: Bool = false, verifyChecksums: Bool = true) throws {
        self = try BrineFileReader.readArchive(from: url, memoryMap: memoryMap, verifyChecksums: verifyChecksums)
    }

    /// Writes the archive to `url` atomically.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - overwrite: replace an existing file.
    ///   - compression: `nil` chooses from the path (`.gz` → `.gzip(level: 3)`).
    ///   - metadata: free-form JSON stored in the manifest.
    /// - Throws: ``PersistenceError`` naming the problem.
    public func write(to url: URL, overwrite: Bool = false, compression: Compression? = nil,
                      metadata: [String: JSONValue] = [:]) throws {
        try BrineFileWriter.write(self, to: url, overwrite: overwrite, compression: compression, metadata: metadata)
    }
}
