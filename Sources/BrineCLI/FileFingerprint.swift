import CZlib
import Foundation

/// The size and CRC-32 of a data file, recorded by `brine train` so that `brine evaluate` can tell
/// when it is given the very file the model was trained on (a renamed or copied file still matches;
/// an edited one does not).
struct FileFingerprint: Codable, Equatable {
    /// The file's length in bytes.
    let bytes: Int
    /// The CRC-32 (zlib's polynomial) of the whole file, as 8 lowercase hex digits.
    let crc32: String

    /// The fingerprint of the file at `path` (read through a memory mapping, about a gigabyte per second).
    ///
    /// - Throws: ``CLIError/dataSource(_:)`` when the file cannot be read.
    init(path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw CLIError.dataSource("cannot read \(path): \(error.localizedDescription)")
        }
        var crc: uLong = crc32_z(0, nil, 0)
        data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return }
            crc = crc32_z(crc, base, raw.count)
        }
        bytes = data.count
        crc32 = String(format: "%08x", UInt32(truncatingIfNeeded: crc))
    }
}
