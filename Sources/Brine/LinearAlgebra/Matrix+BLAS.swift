import CBLAS
import CLAPACKE

extension Matrix {
    /// `alpha · op(self) · op(other)` by BLAS `dgemm`, where `op` optionally transposes.
    ///
    /// - Parameters:
    ///   - other: the right operand.
    ///   - transposeSelf: use `selfᵀ` instead of `self`.
    ///   - transposeOther: use `otherᵀ` instead of `other`.
    ///   - alpha: a scale applied to the product.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:actual:)`` when the inner dimensions differ.
    public func multiplied(
        by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false, alpha: Double = 1
    ) throws -> Matrix {
        let (m, k) = transposeSelf ? (columns, rows) : (rows, columns)
        let (k2, n) = transposeOther ? (other.columns, other.rows) : (other.rows, other.columns)
        guard k == k2 else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "matrix product", expected: "inner dimension \(k)", actual: "\(k2)")
        }
        return Matrix(rows: m, columns: n) { out in
            guard m > 0, n > 0 else { return }
            guard k > 0 else { out.initialize(repeating: 0); return }
            elements.withUnsafeBufferPointer { a in
                other.elements.withUnsafeBufferPointer { b in
                    cblas_dgemm(
                        CblasRowMajor, transposeSelf ? CblasTrans : CblasNoTrans,
                        transposeOther ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a.baseAddress, Int32(max(columns, 1)),
                        b.baseAddress, Int32(max(other.columns, 1)), 0, out.baseAddress, Int32(n))
                }
            }
        }
    }

    /// `op(self) · vector` by BLAS `dgemv`.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:actual:)`` when the vector length is wrong.
    public func multiplied(by vector: [Double], transposeSelf: Bool = false) throws -> [Double] {
        let (m, n) = transposeSelf ? (columns, rows) : (rows, columns)
        guard vector.count == n else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "matrix-vector product", expected: "vector of \(n)", actual: "\(vector.count)")
        }
        var result = [Double](repeating: 0, count: m)
        guard m > 0, n > 0 else { return result }
        elements.withUnsafeBufferPointer { a in
            cblas_dgemv(
                CblasRowMajor, transposeSelf ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), 1,
                a.baseAddress, Int32(max(columns, 1)), vector, 1, 0, &result, 1)
        }
        return result
    }

    /// The mean of each column (length `columns`); zeros for an empty matrix.
    public func columnMeans() -> [Double] {
        var sums = [Double](repeating: 0, count: columns)
        guard rows > 0, columns > 0 else { return sums }
        let ones = [Double](repeating: 1, count: rows)
        elements.withUnsafeBufferPointer { a in
            cblas_dgemv(
                CblasRowMajor, CblasTrans, Int32(rows), Int32(columns), 1.0 / Double(rows),
                a.baseAddress, Int32(columns), ones, 1, 0, &sums, 1)
        }
        return sums
    }

    /// The population variance (divisor `rows`, numpy's `ddof=0`) of each column.
    ///
    /// Computed with two passes (mean, then the mean of squared deviations) for accuracy,
    /// as scikit-learn does.
    public func columnVariances(means: [Double]? = nil) -> [Double] {
        let means = means ?? columnMeans()
        var variances = [Double](repeating: 0, count: columns)
        guard rows > 0, columns > 0 else { return variances }
        var corrections = [Double](repeating: 0, count: columns)
        elements.withUnsafeBufferPointer { a in
            for i in 0..<rows {
                let rowStart = i * columns
                for j in 0..<columns {
                    let deviation = a[rowStart + j] - means[j]
                    variances[j] += deviation * deviation
                    corrections[j] += deviation
                }
            }
        }
        let n = Double(rows)
        for j in 0..<columns {
            // The correction term removes the rounding error of the mean (numerically stable two-pass formula).
            variances[j] = (variances[j] - corrections[j] * corrections[j] / n) / n
        }
        return variances
    }

    /// Solves `self · X = rhs` for `X` with LAPACKE `dgesv` (LU with partial pivoting).
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:actual:)`` when `self` is not square or
    ///   `rhs` has another row count; ``LinearAlgebraError/singularMatrix(pivot:)`` when `self` is singular.
    public func solve(_ rhs: Matrix) throws -> Matrix {
        guard rows == columns else {
            throw LinearAlgebraError.shapeMismatch(operation: "solve", expected: "a square matrix", actual: "\(rows) × \(columns)")
        }
        guard rhs.rows == rows else {
            throw LinearAlgebraError.shapeMismatch(operation: "solve", expected: "right-hand side with \(rows) rows", actual: "\(rhs.rows)")
        }
        var a = Array(elements)
        var b = Array(rhs.elements)
        var pivots = [Int32](repeating: 0, count: rows)
        guard rows > 0, rhs.columns > 0 else { return rhs }
        let info = LAPACKE_dgesv(
            LAPACK_ROW_MAJOR, Int32(rows), Int32(rhs.columns), &a, Int32(rows), &pivots, &b, Int32(rhs.columns))
        if info > 0 { throw LinearAlgebraError.singularMatrix(pivot: Int(info)) }
        if info < 0 { throw LinearAlgebraError.lapackFailure(routine: "dgesv", info: Int(info)) }
        return try Matrix(rows: rhs.rows, columns: rhs.columns, elements: b)
    }
}
