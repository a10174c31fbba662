import Foundation
import Testing
@testable import Brine

/// The L-BFGS optimizer on its own, against scipy's L-BFGS-B with scikit-learn's settings
/// (values from `python/reference/logreg_reference.py`, section "optimizer").
@Suite struct LogisticRegressionOptimizerTests {
    struct Reference: Decodable {
        struct Run: Decodable {
            let x0: [Double]
            let x: [Double]
            let fun: Double
            let nit: Int
            let nfev: Int
        }
        let optimizer: [String: Run]
    }

    /// scipy.optimize.rosen and rosen_der, written the same way.
    static func rosenbrock(_ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = x.count
        var value = 0.0
        for i in 0..<(n - 1) {
            let a = x[i + 1] - x[i] * x[i]
            let b = 1 - x[i]
            value += 100 * a * a + b * b
        }
        for i in 1..<(n - 1) {
            let xm = x[i], previous = x[i - 1], next = x[i + 1]
            gradient[i] = 200 * (xm - previous * previous) - 400 * (next - xm * xm) * xm - 2 * (1 - xm)
        }
        gradient[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0])
        gradient[n - 1] = 200 * (x[n - 1] - x[n - 2] * x[n - 2])
        return value
    }

    @Test(arguments: ["rosenbrock2", "rosenbrock5"])
    func followsScipyOnRosenbrock(name: String) throws {
        let url = try #require(Bundle.module.url(forResource: "logreg_reference", withExtension: "json", subdirectory: "Fixtures"))
        let run = try #require(try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url)).optimizer[name])
        var minimizer = LBFGSMinimizer()
        minimizer.gradientTolerance = 1e-5
        let result = minimizer.minimize(from: run.x0, objective: Self.rosenbrock)
        print("[lr optimizer] \(name): iterations \(result.iterations) (scipy \(run.nit)), evaluations \(result.evaluations) (scipy \(run.nfev)), x \(result.x)")
        #expect(result.stop == .gradientTolerance)
        #expect(result.iterations == run.nit)
        #expect(result.evaluations == run.nfev)
        for (ours, theirs) in zip(result.x, run.x) { #expect(abs(ours - theirs) < 1e-9) }
        #expect(abs(result.value - run.fun) < 1e-12)
    }

    @Test func stopsAtTheIterationLimitAndReportsEachIteration() {
        var minimizer = LBFGSMinimizer()
        minimizer.maxIterations = 4
        var seen: [Int] = []
        let result = minimizer.minimize(from: [-1.2, 1], objective: Self.rosenbrock) { seen.append($0) }
        #expect(result.stop == .iterationLimit && !result.converged)
        #expect(result.iterations == 4)
        #expect(seen == [1, 2, 3, 4])
    }

    @Test func startingAtTheMinimumTakesNoIteration() {
        let result = LBFGSMinimizer().minimize(from: [1, 1], objective: Self.rosenbrock)
        #expect(result.iterations == 0 && result.evaluations == 1 && result.stop == .gradientTolerance)
        #expect(result.x == [1, 1])
    }

    @Test func nonFiniteObjectiveEndsWithTheLastFinitePoint() {
        // Finite only on x > -1: the first steepest-descent trial overshoots into the NaN region.
        let result = LBFGSMinimizer().minimize(from: [0]) { x, gradient in
            guard x[0] > -1 else { gradient[0] = .nan; return .nan }
            gradient[0] = 1
            return x[0]
        }
        #expect(result.stop == .lineSearchFailure)
        #expect(result.x.allSatisfy { $0.isFinite } && result.value.isFinite)
    }

    @Test func lineSearchFindsAWolfeStepOnAQuadratic() {
        // φ(α) = (α − 2)², φ'(0) = −4: the exact minimizer α = 2 satisfies both conditions.
        var search = MoreThuenteLineSearch(stepMax: 1e10)
        var task = search.start(value: 4, derivative: -4, step: 1)
        var evaluations = 0
        while task == .evaluate, evaluations < 20 {
            let a = search.step
            evaluations += 1
            task = search.next(value: (a - 2) * (a - 2), derivative: 2 * (a - 2))
        }
        #expect(task == .converged)
        let a = search.step
        #expect((a - 2) * (a - 2) <= 4 + 1e-3 * a * -4)
        #expect(abs(2 * (a - 2)) <= 0.9 * 4)
        #expect(search.start(value: 0, derivative: 1, step: 1) == .error)  // not a descent direction
    }
}
