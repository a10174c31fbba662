/// Errors of ``CSVReader``. Rows are counted as a spreadsheet counts records (the header is
/// row 1; skipped blank lines are not counted); header positions count from 1. Messages quote
/// at most a few short names (``MessageQuoting``).
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file cannot be opened or read (missing, a directory, no permission).
    case unreadableFile(path: String, reason: String)
    /// The input has no header.
    case emptyFile
    /// The input has a header and no data rows.
    case noDataRows
    /// A header field is empty.
    case emptyColumnName(position: Int)
    /// Two header fields are equal.
    case duplicateColumnName(String, firstPosition: Int, secondPosition: Int)
    /// A header field is not valid UTF-8.
    case invalidUTF8InHeader(position: Int)
    /// A header field holds a NUL byte.
    case nulInHeader(position: Int)
    /// A data row has another number of fields than the header.
    case raggedRow(row: Int, expected: Int, actual: Int)
    /// A quoted field is never closed.
    case unterminatedQuote(row: Int, column: String)
    /// A quote inside an unquoted field, or text after a closing quote (RFC 4180 asks to quote
    /// the whole field and double the quote).
    case unexpectedQuote(row: Int, column: String)
    /// A text cell is not valid UTF-8.
    case invalidUTF8(row: Int, column: String)
    /// A cell holds a NUL byte.
    case nulByte(row: Int, column: String)
    /// A cell of a column forced numeric is neither a number nor a missing-value token.
    case textInNumericColumn(row: Int, column: String, text: String)
    /// Kind overrides name columns the header does not have.
    case unknownOverrideColumns([String], available: [String])
    /// A column is named both in `categorical` and in `numeric`.
    case conflictingOverride(String)

    /// One line naming the problem, its row and its column.
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason): return "cannot read \(MessageQuoting.quote(path)): \(reason)"
        case .emptyFile: return "the CSV input is empty (no header)"
        case .noDataRows: return "the CSV input has a header but no data rows"
        case let .emptyColumnName(position): return "header column \(position) has an empty name"
        case let .duplicateColumnName(name, first, second):
            return "the column name \(MessageQuoting.quote(name)) is used twice in the header (columns \(first) and \(second))"
        case let .invalidUTF8InHeader(position): return "header column \(position) is not valid UTF-8"
        case let .nulInHeader(position): return "header column \(position) contains a NUL byte"
        case let .raggedRow(row, expected, actual): return "row \(row) has \(actual) fields, the header has \(expected)"
        case let .unterminatedQuote(row, column):
            return "unterminated quoted field at row \(row), column \(MessageQuoting.quote(column))"
        case let .unexpectedQuote(row, column):
            return "stray quote at row \(row), column \(MessageQuoting.quote(column)): quote the whole field and double inner quotes (\"\")"
        case let .invalidUTF8(row, column): return "invalid UTF-8 at row \(row), column \(MessageQuoting.quote(column))"
        case let .nulByte(row, column): return "NUL byte at row \(row), column \(MessageQuoting.quote(column))"
        case let .textInNumericColumn(row, column, text):
            return "non-numeric value \(MessageQuoting.quote(text)) at row \(row), column \(MessageQuoting.quote(column)) (declared numeric)"
        case let .unknownOverrideColumns(names, available):
            return "kind override for unknown column \(MessageQuoting.list(names)) (columns: \(MessageQuoting.list(available)))"
        case let .conflictingOverride(name):
            return "column \(MessageQuoting.quote(name)) is declared both categorical and numeric"
        }
    }
}
