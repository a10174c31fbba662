/// Helpers shared by the table transformers: positional names and matching input columns.
enum TableTransformerSupport {
    /// `x0`, `x1`, …: scikit-learn's names for unnamed input columns.
    static func positionalNames(_ count: Int) -> [String] { (0..<count).map { "x\($0)" } }

    /// The columns a model fitted on `fittedNames` (by name when `byName`, else by position) takes
    /// from `table`, checked to be of the fitted kinds.
    ///
    /// - Throws: ``EstimatorError/missingFeatures(_:available:)``,
    ///   ``EstimatorError/featureCountMismatch(expected:actual:)`` or
    ///   ``EstimatorError/columnKindMismatch(column:expected:actual:)``.
    static func matchedColumns(of table: Table, fittedNames: [String], kinds: [ColumnKind], byName: Bool) throws -> [TableColumn] {
        let columns: [TableColumn]
        if byName {
            let missing = fittedNames.filter { table.position(of: $0) == nil }
            guard missing.isEmpty else { throw EstimatorError.missingFeatures(missing, available: table.columnNames) }
            columns = try fittedNames.map { try table.column(named: $0) }
        } else {
            guard table.columnCount == fittedNames.count else {
                throw EstimatorError.featureCountMismatch(expected: fittedNames.count, actual: table.columnCount)
            }
            columns = table.columns
        }
        for (column, kind) in zip(columns, kinds) where column.kind != kind {
            throw EstimatorError.columnKindMismatch(column: column.name, expected: kind, actual: column.kind)
        }
        return columns
    }
}
