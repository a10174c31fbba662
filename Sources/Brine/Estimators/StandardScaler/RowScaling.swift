/// A fitted ``StandardScalerModel``'s forward arithmetic on one row, `(x − mean) / scale` with
/// each step only when enabled, for code that fuses standardization into its own pass (a
/// pipeline of a scaler and a logistic regression predicts in one pass over the input).
struct RowScaling {
    let mean: DenseArray<Double>?
    let scale: DenseArray<Double>?
    let featureCount: Int

    /// The scaling of `model`, or nil when its stored arrays do not match its feature count.
    init?(_ model: StandardScalerModel) {
        let mean = model.withMean ? model.meanStorage : nil
        let scale = model.withStd ? model.scaleStorage : nil
        for array in [mean, scale] { if let array, array.count != model.featureCount { return nil } }
        self.mean = mean
        self.scale = scale
        featureCount = model.featureCount
    }

    /// Writes the standardized `input` (``featureCount`` values) into `output`, exactly as
    /// ``StandardScalerModel/transform(_:)`` computes each element.
    @inline(__always)
    func apply(_ input: UnsafePointer<Double>, into output: UnsafeMutablePointer<Double>) {
        let meanBase = mean?.unsafeBuffer.baseAddress
        let scaleBase = scale?.unsafeBuffer.baseAddress
        for j in 0..<featureCount {
            var value = input[j]
            if let meanBase { value -= meanBase[j] }
            if let scaleBase { value /= scaleBase[j] }
            output[j] = value
        }
    }
}
