/// The Moré–Thuente line search (MINPACK-2 `dcsrch` with its step routine `dcstep`), as used
/// by L-BFGS-B and therefore by scikit-learn's `lbfgs` solver.
///
/// It looks for a step `stp` satisfying the strong Wolfe conditions
/// `f(stp) ≤ f(0) + ftol·stp·f'(0)` and `|f'(stp)| ≤ gtol·|f'(0)|`. It is a reverse-communication
/// state machine: call ``start(value:derivative:step:)`` with the values at step 0, evaluate the
/// function at the returned step, then call ``next(value:derivative:)`` until it reports
/// `.converged` or `.warning`.
struct MoreThuenteLineSearch {
    /// What the caller must do next.
    enum Task: Equatable {
        /// Evaluate the function and its directional derivative at ``step``.
        case evaluate
        /// The step satisfies both conditions.
        case converged
        /// No better step can be found (rounding errors, interval too small, or a step bound was hit);
        /// ``step`` is the best step found.
        case warning
        /// The arguments were invalid (a non-negative initial derivative or a step outside the bounds).
        case error
    }

    let ftol: Double
    let gtol: Double
    let xtol: Double
    let stepMin: Double
    let stepMax: Double

    /// The current trial step.
    private(set) var step = 0.0

    private var bracketed = false
    private var stage = 1
    private var finit = 0.0, ginit = 0.0, gtest = 0.0
    private var stx = 0.0, fx = 0.0, gx = 0.0
    private var sty = 0.0, fy = 0.0, gy = 0.0
    private var stmin = 0.0, stmax = 0.0
    private var width = 0.0, width1 = 0.0

    init(ftol: Double = 1e-3, gtol: Double = 0.9, xtol: Double = 0.1, stepMin: Double = 0, stepMax: Double) {
        self.ftol = ftol
        self.gtol = gtol
        self.xtol = xtol
        self.stepMin = stepMin
        self.stepMax = stepMax
    }

    /// Starts a search from the value `value` and directional derivative `derivative` at step 0,
    /// with `step` as the first trial step.
    mutating func start(value: Double, derivative: Double, step initialStep: Double) -> Task {
        step = initialStep
        guard step >= stepMin, step <= stepMax, derivative < 0, ftol >= 0, gtol >= 0, xtol >= 0,
              stepMin >= 0, stepMax >= stepMin
        else { return .error }
        bracketed = false
        stage = 1
        finit = value
        ginit = derivative
        gtest = ftol * ginit
        width = stepMax - stepMin
        width1 = width / 0.5
        stx = 0; fx = finit; gx = ginit
        sty = 0; fy = finit; gy = ginit
        stmin = 0
        stmax = step + 4.0 * step
        return .evaluate
    }

    /// Continues the search with the value and directional derivative at the current ``step``.
    mutating func next(value f: Double, derivative g: Double) -> Task {
        let ftest = finit + step * gtest
        if stage == 1, f <= ftest, g >= 0 { stage = 2 }

        var task = Task.evaluate
        if bracketed, step <= stmin || step >= stmax { task = .warning }
        if bracketed, stmax - stmin <= xtol * stmax { task = .warning }
        if step == stepMax, f <= ftest, g <= gtest { task = .warning }
        if step == stepMin, f > ftest || g >= gtest { task = .warning }
        if f <= ftest, abs(g) <= gtol * (-ginit) { task = .converged }
        if task != .evaluate { return task }

        if stage == 1, f <= fx, f > ftest {
            // The modified function psi(stp) = f(stp) - f(0) - ftol·stp·f'(0) predicts the step.
            let fm = f - step * gtest
            var fxm = fx - stx * gtest
            var fym = fy - sty * gtest
            let gm = g - gtest
            var gxm = gx - gtest
            var gym = gy - gtest
            Self.takeStep(
                stx: &stx, fx: &fxm, dx: &gxm, sty: &sty, fy: &fym, dy: &gym, stp: &step, fp: fm, dp: gm,
                bracketed: &bracketed, stpmin: stmin, stpmax: stmax)
            fx = fxm + stx * gtest
            fy = fym + sty * gtest
            gx = gxm + gtest
            gy = gym + gtest
        } else {
            Self.takeStep(
                stx: &stx, fx: &fx, dx: &gx, sty: &sty, fy: &fy, dy: &gy, stp: &step, fp: f, dp: g,
                bracketed: &bracketed, stpmin: stmin, stpmax: stmax)
        }

        if bracketed {
            if abs(sty - stx) >= 0.66 * width1 { step = stx + 0.5 * (sty - stx) }
            width1 = width
            width = abs(sty - stx)
        }
        if bracketed {
            stmin = min(stx, sty)
            stmax = max(stx, sty)
        } else {
            stmin = step + 1.1 * (step - stx)
            stmax = step + 4.0 * (step - stx)
        }
        step = max(step, stepMin)
        step = min(step, stepMax)
        if bracketed && (step <= stmin || step >= stmax) || (bracketed && stmax - stmin <= xtol * stmax) {
            step = stx
        }
        return .evaluate
    }

    /// MINPACK-2 `dcstep`: a safeguarded cubic/quadratic step and the update of the bracketing interval.
    private static func takeStep(
        stx: inout Double, fx: inout Double, dx: inout Double,
        sty: inout Double, fy: inout Double, dy: inout Double,
        stp: inout Double, fp: Double, dp: Double,
        bracketed: inout Bool, stpmin: Double, stpmax: Double
    ) {
        let sgnd = dp * (dx / abs(dx))
        let stpf: Double
        if fp > fx {
            // A higher function value: the minimum is bracketed.
            let theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
            let s = max(abs(theta), abs(dx), abs(dp))
            var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp < stx { gamma = -gamma }
            let p = (gamma - dx) + theta
            let q = ((gamma - dx) + gamma) + dp
            let r = p / q
            let stpc = stx + r * (stp - stx)
            let stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2.0) * (stp - stx)
            if abs(stpc - stx) < abs(stpq - stx) {
                stpf = stpc
            } else {
                stpf = stpc + (stpq - stpc) / 2.0
            }
            bracketed = true
        } else if sgnd < 0 {
            // A lower value and derivatives of opposite sign: the minimum is bracketed.
            let theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
            let s = max(abs(theta), abs(dx), abs(dp))
            var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp > stx { gamma = -gamma }
            let p = (gamma - dp) + theta
            let q = ((gamma - dp) + gamma) + dx
            let r = p / q
            let stpc = stp + r * (stx - stp)
            let stpq = stp + (dp / (dp - dx)) * (stx - stp)
            stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
            bracketed = true
        } else if abs(dp) < abs(dx) {
            // A lower value, derivatives of the same sign, and the derivative's magnitude decreases.
            let theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp
            let s = max(abs(theta), abs(dx), abs(dp))
            var gamma = s * max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
            if stp > stx { gamma = -gamma }
            let p = (gamma - dp) + theta
            let q = (gamma + (dx - dp)) + gamma
            let r = p / q
            let stpc: Double
            if r < 0, gamma != 0 {
                stpc = stp + r * (stx - stp)
            } else if stp > stx {
                stpc = stpmax
            } else {
                stpc = stpmin
            }
            let stpq = stp + (dp / (dp - dx)) * (stx - stp)
            if bracketed {
                var candidate = abs(stpc - stp) < abs(stpq - stp) ? stpc : stpq
                if stp > stx {
                    candidate = min(stp + 0.66 * (sty - stp), candidate)
                } else {
                    candidate = max(stp + 0.66 * (sty - stp), candidate)
                }
                stpf = candidate
            } else {
                var candidate = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
                candidate = min(stpmax, candidate)
                candidate = max(stpmin, candidate)
                stpf = candidate
            }
        } else {
            // A lower value, derivatives of the same sign, and the derivative's magnitude does not decrease.
            if bracketed {
                let theta = 3.0 * (fp - fy) / (sty - stp) + dy + dp
                let s = max(abs(theta), abs(dy), abs(dp))
                var gamma = s * ((theta / s) * (theta / s) - (dy / s) * (dp / s)).squareRoot()
                if stp > sty { gamma = -gamma }
                let p = (gamma - dp) + theta
                let q = ((gamma - dp) + gamma) + dy
                let r = p / q
                stpf = stp + r * (sty - stp)
            } else if stp > stx {
                stpf = stpmax
            } else {
                stpf = stpmin
            }
        }

        if fp > fx {
            sty = stp
            fy = fp
            dy = dp
        } else {
            if sgnd < 0 {
                sty = stx
                fy = fx
                dy = dx
            }
            stx = stp
            fx = fp
            dx = dp
        }
        stp = stpf
    }
}
