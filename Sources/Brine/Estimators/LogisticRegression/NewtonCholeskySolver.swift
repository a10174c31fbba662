import Foundation

/// scikit-learn's `NewtonCholeskySolver` (`sklearn/linear_model/_glm/_newton_solver.py`) for the
/// logistic objective of ``LogisticLoss``, step for step:
///
/// 1. the gradient and the full Hessian at the current coefficients (``LogisticLoss/hessian(raw:into:)``);
/// 2. the Newton step `H · d = −g` by Cholesky (LAPACKE `dpotrf` / `dpotrs`). With several
///    classes and an intercept the softmax is over-parametrized in the intercepts, so, as
///    scikit-learn, the last class's intercept is held at zero (its row and column dropped);
/// 3. a backtracking Armijo line search (`t = 1, ½, …, 2⁻²⁰`, `σ = 2⁻¹¹`) on raw predictions
///    interpolated along the step, accepting a step that does not lower the objective by more
///    than rounding only if it lowers the gradient's L1 norm;
/// 4. convergence when `max |g| ≤ tol` and the Newton decrement `½ dᵀ H d ≤ tol`.
///
/// When the Hessian is not positive definite, the step is not a descent direction, or the line
/// search fails, the remaining iterations go to L-BFGS from the current point (scikit-learn
/// falls back the same way). Finally, with several classes, the intercepts are shifted to sum to
/// zero (scikit-learn's symmetric parametrization).
struct NewtonCholeskySolver {
    /// Why the solver stopped.
    enum Stop: Equatable {
        /// Both convergence criteria hold.
        case converged
        /// `maxIterations` Newton steps were taken first.
        case iterationLimit
        /// The solver handed over to L-BFGS, which stopped for this reason.
        case lbfgsFallback(LBFGSMinimizer.Stop, reason: String)
    }

    /// The solution and how it was reached.
    struct Result {
        /// The parameters, laid out as ``LogisticLoss`` lays them out.
        var x: [Double]
        /// Newton steps taken, plus L-BFGS iterations after a fallback (scikit-learn's `n_iter_`).
        var iterations: Int
        /// Why it stopped.
        var stop: Stop
        /// Whether the result meets the tolerance.
        var converged: Bool {
            switch stop {
            case .converged: return true
            case .iterationLimit: return false
            case let .lbfgsFallback(lbfgsStop, _): return lbfgsStop == .gradientTolerance || lbfgsStop == .relativeReduction
            }
        }
    }

    /// The most parameters the solver takes: its Hessian and the Cholesky factor are two
    /// `count × count` matrices (1 GiB at this bound).
    static let maximumParameterCount = 8192

    /// The tolerance of both convergence criteria (scikit-learn's `tol`).
    var tolerance = 1e-4
    /// The most Newton steps (scikit-learn's `max_iter`).
    var maxIterations = 100

    /// Minimizes `loss` from zero coefficients; `afterIteration` is called after each Newton step.
    func minimize(_ loss: LogisticLoss, afterIteration: ((Int) -> Void)? = nil) -> Result {
        let size = loss.parameterCount
        let samples = loss.x.rows, outputs = loss.outputs
        let multinomialWithIntercept = outputs > 1 && loss.fitIntercept
        // The unknowns of the Newton system: all parameters but a multinomial's last intercept.
        let solved = multinomialWithIntercept ? size - 1 : size
        let eps = 16 * Double.ulpOfOne

        var coef = [Double](repeating: 0, count: size)
        var raw = [Double](repeating: 0, count: samples * outputs)
        var gradient = [Double](repeating: 0, count: size)
        rawPredictions(loss, coef, into: &raw)
        var value = lossGradient(loss, coef, raw, into: &gradient)

        var hessian = [Double](repeating: 0, count: size * size)
        var factor = [Double](repeating: 0, count: size * size)
        var newton = [Double](repeating: 0, count: size)
        var rawNewton = [Double](repeating: 0, count: samples * outputs)
        var trialCoef = [Double](repeating: 0, count: size)
        var trialRaw = [Double](repeating: 0, count: samples * outputs)
        var trialGradient = [Double](repeating: 0, count: size)

        var iteration = 1
        var fallbackReason: String?
        var converged = false
        while iteration <= maxIterations {
            // 1. Gradient (from the last line search) and Hessian.
            raw.withUnsafeBufferPointer { r in
                hessian.withUnsafeMutableBufferPointer { h in
                    guard let rawBase = r.baseAddress, let hessianBase = h.baseAddress else { return }
                    loss.hessian(raw: rawBase, into: hessianBase)
                }
            }
            if multinomialWithIntercept {
                gradient[size - 1] = 0
                for index in 0..<size {
                    hessian[(size - 1) * size + index] = 0
                    hessian[index * size + size - 1] = 0
                }
            }
            // 2. Newton step by Cholesky on the leading `solved` × `solved` block.
            factor = hessian
            for index in 0..<size { newton[index] = index < solved ? -gradient[index] : 0 }
            do {
                try factor.withUnsafeMutableBufferPointer { a in
                    try newton.withUnsafeMutableBufferPointer { b in
                        guard let matrix = a.baseAddress, let rhs = b.baseAddress else { return }
                        try BLAS.choleskySolve(n: solved, matrix, lda: size, rhs)
                    }
                }
            } catch {
                fallbackReason = "the Hessian at iteration \(iteration) is not positive definite (\(error))"
                break
            }
            var gradientTimesNewton = 0.0
            for index in 0..<size { gradientTimesNewton += gradient[index] * newton[index] }
            guard gradientTimesNewton <= 0, gradientTimesNewton.isFinite else {
                fallbackReason = "the Newton step at iteration \(iteration) is not a descent direction"
                break
            }
            // 3. Backtracking line search along the step, on interpolated raw predictions.
            rawPredictions(loss, newton, into: &rawNewton)
            let armijo = 0.00048828125 * gradientTimesNewton
            var t = 1.0
            var accepted = false
            var oldGradientL1 = -1.0
            var trialValue = value
            for _ in 0..<21 {
                for index in 0..<size { trialCoef[index] = coef[index] + t * newton[index] }
                for index in 0..<(samples * outputs) { trialRaw[index] = raw[index] + t * rawNewton[index] }
                trialValue = lossGradient(loss, trialCoef, trialRaw, into: &trialGradient)
                let improvement = trialValue - value
                if improvement <= t * armijo { accepted = true; break }
                if abs(improvement) <= abs(value * eps) {
                    if oldGradientL1 < 0 { oldGradientL1 = gradient.reduce(0) { $0 + abs($1) } }
                    if trialGradient.reduce(0, { $0 + abs($1) }) < oldGradientL1 { accepted = true; break }
                }
                t *= 0.5
            }
            guard accepted else {
                fallbackReason = "the line search at iteration \(iteration) found no acceptable step"
                break
            }
            swap(&coef, &trialCoef)
            swap(&raw, &trialRaw)
            swap(&gradient, &trialGradient)
            value = trialValue
            afterIteration?(iteration)
            // 4. Convergence: max |g| ≤ tol and ½ dᵀ H d ≤ tol (H before the step, as scikit-learn).
            let largestGradient = gradient.reduce(0) { max($0, abs($1)) }
            if largestGradient <= tolerance {
                var decrement = 0.0
                for r in 0..<size {
                    guard newton[r] != 0 else { continue }
                    var row = 0.0
                    for c in 0..<size { row += hessian[r * size + c] * newton[c] }
                    decrement += newton[r] * row
                }
                if 0.5 * decrement <= tolerance { converged = true }
            }
            iteration += 1
            if converged { break }
        }

        var stop: Stop = converged ? .converged : .iterationLimit
        if !converged, let reason = fallbackReason {
            var lbfgs = LBFGSMinimizer()
            lbfgs.gradientTolerance = tolerance
            lbfgs.maxIterations = max(maxIterations - iteration, 1)
            let result = lbfgs.minimize(from: coef, objective: { loss.evaluate($0, gradient: $1) })
            coef = result.x
            iteration += result.iterations
            stop = .lbfgsFallback(result.stop, reason: reason)
        }
        iteration -= 1  // scikit-learn counts the Newton steps taken (plus the fallback's iterations)
        if multinomialWithIntercept {
            let intercepts = (size - outputs)..<size
            let mean = coef[intercepts].reduce(0, +) / Double(outputs)
            for index in intercepts { coef[index] -= mean }
        }
        return Result(x: coef, iterations: iteration, stop: stop)
    }

    private func lossGradient(_ loss: LogisticLoss, _ coef: [Double], _ raw: [Double], into gradient: inout [Double]) -> Double {
        coef.withUnsafeBufferPointer { w in
            raw.withUnsafeBufferPointer { r in
                gradient.withUnsafeMutableBufferPointer { g in
                    guard let wBase = w.baseAddress, let rBase = r.baseAddress, let gBase = g.baseAddress else { return .nan }
                    return loss.lossGradient(wBase, raw: rBase, gradient: gBase)
                }
            }
        }
    }

    private func rawPredictions(_ loss: LogisticLoss, _ coef: [Double], into raw: inout [Double]) {
        coef.withUnsafeBufferPointer { w in
            raw.withUnsafeMutableBufferPointer { r in
                guard let wBase = w.baseAddress, let rBase = r.baseAddress else { return }
                loss.rawPredictions(wBase, into: rBase)
            }
        }
    }
}
