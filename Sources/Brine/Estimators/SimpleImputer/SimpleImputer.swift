/// Fills missing cells column by column (scikit-learn's `SimpleImputer` with
/// `missing_values=np.nan`): NaN in numeric columns, `nil` in categorical ones.
///
/// Statistics are learnt per column: the mean or median of the observed numbers, the most
/// frequent value (smallest among ties, in Python's order for text), or a constant. As in
/// scikit-learn 1.9 (`keep_empty_features=False`), a column with no observed value at fit is
/// dropped from the output, whatever the strategy. With ``addIndicator``,
/// one 0/1 column `missingindicator_<name>` follows the imputed columns for each column that had
/// a missing cell at fit. Infinite numbers are refused, as in scikit-learn.
///
/// Unlike scikit-learn, which takes one `fill_value` for the whole (object) array, the constant is
/// given per kind: ``numericFillValue`` for numbers, ``categoricalFillValue`` for text.
///
/// ```swift
/// let imputer = try SimpleImputer(strategy: .mostFrequent).fitTableTransformer(table)
/// let filled = try imputer.transformTable(table)
/// ```
public struct SimpleImputer: Sendable, Codable, Equatable, Hashable {
    /// How missing cells are filled.
    public var strategy: ImputationStrategy
    /// The constant for numeric columns (``ImputationStrategy/constant``; scikit-learn's default 0).
    public var numericFillValue: Double
    /// The constant for categorical columns (``ImputationStrategy/constant``; scikit-learn's `"missing_value"`).
    public var categoricalFillValue: String
    /// Append a 0/1 missing-indicator column per column with missing cells at fit (`add_indicator`).
    public var addIndicator: Bool

    /// The longest text constant accepted (in UTF-8 bytes).
    public static let maximumFillTextLength = 1 << 16

    /// An imputer (mean strategy, no indicator, as in scikit-learn by default).
    ///
    /// - Parameters:
    ///   - strategy: how missing cells are filled.
    ///   - numericFillValue: the constant for numbers (finite).
    ///   - categoricalFillValue: the constant for text.
    ///   - addIndicator: append missing-indicator columns.
    public init(strategy: ImputationStrategy = .mean, numericFillValue: Double = 0,
                categoricalFillValue: String = "missing_value", addIndicator: Bool = false) {
        self.strategy = strategy
        self.numericFillValue = numericFillValue
        self.categoricalFillValue = categoricalFillValue
        self.addIndicator = addIndicator
    }

    /// Checks the hyperparameters.
    ///
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)`` for a non-finite
    ///   numeric constant or a text constant longer than ``maximumFillTextLength``.
    public func validate() throws {
        guard numericFillValue.isFinite else {
            throw EstimatorError.invalidHyperparameter(name: "numericFillValue", value: "\(numericFillValue)", reason: "must be finite")
        }
        guard categoricalFillValue.utf8.count <= Self.maximumFillTextLength else {
            throw EstimatorError.invalidHyperparameter(name: "categoricalFillValue", value: "(\(categoricalFillValue.utf8.count) bytes)",
                                                       reason: "must be at most \(Self.maximumFillTextLength) bytes")
        }
    }

    /// Learns one statistic per column of `table`.
    ///
    /// - Parameters:
    ///   - table: the training data; numeric columns may hold NaN, categorical ones `nil`.
    ///   - matchesByName: keep the column names and match by name later (`false`: by position).
    /// - Returns: the fitted ``SimpleImputerModel``.
    /// - Throws: ``EstimatorError/emptyData(what:)``, ``EstimatorError/nonFiniteValue(row:column:)`` for
    ///   `±∞`, ``EstimatorError/unsupportedColumn(column:reason:)`` for a mean or median of text, or
    ///   ``EstimatorError/invalidHyperparameter(name:value:reason:)``.
    public func fit(_ table: Table, matchesByName: Bool = true) throws -> SimpleImputerModel {
        try fit(table, matchesByName: matchesByName, columnar: true)
    }

    /// Fits on `x` (rows summed in numpy's order for a C-ordered array, as scikit-learn does on an ndarray).
    ///
    /// - Parameters:
    ///   - x: the training data; NaN marks a missing value.
    ///   - featureNames: a name per column (matched by name later), or `nil` (by position).
    /// - Returns: the fitted ``SimpleImputerModel``.
    /// - Throws: as ``fit(_:matchesByName:)``.
    public func fit(_ x: Matrix, featureNames: [String]? = nil) throws -> SimpleImputerModel {
        try InputValidation.checkShape(rows: x.rows, columns: x.columns, targets: nil, featureNames: featureNames)
        let table = try Table(x, columnNames: featureNames ?? TableTransformerSupport.positionalNames(x.columns))
        return try fit(table, matchesByName: featureNames != nil, columnar: false)
    }

    /// `columnar`: sum each column pairwise, as numpy does on a pandas DataFrame's (Fortran-ordered)
    /// values; otherwise row by row, as on a C-ordered ndarray.
    func fit(_ table: Table, matchesByName: Bool, columnar: Bool) throws -> SimpleImputerModel {
        try validate()
        try InputValidation.checkTable(table)
        var numericStatistics: [Double] = []
        var categoricalStatistics: [String?] = []
        var indicatorColumns: [Int] = []
        for (j, column) in table.columns.enumerated() {
            if column.missingCount > 0 { indicatorColumns.append(j) }
            switch column.values {
            case let .numeric(values):
                numericStatistics.append(statistic(of: values, columnar: columnar || table.columnCount == 1))
                categoricalStatistics.append(nil)
            case let .categorical(values):
                guard strategy == .mostFrequent || strategy == .constant else {
                    throw EstimatorError.unsupportedColumn(
                        column: column.name, reason: "is categorical; strategy \(strategy.rawValue) needs numbers (use mostFrequent or constant)")
                }
                numericStatistics.append(.nan)
                let observed = column.missingCount < values.count
                categoricalStatistics.append(!observed ? nil : strategy == .constant ? categoricalFillValue : Self.mostFrequent(values))
            }
        }
        return SimpleImputerModel(
            estimator: self, featureNames: matchesByName ? table.columnNames : nil, columnCount: table.columnCount,
            columnKinds: table.columns.map(\.kind), numericStatistics: numericStatistics,
            categoricalStatistics: categoricalStatistics, indicatorColumns: addIndicator ? indicatorColumns : [],
            sampleCount: table.rowCount)
    }

    private func statistic(of values: [Double], columnar: Bool) -> Double {
        let observedCount = values.reduce(0) { $1.isNaN ? $0 : $0 + 1 }
        guard observedCount > 0 else { return .nan }
        switch strategy {
        case .constant:
            return numericFillValue
        case .mean:
            // np.ma.mean: the column with missing cells as 0 summed, divided by the observed count.
            // numpy sums a contiguous column pairwise, a C-ordered 2-D array down axis 0 row by row.
            let filled = values.map { $0.isNaN ? 0 : $0 }
            let sum = columnar ? NumpySummation.sum(filled) : filled.reduce(0, +)
            return sum / Double(observedCount)
        case .median:
            let observed = values.filter { !$0.isNaN }.sorted()
            guard !observed.isEmpty else { return .nan }
            let half = observed.count / 2
            let low = observed.count % 2 == 1 ? observed[half] : observed[half - 1]
            // np.ma.median: (low + high) / 2, also for an odd count (low == high).
            return (low + observed[half]) / 2
        case .mostFrequent:
            var counts: [Double: Int] = [:]
            for value in values where !value.isNaN { counts[value == 0 ? 0 : value, default: 0] += 1 }
            guard let best = counts.values.max() else { return .nan }
            return counts.filter { $0.value == best }.keys.min() ?? .nan
        }
    }

    /// The most frequent non-missing text, the smallest (Python's order) among ties; `nil` when none.
    static func mostFrequent(_ values: [String?]) -> String? {
        var counts: [String: Int] = [:]
        for case let value? in values { counts[value, default: 0] += 1 }
        guard let best = counts.values.max() else { return nil }
        return counts.filter { $0.value == best }.keys.min(by: PythonStringOrder.less)
    }
}
