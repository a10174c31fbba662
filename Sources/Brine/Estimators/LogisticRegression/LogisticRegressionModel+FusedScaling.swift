/// Prediction after a ``StandardScalerModel`` in one pass over the input: each row is standardized
/// into a small buffer and scored at once, instead of writing and re-reading a scaled copy of the
/// whole matrix. The results are bit-identical to `predict(try scaler.transform(x))`, and the
/// errors the same: the scaler's checks on `x`, then a non-finite standardized value named as the
/// model would name it in the scaled matrix.
extension LogisticRegressionModel {
    /// The fused arithmetic when `scaler` feeds this model, or nil when their shapes disagree.
    func scores(after scaler: StandardScalerModel) -> LinearScores? {
        guard scaler.featureCount == featureCount, let scaling = RowScaling(scaler) else { return nil }
        return LinearScores(coefficients: coefficients, intercepts: interceptStorage, scaling: scaling)
    }

    /// `predict(try scaler.transform(x))` in one pass, or nil when the two do not fit together.
    ///
    /// - Throws: as `scaler.transform(x)` and then ``predict(_:)``.
    func predict(_ x: Matrix, after scaler: StandardScalerModel) throws -> [Label]? {
        guard let fused = scores(after: scaler) else { return nil }
        try InputValidation.checkFeatures(x, expectedFeatures: scaler.featureCount)
        try fused.checkScaledValues(x)
        let indices = fused.predictedIndices(x)
        var labels: [Label] = []
        labels.reserveCapacity(indices.count)
        for index in indices where index < classes.count { labels.append(classes[index]) }
        return labels
    }

    /// `predictProbabilities(try scaler.transform(x))` in one pass, or nil when the two do not fit together.
    ///
    /// - Throws: as `scaler.transform(x)` and then ``predictProbabilities(_:)``.
    func predictProbabilities(_ x: Matrix, after scaler: StandardScalerModel) throws -> Matrix? {
        guard let fused = scores(after: scaler) else { return nil }
        try InputValidation.checkFeatures(x, expectedFeatures: scaler.featureCount)
        try fused.checkScaledValues(x)
        return fused.probabilities(x)
    }
}
