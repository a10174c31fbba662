/// A fitted ``SimpleImputer``: one statistic per input column, and which columns get a
/// missing indicator. Immutable and `Sendable`.
public struct SimpleImputerModel: TableTransformer, Sendable {
    /// The hyperparameters the model was fitted with.
    public let estimator: SimpleImputer
    /// The input column names, when the model matches columns by name.
    public let featureNames: [String]?
    /// The number of input columns.
    public let featureCount: Int
    /// The kind of each input column at fit.
    public let columnKinds: [ColumnKind]
    /// The fill value of each numeric input column (scikit-learn's `statistics_`); NaN for a
    /// categorical column or a numeric column without observed values (dropped from the output).
    public let numericStatistics: [Double]
    /// The fill value of each categorical input column; `nil` for a numeric column or a
    /// categorical column without observed values (dropped from the output).
    public let categoricalStatistics: [String?]
    /// The input columns (positions, increasing) that get a missing indicator (`indicator_.features_`).
    public let indicatorColumns: [Int]
    /// The number of rows the model was fitted on (0 when unknown: a file dumped by scikit-learn).
    public let sampleCount: Int

    init(estimator: SimpleImputer, featureNames: [String]?, columnCount: Int, columnKinds: [ColumnKind],
         numericStatistics: [Double], categoricalStatistics: [String?], indicatorColumns: [Int], sampleCount: Int) {
        self.estimator = estimator
        self.featureNames = featureNames
        self.featureCount = columnCount
        self.columnKinds = columnKinds
        self.numericStatistics = numericStatistics
        self.categoricalStatistics = categoricalStatistics
        self.indicatorColumns = indicatorColumns
        self.sampleCount = sampleCount
    }

    /// The input names used for output names: ``featureNames``, or `x0`, `x1`, … when unnamed.
    public var inputColumnNames: [String] { featureNames ?? TableTransformerSupport.positionalNames(featureCount) }

    /// Whether input column `j` has a statistic (else it is dropped from the output).
    public func keepsColumn(_ j: Int) -> Bool {
        columnKinds[j] == .numeric ? !numericStatistics[j].isNaN : categoricalStatistics[j] != nil
    }

    /// The kept input columns, then `missingindicator_<name>` per indicator column.
    public var outputColumnNames: [String] {
        let names = inputColumnNames
        return (0..<featureCount).filter(keepsColumn).map { names[$0] } + indicatorColumns.map { "missingindicator_\(names[$0])" }
    }

    /// Fills the missing cells of `table` (columns matched by name, or by position when unnamed).
    ///
    /// - Parameter table: the input; its columns must have the fitted kinds.
    /// - Returns: the kept columns with their missing cells filled, then the indicator columns (0/1).
    /// - Throws: ``EstimatorError/missingFeatures(_:available:)``, ``EstimatorError/featureCountMismatch(expected:actual:)``,
    ///   ``EstimatorError/columnKindMismatch(column:expected:actual:)``, ``EstimatorError/emptyData(what:)`` or
    ///   ``EstimatorError/nonFiniteValue(row:column:)`` for `±∞`.
    public func transformTable(_ table: Table) throws -> Table {
        let columns = try TableTransformerSupport.matchedColumns(
            of: table, fittedNames: inputColumnNames, kinds: columnKinds, byName: featureNames != nil)
        guard table.rowCount > 0 else { throw EstimatorError.emptyData(what: "the table has no rows") }
        let names = inputColumnNames
        var output: [TableColumn] = []
        for (j, column) in columns.enumerated() {
            switch column.values {
            case let .numeric(values):
                if let i = values.firstIndex(where: { $0.isInfinite }) { throw EstimatorError.nonFiniteValue(row: i, column: j) }
                guard keepsColumn(j) else { continue }
                let fill = numericStatistics[j]
                output.append(.numeric(names[j], values.map { $0.isNaN ? fill : $0 }))
            case let .categorical(values):
                guard keepsColumn(j), let fill = categoricalStatistics[j] else { continue }
                output.append(.categorical(names[j], values.map { $0 ?? fill }))
            }
        }
        for j in indicatorColumns {
            let indicator: [Double]
            switch columns[j].values {
            case let .numeric(values): indicator = values.map { $0.isNaN ? 1 : 0 }
            case let .categorical(values): indicator = values.map { $0 == nil ? 1 : 0 }
            }
            output.append(.numeric("missingindicator_\(names[j])", indicator))
        }
        guard !output.isEmpty else { throw EstimatorError.emptyData(what: "every column was dropped (no observed values at fit)") }
        return try Table(columns: output)
    }
}
