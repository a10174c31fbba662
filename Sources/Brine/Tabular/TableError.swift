/// Errors of the ``Table`` type: construction, selection by name, and conversion to a ``Matrix``.
///
/// Messages quote at most a few names (``MessageQuoting``), however wide the table.
public enum TableError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A column name is empty (`position` counts from 0).
    case emptyColumnName(position: Int)
    /// Two columns share a name.
    case duplicateColumnName(String, positions: (Int, Int))
    /// Columns of different lengths.
    case columnLengthMismatch(column: String, expected: Int, actual: Int)
    /// Columns asked for by name that the table does not have.
    case unknownColumns([String], available: [String])
    /// A numeric conversion met a categorical column.
    case nonNumericColumn(String)
    /// A row index outside the table.
    case rowOutOfRange(index: Int, rowCount: Int)

    public static func == (lhs: TableError, rhs: TableError) -> Bool {
        switch (lhs, rhs) {
        case let (.emptyColumnName(a), .emptyColumnName(b)): return a == b
        case let (.duplicateColumnName(a, p), .duplicateColumnName(b, q)): return a == b && p == q
        case let (.columnLengthMismatch(a, e1, a1), .columnLengthMismatch(b, e2, a2)): return a == b && e1 == e2 && a1 == a2
        case let (.unknownColumns(a, x), .unknownColumns(b, y)): return a == b && x == y
        case let (.nonNumericColumn(a), .nonNumericColumn(b)): return a == b
        case let (.rowOutOfRange(a, n), .rowOutOfRange(b, m)): return a == b && n == m
        default: return false
        }
    }

    /// One line naming the problem.
    public var description: String {
        switch self {
        case let .emptyColumnName(position):
            return "column \(position + 1) has an empty name"
        case let .duplicateColumnName(name, positions):
            return "the column name \(MessageQuoting.quote(name)) is used twice (columns \(positions.0 + 1) and \(positions.1 + 1))"
        case let .columnLengthMismatch(column, expected, actual):
            return "column \(MessageQuoting.quote(column)) has \(actual) rows, expected \(expected)"
        case let .unknownColumns(names, available):
            return "no column named \(MessageQuoting.list(names)) (columns: \(MessageQuoting.list(available)))"
        case let .nonNumericColumn(name):
            return "column \(MessageQuoting.quote(name)) is categorical; encode it (OneHotEncoder, OrdinalEncoder) or drop it before converting the table to a matrix"
        case let .rowOutOfRange(index, rowCount):
            return "row index \(index) is outside the table's \(rowCount) rows"
        }
    }
}
