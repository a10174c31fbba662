import Foundation

/// A fitted ``LogisticRegression``: coefficients, intercepts and the sorted classes.
///
/// For two classes there is one row of coefficients, scoring the second class (`classes[1]`)
/// against the first; for `K > 2` classes there are `K` rows and probabilities are the softmax
/// of the scores. Immutable and safe to share between threads.
///
/// Prediction runs plain loops (no BLAS call and no intermediate matrix for small inputs), and
/// each row's scores are computed the same way whatever the batch size, so predicting a row alone
/// or inside a batch gives bit-identical results.
public struct LogisticRegressionModel<Label: ClassLabel>: Classifier, Sendable {
    /// The hyperparameters the model was fitted with.
    public let hyperparameters: LogisticRegression
    /// The classes, sorted; the column order of ``predictProbabilities(_:)``.
    public let classes: [Label]
    /// The coefficients: `1 × F` for two classes (scikit-learn's `coef_`), `K × F` otherwise.
    public let coefficients: Matrix
    /// The intercept storage (may view a memory-mapped file).
    let interceptStorage: DenseArray<Double>
    /// The feature names seen at fit time, when given.
    public let featureNames: [String]?
    /// The number of optimizer iterations used (scikit-learn's `n_iter_`).
    public let iterations: Int
    /// Whether the optimizer met its tolerance before the iteration limit.
    public let converged: Bool
    /// Why the fit did not converge (the iteration limit was reached, or the line search failed); `nil` when it did.
    /// Fitting never prints or throws for this: check this value.
    public let convergenceWarning: String?
    /// The number of training samples.
    public let sampleCount: Int
    /// The wall-clock time the fit took, in seconds.
    public let trainingSeconds: Double

    init(
        hyperparameters: LogisticRegression, classes: [Label], coefficients: Matrix, interceptStorage: DenseArray<Double>,
        featureNames: [String]?, iterations: Int, converged: Bool, convergenceWarning: String?, sampleCount: Int,
        trainingSeconds: Double
    ) {
        self.hyperparameters = hyperparameters
        self.classes = classes
        self.coefficients = coefficients
        self.interceptStorage = interceptStorage
        self.featureNames = featureNames
        self.iterations = iterations
        self.converged = converged
        self.convergenceWarning = convergenceWarning
        self.sampleCount = sampleCount
        self.trainingSeconds = trainingSeconds
    }

    /// The intercepts, one per coefficient row (zeros when fitted without intercept).
    public var intercepts: [Double] { interceptStorage.array }

    /// The number of features the model expects.
    public var featureCount: Int { coefficients.columns }

    /// The scores `x · coefficientsᵀ + intercepts`: one column for two classes (positive means
    /// `classes[1]`, scikit-learn's 1-D `decision_function`), one column per class otherwise.
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features, no rows, or non-finite values.
    public func decisionFunction(_ x: Matrix) throws -> Matrix {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        let outputs = coefficients.rows
        return Matrix(rows: x.rows, columns: outputs) { out in
            guard let base = out.baseAddress else { return }
            for i in 0..<x.rows { scores(row: i, of: x, into: base + i * outputs) }
        }
    }

    /// The most probable class of each row of `x`.
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features, no rows, or non-finite values.
    public func predict(_ x: Matrix) throws -> [Label] {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        let indices = predictedClassIndices(x)
        // Filled in a plain loop: an unspecialized generic `map` costs ~200 ns per row.
        var labels: [Label] = []
        labels.reserveCapacity(indices.count)
        for index in indices { labels.append(classes[index]) }
        return labels
    }

    /// The index in ``classes`` of each row's predicted class. The caller has checked the input.
    private func predictedClassIndices(_ x: Matrix) -> [Int] {
        let outputs = coefficients.rows
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(outputs, 1)) { buffer in
            guard let rowScores = buffer.baseAddress else { return [] }
            return [Int](unsafeUninitializedCapacity: x.rows) { indices, initialized in
                for i in 0..<x.rows {
                    scores(row: i, of: x, into: rowScores)
                    if outputs == 1 {
                        indices[i] = rowScores[0] > 0 ? 1 : 0
                    } else {
                        var best = 0
                        for k in 0..<outputs where rowScores[k] > rowScores[best] { best = k }
                        indices[i] = best
                    }
                }
                initialized = x.rows
            }
        }
    }

    /// Class probabilities, one row per sample and one column per class in ``classes`` order.
    ///
    /// For two classes, `p = 1 / (1 + exp(−score))` and the row is `[1 − p, p]`; otherwise the
    /// softmax of the scores (scikit-learn's `predict_proba`).
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features, no rows, or non-finite values.
    public func predictProbabilities(_ x: Matrix) throws -> Matrix {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        let outputs = coefficients.rows
        let classCount = classes.count
        return Matrix(rows: x.rows, columns: classCount) { out in
            guard let base = out.baseAddress else { return }
            for i in 0..<x.rows {
                let row = base + i * classCount
                if outputs == 1 {
                    scores(row: i, of: x, into: row + 1)
                    let p = 1.0 / (1.0 + exp(-row[1]))
                    row[0] = 1 - p
                    row[1] = p
                } else {
                    scores(row: i, of: x, into: row)
                    var maxValue = row[0]
                    for k in 0..<classCount where row[k] > maxValue { maxValue = row[k] }
                    var sum = 0.0
                    for k in 0..<classCount {
                        row[k] = exp(row[k] - maxValue)
                        sum += row[k]
                    }
                    for k in 0..<classCount { row[k] /= sum }
                }
            }
        }
    }

    /// Writes the `coefficients.rows` scores of row `i` of `x` into `out`. The caller has checked the shapes.
    @inline(__always)
    private func scores(row i: Int, of x: Matrix, into out: UnsafeMutablePointer<Double>) {
        let features = coefficients.columns
        guard let xBase = x.elements.unsafeBuffer.baseAddress,
              let weights = coefficients.elements.unsafeBuffer.baseAddress,
              let intercepts = interceptStorage.unsafeBuffer.baseAddress
        else { return }
        let xRow = xBase + i * features
        for k in 0..<coefficients.rows {
            out[k] = Self.dot(xRow, weights + k * features, features) + intercepts[k]
        }
    }

    /// A dot product with four independent partial sums (a fixed order, so results do not depend on the caller).
    @inline(__always)
    private static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var j = 0
        while j + 4 <= count {
            s0 += a[j] * b[j]
            s1 += a[j + 1] * b[j + 1]
            s2 += a[j + 2] * b[j + 2]
            s3 += a[j + 3] * b[j + 3]
            j += 4
        }
        while j < count {
            s0 += a[j] * b[j]
            j += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}
