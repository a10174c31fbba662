import Brine

/// Mistakes on the command line that the library's own errors do not describe.
enum CLIError: Error, CustomStringConvertible {
    /// Neither or both of `--data` and `--dataset`.
    case dataSource(String)
    /// Columns the model needs that the CSV file lacks.
    case missingColumns(file: String, missing: [String])
    /// A `--metadata` argument not of the form key=value.
    case badMetadata(String)
    /// A flag value out of range.
    case badValue(flag: String, value: String, reason: String)
    /// The file holds a model that cannot do what was asked (for example evaluating a scaler).
    case unsupportedModel(path: String, reason: String)
    /// The demo found a disagreement (a bug, not a user mistake).
    case demoFailed(String)
    /// A model file could not be read; wraps the library's reason.
    case modelFile(path: String, reason: PersistenceError)
    /// The output file exists and `--overwrite` was not given.
    case outputExists(path: String)
    /// The output file could not be written.
    case outputFailed(path: String, reason: String)
    /// The true labels share nothing with the model's classes.
    case labelsNotInModel(file: String, column: String, sample: [String], classes: [String])

    var description: String {
        switch self {
        case let .dataSource(reason): return reason
        case let .missingColumns(file, missing):
            return "\(file) lacks the column(s) the model needs: \(MessageQuoting.list(missing))"
        case let .badMetadata(text): return "--metadata \(MessageQuoting.bounded(text)): expected key=value"
        case let .badValue(flag, value, reason): return "\(flag) \(MessageQuoting.bounded(value)): \(reason)"
        case let .unsupportedModel(path, reason): return "\(path): \(reason)"
        case let .demoFailed(what): return "demo check failed: \(what)"
        case let .modelFile(path, reason):
            switch reason {
            case .fileNotFound: return "\(path): no such model file"
            default: return "\(path): cannot be loaded as a Brine model: \(reason)"
            }
        case let .outputExists(path): return "\(path) already exists (pass --overwrite to replace it)"
        case let .outputFailed(path, reason): return "cannot write \(path): \(reason)"
        case let .labelsNotInModel(file, column, sample, classes):
            return "the labels in column \(MessageQuoting.quote(column)) of \(file) (\(MessageQuoting.list(sample))) are none of the model's classes (\(MessageQuoting.list(classes)))"
        }
    }
}
