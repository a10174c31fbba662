/// What flows between the steps of a pipeline: a matrix (with the names of its columns when they
/// are known), or a table when a step reads or writes one.
enum PipelineData {
    case matrix(Matrix, names: [String]?)
    case table(Table)

    /// The data as numbers, for a step that takes a matrix.
    ///
    /// - Throws: ``EstimatorError/nonNumericFeature(_:)`` naming the first text column.
    func matrix() throws -> Matrix {
        switch self {
        case let .matrix(x, _): return x
        case let .table(table): return try InputValidation.numericMatrix(of: table)
        }
    }

    var rowCount: Int {
        switch self {
        case let .matrix(x, _): return x.rows
        case let .table(table): return table.rowCount
        }
    }

    /// Fits a transformer step on this data.
    func fit(_ estimator: any TransformerEstimator, names: [String]?) throws -> any Transformer {
        switch self {
        case let .matrix(x, _): return try estimator.fitTransformer(x, featureNames: names)
        case let .table(table): return try estimator.fitTransformer(table)
        }
    }

    /// Fits a classifier step on this data.
    func fit<Label: ClassLabel>(_ estimator: any ClassifierEstimator, _ y: [Label], names: [String]?) throws -> any Classifier<Label> {
        switch self {
        case let .matrix(x, _): return try estimator.fitClassifier(x, y, featureNames: names)
        case let .table(table): return try estimator.fitClassifier(table, y)
        }
    }

    /// The output of `transformer` on this data: a table from a ``TableTransformer`` given a table,
    /// a matrix otherwise.
    func transformed(by transformer: any Transformer) throws -> PipelineData {
        switch self {
        case let .matrix(x, _):
            return .matrix(try transformer.transform(x), names: nil)
        case let .table(table):
            if let tableTransformer = transformer as? any TableTransformer {
                return .table(try tableTransformer.transformTable(table))
            }
            return .matrix(try transformer.transform(table), names: transformer.outputFeatureNames)
        }
    }
}
