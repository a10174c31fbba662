import Foundation

/// Precision, recall, F1 and support per class, with accuracy and macro and weighted averages:
/// scikit-learn's `classification_report` with `zero_division=0`.
///
/// ``text`` (also ``description``) is character for character what scikit-learn prints, for the
/// same labels, target names and digits. The labels are the sorted union of the true and
/// predicted labels. A precision (recall) whose denominator is zero — a class never predicted
/// (never true) — is 0, and so is an F1 whose precision and recall are both undefined.
public struct ClassificationReport<Label: ClassLabel>: Sendable, Equatable, CustomStringConvertible {
    /// The scores of one class, or an average row.
    public struct Scores: Sendable, Equatable {
        /// The name shown for the row (the target name, the label, or `"macro avg"`/`"weighted avg"`).
        public let name: String
        /// Of the samples predicted as this class, the fraction truly in it.
        public let precision: Double
        /// Of the samples truly in this class, the fraction predicted as it.
        public let recall: Double
        /// The harmonic mean of precision and recall, `2·tp / (2·tp + fp + fn)`.
        public let f1: Double
        /// The number of samples truly in this class (for averages: all samples).
        public let support: Int
    }

    /// The labels, sorted: the union of the true and predicted labels.
    public let labels: [Label]
    /// One row per label, in ``labels`` order.
    public let classes: [Scores]
    /// The fraction of correct predictions.
    public let accuracy: Double
    /// The unweighted mean of the per-class scores.
    public let macroAverage: Scores
    /// The mean of the per-class scores weighted by support.
    public let weightedAverage: Scores
    /// The number of decimals shown in ``text``.
    public let digits: Int

    /// Scores `predicted` against `truth`.
    ///
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - predicted: the predicted labels, one per true label.
    ///   - targetNames: a display name per label (in sorted label order), for example a dataset's `targetNames`.
    ///   - digits: decimals shown in ``text`` (scikit-learn's default is 2); clamped to `0...17`.
    /// - Throws: ``MetricError/lengthMismatch(truth:predicted:)``, ``MetricError/emptyInput``, or
    ///   ``MetricError/targetNameCountMismatch(labels:names:)``.
    public init(truth: [Label], predicted: [Label], targetNames: [String]? = nil, digits: Int = 2) throws {
        guard truth.count == predicted.count else {
            throw MetricError.lengthMismatch(truth: truth.count, predicted: predicted.count)
        }
        guard !truth.isEmpty else { throw MetricError.emptyInput }
        let labels = Array(Set(truth).union(predicted)).sorted()
        if let targetNames, targetNames.count != labels.count {
            throw MetricError.targetNameCountMismatch(labels: labels.count, names: targetNames.count)
        }
        let names = targetNames ?? labels.map { String(describing: $0) }
        var index: [Label: Int] = [:]
        for (position, label) in labels.enumerated() { index[label] = position }
        var truePositives = [Int](repeating: 0, count: labels.count)
        var predictedCounts = [Int](repeating: 0, count: labels.count)
        var trueCounts = [Int](repeating: 0, count: labels.count)
        for (t, p) in zip(truth, predicted) {
            // Every label is in `index`: `labels` is the union of both arrays.
            guard let i = index[t], let j = index[p] else { continue }
            trueCounts[i] += 1
            predictedCounts[j] += 1
            if i == j { truePositives[i] += 1 }
        }
        // scikit-learn's `_prf_divide` with zero_division=0.
        func divide(_ numerator: Double, _ denominator: Double) -> Double {
            denominator == 0 ? 0 : numerator / denominator
        }
        let precision = labels.indices.map { divide(Double(truePositives[$0]), Double(predictedCounts[$0])) }
        let recall = labels.indices.map { divide(Double(truePositives[$0]), Double(trueCounts[$0])) }
        let f1 = labels.indices.map {
            divide(2 * Double(truePositives[$0]), Double(trueCounts[$0]) + Double(predictedCounts[$0]))
        }
        self.labels = labels
        self.classes = labels.indices.map {
            Scores(name: names[$0], precision: precision[$0], recall: recall[$0], f1: f1[$0], support: trueCounts[$0])
        }
        let total = truth.count
        let correct = truePositives.reduce(0, +)
        // The micro-averaged F1 that scikit-learn prints on the accuracy line.
        accuracy = divide(2 * Double(correct), Double(total) + Double(total))
        macroAverage = Scores(
            name: "macro avg", precision: NumpySummation.mean(precision), recall: NumpySummation.mean(recall),
            f1: NumpySummation.mean(f1), support: total)
        let weights = trueCounts.map(Double.init)
        let weightSum = NumpySummation.sum(weights)
        func weighted(_ values: [Double]) -> Double {
            NumpySummation.sum(zip(values, weights).map { $0 * $1 }) / weightSum
        }
        weightedAverage = Scores(
            name: "weighted avg", precision: weighted(precision), recall: weighted(recall), f1: weighted(f1),
            support: total)
        self.digits = min(max(digits, 0), 17)
    }

    /// The report as scikit-learn prints it.
    public var text: String {
        let headers = ["precision", "recall", "f1-score", "support"]
        // Python's len() counts code points.
        func length(_ s: String) -> Int { s.unicodeScalars.count }
        func right(_ s: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - length(s))) + s
        }
        func number(_ value: Double) -> String { right(String(format: "%.\(digits)f", value), 9) }
        let width = max(classes.map { length($0.name) }.max() ?? 0, length("weighted avg"), digits)
        func row(_ scores: Scores) -> String {
            right(scores.name, width) + " " + " " + number(scores.precision) + " " + number(scores.recall) + " "
                + number(scores.f1) + " " + right(String(scores.support), 9) + "\n"
        }
        var report = right("", width) + " " + headers.map { " " + right($0, 9) }.joined() + "\n\n"
        for scores in classes { report += row(scores) }
        report += "\n"
        report += right("accuracy", width) + " " + " " + right("", 9) + " " + right("", 9) + " " + number(accuracy)
            + " " + right(String(macroAverage.support), 9) + "\n"
        report += row(macroAverage)
        report += row(weightedAverage)
        return report
    }

    /// The same as ``text``.
    public var description: String { text }
}
