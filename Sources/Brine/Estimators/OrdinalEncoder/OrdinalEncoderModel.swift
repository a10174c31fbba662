/// A fitted ``OrdinalEncoder``: each input column's sorted categories.
///
/// Immutable and `Sendable`.
public struct OrdinalEncoderModel: TableTransformer, Sendable {
    /// The hyperparameters the model was fitted with.
    public let estimator: OrdinalEncoder
    /// The input column names, when the model matches columns by name.
    public let featureNames: [String]?
    /// The input names used for output names: ``featureNames``, or `x0`, `x1`, … when unnamed.
    public let inputColumnNames: [String]
    /// Each column's categories in Python's order (scikit-learn's `categories_` without the
    /// missing value); a category's code is its position.
    public let categories: [[String]]
    /// The number of rows the encoder was fitted on (0 when unknown: a file dumped by scikit-learn).
    public let sampleCount: Int
    private let lookups: [[String: Int]]

    /// Assembles a model from its parts.
    ///
    /// - Throws: ``EstimatorError/invalidPipeline(_:)`` for inconsistent parts.
    init(estimator: OrdinalEncoder, featureNames: [String]?, inputNames: [String], categories: [[String]], sampleCount: Int) throws {
        guard !inputNames.isEmpty, categories.count == inputNames.count, featureNames.map({ $0 == inputNames }) ?? true else {
            throw EstimatorError.invalidPipeline("an ordinal encoder needs one category list per column")
        }
        self.estimator = estimator
        self.featureNames = featureNames
        self.inputColumnNames = inputNames
        self.categories = categories
        self.sampleCount = sampleCount
        self.lookups = categories.map { list in
            var lookup: [String: Int] = [:]
            for (code, category) in list.enumerated() { lookup[category] = code }
            return lookup
        }
    }

    /// The number of input columns.
    public var featureCount: Int { inputColumnNames.count }
    /// The input names: each column is replaced by its codes.
    public var outputColumnNames: [String] { inputColumnNames }

    /// Replaces each category of the fitted columns of `table` (matched by name, or by position
    /// for an unnamed model) by its code.
    ///
    /// - Parameter table: a table with the fitted columns, categorical.
    /// - Returns: numeric columns of codes (NaN for missing cells), named as the input.
    /// - Throws: ``EstimatorError/missingFeatures(_:available:)``, ``EstimatorError/featureCountMismatch(expected:actual:)``,
    ///   ``EstimatorError/columnKindMismatch(column:expected:actual:)``, ``EstimatorError/emptyData(what:)``
    ///   or ``EstimatorError/unknownCategory(column:row:value:)``.
    public func transformTable(_ table: Table) throws -> Table {
        let columns = try TableTransformerSupport.matchedColumns(
            of: table, fittedNames: inputColumnNames, kinds: Array(repeating: .categorical, count: featureCount),
            byName: featureNames != nil)
        guard table.rowCount > 0 else { throw EstimatorError.emptyData(what: "the table has no rows") }
        var output: [TableColumn] = []
        output.reserveCapacity(columns.count)
        for (j, column) in columns.enumerated() {
            let values = column.categoricalValues ?? []
            var codes = [Double](repeating: .nan, count: values.count)
            for (i, value) in values.enumerated() {
                guard let value else { continue }
                if let code = lookups[j][value] {
                    codes[i] = Double(code)
                } else if case let .useEncodedValue(unknown) = estimator.handleUnknown {
                    codes[i] = unknown
                } else {
                    throw EstimatorError.unknownCategory(column: column.name, row: i, value: value)
                }
            }
            output.append(.numeric(inputColumnNames[j], codes))
        }
        return try Table(columns: output)
    }
}
