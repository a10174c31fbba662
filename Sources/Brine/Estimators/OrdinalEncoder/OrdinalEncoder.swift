/// Encodes each categorical column as one numeric column of category codes 0, 1, 2, …
/// (scikit-learn's `OrdinalEncoder`), for estimators such as forests that split on numbers.
///
/// Categories are sorted by code point (scikit-learn's `categories_`); a missing cell becomes NaN
/// (`encoded_missing_value=np.nan`). A category unseen at fit time is refused, or encoded as
/// ``UnknownCategories/useEncodedValue(_:)``'s value (`handle_unknown="use_encoded_value"`).
/// The output columns keep the input names.
///
/// ```swift
/// let encoder = try OrdinalEncoder(handleUnknown: .useEncodedValue(-1)).fit(table.selecting(["sex"]))
/// let codes = try encoder.transform(table)     // "sex": 0, 1, NaN, -1 …
/// ```
public struct OrdinalEncoder: Sendable, Codable, Equatable, Hashable {
    /// What `OrdinalEncoderModel.transform(_:)` does with a category unseen at fit time.
    public enum UnknownCategories: Sendable, Codable, Equatable, Hashable {
        /// Throw ``EstimatorError/unknownCategory(column:row:value:)``.
        case error
        /// Encode it as this value: NaN or an integer that is not a category code (typically −1).
        case useEncodedValue(Double)
    }

    /// Unknown categories at transform time.
    public var handleUnknown: UnknownCategories

    /// An encoder (unknown categories refused by default, as in scikit-learn).
    ///
    /// - Parameter handleUnknown: what to do with categories unseen at fit time.
    public init(handleUnknown: UnknownCategories = .error) {
        self.handleUnknown = handleUnknown
    }

    /// Checks the hyperparameters: an encoded value for unknown categories is NaN or a whole number.
    ///
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)``.
    public func validate() throws {
        if case let .useEncodedValue(value) = handleUnknown, !value.isNaN, !(value.isFinite && value.rounded() == value && abs(value) <= 9.0e15) {
            throw EstimatorError.invalidHyperparameter(name: "handleUnknown", value: "\(value)",
                                                       reason: "the unknown value must be NaN or a whole number of magnitude at most 9e15")
        }
    }

    /// Learns the categories of every column of `table` (all categorical).
    ///
    /// - Parameters:
    ///   - table: the training table; missing cells are allowed (encoded as NaN).
    ///   - matchesByName: keep the column names and match columns by name later (else by position).
    /// - Returns: the fitted ``OrdinalEncoderModel``.
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)`` (also for an unknown value that is
    ///   a category code, as scikit-learn), ``EstimatorError/emptyData(what:)`` or
    ///   ``EstimatorError/columnKindMismatch(column:expected:actual:)`` for a numeric column.
    public func fit(_ table: Table, matchesByName: Bool = true) throws -> OrdinalEncoderModel {
        try validate()
        guard table.columnCount > 0 else { throw EstimatorError.emptyData(what: "the table has no columns") }
        guard table.rowCount > 0 else { throw EstimatorError.emptyData(what: "the table has no rows") }
        let categories = try table.columns.map { column -> [String] in
            guard let values = column.categoricalValues else {
                throw EstimatorError.columnKindMismatch(column: column.name, expected: .categorical, actual: column.kind)
            }
            return OrdinalCategories.sortedDistinct(values)
        }
        if case let .useEncodedValue(value) = handleUnknown, !value.isNaN,
           let widest = categories.map(\.count).max(), value >= 0, value < Double(widest) {
            throw EstimatorError.invalidHyperparameter(name: "handleUnknown", value: "\(value)",
                reason: "the unknown value is the code of a category (codes run from 0 to \(widest - 1))")
        }
        return try OrdinalEncoderModel(estimator: self, featureNames: matchesByName ? table.columnNames : nil,
                                       inputNames: table.columnNames, categories: categories, sampleCount: table.rowCount)
    }
}
