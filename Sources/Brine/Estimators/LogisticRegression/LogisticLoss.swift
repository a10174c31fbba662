import CBLAS
import Foundation

/// scikit-learn's L2-penalized logistic objective (`LinearModelLoss` with `HalfBinomialLoss` or
/// `HalfMultinomialLoss`) and its gradient, computed with BLAS:
///
///     f(w, b) = (1/n) Σᵢ loss(yᵢ, Xᵢ·wᵀ + b) + (1/(2·C·n)) ‖w‖²        (b is not penalized)
///
/// Parameters are laid out as scikit-learn lays them out for the optimizer: a
/// `(F [+ 1]) × K'` row-major block whose first `F` rows are `wᵀ` (feature-major, classes
/// contiguous) and whose last row, when fitting an intercept, holds the intercepts. `K' = 1`
/// for two classes (binomial loss, positive class = the second class), `K` otherwise (softmax).
final class LogisticLoss {
    let x: Matrix
    let classIndices: [Int]
    let outputs: Int
    let fitIntercept: Bool
    let l2Strength: Double
    private var raw: [Double]
    private var pointwiseGradient: [Double]

    /// The number of parameters: `(features + intercept) × outputs`.
    var parameterCount: Int { (x.columns + (fitIntercept ? 1 : 0)) * outputs }

    init(x: Matrix, classIndices: [Int], classCount: Int, fitIntercept: Bool, c: Double) {
        self.x = x
        self.classIndices = classIndices
        self.outputs = classCount == 2 ? 1 : classCount
        self.fitIntercept = fitIntercept
        self.l2Strength = 1.0 / (c * Double(x.rows))
        raw = [Double](repeating: 0, count: x.rows * outputs)
        pointwiseGradient = [Double](repeating: 0, count: x.rows * outputs)
    }

    /// The objective at `parameters`; writes the gradient into `gradient`.
    func evaluate(_ parameters: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = x.rows, features = x.columns, k = outputs
        let sampleCount = Double(n)
        guard let w = parameters.baseAddress, let grad = gradient.baseAddress else { return .nan }
        x.elements.withUnsafeBufferPointer { xBuffer in
            raw.withUnsafeMutableBufferPointer { rawBuffer in
                // raw = X · wᵀ (+ b)
                if k == 1 {
                    cblas_dgemv(
                        CblasRowMajor, CblasNoTrans, Int32(n), Int32(features), 1, xBuffer.baseAddress, Int32(features),
                        w, 1, 0, rawBuffer.baseAddress, 1)
                } else {
                    cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(k), Int32(features), 1,
                        xBuffer.baseAddress, Int32(features), w, Int32(k), 0, rawBuffer.baseAddress, Int32(k))
                }
                if fitIntercept {
                    let intercepts = w + features * k
                    for i in 0..<n {
                        for j in 0..<k { rawBuffer[i * k + j] += intercepts[j] }
                    }
                }
            }
        }

        var lossSum = 0.0
        raw.withUnsafeBufferPointer { rawBuffer in
            pointwiseGradient.withUnsafeMutableBufferPointer { gp in
                if k == 1 {
                    for i in 0..<n {
                        let target: Double = classIndices[i] == 1 ? 1 : 0
                        let (loss, g) = Self.binomialLossGradient(target: target, raw: rawBuffer[i])
                        lossSum += loss
                        gp[i] = g / sampleCount
                    }
                } else {
                    for i in 0..<n {
                        let row = i * k
                        var maxValue = rawBuffer[row]
                        for j in 1..<k where maxValue < rawBuffer[row + j] { maxValue = rawBuffer[row + j] }
                        var sumExps = 0.0
                        for j in 0..<k {
                            let e = exp(rawBuffer[row + j] - maxValue)
                            gp[row + j] = e
                            sumExps += e
                        }
                        let target = classIndices[i]
                        lossSum += log(sumExps) + maxValue - rawBuffer[row + target]
                        for j in 0..<k {
                            let p = gp[row + j] / sumExps
                            gp[row + j] = (p - (j == target ? 1 : 0)) / sampleCount
                        }
                    }
                }
            }
        }

        // gradient: wᵀ part = Xᵀ · gp + l2·wᵀ, intercept part = column sums of gp.
        x.elements.withUnsafeBufferPointer { xBuffer in
            pointwiseGradient.withUnsafeBufferPointer { gp in
                if k == 1 {
                    cblas_dgemv(
                        CblasRowMajor, CblasTrans, Int32(n), Int32(features), 1, xBuffer.baseAddress, Int32(features),
                        gp.baseAddress, 1, 0, grad, 1)
                } else {
                    cblas_dgemm(
                        CblasRowMajor, CblasTrans, CblasNoTrans, Int32(features), Int32(k), Int32(n), 1,
                        xBuffer.baseAddress, Int32(features), gp.baseAddress, Int32(k), 0, grad, Int32(k))
                }
                if fitIntercept {
                    let interceptGradient = grad + features * k
                    for j in 0..<k { interceptGradient[j] = 0 }
                    for i in 0..<n {
                        for j in 0..<k { interceptGradient[j] += gp[i * k + j] }
                    }
                }
            }
        }
        var squaredNorm = 0.0
        for index in 0..<(features * k) {
            squaredNorm += w[index] * w[index]
            grad[index] += l2Strength * w[index]
        }
        return lossSum / sampleCount + 0.5 * l2Strength * squaredNorm
    }

    /// scikit-learn's `closs_grad_half_binomial`: `log(1 + exp(raw)) − y·raw` and `expit(raw) − y`,
    /// with the same numerically stable branches.
    @inline(__always)
    static func binomialLossGradient(target y: Double, raw: Double) -> (loss: Double, gradient: Double) {
        if raw <= -37 {
            let e = exp(raw)
            return (e - y * raw, e - y)
        } else if raw <= -2 {
            let e = exp(raw)
            return (log1p(e) - y * raw, ((1 - y) * e - y) / (1 + e))
        } else if raw <= 18 {
            let e = exp(-raw)
            return (log1p(e) + (1 - y) * raw, ((1 - y) - y * e) / (1 + e))
        } else {
            let e = exp(-raw)
            return (e + (1 - y) * raw, ((1 - y) - y * e) / (1 + e))
        }
    }
}
