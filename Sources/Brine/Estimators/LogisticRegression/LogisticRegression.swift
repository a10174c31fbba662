import Foundation

/// L2-regularized logistic regression (scikit-learn's `LogisticRegression` with the `lbfgs` or
/// `newton-cholesky` solver).
///
/// Two classes are fitted with the binomial loss (one row of coefficients, for the second class
/// in sorted order); more classes with the multinomial (softmax) loss, one row per class. The
/// objective is scikit-learn's: the mean log loss plus `‖w‖² / (2·C·n)`; the intercept is not
/// penalized. By default it is minimized by an L-BFGS written on BLAS that follows scipy's
/// L-BFGS-B step for step, so coefficients and iteration counts match scikit-learn's;
/// `solver: .newtonCholesky` uses Newton's method as scikit-learn's `newton-cholesky` does
/// (Hessian by BLAS, Cholesky by LAPACKE).
///
/// ```swift
/// let model = try LogisticRegression(c: 1.0).fit(x, y)
/// let labels = try model.predict(xTest)
/// ```
public struct LogisticRegression: Sendable, Equatable {
    /// Inverse regularization strength; smaller values regularize more. Must be positive and finite.
    public var c: Double
    /// Whether to fit an intercept (bias) per class. The intercept is not penalized.
    public var fitIntercept: Bool
    /// Stop when the largest gradient component is at most this (scipy's `gtol`). Finite, at least 0.
    public var tolerance: Double
    /// The most optimizer iterations; fitting stops there with a ``LogisticRegressionModel/convergenceWarning``. At least 1.
    public var maxIterations: Int
    /// The optimizer (scikit-learn's `solver`): L-BFGS by default, or Newton–Cholesky.
    public var solver: LogisticRegressionSolver

    /// Creates the hyperparameters (scikit-learn's defaults). They are checked when fitting.
    ///
    /// - Parameters:
    ///   - c: inverse regularization strength (`C`), positive and finite.
    ///   - fitIntercept: fit an unpenalized intercept per class.
    ///   - tolerance: the gradient tolerance, finite and non-negative.
    ///   - maxIterations: the iteration limit, at least 1.
    ///   - solver: the optimizer.
    public init(
        c: Double = 1.0, fitIntercept: Bool = true, tolerance: Double = 1e-4, maxIterations: Int = 100,
        solver: LogisticRegressionSolver = .lbfgs
    ) {
        self.c = c
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.solver = solver
    }

    /// Checks every hyperparameter's domain.
    ///
    /// - Throws: ``EstimatorError/invalidHyperparameter(name:value:reason:)`` naming the first bad value.
    public func validate() throws {
        guard c.isFinite, c > 0 else {
            throw EstimatorError.invalidHyperparameter(name: "c", value: "\(c)", reason: "must be positive and finite")
        }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw EstimatorError.invalidHyperparameter(
                name: "tolerance", value: "\(tolerance)", reason: "must be finite and at least 0")
        }
        guard maxIterations >= 1 else {
            throw EstimatorError.invalidHyperparameter(
                name: "maxIterations", value: "\(maxIterations)", reason: "must be at least 1")
        }
    }

    /// Fits the model to `x` (one row per sample) and the class labels `y`.
    ///
    /// - Parameters:
    ///   - x: the features, finite, one row per sample.
    ///   - y: one label per row; at least two distinct labels.
    ///   - featureNames: optional names, one per column, kept in the model.
    ///   - progress: called after each optimizer iteration with `(iteration, maxIterations)`.
    /// - Returns: the fitted model. When the iteration limit is reached first the model is still
    ///   returned, with ``LogisticRegressionModel/converged`` false and a ``LogisticRegressionModel/convergenceWarning``.
    /// - Throws: ``EstimatorError`` for invalid hyperparameters, empty or non-finite data, mismatched
    ///   lengths or a single class.
    public func fit<Label: ClassLabel>(
        _ x: Matrix, _ y: [Label], featureNames: [String]? = nil, progress: FitProgress? = nil
    ) throws -> LogisticRegressionModel<Label> {
        try validate()
        try InputValidation.checkTrainingData(x, y, featureNames: featureNames)
        let encoding = try LabelEncoding(y)
        let start = ContinuousClock.now
        if solver == .newtonCholesky {
            let outputs = encoding.classes.count == 2 ? 1 : encoding.classes.count
            let parameters = (x.columns + (fitIntercept ? 1 : 0)).multipliedReportingOverflow(by: outputs)
            guard !parameters.overflow, parameters.partialValue <= NewtonCholeskySolver.maximumParameterCount else {
                throw EstimatorError.invalidHyperparameter(
                    name: "solver", value: LogisticRegressionSolver.newtonCholesky.rawValue,
                    reason: "its Hessian has (features + 1) × classes = \(parameters.overflow ? "too many" : String(parameters.partialValue)) rows; "
                        + "at most \(NewtonCholeskySolver.maximumParameterCount) fit in memory, use lbfgs")
            }
        }

        let loss = LogisticLoss(
            x: x, classIndices: encoding.indices, classCount: encoding.classes.count, fitIntercept: fitIntercept, c: c)
        let total = maxIterations
        let report = progress.map { report in { (iteration: Int) in report(iteration, total) } }
        let parameters: [Double], iterations: Int, converged: Bool, warning: String?
        switch solver {
        case .lbfgs:
            var minimizer = LBFGSMinimizer()
            minimizer.gradientTolerance = tolerance
            minimizer.maxIterations = maxIterations
            let result = minimizer.minimize(
                from: [Double](repeating: 0, count: loss.parameterCount),
                objective: { loss.evaluate($0, gradient: $1) }, afterIteration: report)
            (parameters, iterations, converged) = (result.x, result.iterations, result.converged)
            warning = Self.warning(lbfgs: result.stop, iterations: result.iterations)
        case .newtonCholesky:
            var solver = NewtonCholeskySolver()
            solver.tolerance = tolerance
            solver.maxIterations = maxIterations
            let result = solver.minimize(loss, afterIteration: report)
            (parameters, iterations, converged) = (result.x, result.iterations, result.converged)
            switch result.stop {
            case .converged:
                warning = nil
            case .iterationLimit:
                warning = "newton-cholesky failed to converge after \(result.iterations) iteration(s) (the maxIterations limit); "
                    + "increase maxIterations or scale the data"
            case let .lbfgsFallback(stop, reason):
                warning = Self.warning(lbfgs: stop, iterations: result.iterations).map { "newton-cholesky resorted to lbfgs (\(reason)); \($0)" }
            }
        }

        // Unpack the (F [+1]) × K' optimizer layout into K' × F coefficients and K' intercepts.
        let features = x.columns, outputs = loss.outputs
        let coefficients = Matrix(rows: outputs, columns: features) { out in
            for k in 0..<outputs {
                for j in 0..<features { out[k * features + j] = parameters[j * outputs + k] }
            }
        }
        let intercepts = (0..<outputs).map { fitIntercept ? parameters[features * outputs + $0] : 0 }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return LogisticRegressionModel(
            hyperparameters: self, classes: encoding.classes, coefficients: coefficients,
            interceptStorage: DenseArray(intercepts), featureNames: featureNames, iterations: iterations,
            converged: converged, convergenceWarning: warning, sampleCount: x.rows, trainingSeconds: seconds)
    }

    /// The convergence warning for an L-BFGS run that stopped for `stop`, or nil when it converged.
    static func warning(lbfgs stop: LBFGSMinimizer.Stop, iterations: Int) -> String? {
        switch stop {
        case .gradientTolerance, .relativeReduction:
            return nil
        case .iterationLimit:
            return "lbfgs failed to converge after \(iterations) iteration(s) (the maxIterations limit); "
                + "increase maxIterations or scale the data"
        case .lineSearchFailure:
            return "lbfgs stopped after \(iterations) iteration(s): the line search found no step that "
                + "decreases the objective; scale the data or lower c"
        }
    }
}
