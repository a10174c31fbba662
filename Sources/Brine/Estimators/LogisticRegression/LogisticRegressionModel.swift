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
    /// The number of training samples (0 when unknown: a model dumped from scikit-learn).
    public let sampleCount: Int
    /// The wall-clock time the fit took, in seconds (0 when unknown: a model dumped from scikit-learn).
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
        return LinearScores(coefficients: coefficients, intercepts: interceptStorage).scores(x)
    }

    /// The most probable class of each row of `x`.
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features, no rows, or non-finite values.
    public func predict(_ x: Matrix) throws -> [Label] {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        let indices = LinearScores(coefficients: coefficients, intercepts: interceptStorage).predictedIndices(x)
        // Filled in a plain loop: an unspecialized generic `map` costs ~200 ns per row.
        var labels: [Label] = []
        labels.reserveCapacity(indices.count)
        for index in indices where index < classes.count { labels.append(classes[index]) }
        return labels
    }

    /// Class probabilities, one row per sample and one column per class in ``classes`` order.
    ///
    /// For two classes, `p = 1 / (1 + exp(−score))` and the row is `[1 − p, p]`; otherwise the
    /// softmax of the scores (scikit-learn's `predict_proba`).
    ///
    /// - Throws: ``EstimatorError`` for the wrong number of features, no rows, or non-finite values.
    public func predictProbabilities(_ x: Matrix) throws -> Matrix {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        return LinearScores(coefficients: coefficients, intercepts: interceptStorage).probabilities(x)
    }
}
