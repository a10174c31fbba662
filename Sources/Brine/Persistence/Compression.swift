import Foundation

/// How a Brine file's bytes are stored on disk.
public enum Compression: Sendable, Equatable, Hashable, Codable {
    /// Uncompressed: exactly the safetensors layout, readable by `safetensors` and memory-mappable.
    case none
    /// The whole file gzip-compressed (RFC 1952) at `level` 1 (fastest) to 9 (smallest).
    ///
    /// Large files are written as several independent gzip members compressed in parallel;
    /// any gzip reader (`gunzip`, Python's `gzip`) reads the concatenation as one stream.
    case gzip(level: Int)

    /// The default for a path: `.gzip(level: 3)` when it ends in `.gz`, `.none` otherwise.
    public static func defaultFor(_ url: URL) -> Compression {
        url.path.hasSuffix(".gz") ? .gzip(level: 3) : .none
    }
}
