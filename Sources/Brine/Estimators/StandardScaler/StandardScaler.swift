/// Standardizes features by removing the mean and scaling to unit variance (scikit-learn's `StandardScaler`).
///
/// `z = (x - mean) / scale`, where `mean` is the column mean of the training data and `scale`
/// the square root of its population variance (divisor `n`, numpy's `ddof=0`). Features whose
/// variance is indistinguishable from zero (scikit-learn's error bound of the two-pass
/// algorithm) get a scale of 1, so constant columns are centred but not divided.
///
/// ```swift
/// let scaler = try StandardScaler().fit(train.features, featureNames: train.featureNames)
/// let z = try scaler.transform(test.features)
/// ```
public struct StandardScaler: Sendable, Codable, Equatable, Hashable {
    /// Subtract the column means (`with_mean`).
    public var withMean: Bool
    /// Divide by the column standard deviations (`with_std`).
    public var withStd: Bool

    /// A scaler with the given options (both on by default, as in scikit-learn).
    ///
    /// - Parameters:
    ///   - withMean: subtract the column means.
    ///   - withStd: divide by the column standard deviations.
    public init(withMean: Bool = true, withStd: Bool = true) {
        self.withMean = withMean
        self.withStd = withStd
    }

    /// Learns the column means and standard deviations of `x`.
    ///
    /// - Parameters:
    ///   - x: the training data, one row per sample; at least one row and one column, all finite.
    ///   - featureNames: a name per column, kept in the model and its file.
    /// - Returns: the fitted ``StandardScalerModel``.
    /// - Throws: ``EstimatorError/emptyData(what:)``, ``EstimatorError/nonFiniteValue(row:column:)``, or
    ///   ``EstimatorError/featureCountMismatch(expected:actual:)`` when `featureNames` has the wrong count.
    public func fit(_ x: Matrix, featureNames: [String]? = nil) throws -> StandardScalerModel {
        try InputValidation.checkFeatures(x)
        if let featureNames, featureNames.count != x.columns {
            throw EstimatorError.featureCountMismatch(expected: x.columns, actual: featureNames.count)
        }
        let n = x.rows
        let f = x.columns
        // Column sums accumulated row by row, then divided by n: numpy's `np.sum(X, axis=0) / n`.
        var sums = [Double](repeating: 0, count: f)
        x.elements.withUnsafeBufferPointer { a in
            for i in 0..<n {
                let start = i * f
                for j in 0..<f { sums[j] += a[start + j] }
            }
        }
        let count = Double(n)
        let means = sums.map { $0 / count }
        var variances: [Double]? = nil
        var scales: [Double]? = nil
        if withStd {
            // Corrected two-pass variance, as scikit-learn's `_incremental_mean_and_var`.
            let v = x.columnVariances(means: means)
            let epsilon = Double.ulpOfOne
            scales = (0..<f).map { j in
                // scikit-learn's `_is_constant_feature`: the variance is within the rounding error bound.
                let upperBound = count * epsilon * v[j] + (count * means[j] * epsilon) * (count * means[j] * epsilon)
                return v[j] <= upperBound ? 1 : v[j].squareRoot()
            }
            variances = v
        }
        return StandardScalerModel(
            withMean: withMean, withStd: withStd,
            mean: withMean ? DenseArray(means) : nil,
            variance: variances.map { DenseArray($0) },
            scale: scales.map { DenseArray($0) },
            sampleCount: n, featureCount: f, featureNames: featureNames)
    }
}
