/// Unconstrained limited-memory BFGS, following L-BFGS-B 3.0 (the code behind
/// `scipy.optimize.minimize(method="L-BFGS-B")`, which scikit-learn's `lbfgs` solver calls)
/// step for step in the unconstrained case, so that fits reproduce scikit-learn's iterates:
///
/// * the first direction is `-g`, scaled to unit length for the first line search;
/// * later directions are `-H·g` with the L-BFGS inverse Hessian of the last `memory` pairs and
///   initial matrix `I/θ`, `θ = yᵀy / sᵀy` of the newest pair (the two-loop recursion, which
///   equals L-BFGS-B's compact form when no bound is active);
/// * the Moré–Thuente line search with `ftol = 1e-3`, `gtol = 0.9`, `xtol = 0.1`, trial step 1;
/// * a pair is skipped when `sᵀy ≤ ε·(-gᵀd·stp)`; a failed line search restarts from steepest descent
///   (or ends the run when the memory is already empty);
/// * the run stops when `max|gᵢ| ≤ gradientTolerance`, when the relative reduction
///   `(f_old − f)/max(|f_old|, |f|, 1) ≤ reductionFactor·ε`, or after `maxIterations` iterations
///   (checked first, as scipy's driver does).
struct LBFGSMinimizer {
    /// Why the minimizer stopped.
    enum Stop: Equatable {
        /// The largest gradient component fell to the gradient tolerance.
        case gradientTolerance
        /// The relative reduction of the objective fell below `reductionFactor·ε`.
        case relativeReduction
        /// The iteration limit was reached.
        case iterationLimit
        /// The line search could not find an acceptable step from steepest descent.
        case lineSearchFailure
    }

    /// The final point and facts about the run.
    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
        var evaluations: Int
        var stop: Stop
        var converged: Bool { stop == .gradientTolerance || stop == .relativeReduction }
    }

    var memory = 10
    var gradientTolerance = 1e-5
    /// scipy's `factr`; scikit-learn passes `ftol = 64·ε`, that is `factr = 64`.
    var reductionFactor = 64.0
    var maxIterations = 15_000
    var maxLineSearchSteps = 50

    /// Minimizes `objective`, which writes the gradient at `x` into its second argument and returns the value.
    ///
    /// A non-finite value or gradient at a trial point is treated as a failed line search, so the
    /// returned point is always one where the objective was finite (when it is finite at `x0`).
    func minimize(
        from x0: [Double],
        objective: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double,
        afterIteration: ((Int) -> Void)? = nil
    ) -> Result {
        let n = x0.count
        let epsilon = Double.ulpOfOne
        let tolerance = reductionFactor * epsilon
        var x = x0
        var g = [Double](repeating: 0, count: n)

        func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
            point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { objective(p, $0) } }
        }
        func isFinite(_ value: Double, _ gradient: [Double]) -> Bool {
            guard value.isFinite else { return false }
            for component in gradient where !component.isFinite { return false }
            return true
        }
        func maxAbs(_ v: [Double]) -> Double {
            var m = 0.0
            for value in v { m = max(m, abs(value)) }
            return m
        }
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var sum = 0.0
            for i in 0..<a.count { sum += a[i] * b[i] }
            return sum
        }

        var f = evaluate(x, &g)
        var evaluations = 1
        if maxAbs(g) <= gradientTolerance {
            return Result(x: x, value: f, iterations: 0, evaluations: evaluations, stop: .gradientTolerance)
        }

        // Correction pairs in a ring: s, y and their curvature sᵀy (as L-BFGS-B computes it).
        let m = max(memory, 1)
        var sPairs = [[Double]](repeating: [], count: m)
        var yPairs = [[Double]](repeating: [], count: m)
        var curvatures = [Double](repeating: 0, count: m)
        var head = 0, count = 0
        var theta = 1.0
        var alphas = [Double](repeating: 0, count: m)

        var iterations = 0           // completed iterations (scipy's nit)
        var anyIterationDone = false // L-BFGS-B's iter > 0: later first steps are 1, not 1/‖d‖
        var z = [Double](repeating: 0, count: n)
        var d = [Double](repeating: 0, count: n)
        var xSaved = x, gSaved = g
        var q = [Double](repeating: 0, count: n)

        while true {
            // Search direction: z is the target point, d = z − x.
            if count == 0 {
                // The generalized Cauchy point with an empty memory (θ = 1): x − g.
                for i in 0..<n { z[i] = x[i] - g[i] }
            } else {
                // Two-loop recursion: q = H·g.
                for i in 0..<n { q[i] = g[i] }
                for back in 0..<count {
                    let k = (head + count - 1 - back) % m
                    let alpha = dot(sPairs[k], q) / curvatures[k]
                    alphas[k] = alpha
                    let yk = yPairs[k]
                    for i in 0..<n { q[i] -= alpha * yk[i] }
                }
                for i in 0..<n { q[i] /= theta }
                for forward in 0..<count {
                    let k = (head + forward) % m
                    let beta = dot(yPairs[k], q) / curvatures[k]
                    let sk = sPairs[k]
                    let coefficient = alphas[k] - beta
                    for i in 0..<n { q[i] += coefficient * sk[i] }
                }
                for i in 0..<n { z[i] = x[i] - q[i] }
            }
            for i in 0..<n { d[i] = z[i] - x[i] }

            // Line search along d.
            let dnorm = dot(d, d).squareRoot()
            let stepMax = 1e10
            var step = anyIterationDone ? 1.0 : min(1.0 / dnorm, stepMax)
            xSaved = x
            gSaved = g
            let fSaved = f
            var gd = dot(g, d)
            let gdSaved = gd
            var failed = !(gd < 0)
            var trials = 0
            if !failed {
                var search = MoreThuenteLineSearch(stepMax: stepMax)
                var task = search.start(value: f, derivative: gd, step: step)
                while true {
                    if task == .error { failed = true; break }
                    if task != .evaluate { break }
                    step = search.step
                    trials += 1
                    if trials - 1 >= maxLineSearchSteps { failed = true; break }
                    if step == 1 {
                        x = z
                    } else {
                        for i in 0..<n { x[i] = step * d[i] + xSaved[i] }
                    }
                    f = evaluate(x, &g)
                    evaluations += 1
                    if !isFinite(f, g) { failed = true; break }
                    gd = dot(g, d)
                    task = search.next(value: f, derivative: gd)
                }
            }
            if failed {
                x = xSaved
                g = gSaved
                f = fSaved
                if count == 0 {
                    return Result(x: x, value: f, iterations: iterations, evaluations: evaluations, stop: .lineSearchFailure)
                }
                // Forget the memory and restart from steepest descent.
                count = 0
                head = 0
                theta = 1
                continue
            }

            iterations += 1
            anyIterationDone = true
            afterIteration?(iterations)
            if iterations >= maxIterations {
                return Result(x: x, value: f, iterations: iterations, evaluations: evaluations, stop: .iterationLimit)
            }
            if maxAbs(g) <= gradientTolerance {
                return Result(x: x, value: f, iterations: iterations, evaluations: evaluations, stop: .gradientTolerance)
            }
            if fSaved - f <= tolerance * max(abs(fSaved), abs(f), 1) {
                return Result(x: x, value: f, iterations: iterations, evaluations: evaluations, stop: .relativeReduction)
            }

            // The new pair s = stp·d, y = g − g_old, with sᵀy computed from the directional derivatives.
            var y = g
            for i in 0..<n { y[i] -= gSaved[i] }
            let yy = dot(y, y)
            let sy: Double
            let scale: Double
            if step == 1 {
                sy = gd - gdSaved
                scale = -gdSaved
            } else {
                sy = (gd - gdSaved) * step
                for i in 0..<n { d[i] *= step }
                scale = -gdSaved * step
            }
            if sy <= epsilon * scale { continue }  // not enough curvature: skip the update
            let slot: Int
            if count < m {
                slot = (head + count) % m
                count += 1
            } else {
                slot = head
                head = (head + 1) % m
            }
            sPairs[slot] = d
            yPairs[slot] = y
            curvatures[slot] = sy
            theta = yy / sy
        }
    }
}
