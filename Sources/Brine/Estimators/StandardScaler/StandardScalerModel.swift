/// A fitted ``StandardScaler``: the column means and scales learnt from the training data.
///
/// An immutable value, safe to share between threads. Its arrays may view a memory-mapped
/// model file without copying.
public struct StandardScalerModel: Transformer, Sendable {
    /// Whether ``transform(_:)`` subtracts ``mean``.
    public let withMean: Bool
    /// Whether ``transform(_:)`` divides by ``scale``.
    public let withStd: Bool
    /// The number of samples the scaler was fitted on (`n_samples_seen_`).
    public let sampleCount: Int
    /// The number of features (columns) the scaler was fitted on and expects.
    public let featureCount: Int
    /// The feature names seen at fit time, when given.
    public let featureNames: [String]?

    let meanStorage: DenseArray<Double>?
    let varianceStorage: DenseArray<Double>?
    let scaleStorage: DenseArray<Double>?

    /// Assembles a model from validated parts (used by fitting and decoding).
    init(
        withMean: Bool, withStd: Bool, mean: DenseArray<Double>?, variance: DenseArray<Double>?,
        scale: DenseArray<Double>?, sampleCount: Int, featureCount: Int, featureNames: [String]?
    ) {
        self.withMean = withMean
        self.withStd = withStd
        self.meanStorage = mean
        self.varianceStorage = variance
        self.scaleStorage = scale
        self.sampleCount = sampleCount
        self.featureCount = featureCount
        self.featureNames = featureNames
    }

    /// The column means of the training data (`mean_`); `nil` when `withMean` is off.
    public var mean: [Double]? { meanStorage?.array }
    /// The population variance of each training column (`var_`); `nil` when `withStd` is off.
    public var variance: [Double]? { varianceStorage?.array }
    /// The divisor of each column (`scale_`): the standard deviation, or 1 for a (near-)constant
    /// column; `nil` when `withStd` is off.
    public var scale: [Double]? { scaleStorage?.array }

    /// The hyperparameters the model was fitted with.
    public var estimator: StandardScaler { StandardScaler(withMean: withMean, withStd: withStd) }

    /// Standardizes `x`: `(x - mean) / scale`, each step only when enabled.
    ///
    /// - Parameter x: one row per sample, ``featureCount`` columns, all finite.
    /// - Returns: a matrix of the same shape.
    /// - Throws: ``EstimatorError/featureCountMismatch(expected:actual:)``, ``EstimatorError/emptyData(what:)``
    ///   or ``EstimatorError/nonFiniteValue(row:column:)``.
    public func transform(_ x: Matrix) throws -> Matrix {
        try InputValidation.checkFeatures(x, expectedFeatures: featureCount)
        return try apply(to: x, inverse: false)
    }

    /// Undoes ``transform(_:)``: `z * scale + mean`, each step only when enabled.
    ///
    /// - Parameter z: standardized data, one row per sample, ``featureCount`` columns, all finite.
    /// - Returns: a matrix of the same shape, in the original units.
    /// - Throws: as ``transform(_:)``.
    public func inverseTransform(_ z: Matrix) throws -> Matrix {
        try InputValidation.checkFeatures(z, expectedFeatures: featureCount)
        return try apply(to: z, inverse: true)
    }

    private func apply(to x: Matrix, inverse: Bool) throws -> Matrix {
        let f = featureCount
        // The stored arrays were checked against featureCount when the model was built or decoded;
        // check again so that no index below can go out of range whatever produced the model.
        for array in [meanStorage, scaleStorage] {
            if let array, array.count != f {
                throw EstimatorError.featureCountMismatch(expected: f, actual: array.count)
            }
        }
        let meanArray = withMean ? meanStorage : nil
        let scaleArray = withStd ? scaleStorage : nil
        return Matrix(rows: x.rows, columns: f) { out in
            let mean = meanArray?.unsafeBuffer
            let scale = scaleArray?.unsafeBuffer
            let input = x.elements.unsafeBuffer
            for i in 0..<x.rows {
                let start = i * f
                for j in 0..<f {
                    var value = input[start + j]
                    if inverse {
                        if let scale { value *= scale[j] }
                        if let mean { value += mean[j] }
                    } else {
                        if let mean { value -= mean[j] }
                        if let scale { value /= scale[j] }
                    }
                    out[start + j] = value
                }
            }
            withExtendedLifetime((meanArray, scaleArray)) {}
        }
    }
}
