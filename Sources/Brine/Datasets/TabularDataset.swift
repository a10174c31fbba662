import Foundation

/// A ``Table`` of features (numeric and categorical columns, missing cells allowed) with one label
/// per row: what a raw CSV file gives before any preprocessing.
public struct TabularDataset<Label: ClassLabel>: Sendable {
    /// The feature columns.
    public let features: Table
    /// The label of each row.
    public let targets: [Label]
    /// The name of the column the labels came from.
    public let targetColumn: String
    /// Where the data came from (a file path or a name).
    public let source: String

    /// A dataset of `features` and `targets`.
    ///
    /// - Throws: ``EstimatorError/sampleCountMismatch(features:targets:)`` when the counts differ.
    public init(features: Table, targets: [Label], targetColumn: String, source: String) throws {
        guard features.rowCount == targets.count else {
            throw EstimatorError.sampleCountMismatch(features: features.rowCount, targets: targets.count)
        }
        self.features = features
        self.targets = targets
        self.targetColumn = targetColumn
        self.source = source
    }

    /// The number of rows.
    public var sampleCount: Int { targets.count }

    /// The rows at `indices`, in that order.
    ///
    /// - Throws: ``TableError/rowOutOfRange(index:rowCount:)``.
    public func subset(_ indices: [Int]) throws -> TabularDataset {
        try TabularDataset(features: try features.rows(indices), targets: indices.map { targets[$0] },
                           targetColumn: targetColumn, source: source)
    }
}

extension TabularDataset where Label: LosslessStringConvertible {
    /// Reads `url` with ``CSVReader`` and takes the labels from `targetColumn` (read as text, then
    /// converted to `Label`); the other columns are the features, kinds inferred or set by `options`.
    ///
    /// - Throws: ``DatasetError`` (an unknown target column, a missing or unconvertible label, or
    ///   malformed CSV).
    public init(contentsOf url: URL, targetColumn: String, options: CSVReadOptions = CSVReadOptions()) throws {
        var withTarget = options
        withTarget.categorical.append(targetColumn)
        withTarget.numeric.removeAll { $0 == targetColumn }
        var table = try CSVLoader.table(contentsOf: url, options: withTarget)
        let cells = try table.column(named: targetColumn).categoricalValues ?? []
        var targets: [Label] = []
        targets.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() {
            guard let cell else { throw DatasetError.missingValue(row: index + 2, column: targetColumn) }
            guard let label = Label(cell) else { throw DatasetError.nonNumericValue(row: index + 2, column: targetColumn, text: cell) }
            targets.append(label)
        }
        // In place (no second column list or name dictionary); a table of the target alone becomes
        // the empty table, as `dropping` makes it.
        if table.columnCount > 1 { try table.removeColumn(named: targetColumn) } else { table = try table.dropping([targetColumn]) }
        try self.init(features: table, targets: targets, targetColumn: targetColumn, source: url.path)
    }
}
