/// Counts of (true label, predicted label) pairs (scikit-learn's `confusion_matrix`).
///
/// `counts[i][j]` is the number of samples whose true label is `labels[i]` and whose predicted
/// label is `labels[j]`. Samples whose true or predicted label is not in ``labels`` are not counted.
public struct ConfusionMatrix<Label: ClassLabel>: Sendable, Equatable, CustomStringConvertible {
    /// The labels of the rows (truth) and columns (prediction), in order.
    public let labels: [Label]
    /// One row per true label, one column per predicted label.
    public let counts: [[Int]]

    /// Counts the pairs.
    ///
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - predicted: the predicted labels, one per true label.
    ///   - labels: the labels to count, in display order; `nil` for the sorted labels present in either array.
    /// - Throws: ``MetricError/lengthMismatch(truth:predicted:)``, ``MetricError/emptyInput``, or
    ///   ``MetricError/invalidClasses(_:)`` for empty or repeated `labels`.
    public init(truth: [Label], predicted: [Label], labels: [Label]? = nil) throws {
        guard truth.count == predicted.count else {
            throw MetricError.lengthMismatch(truth: truth.count, predicted: predicted.count)
        }
        guard !truth.isEmpty else { throw MetricError.emptyInput }
        let labels = labels ?? Array(Set(truth).union(predicted)).sorted()
        guard !labels.isEmpty else { throw MetricError.invalidClasses("no labels given") }
        var index: [Label: Int] = [:]
        for (position, label) in labels.enumerated() {
            guard index.updateValue(position, forKey: label) == nil else {
                throw MetricError.invalidClasses("the label \(label) appears twice")
            }
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (t, p) in zip(truth, predicted) {
            guard let i = index[t], let j = index[p] else { continue }
            counts[i][j] += 1
        }
        self.labels = labels
        self.counts = counts
    }

    /// The number of samples counted (those whose labels are both in ``labels``).
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The correctly classified count of each label (the diagonal).
    public var diagonal: [Int] { labels.indices.map { counts[$0][$0] } }

    /// A table: a header row of predicted labels, then one row per true label, columns right-aligned.
    ///
    /// ```
    /// truth\predicted  0  1  2
    ///               0 12  0  0
    ///               1  0 12  1
    ///               2  0  2 11
    /// ```
    public var description: String {
        let names = labels.map { String(describing: $0) }
        let corner = "truth\\predicted"
        let firstWidth = max(corner.count, names.map(\.count).max() ?? 0)
        let cellWidth = max(names.map(\.count).max() ?? 0, counts.flatMap { $0 }.map { String($0).count }.max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = [([pad(corner, firstWidth)] + names.map { pad($0, cellWidth) }).joined(separator: " ")]
        for (name, row) in zip(names, counts) {
            lines.append(([pad(name, firstWidth)] + row.map { pad(String($0), cellWidth) }).joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
