/// The checks every estimator runs on its input before using it.
public enum InputValidation {
    /// Checks that `x` is non-empty and finite, and (when given) has `expectedFeatures` columns.
    ///
    /// - Throws: ``EstimatorError/emptyData(what:)``, ``EstimatorError/featureCountMismatch(expected:actual:)``
    ///   or ``EstimatorError/nonFiniteValue(row:column:)``.
    public static func checkFeatures(_ x: Matrix, expectedFeatures: Int? = nil) throws {
        if let expectedFeatures, x.columns != expectedFeatures {
            throw EstimatorError.featureCountMismatch(expected: expectedFeatures, actual: x.columns)
        }
        guard x.rows > 0 else { throw EstimatorError.emptyData(what: "the feature matrix has no rows") }
        guard x.columns > 0 else { throw EstimatorError.emptyData(what: "the feature matrix has no columns") }
        guard x.rows <= Int(Int32.max), x.columns <= Int(Int32.max) else {
            throw EstimatorError.dataTooLarge(rows: x.rows, columns: x.columns)
        }
        if let position = x.firstNonFiniteElement {
            throw EstimatorError.nonFiniteValue(row: position.row, column: position.column)
        }
    }

    /// Checks features as ``checkFeatures(_:expectedFeatures:)`` does, that there is one target per row,
    /// and that feature names (when given) number one per column.
    public static func checkTrainingData<Label>(_ x: Matrix, _ y: [Label], featureNames: [String]?) throws {
        try checkFeatures(x)
        guard x.rows == y.count else { throw EstimatorError.sampleCountMismatch(features: x.rows, targets: y.count) }
        if let featureNames, featureNames.count != x.columns {
            throw EstimatorError.featureCountMismatch(expected: x.columns, actual: featureNames.count)
        }
    }
}
