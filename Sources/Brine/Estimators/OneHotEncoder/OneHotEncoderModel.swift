/// A fitted ``OneHotEncoder``: the categories of each input column, the infrequent groups and
/// dropped categories. Immutable and `Sendable`.
public struct OneHotEncoderModel: TableTransformer, Sendable {
    /// The hyperparameters the model was fitted with.
    public let estimator: OneHotEncoder
    /// The input column names, when the model matches columns by name.
    public let featureNames: [String]?
    /// The number of rows the model was fitted on (0 when unknown: a file dumped by scikit-learn).
    public let sampleCount: Int
    let features: [CategoricalFeature]
    private let lookups: [[String: Int]]
    private let mappings: [(columns: [Int?], count: Int)]
    /// The output column names (scikit-learn's `get_feature_names_out`).
    public let outputColumnNames: [String]

    init(estimator: OneHotEncoder, featureNames: [String]?, features: [CategoricalFeature], sampleCount: Int) throws {
        self.estimator = estimator
        self.featureNames = featureNames
        self.features = features
        self.sampleCount = sampleCount
        self.lookups = features.map { $0.lookup() }
        self.mappings = features.map { $0.outputColumns() }
        let names = featureNames ?? TableTransformerSupport.positionalNames(features.count)
        self.outputColumnNames = zip(features, names).flatMap { $0.outputNames(feature: $1) }
        guard !outputColumnNames.isEmpty else { throw EstimatorError.emptyData(what: "the encoder outputs no columns") }
    }

    /// The number of input columns.
    public var featureCount: Int { features.count }

    /// The categories of each input column, sorted (scikit-learn's `categories_`, without the missing one).
    public var categories: [[String]] { features.map(\.categories) }

    /// Whether each input column had missing cells at fit (scikit-learn's trailing `nan` category).
    public var missingIsCategory: [Bool] { features.map(\.hasMissing) }

    /// The infrequent categories of each input column (scikit-learn's `infrequent_categories_`),
    /// `nan` standing for missing.
    public var infrequentCategories: [[String]] { features.map { feature in feature.infrequent.map { feature.name(of: $0) } } }

    /// The dropped category of each input column (scikit-learn's `drop_idx_`: the first category
    /// encoded in the dropped column), or `nil`.
    public var droppedCategories: [Int?] { features.map(\.droppedCategory) }

    /// Encodes `table` (columns matched by name, or by position when unnamed) as 0/1 numbers.
    ///
    /// - Parameter table: categorical columns.
    /// - Returns: one numeric column per ``outputColumnNames`` entry.
    /// - Throws: ``EstimatorError/missingFeatures(_:available:)``, ``EstimatorError/featureCountMismatch(expected:actual:)``,
    ///   ``EstimatorError/columnKindMismatch(column:expected:actual:)``, ``EstimatorError/emptyData(what:)``, or
    ///   ``EstimatorError/unknownCategory(column:row:value:)`` with ``UnknownCategoryHandling/error``.
    public func transformTable(_ table: Table) throws -> Table {
        let names = featureNames ?? TableTransformerSupport.positionalNames(features.count)
        let columns = try TableTransformerSupport.matchedColumns(
            of: table, fittedNames: names, kinds: [ColumnKind](repeating: .categorical, count: features.count),
            byName: featureNames != nil)
        guard table.rowCount > 0 else { throw EstimatorError.emptyData(what: "the table has no rows") }
        let rows = table.rowCount
        var output: [TableColumn] = []
        output.reserveCapacity(outputColumnNames.count)
        var nameIndex = 0
        for (j, column) in columns.enumerated() {
            let feature = features[j]
            let (mapping, count) = mappings[j]
            var encoded = [[Double]](repeating: [Double](repeating: 0, count: rows), count: count)
            let values = column.categoricalValues ?? []
            for (i, value) in values.enumerated() {
                let category: Int?
                if let value { category = lookups[j][value] } else { category = feature.hasMissing ? feature.categories.count : nil }
                guard let category else {
                    if estimator.handleUnknown == .error {
                        throw EstimatorError.unknownCategory(column: column.name, row: i, value: value ?? "nan")
                    }
                    continue
                }
                if let out = mapping[category] { encoded[out][i] = 1 }
            }
            for values in encoded {
                output.append(.numeric(outputColumnNames[nameIndex], values))
                nameIndex += 1
            }
        }
        return try Table(columns: output)
    }
}
