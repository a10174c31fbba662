/// Errors from the metrics (``Metrics``, ``ConfusionMatrix``, ``ClassificationReport``). Each names the problem.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The true and predicted labels (or probability rows) differ in number.
    case lengthMismatch(truth: Int, predicted: Int)
    /// There are no samples to score.
    case emptyInput
    /// A true label is not among the given classes.
    case unknownLabel(String)
    /// The classes (or labels) are not distinct, or too few.
    case invalidClasses(String)
    /// The probability matrix has another number of columns than there are classes.
    case classCountMismatch(classes: Int, columns: Int)
    /// A probability is NaN, negative or above 1.
    case probabilityOutOfRange(row: Int, column: Int, value: Double)
    /// A probability row does not sum to 1 (within scikit-learn's tolerance `1e-8 + √ε`).
    case probabilitiesDoNotSumToOne(row: Int, sum: Double)
    /// The number of target names differs from the number of labels present.
    case targetNameCountMismatch(labels: Int, names: Int)

    /// A one-line explanation naming the problem.
    public var description: String {
        switch self {
        case let .lengthMismatch(truth, predicted):
            return "there are \(truth) true labels but \(predicted) predictions"
        case .emptyInput:
            return "there are no samples to score"
        case let .unknownLabel(label):
            return "the true label \(MessageQuoting.quote(label)) is not among the classes"
        case let .invalidClasses(reason):
            return "invalid classes: \(reason)"
        case let .classCountMismatch(classes, columns):
            return "there are \(classes) classes but the probability matrix has \(columns) columns"
        case let .probabilityOutOfRange(row, column, value):
            return "probability \(value) at row \(row), column \(column) is not in [0, 1]"
        case let .probabilitiesDoNotSumToOne(row, sum):
            return "the probabilities of row \(row) sum to \(sum), not 1"
        case let .targetNameCountMismatch(labels, names):
            return "there are \(labels) labels in the data but \(names) target names"
        }
    }
}
