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
        guard let w = parameters.baseAddress, let grad = gradient.baseAddress else { return .nan }
        return raw.withUnsafeMutableBufferPointer { rawBuffer in
            guard let rawBase = rawBuffer.baseAddress else { return .nan }
            rawPredictions(w, into: rawBase)
            return lossGradient(w, raw: UnsafePointer(rawBase), gradient: grad)
        }
    }

    /// `raw = X · wᵀ (+ b)`: one row of `outputs` scores per sample.
    func rawPredictions(_ w: UnsafePointer<Double>, into rawBuffer: UnsafeMutablePointer<Double>) {
        let n = x.rows, features = x.columns, k = outputs
        x.elements.withUnsafeBufferPointer { xBuffer in
            guard let xBase = xBuffer.baseAddress else { return }
            if k == 1 {
                BLAS.gemv(transpose: false, rows: n, columns: features, alpha: 1, xBase, w, beta: 0, rawBuffer)
            } else {
                BLAS.gemm(transposeA: false, transposeB: false, m: n, n: k, k: features, alpha: 1,
                          xBase, lda: features, w, ldb: k, beta: 0, rawBuffer, ldc: k)
            }
            if features == 0 { for index in 0..<(n * k) { rawBuffer[index] = 0 } }
        }
        if fitIntercept {
            let intercepts = w + features * k
            for i in 0..<n {
                for j in 0..<k { rawBuffer[i * k + j] += intercepts[j] }
            }
        }
    }

    /// The objective at `w` given its raw predictions `rawBuffer` (as ``rawPredictions(_:into:)``
    /// computes them, or as a line search interpolates them); writes the gradient into `grad`.
    func lossGradient(_ w: UnsafePointer<Double>, raw rawBuffer: UnsafePointer<Double>, gradient grad: UnsafeMutablePointer<Double>) -> Double {
        let n = x.rows, features = x.columns, k = outputs
        let sampleCount = Double(n)
        var lossSum = 0.0
        pointwiseGradient.withUnsafeMutableBufferPointer { gp in
            if k == 1 {
                for i in 0..<n {
                    let target: Double = classIndices[i] == 1 ? 1 : 0
                    let (loss, g) = Self.binomialLossGradient(target: target, raw: rawBuffer[i])
                    lossSum += loss
                    gp[i] = g / sampleCount
                }
            } else {
                guard let gpBase = gp.baseAddress else { return }
                for i in 0..<n {
                    let row = i * k
                    let (maxValue, sumExps) = Self.shiftedExponentials(rawBuffer + row, count: k, into: gpBase + row)
                    let target = classIndices[i]
                    lossSum += log(sumExps) + maxValue - rawBuffer[row + target]
                    for j in 0..<k {
                        let p = gp[row + j] / sumExps
                        gp[row + j] = (p - (j == target ? 1 : 0)) / sampleCount
                    }
                }
            }
        }

        // gradient: wᵀ part = Xᵀ · gp + l2·wᵀ, intercept part = column sums of gp.
        x.elements.withUnsafeBufferPointer { xBuffer in
            pointwiseGradient.withUnsafeBufferPointer { gp in
                guard let xBase = xBuffer.baseAddress, let gpBase = gp.baseAddress else { return }
                if k == 1 {
                    BLAS.gemv(transpose: true, rows: n, columns: features, alpha: 1, xBase, gpBase, beta: 0, grad)
                } else {
                    BLAS.gemm(transposeA: true, transposeB: false, m: features, n: k, k: n, alpha: 1,
                              xBase, lda: features, gpBase, ldb: k, beta: 0, grad, ldc: k)
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

    /// The full Hessian of the objective at the point whose raw predictions are `rawBuffer`,
    /// as scikit-learn's `LinearModelLoss.gradient_hessian` builds it: parameters indexed as in
    /// ``parameterCount`` (`dof · outputs + class`, the intercepts last), the pointwise Hessian
    /// `p(1 − p)` (binomial) or `diag(p) − p pᵀ` (multinomial) weighted by `1/n`, sandwiched by
    /// BLAS (`dsyrk` for the blocks on the class diagonal, `dgemm` off it), and the L2 strength
    /// added on the diagonal of the coefficient part. `hessian` holds `parameterCount²` values.
    func hessian(raw rawBuffer: UnsafePointer<Double>, into hessian: UnsafeMutablePointer<Double>) {
        let n = x.rows, features = x.columns, k = outputs
        let size = parameterCount
        let sampleWeight = 1.0 / Double(n)
        for index in 0..<(size * size) { hessian[index] = 0 }
        // Class probabilities (several classes only; the binomial Hessian needs just the raw scores).
        var probabilities = [Double](repeating: 0, count: k == 1 ? 0 : n * k)
        probabilities.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            for i in 0..<n where k > 1 {
                let row = i * k
                let (_, sumExps) = Self.shiftedExponentials(rawBuffer + row, count: k, into: base + row)
                for j in 0..<k { base[row + j] /= sumExps }
            }
        }
        // Each class pair's block Σᵢ hᵢ x̃ᵢ x̃ᵢᵀ over x̃ = (x, 1) (the 1 only with an intercept), built
        // from row chunks that stay in cache: `dsyrk` on √h·x̃ for a == b (h ≥ 0 there), `dgemm`
        // of x̃ᵀ and h·x̃ otherwise. Large inputs are split into row ranges summed on all cores.
        let width = features + (fitIntercept ? 1 : 0)
        let chunk = 1024
        let parts = n >= 16_384 ? min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8) : 1
        let rowsPerPart = (n + parts - 1) / parts
        var partBlocks = [[Double]](repeating: [Double](repeating: 0, count: width * width), count: parts)
        var block = [Double](repeating: 0, count: width * width)
        let dofStride = k  // consecutive parameters of one class are `k` apart
        x.elements.withUnsafeBufferPointer { xBuffer in
            guard let xBase = xBuffer.baseAddress else { return }
            for a in 0..<k {
                for b in a..<k {
                    partBlocks.withUnsafeMutableBufferPointer { blocks in
                        guard let blocksBase = blocks.baseAddress else { return }
                        let shared = UnsafeSendableMutablePointer(blocksBase)
                        ParallelLoop.run(parts) { part in
                            shared.pointer[part].withUnsafeMutableBufferPointer { out in
                                guard let outBase = out.baseAddress else { return }
                                let first = part * rowsPerPart, last = min(n, first + rowsPerPart)
                                accumulateBlock(classes: (a, b), rows: first..<last, chunk: chunk, width: width,
                                                x: xBase, raw: rawBuffer, probabilities: probabilities,
                                                sampleWeight: sampleWeight, into: outBase)
                            }
                        }
                    }
                    for index in 0..<(width * width) {
                        var total = 0.0
                        for part in 0..<parts { total += partBlocks[part][index] }
                        block[index] = total
                    }
                    if a == b {
                        for r in 0..<width { for c in 0..<r { block[r * width + c] = block[c * width + r] } }
                    }
                    // Scatter: dof d of class a, dof e of class b (dof `features` is the intercept).
                    for d in 0..<width {
                        for e in 0..<width {
                            let value = block[d * width + e]
                            hessian[(d * dofStride + a) * size + e * dofStride + b] = value
                            hessian[(e * dofStride + b) * size + d * dofStride + a] = value
                        }
                    }
                }
            }
        }
        for index in 0..<(features * k) { hessian[index * size + index] += l2Strength }
    }

    /// Adds `Σᵢ hᵢ x̃ᵢ x̃ᵢᵀ` over `rows` into `out` (`width × width`, overwritten; only its upper
    /// triangle when `a == b`), `h` being the pointwise Hessian of classes `a` and `b`.
    private func accumulateBlock(
        classes: (a: Int, b: Int), rows range: Range<Int>, chunk: Int, width: Int, x xBase: UnsafePointer<Double>,
        raw rawBuffer: UnsafePointer<Double>, probabilities: [Double], sampleWeight: Double, into outBase: UnsafeMutablePointer<Double>
    ) {
        let features = x.columns, k = outputs
        let (a, b) = classes
        for index in 0..<(width * width) { outBase[index] = 0 }
        var scaled = [Double](repeating: 0, count: chunk * width)
        var plain = [Double](repeating: 0, count: a == b ? 0 : chunk * width)
        scaled.withUnsafeMutableBufferPointer { sb in
            plain.withUnsafeMutableBufferPointer { pb in
                guard let s = sb.baseAddress else { return }
                var first = range.lowerBound
                while first < range.upperBound {
                    let rows = min(chunk, range.upperBound - first)
                    for r in 0..<rows {
                        let i = first + r
                        // The pointwise Hessian of classes a and b for sample i.
                        let h: Double
                        if k == 1 {
                            // expit(r)·(1 − expit(r)) = e / (1 + e)² with e = exp(−|r|), as scikit-learn.
                            let e = exp(-abs(rawBuffer[i]))
                            h = e / ((1 + e) * (1 + e)) * sampleWeight
                        } else if a == b {
                            let pa = probabilities[i * k + a]
                            h = pa * (1 - pa) * sampleWeight
                        } else {
                            h = -probabilities[i * k + a] * probabilities[i * k + b] * sampleWeight
                        }
                        let source = xBase + i * features
                        let target = s + r * width
                        if a == b {
                            let root = h.squareRoot()
                            for j in 0..<features { target[j] = root * source[j] }
                            if fitIntercept { target[features] = root }
                        } else if let p = pb.baseAddress {
                            let copy = p + r * width
                            for j in 0..<features {
                                target[j] = h * source[j]
                                copy[j] = source[j]
                            }
                            if fitIntercept { target[features] = h; copy[features] = 1 }
                        }
                    }
                    if a == b {
                        BLAS.syrkTransposed(n: width, k: rows, alpha: 1, s, lda: width, beta: 1, outBase, ldc: width)
                    } else if let p = pb.baseAddress {
                        BLAS.gemm(transposeA: true, transposeB: false, m: width, n: width, k: rows, alpha: 1,
                                  p, lda: width, s, ldb: width, beta: 1, outBase, ldc: width)
                    }
                    first += rows
                }
            }
        }
    }

    /// `exp(raw[j] − max raw)` for the `count` scores of one sample, written to `out`; returns the
    /// maximum and the sum of the exponentials (the stable softmax's parts, always in this order).
    @inline(__always)
    static func shiftedExponentials(_ raw: UnsafePointer<Double>, count k: Int, into out: UnsafeMutablePointer<Double>) -> (maxValue: Double, sum: Double) {
        var maxValue = raw[0]
        for j in 1..<k where maxValue < raw[j] { maxValue = raw[j] }
        var sumExps = 0.0
        for j in 0..<k {
            let e = exp(raw[j] - maxValue)
            out[j] = e
            sumExps += e
        }
        return (maxValue, sumExps)
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
