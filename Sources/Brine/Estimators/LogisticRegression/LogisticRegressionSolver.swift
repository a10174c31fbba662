/// The optimizer that fits a ``LogisticRegression`` (scikit-learn's `solver`).
///
/// Both minimize the same objective; they differ in speed and in where, within the tolerance,
/// they stop. Files record the solver under the hyperparameter key `solver` with scikit-learn's
/// spelling; a file without the key (every file of 0.1.0) was fitted by L-BFGS.
public enum LogisticRegressionSolver: String, Codable, Sendable, CaseIterable {
    /// L-BFGS (scikit-learn's default `lbfgs`), following scipy's L-BFGS-B step for step.
    case lbfgs
    /// Newton's method with the full Hessian solved by Cholesky (scikit-learn's
    /// `newton-cholesky`): few, expensive iterations; fast when there are many more samples than
    /// features × classes.
    case newtonCholesky = "newton-cholesky"
}
