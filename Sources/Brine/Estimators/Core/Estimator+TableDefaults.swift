/// The default table entry points: a table is taken as numbers, its column names as feature names.
extension TransformerEstimator {
    /// Finite numbers only.
    public var tags: EstimatorTags { EstimatorTags() }

    /// Fits on `table` taken as numbers (see ``InputValidation/numericMatrix(of:)``).
    ///
    /// - Throws: ``EstimatorError/nonNumericFeature(_:)`` for a text column, or what fitting throws.
    public func fitTransformer(_ table: Table) throws -> any Transformer {
        try fitTransformer(try InputValidation.numericMatrix(of: table), featureNames: table.columnNames)
    }
}

extension ClassifierEstimator {
    /// Finite numbers only.
    public var tags: EstimatorTags { EstimatorTags() }

    /// Fits on `table` taken as numbers (see ``InputValidation/numericMatrix(of:)``) and `y`.
    ///
    /// - Throws: ``EstimatorError/nonNumericFeature(_:)`` for a text column, or what fitting throws.
    public func fitClassifier<Label: ClassLabel>(_ table: Table, _ y: [Label]) throws -> any Classifier<Label> {
        try fitClassifier(try InputValidation.numericMatrix(of: table), y, featureNames: table.columnNames)
    }
}

extension Transformer {
    /// The input feature names: one output column per input column.
    public var outputFeatureNames: [String]? { featureNames }
}
