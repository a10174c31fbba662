/// Errors from loading data files.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case fileNotFound(path: String)
    /// The file has no header or no data rows.
    case emptyFile(path: String)
    /// The requested target column is not in the header.
    case unknownColumn(name: String, available: [String])
    /// A row has another number of fields than the header.
    case wrongFieldCount(row: Int, expected: Int, actual: Int)
    /// A field is empty (a missing value).
    case missingValue(row: Int, column: String)
    /// A feature field is not a finite number.
    case nonNumericValue(row: Int, column: String, text: String)
    /// No bundled dataset has this name.
    case unknownDataset(name: String, available: [String])
    /// A bundled dataset's files disagree (split indices out of range, wrong counts).
    case corruptDataset(name: String, reason: String)
    /// A split parameter is invalid (test size, too few members of a class).
    case invalidSplit(String)
    /// The file is not well-formed CSV (an unterminated quote, invalid UTF-8, a bad header, …).
    case invalidCSV(path: String, CSVError)

    /// A one-line explanation naming the file, row or column at fault.
    public var description: String {
        switch self {
        case let .fileNotFound(path): return "cannot read \(path): no such file (or not a readable regular file)"
        case let .emptyFile(path): return "\(path) has no data rows"
        case let .unknownColumn(name, available):
            return "no column named \(MessageQuoting.quote(name)) (columns: \(MessageQuoting.list(available)))"
        case let .wrongFieldCount(row, expected, actual):
            return "row \(row) has \(actual) fields, the header has \(expected)"
        case let .missingValue(row, column): return "missing value at row \(row), column \(MessageQuoting.quote(column))"
        case let .nonNumericValue(row, column, text):
            return "non-numeric value \(MessageQuoting.quote(text)) at row \(row), column \(MessageQuoting.quote(column))"
        case let .unknownDataset(name, available):
            return "no bundled dataset named \(MessageQuoting.quote(name)) (available: \(MessageQuoting.list(available)))"
        case let .corruptDataset(name, reason): return "bundled dataset \(MessageQuoting.quote(name)) is corrupt: \(reason)"
        case let .invalidSplit(reason): return "invalid split: \(reason)"
        case let .invalidCSV(path, error): return "\(MessageQuoting.quote(path)): \(error)"
        }
    }
}
