/// A table of named columns, each numeric (`Double`, NaN = missing) or categorical (`String`,
/// `nil` = missing): what a raw CSV file holds (pandas' `DataFrame`, in small).
///
/// ``Matrix`` stays the numeric core: a table becomes a matrix only through a transformer
/// (`OneHotEncoder`, a `ColumnTransformer`, …) or the explicit ``numericMatrix()``, which
/// names the first categorical column it meets. Lookups by name go through a dictionary, so
/// selecting columns is linear in the number of names, however wide the table.
///
/// ```swift
/// let table = try Table(columns: [
///     .numeric("age", [22, .nan, 38]),
///     .categorical("sex", ["male", "female", nil]),
/// ])
/// let ages = try table.column(named: "age")
/// ```
public struct Table: Sendable, Equatable {
    /// The columns, in order.
    public private(set) var columns: [TableColumn]
    /// The number of rows (0 for a table without columns).
    public let rowCount: Int
    private var positionByName: [String: Int]

    /// A table of `columns`.
    ///
    /// - Throws: ``TableError/emptyColumnName(position:)``, ``TableError/duplicateColumnName(_:positions:)``
    ///   or ``TableError/columnLengthMismatch(column:expected:actual:)``.
    public init(columns: [TableColumn]) throws {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(columns.count)
        let rowCount = columns.first?.count ?? 0
        for (position, column) in columns.enumerated() {
            guard !column.name.isEmpty else { throw TableError.emptyColumnName(position: position) }
            if let earlier = positions[column.name] {
                throw TableError.duplicateColumnName(column.name, positions: (earlier, position))
            }
            positions[column.name] = position
            guard column.count == rowCount else {
                throw TableError.columnLengthMismatch(column: column.name, expected: rowCount, actual: column.count)
            }
        }
        self.columns = columns
        self.rowCount = rowCount
        self.positionByName = positions
    }

    /// A table of `columns` whose names are already known to be non-empty and distinct, with the
    /// dictionary from name to position built by the caller (``CSVReader`` reuses the header's, so a
    /// very wide file does not hold a second one), and of equal lengths `rowCount`.
    init(validatedColumns columns: [TableColumn], rowCount: Int, positions: [String: Int]) {
        self.columns = columns
        self.rowCount = rowCount
        self.positionByName = positions
    }

    /// An all-numeric table from a matrix, one column per matrix column.
    ///
    /// - Throws: ``TableError`` for names of the wrong count, empty or repeated.
    public init(_ matrix: Matrix, columnNames: [String]) throws {
        guard columnNames.count == matrix.columns else {
            throw TableError.columnLengthMismatch(column: "(column names)", expected: matrix.columns, actual: columnNames.count)
        }
        var columns: [TableColumn] = []
        columns.reserveCapacity(matrix.columns)
        for (j, name) in columnNames.enumerated() {
            var values = [Double](repeating: 0, count: matrix.rows)
            for i in 0..<matrix.rows { values[i] = matrix[i, j] }
            columns.append(.numeric(name, values))
        }
        try self.init(columns: columns)
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The number of columns.
    public var columnCount: Int { columns.count }

    /// The names of the columns of `kind`, in order.
    public func columnNames(ofKind kind: ColumnKind) -> [String] {
        columns.filter { $0.kind == kind }.map(\.name)
    }

    /// The position of the column called `name`, or `nil`.
    public func position(of name: String) -> Int? { positionByName[name] }

    /// The column called `name`.
    ///
    /// - Throws: ``TableError/unknownColumns(_:available:)``.
    public func column(named name: String) throws -> TableColumn {
        guard let position = positionByName[name] else {
            throw TableError.unknownColumns([name], available: columnNames)
        }
        return columns[position]
    }

    /// The columns called `names`, in that order.
    ///
    /// - Throws: ``TableError/unknownColumns(_:available:)`` listing every absent name.
    public func selecting(_ names: [String]) throws -> Table {
        var missing: [String] = []
        var selected: [TableColumn] = []
        selected.reserveCapacity(names.count)
        for name in names {
            if let position = positionByName[name] { selected.append(columns[position]) } else { missing.append(name) }
        }
        guard missing.isEmpty else { throw TableError.unknownColumns(missing, available: columnNames) }
        return try Table(columns: selected)
    }

    /// The table without the columns called `names`.
    ///
    /// - Throws: ``TableError/unknownColumns(_:available:)`` listing every absent name.
    public func dropping(_ names: [String]) throws -> Table {
        let missing = names.filter { positionByName[$0] == nil }
        guard missing.isEmpty else { throw TableError.unknownColumns(missing, available: columnNames) }
        let dropped = Set(names)
        return try Table(columns: columns.filter { !dropped.contains($0.name) })
    }

    /// Removes the column called `name` in place: on a table nothing else shares, neither the column
    /// list nor the name dictionary is copied (a very wide file split into features and target
    /// keeps one of each; ``dropping(_:)`` builds new ones).
    ///
    /// - Throws: ``TableError/unknownColumns(_:available:)`` when there is no such column.
    mutating func removeColumn(named name: String) throws {
        guard let position = positionByName[name] else { throw TableError.unknownColumns([name], available: columnNames) }
        columns.remove(at: position)
        positionByName.removeValue(forKey: name)
        for later in position..<columns.count { positionByName[columns[later].name] = later }
    }

    /// The rows at `indices`, in that order (for train/test splits).
    ///
    /// - Throws: ``TableError/rowOutOfRange(index:rowCount:)``.
    public func rows(_ indices: [Int]) throws -> Table {
        if let bad = indices.first(where: { $0 < 0 || $0 >= rowCount }) {
            throw TableError.rowOutOfRange(index: bad, rowCount: rowCount)
        }
        return try Table(columns: columns.map { $0.selecting(indices) })
    }

    /// Every column as one matrix column (missing numbers stay NaN).
    ///
    /// - Throws: ``TableError/nonNumericColumn(_:)`` naming the first categorical column.
    public func numericMatrix() throws -> Matrix {
        var elements = [Double](repeating: 0, count: rowCount * columns.count)
        let width = columns.count
        for (j, column) in columns.enumerated() {
            guard let values = column.numericValues else { throw TableError.nonNumericColumn(column.name) }
            for i in 0..<rowCount { elements[i * width + j] = values[i] }
        }
        return try Matrix(rows: rowCount, columns: width, elements: elements)
    }

    /// Whether two tables have the same columns, names, kinds and cells (NaN matching NaN).
    public static func == (lhs: Table, rhs: Table) -> Bool { lhs.columns == rhs.columns }
}
