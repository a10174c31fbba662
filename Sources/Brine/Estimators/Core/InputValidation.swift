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

extension InputValidation {
    /// Checks the shape of training data without looking at the values: one target per row and
    /// (when given) one feature name per column. Each estimator checks the values it accepts.
    ///
    /// - Throws: ``EstimatorError/sampleCountMismatch(features:targets:)`` or
    ///   ``EstimatorError/featureCountMismatch(expected:actual:)``.
    public static func checkShape(rows: Int, columns: Int, targets: Int?, featureNames: [String]?) throws {
        if let targets, rows != targets { throw EstimatorError.sampleCountMismatch(features: rows, targets: targets) }
        if let featureNames, featureNames.count != columns {
            throw EstimatorError.featureCountMismatch(expected: columns, actual: featureNames.count)
        }
    }

    /// `table` as a matrix of numbers (missing numbers stay NaN, for the estimator to accept or refuse).
    ///
    /// - Throws: ``EstimatorError/nonNumericFeature(_:)`` naming the first text column.
    public static func numericMatrix(of table: Table) throws -> Matrix {
        if let text = table.columns.first(where: { $0.kind != .numeric }) {
            throw EstimatorError.nonNumericFeature(text.name)
        }
        return try table.numericMatrix()
    }

    /// Checks a table given to a table-reading estimator at fit: at least one row and one column,
    /// within the BLAS limits, and no infinite number (NaN is missing; `nil` is missing text).
    ///
    /// - Throws: ``EstimatorError/emptyData(what:)``, ``EstimatorError/dataTooLarge(rows:columns:)``
    ///   or ``EstimatorError/nonFiniteValue(row:column:)`` for `±∞`.
    public static func checkTable(_ table: Table) throws {
        guard table.rowCount > 0 else { throw EstimatorError.emptyData(what: "the table has no rows") }
        guard table.columnCount > 0 else { throw EstimatorError.emptyData(what: "the table has no columns") }
        guard table.rowCount <= Int(Int32.max), table.columnCount <= Int(Int32.max) else {
            throw EstimatorError.dataTooLarge(rows: table.rowCount, columns: table.columnCount)
        }
        for (j, column) in table.columns.enumerated() {
            if let values = column.numericValues, let i = values.firstIndex(where: { $0.isInfinite }) {
                throw EstimatorError.nonFiniteValue(row: i, column: j)
            }
        }
    }
}
