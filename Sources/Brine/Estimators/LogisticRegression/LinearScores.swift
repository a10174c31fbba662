import Foundation

/// The prediction arithmetic of a linear classifier, outside the generic model type so that it
/// compiles to plain loops: scores `x · coefficientsᵀ + intercepts`, argmax and probabilities.
///
/// No BLAS call and no intermediate matrix: each row's scores are computed in a fixed order, so a
/// row gives bit-identical results alone or in a batch. Callers check `x` (feature count, finite
/// values) and the model's shapes (`intercepts.count == coefficients.rows ≥ 1`) first.
struct LinearScores {
    let coefficients: Matrix
    let intercepts: DenseArray<Double>
    /// A standardization applied to each row first, fused into the same pass (a pipeline of a
    /// ``StandardScalerModel`` and this model), with exactly the scaler's arithmetic.
    var scaling: RowScaling? = nil

    /// `coefficients.rows` scores per row of `x`.
    func scores(_ x: Matrix) -> Matrix {
        let outputs = coefficients.rows
        return Matrix(rows: x.rows, columns: outputs) { out in
            guard let base = out.baseAddress else { return }
            forEachRow(of: x) { i, scores in
                for k in 0..<outputs { base[i * outputs + k] = scores[k] }
            }
        }
    }

    /// The index of each row's predicted class: `score > 0` for one output, else the first highest score.
    func predictedIndices(_ x: Matrix) -> [Int] {
        let outputs = coefficients.rows
        return [Int](unsafeUninitializedCapacity: x.rows) { indices, initialized in
            forEachRow(of: x) { i, scores in
                if outputs == 1 {
                    indices[i] = scores[0] > 0 ? 1 : 0
                } else {
                    var best = 0
                    for k in 0..<outputs where scores[k] > scores[best] { best = k }
                    indices[i] = best
                }
            }
            initialized = x.rows
        }
    }

    /// Class probabilities: `[1 − p, p]` with `p = expit(score)` for one output, else the softmax.
    func probabilities(_ x: Matrix) -> Matrix {
        let outputs = coefficients.rows
        let classCount = outputs == 1 ? 2 : outputs
        return Matrix(rows: x.rows, columns: classCount) { out in
            guard let base = out.baseAddress else { return }
            forEachRow(of: x) { i, scores in
                let row = base + i * classCount
                if outputs == 1 {
                    let p = 1.0 / (1.0 + exp(-scores[0]))
                    row[0] = 1 - p
                    row[1] = p
                } else {
                    var maxValue = scores[0]
                    for k in 0..<classCount where scores[k] > maxValue { maxValue = scores[k] }
                    var sum = 0.0
                    for k in 0..<classCount {
                        row[k] = exp(scores[k] - maxValue)
                        sum += row[k]
                    }
                    for k in 0..<classCount { row[k] /= sum }
                }
            }
        }
    }

    /// Calls `body(i, scores)` for each row `i` of `x`, with the row's scores in a reused buffer.
    /// With ``scaling``, each row is first standardized into a reused buffer (the scaler's own
    /// arithmetic, so the scores are bit-identical to scaling the whole matrix first); a value
    /// that the standardization makes non-finite stops the pass with `nonFinite` set to it.
    @inline(__always)
    private func forEachRow(of x: Matrix, nonFinite: UnsafeMutablePointer<(row: Int, column: Int)?>? = nil,
                            _ body: (Int, UnsafeMutablePointer<Double>) -> Void) {
        let features = coefficients.columns
        let outputs = coefficients.rows
        guard x.columns == features, intercepts.count >= outputs,
              let xBase = x.elements.unsafeBuffer.baseAddress,
              let weights = coefficients.elements.unsafeBuffer.baseAddress,
              let bias = intercepts.unsafeBuffer.baseAddress
        else { return }
        let scaling = scaling.flatMap { $0.featureCount == features ? $0 : nil }
        withExtendedLifetime((x, coefficients, intercepts, scaling)) {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: max(outputs, 1) + (scaling == nil ? 0 : features)) { buffer in
                guard let scores = buffer.baseAddress else { return }
                let scaled = scores + max(outputs, 1)
                for i in 0..<x.rows {
                    var row = UnsafePointer(xBase + i * features)
                    if let scaling {
                        scaling.apply(row, into: scaled)
                        if let column = (0..<features).first(where: { !scaled[$0].isFinite }) {
                            nonFinite?.pointee = (i, column)
                            return
                        }
                        row = UnsafePointer(scaled)
                    }
                    for k in 0..<outputs {
                        scores[k] = Self.dot(row, weights + k * features, features) + bias[k]
                    }
                    body(i, scores)
                }
            }
        }
    }

    /// Checks that ``scaling`` keeps every value of `x` finite (the check the classifier makes on
    /// a scaled matrix), in row-major order like ``Matrix/firstNonFiniteElement``.
    ///
    /// - Throws: ``EstimatorError/nonFiniteValue(row:column:)`` for the first value it makes non-finite.
    func checkScaledValues(_ x: Matrix) throws {
        guard scaling != nil else { return }
        var position: (row: Int, column: Int)? = nil
        withUnsafeMutablePointer(to: &position) { pointer in forEachRow(of: x, nonFinite: pointer) { _, _ in } }
        if let position { throw EstimatorError.nonFiniteValue(row: position.row, column: position.column) }
    }

    /// A dot product with four independent partial sums, always in the same order.
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
