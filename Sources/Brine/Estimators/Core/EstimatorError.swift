/// Errors from fitting and predicting: bad data, bad hyperparameters, mismatched models.
public enum EstimatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyperparameter has a value outside its domain.
    case invalidHyperparameter(name: String, value: String, reason: String)
    /// The data has no rows (or no columns).
    case emptyData(what: String)
    /// A NaN or infinite value at `row`, `column`.
    case nonFiniteValue(row: Int, column: Int)
    /// The input has `actual` features; the model was fitted on `expected`.
    case featureCountMismatch(expected: Int, actual: Int)
    /// The feature matrix and the targets have different numbers of rows.
    case sampleCountMismatch(features: Int, targets: Int)
    /// A classifier needs at least two classes; the targets hold only `label`.
    case singleClass(label: String)
    /// A label not among the model's classes.
    case unknownLabel(String)
    /// A step name that the pipeline does not have, or a pipeline whose steps do not fit together.
    case invalidPipeline(String)
    /// The data has more rows or columns than the BLAS interface can address (2³¹ − 1).
    case dataTooLarge(rows: Int, columns: Int)
    /// Input given by column name lacks features the model was fitted on (`missing`), among the
    /// columns it has (`available`).
    case missingFeatures([String], available: [String])
    /// A feature the model needs by name is categorical in the input; the model takes numbers.
    case nonNumericFeature(String)
    /// A column is of another kind (numeric or categorical) than the model was fitted on.
    case columnKindMismatch(column: String, expected: ColumnKind, actual: ColumnKind)
    /// A category the model did not see at fit, in `column` at `row` (`handleUnknown: .error`).
    case unknownCategory(column: String, row: Int, value: String)
    /// The column cannot be used as asked (for example a mean of text): `reason` says why.
    case unsupportedColumn(column: String, reason: String)
    /// A fitted model's own arrays are inconsistent, found while predicting: tree `tree` (at `node`
    /// when one node is at fault) points outside its arrays. Only a model loaded without verifying
    /// its contents (`memoryMap: true, verifyChecksums: false`) from a damaged file can get here.
    case corruptModel(tree: Int, node: Int?, reason: String)

    /// A one-line explanation naming the problem.
    public var description: String {
        switch self {
        case let .invalidHyperparameter(name, value, reason):
            return "invalid hyperparameter \(name) = \(MessageQuoting.bounded(value)): \(reason)"
        case let .emptyData(what):
            return "empty data: \(what)"
        case let .nonFiniteValue(row, column):
            return "non-finite value (NaN or infinity) at row \(row), column \(column)"
        case let .featureCountMismatch(expected, actual):
            return "the input has \(actual) features but the model was fitted on \(expected)"
        case let .sampleCountMismatch(features, targets):
            return "the feature matrix has \(features) rows but there are \(targets) targets"
        case let .singleClass(label):
            return "the targets contain a single class (\(MessageQuoting.quote(label))); a classifier needs at least two"
        case let .unknownLabel(label):
            return "unknown class label \(MessageQuoting.quote(label))"
        case let .invalidPipeline(reason):
            return "invalid pipeline: \(reason)"
        case let .dataTooLarge(rows, columns):
            return "the data has \(rows) rows and \(columns) columns; BLAS addresses at most 2147483647 of each"
        case let .missingFeatures(missing, available):
            return "the input lacks the model's feature \(MessageQuoting.list(missing)) (it has \(MessageQuoting.list(available)))"
        case let .nonNumericFeature(name):
            return "the model's feature \(MessageQuoting.quote(name)) is text in the input; the model expects numbers"
        case let .columnKindMismatch(column, expected, actual):
            return "column \(MessageQuoting.quote(column)) is \(actual.rawValue) but the model was fitted on a \(expected.rawValue) column"
        case let .unknownCategory(column, row, value):
            return "unknown category \(MessageQuoting.quote(value)) in column \(MessageQuoting.quote(column)) at row \(row) (not seen at fit)"
        case let .unsupportedColumn(column, reason):
            return "column \(MessageQuoting.quote(column)): \(reason)"
        case let .corruptModel(tree, node, reason):
            let place = node.map { "tree \(tree) node \($0)" } ?? "tree \(tree)"
            return "corrupt model: \(place) \(reason) (load the file with verifyChecksums: true to check its contents)"
        }
    }
}
