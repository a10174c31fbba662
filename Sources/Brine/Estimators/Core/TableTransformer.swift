/// A fitted transformer that reads a ``Table`` (numbers and text, missing cells) and writes one:
/// an imputer, an encoder, a column transformer. Its columns are matched by name when it was
/// fitted with names, else by position.
///
/// It is also a ``Transformer`` of matrices: a matrix is read as a table of numeric columns
/// (named after ``FittedModel/featureNames``), and the output must then be all numbers.
public protocol TableTransformer: Transformer {
    /// The names of the output columns, in order (scikit-learn's `get_feature_names_out`).
    var outputColumnNames: [String] { get }
    /// Transforms `table` into a table of ``outputColumnNames``.
    ///
    /// - Throws: ``EstimatorError`` for missing columns, columns of the wrong kind, or values the
    ///   model refuses.
    func transformTable(_ table: Table) throws -> Table
}

/// Hyperparameters of a transformer that fits on a ``Table``.
public protocol TableTransformerEstimator: TransformerEstimator {
    /// Fits on `table` and returns the fitted ``TableTransformer``.
    ///
    /// - Parameters:
    ///   - table: the training data.
    ///   - matchesByName: keep the column names as ``FittedModel/featureNames`` and match columns by
    ///     name later; `false` for unnamed data (a matrix): the model matches by position and keeps
    ///     no feature names, its output names built from the table's (`x0`, `x1`, …).
    /// - Throws: ``EstimatorError`` for empty input, columns it cannot take, or bad hyperparameters.
    func fitTableTransformer(_ table: Table, matchesByName: Bool) throws -> any TableTransformer
}

extension TableTransformerEstimator {
    /// Fits on `table`, matching columns by name later.
    ///
    /// - Throws: as ``fitTableTransformer(_:matchesByName:)``.
    public func fitTableTransformer(_ table: Table) throws -> any TableTransformer {
        try fitTableTransformer(table, matchesByName: true)
    }

    /// Fits on `table` as ``fitTableTransformer(_:matchesByName:)`` does.
    ///
    /// - Throws: as ``fitTableTransformer(_:matchesByName:)``.
    public func fitTransformer(_ table: Table) throws -> any Transformer {
        try fitTableTransformer(table, matchesByName: true)
    }

    /// Fits on `x` read as a table of numeric columns named `featureNames` (or `x0`, `x1`, … kept
    /// out of the model, which then matches columns by position).
    ///
    /// - Throws: ``EstimatorError/featureCountMismatch(expected:actual:)`` for names of the wrong
    ///   count, or as ``fitTableTransformer(_:)``.
    public func fitTransformer(_ x: Matrix, featureNames: [String]?) throws -> any Transformer {
        try InputValidation.checkShape(rows: x.rows, columns: x.columns, targets: nil, featureNames: featureNames)
        let table = try Table(x, columnNames: featureNames ?? TableTransformerSupport.positionalNames(x.columns))
        return try fitTableTransformer(table, matchesByName: featureNames != nil)
    }
}

extension TableTransformer {
    /// The names of the output columns.
    public var outputFeatureNames: [String]? { outputColumnNames }

    /// Transforms `table` and returns its output as numbers.
    ///
    /// - Throws: as ``transformTable(_:)``, or ``EstimatorError/nonNumericFeature(_:)`` when an
    ///   output column is text (encode it before a step that takes numbers).
    public func transform(_ table: Table) throws -> Matrix {
        try InputValidation.numericMatrix(of: try transformTable(table))
    }

    /// Transforms `x` read as a table of numeric columns in the fitted order.
    ///
    /// - Throws: as the table `transform`.
    public func transform(_ x: Matrix) throws -> Matrix {
        guard x.columns == featureCount else {
            throw EstimatorError.featureCountMismatch(expected: featureCount, actual: x.columns)
        }
        let table = try Table(x, columnNames: featureNames ?? TableTransformerSupport.positionalNames(x.columns))
        return try transform(table)
    }
}
