import Foundation

/// Reading what a file holds without loading it.
extension Brine {
    /// Describes the model saved in `url` from the file's header alone: for an uncompressed file
    /// only the header bytes are read; a compressed file is decompressed only until its header ends.
    /// The array table is validated as for a load; array contents and checksums are not read.
    ///
    /// - Parameter url: the file.
    /// - Returns: the model type, versions, hyperparameters, features, classes, metadata, fit
    ///   statistics, step tree and array table.
    /// - Throws: ``PersistenceError`` naming the problem.
    public static func inspect(_ url: URL) throws -> ModelInfo {
        let (header, fileSize, compressed) = try BrineFileReader.readHeader(from: url)
        return ModelInfo(header: header, fileSize: fileSize, compressed: compressed)
    }
}
