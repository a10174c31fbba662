/// Errors from matrix construction and linear-algebra routines.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two operands (or an operand and its element count) have incompatible shapes.
    case shapeMismatch(operation: String, expected: String, actual: String)
    /// A row or column index is outside the matrix.
    case indexOutOfRange(what: String, index: Int, count: Int)
    /// The matrix of a linear system is singular (LAPACK reported a zero pivot at `pivot`).
    case singularMatrix(pivot: Int)
    /// A LAPACK routine reported an illegal argument or another failure.
    case lapackFailure(routine: String, info: Int)
    /// A Cholesky factorization met a leading minor (of order `minor`) that is not positive definite.
    case notPositiveDefinite(minor: Int)

    /// A one-line explanation naming the problem.
    public var description: String {
        switch self {
        case let .shapeMismatch(operation, expected, actual):
            return "shape mismatch in \(operation): expected \(expected), got \(actual)"
        case let .indexOutOfRange(what, index, count):
            return "\(what) index \(index) is out of range 0..<\(count)"
        case let .singularMatrix(pivot):
            return "the matrix is singular (zero pivot at position \(pivot))"
        case let .lapackFailure(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        case let .notPositiveDefinite(minor):
            return "the matrix is not positive definite (leading minor of order \(minor))"
        }
    }
}
