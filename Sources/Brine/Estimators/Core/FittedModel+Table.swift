/// Input by column name: a ``Table`` becomes the model's feature matrix by matching the names the
/// model was fitted with, whatever the table's column order, ignoring extra columns.
extension FittedModel {
    /// The model's features taken from `table` by name, in the order the model was fitted on.
    ///
    /// A model fitted with ``featureNames`` takes the columns of those names (reordered, extra
    /// columns ignored); a model fitted without names takes the table's columns in order, and
    /// their number must match. Missing numbers stay NaN, for the model to accept or refuse.
    ///
    /// - Throws: ``EstimatorError/missingFeatures(_:available:)`` listing every absent name,
    ///   ``EstimatorError/nonNumericFeature(_:)`` for a categorical column the model needs,
    ///   ``EstimatorError/featureCountMismatch(expected:actual:)`` for an unnamed model and a
    ///   table of another width.
    public func featureMatrix(from table: Table) throws -> Matrix {
        let selected: Table
        if let names = featureNames {
            let missing = names.filter { table.position(of: $0) == nil }
            guard missing.isEmpty else { throw EstimatorError.missingFeatures(missing, available: table.columnNames) }
            selected = try table.selecting(names)
        } else {
            guard table.columnCount == featureCount else {
                throw EstimatorError.featureCountMismatch(expected: featureCount, actual: table.columnCount)
            }
            selected = table
        }
        if let text = selected.columns.first(where: { $0.kind != .numeric }) {
            throw EstimatorError.nonNumericFeature(text.name)
        }
        return try selected.numericMatrix()
    }
}
