import Foundation

/// Scores of classifier predictions, computed as scikit-learn's `sklearn.metrics` computes them.
public enum Metrics {
    /// The fraction of predictions equal to the truth (`accuracy_score`).
    ///
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - predicted: the predicted labels, one per true label.
    /// - Returns: a value in `[0, 1]`.
    /// - Throws: ``MetricError/lengthMismatch(truth:predicted:)`` or ``MetricError/emptyInput``.
    public static func accuracy<Label: Equatable>(_ truth: [Label], _ predicted: [Label]) throws -> Double {
        guard truth.count == predicted.count else {
            throw MetricError.lengthMismatch(truth: truth.count, predicted: predicted.count)
        }
        guard !truth.isEmpty else { throw MetricError.emptyInput }
        let correct = zip(truth, predicted).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(correct) / Double(truth.count)
    }

    /// The mean negative log-likelihood of the true classes (`log_loss`, natural logarithm).
    ///
    /// As in scikit-learn 1.9: probabilities are clipped to `[ε, 1 − ε]` with `ε` the float64
    /// machine epsilon (`Double.ulpOfOne`) and rows are not renormalized. Where scikit-learn
    /// only warns about a row that does not sum to 1 (beyond `1e-8 + √ε`), Brine throws.
    ///
    /// - Parameters:
    ///   - truth: the true labels; each must be one of `classes`.
    ///   - probabilities: one row per sample, one column per class in `classes` order.
    ///   - classes: the labels of the columns (a classifier's ``Classifier/classes``); at least two, distinct.
    /// - Returns: the average loss, `≥ 0`.
    /// - Throws: ``MetricError`` for mismatched sizes, unknown labels, invalid classes, or
    ///   probabilities outside `[0, 1]` or rows not summing to 1.
    public static func logLoss<Label: ClassLabel>(_ truth: [Label], probabilities: Matrix, classes: [Label]) throws -> Double {
        guard truth.count == probabilities.rows else {
            throw MetricError.lengthMismatch(truth: truth.count, predicted: probabilities.rows)
        }
        guard !truth.isEmpty else { throw MetricError.emptyInput }
        guard classes.count >= 2 else {
            throw MetricError.invalidClasses("log loss needs at least two classes, found \(classes.count)")
        }
        guard classes.count == probabilities.columns else {
            throw MetricError.classCountMismatch(classes: classes.count, columns: probabilities.columns)
        }
        var column: [Label: Int] = [:]
        for (index, label) in classes.enumerated() {
            guard column.updateValue(index, forKey: label) == nil else {
                throw MetricError.invalidClasses("the class \(label) appears twice")
            }
        }
        let k = probabilities.columns
        let p = probabilities.elements.unsafeBuffer
        let epsilon = Double.ulpOfOne
        let tolerance = 1e-8 + epsilon.squareRoot()
        var losses = [Double](repeating: 0, count: truth.count)
        for (row, label) in truth.enumerated() {
            guard let truthColumn = column[label] else { throw MetricError.unknownLabel("\(label)") }
            var rowValues = [Double](repeating: 0, count: k)
            for j in 0..<k {
                let value = p[row * k + j]
                guard value >= 0, value <= 1 else {
                    throw MetricError.probabilityOutOfRange(row: row, column: j, value: value)
                }
                rowValues[j] = value
            }
            let sum = NumpySummation.sum(rowValues)
            guard abs(sum - 1) <= tolerance else { throw MetricError.probabilitiesDoNotSumToOne(row: row, sum: sum) }
            let clipped = min(max(rowValues[truthColumn], epsilon), 1 - epsilon)
            losses[row] = -log(clipped)
        }
        return NumpySummation.mean(losses)
    }
}
