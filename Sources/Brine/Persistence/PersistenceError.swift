/// Errors from saving, loading and inspecting Brine files. Each names the problem.
public enum PersistenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file to save to exists and `overwrite` is off.
    case fileExists(path: String)
    /// The file to load does not exist.
    case fileNotFound(path: String)
    /// Reading or writing failed at the operating-system level.
    case ioFailure(path: String, reason: String)
    /// The file ends before the structure it announces (header or data).
    case truncated(String)
    /// The file does not start like a Brine file (an 8-byte little-endian header length followed by
    /// a JSON object): a text file, a CSV, random bytes. The associated value names the file.
    case notABrineFile(String)
    /// A buffer for the file (or its decompressed contents) could not be allocated.
    case outOfMemory(bytes: Int)
    /// The header is malformed: too long, not UTF-8, not JSON, or not the expected shape.
    case invalidHeader(String)
    /// A required manifest key is missing.
    case missingKey(String)
    /// A manifest value has the wrong type or is out of range.
    case invalidValue(key: String, reason: String)
    /// The file holds a model type that is not registered in this program.
    case unknownModelType(String)
    /// The file holds another model type than the one asked for.
    case wrongModelType(expected: String, actual: String)
    /// The labels stored in the file are of another type than the one asked for.
    case labelTypeMismatch(expected: String, actual: String)
    /// The file was written by a newer (or unknown) version of the format or of a model layout.
    case unsupportedVersion(what: String, found: String, supported: String)
    /// A named array is absent.
    case missingArray(String)
    /// A named array has another dtype than expected.
    case wrongArrayType(name: String, expected: String, actual: String)
    /// The array table is inconsistent: offsets out of range, overlapping, leaving holes, or
    /// a dtype/shape that does not match the byte length.
    case invalidArrayTable(String)
    /// An array's checksum does not match the manifest.
    case checksumMismatch(array: String)
    /// Arrays and fields disagree with each other (counts, lengths, indices, non-finite values, tree structure).
    case inconsistentModel(String)
    /// The compressed stream is corrupt or expands beyond the allowed size.
    case compressionFailure(String)
    /// An option that does not apply (for example memory-mapping a compressed file).
    case unsupportedOption(String)

    /// A one-line explanation naming the problem.
    public var description: String {
        switch self {
        case let .fileExists(path): return "\(path) already exists (pass overwrite: true to replace it)"
        case let .fileNotFound(path): return "no such file: \(path)"
        case let .ioFailure(path, reason): return "I/O error on \(path): \(reason)"
        case let .truncated(what): return "truncated file: \(what)"
        case let .notABrineFile(what):
            return "\(what) is not a Brine file (a Brine file starts with an 8-byte header length and a JSON header)"
        case let .outOfMemory(bytes): return "out of memory: cannot allocate \(bytes) bytes for the file"
        case let .invalidHeader(what): return "invalid header: \(what)"
        case let .missingKey(key): return "missing key in the manifest: \(key)"
        case let .invalidValue(key, reason): return "invalid value for \(key): \(reason)"
        case let .unknownModelType(name): return "unknown model type \(name) (not registered in this program)"
        case let .wrongModelType(expected, actual): return "the file holds a \(actual), not a \(expected)"
        case let .labelTypeMismatch(expected, actual): return "the file's class labels are \(actual), not \(expected)"
        case let .unsupportedVersion(what, found, supported):
            return "unsupported \(what) version \(found): this build of Brine reads \(supported)"
        case let .missingArray(name): return "missing array \(name)"
        case let .wrongArrayType(name, expected, actual): return "array \(name) has dtype \(actual), expected \(expected)"
        case let .invalidArrayTable(what): return "invalid array table: \(what)"
        case let .checksumMismatch(array): return "checksum mismatch in array \(array): the file is corrupt"
        case let .inconsistentModel(what): return "inconsistent model: \(what)"
        case let .compressionFailure(what): return "compressed data error: \(what)"
        case let .unsupportedOption(what): return "unsupported option: \(what)"
        }
    }
}
