import Brine
import Foundation

/// `brine-bench newton-cholesky DATA_DIR [REPEATS] [NAMES]`: fits LogisticRegression with the
/// L-BFGS and Newton–Cholesky solvers (C = 1, tol = 1e-4, max_iter = 100 as scikit-learn's
/// defaults, on the raw features of each set's train split) REPEATS times and prints one JSON
/// object: median fit seconds, iterations and coefficients per solver, for
/// scripts/bench_newton_cholesky.py to compare with scikit-learn's `newton-cholesky`.
enum NewtonCholeskyBenchmark {
    /// Runs the measurement and prints its JSON.
    static func run(_ arguments: [String]) throws {
        guard let directory = arguments.first else { throw BenchmarkError.missing("newton-cholesky DATA_DIR [REPEATS] [NAMES]") }
        let repeats = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 3) : 3
        let names = arguments.count > 2 ? arguments[2].split(separator: ",").map(String.init) : ["synthetic_100k"]
        var results: [String: JSONValue] = [:]
        for name in names {
            let data = try BenchmarkData.load(name, from: URL(fileURLWithPath: directory))
            var entry: [String: JSONValue] = [:]
            for solver in LogisticRegressionSolver.allCases {
                let estimator = LogisticRegression(c: 1, fitIntercept: true, tolerance: 1e-4, maxIterations: 100, solver: solver)
                var seconds: [Double] = []
                var model: LogisticRegressionModel<Int>?
                for _ in 0..<repeats {
                    let (fitted, elapsed) = try Stopwatch.time { try estimator.fit(data.train.features, data.train.targets) }
                    seconds.append(elapsed)
                    model = fitted
                }
                guard let model else { continue }
                entry[solver.rawValue] = [
                    "fit_s_runs": .array(seconds.map(JSONValue.double)), "fit_s_median": .double(Stopwatch.quantile(seconds, 0.5)),
                    "n_iter": .int(model.iterations), "converged": .bool(model.converged),
                    "coef": .array(Array(model.coefficients.elements).map(JSONValue.double)),
                    "intercept": .array(model.intercepts.map(JSONValue.double)),
                    "accuracy": .double(try Metrics.accuracy(data.test.targets, try model.predict(data.test.features))),
                ]
            }
            results[name] = .object(entry)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(JSONValue.object(results)), as: UTF8.self))
    }
}
