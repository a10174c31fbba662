/// Encodes each categorical column as one 0/1 column per category (scikit-learn's `OneHotEncoder`
/// with `sparse_output=False`).
///
/// Categories are learnt sorted (Python's code-point order); a missing cell is a category of its
/// own, sorted last and named `nan`, as in scikit-learn. Output columns are named
/// `<column>_<category>` (`get_feature_names_out`), the infrequent group `<column>_infrequent_sklearn`.
/// Infrequent grouping (``minimumFrequency``, ``maximumCategories``), ``drop`` and
/// ``handleUnknown`` follow scikit-learn 1.9. Only categorical columns are accepted: read codes
/// such as `area_code` as text (`CSVReadOptions(categorical:)`) to encode them.
///
/// ```swift
/// let encoder = try OneHotEncoder(handleUnknown: .ignore).fit(table.selecting(["island", "sex"]))
/// let encoded = try encoder.transform(test)      // matched by name
/// ```
public struct OneHotEncoder: Sendable, Codable, Equatable, Hashable {
    /// What a category unseen at fit becomes.
    public var handleUnknown: UnknownCategoryHandling
    /// Which category each feature leaves out.
    public var drop: CategoryDrop
    /// Categories rarer than this are grouped into one infrequent category (`nil`: none).
    public var minimumFrequency: MinimumFrequency?
    /// At most this many output columns per feature, the infrequent group included (`nil`: no limit).
    public var maximumCategories: Int?

    /// The most categories one column may have at fit (and a file may list).
    public static let maximumCategoryCount = 1 << 20
    /// The longest category accepted, in UTF-8 bytes.
    public static let maximumCategoryLength = 1 << 16

    /// An encoder; the defaults are scikit-learn's (`handle_unknown="error"`, `drop=None`).
    ///
    /// - Parameters:
    ///   - handleUnknown: what an unseen category becomes.
    ///   - drop: which category each feature leaves out.
    ///   - minimumFrequency: the infrequent threshold, or `nil`.
    ///   - maximumCategories: the most output columns per feature (at least 1), or `nil`.
    public init(handleUnknown: UnknownCategoryHandling = .error, drop: CategoryDrop = .none,
                minimumFrequency: MinimumFrequency? = nil, maximumCategories: Int? = nil) {
        self.handleUnknown = handleUnknown
        self.drop = drop
        self.minimumFrequency = minimumFrequency
        self.maximumCategories = maximumCategories
    }

    /// Checks the hyperparameters.
    ///
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)`` for a count below 1, a
    ///   fraction outside (0, 1], or `maximumCategories` below 1.
    public func validate() throws {
        switch minimumFrequency {
        case let .count(count)? where count < 1:
            throw EstimatorError.invalidHyperparameter(name: "minimumFrequency", value: "\(count)", reason: "a count must be at least 1")
        case let .fraction(fraction)? where !(fraction > 0 && fraction <= 1):
            throw EstimatorError.invalidHyperparameter(name: "minimumFrequency", value: "\(fraction)", reason: "a fraction must be in (0, 1]")
        default: break
        }
        if let maximumCategories, maximumCategories < 1 {
            throw EstimatorError.invalidHyperparameter(name: "maximumCategories", value: "\(maximumCategories)", reason: "must be at least 1")
        }
    }

    /// Learns the categories of every column of `table`.
    ///
    /// - Parameters:
    ///   - table: categorical columns; missing cells are the category `nan`.
    ///   - matchesByName: keep the column names and match by name later (`false`: by position).
    /// - Returns: the fitted ``OneHotEncoderModel``.
    /// - Throws: ``EstimatorError/emptyData(what:)``, ``EstimatorError/unsupportedColumn(column:reason:)``
    ///   for a numeric column or too many or too long categories;
    ///   ``EstimatorError/invalidHyperparameter(name:value:reason:)``.
    public func fit(_ table: Table, matchesByName: Bool = true) throws -> OneHotEncoderModel {
        try validate()
        try InputValidation.checkTable(table)
        var features: [CategoricalFeature] = []
        for column in table.columns {
            guard let values = column.categoricalValues else {
                throw EstimatorError.unsupportedColumn(column: column.name, reason: "is numeric; OneHotEncoder encodes categorical columns (read it as text)")
            }
            var feature = try CategoricalFeature.learn(values, column: column.name)
            feature.infrequent = infrequentCategories(counts: feature.counts, rows: table.rowCount)
            feature.dropped = droppedColumn(feature)
            features.append(feature)
        }
        return try OneHotEncoderModel(estimator: self, featureNames: matchesByName ? table.columnNames : nil,
                                      features: features, sampleCount: table.rowCount)
    }

    /// scikit-learn's `_identify_infrequent`: below the minimum frequency, then beyond the
    /// `maximumCategories - 1` most frequent (ties: the later category is kept).
    func infrequentCategories(counts: [Int], rows: Int) -> [Int] {
        var infrequent = [Bool](repeating: false, count: counts.count)
        switch minimumFrequency {
        case let .count(minimum)?: for (i, count) in counts.enumerated() { infrequent[i] = count < minimum }
        case let .fraction(fraction)?:
            let minimum = Double(rows) * fraction
            for (i, count) in counts.enumerated() { infrequent[i] = Double(count) < minimum }
        case nil: break
        }
        let outputs = counts.count - infrequent.filter { $0 }.count + 1
        if let maximumCategories, maximumCategories < outputs {
            let frequentCount = maximumCategories - 1
            if frequentCount == 0 {
                infrequent = infrequent.map { _ in true }
            } else {
                // np.argsort(counts, kind="mergesort")[:-frequentCount]: ascending and stable, so
                // among equal counts the later category stays frequent.
                let order = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 < $1 }
                for i in order.dropLast(frequentCount) { infrequent[i] = true }
            }
        }
        return infrequent.indices.filter { infrequent[$0] }
    }

    /// The output column dropped after grouping (scikit-learn's `_drop_idx_after_grouping`), or `nil`.
    func droppedColumn(_ feature: CategoricalFeature) -> Int? {
        switch drop {
        case .none: return nil
        case .first: return 0
        case .ifBinary:
            let outputs = feature.categoryCount - (feature.infrequent.isEmpty ? 0 : feature.infrequent.count - 1)
            return outputs == 2 ? 0 : nil
        }
    }
}
