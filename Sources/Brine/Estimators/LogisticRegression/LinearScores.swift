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
    @inline(__always)
    private func forEachRow(of x: Matrix, _ body: (Int, UnsafeMutablePointer<Double>) -> Void) {
        let features = coefficients.columns
        let outputs = coefficients.rows
        guard x.columns == features, intercepts.count >= outputs,
              let xBase = x.elements.unsafeBuffer.baseAddress,
              let weights = coefficients.elements.unsafeBuffer.baseAddress,
              let bias = intercepts.unsafeBuffer.baseAddress
        else { return }
        withExtendedLifetime((x, coefficients, intercepts)) {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: max(outputs, 1)) { buffer in
                guard let scores = buffer.baseAddress else { return }
                for i in 0..<x.rows {
                    let row = xBase + i * features
                    for k in 0..<outputs {
                        scores[k] = Self.dot(row, weights + k * features, features) + bias[k]
                    }
                    body(i, scores)
                }
            }
        }
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
