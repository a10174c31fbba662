import CBLAS
import CLAPACKE

/// The BLAS and LAPACKE kernels the estimators use, on raw row-major buffers. Every call into
/// OpenBLAS or LAPACKE from the library goes through ``Matrix`` or through this layer, so that the
/// C interfaces (32-bit sizes, layouts, error codes) are handled in one place. Callers check sizes
/// (``InputValidation`` bounds every dimension to 2³¹ − 1 before fitting).
enum BLAS {
    /// `y ← alpha · op(A) · x + beta · y` (`dgemv`) for a row-major `rows × columns` matrix `A`.
    static func gemv(
        transpose: Bool, rows: Int, columns: Int, alpha: Double, _ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
        beta: Double, _ y: UnsafeMutablePointer<Double>
    ) {
        guard rows > 0, columns > 0 else { return }
        cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), alpha,
                    a, Int32(columns), x, 1, beta, y, 1)
    }

    /// `C ← alpha · op(A) · op(B) + beta · C` (`dgemm`), row-major, `C` being `m × n` and the
    /// inner dimension `k`; `lda`, `ldb`, `ldc` are the row strides of the stored matrices.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
        beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `C ← alpha · Aᵀ · A + beta · C` (`dsyrk`) for a row-major `k × n` matrix `A`; only the upper
    /// triangle of the `n × n` result (row stride `ldc`) is written.
    static func syrkTransposed(
        n: Int, k: Int, alpha: Double, _ a: UnsafePointer<Double>, lda: Int,
        beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard n > 0, k > 0 else { return }
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(n), Int32(k), alpha, a, Int32(lda), beta, c, Int32(ldc))
    }

    /// Solves `A · x = b` in place for a symmetric positive definite `n × n` matrix `A` (row
    /// stride `lda`; its upper triangle is read and overwritten by the Cholesky factor) with
    /// LAPACKE `dpotrf` + `dpotrs`; `b` becomes `x`.
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(minor:)`` when the factorization meets a
    ///   non-positive pivot, ``LinearAlgebraError/lapackFailure(routine:info:)`` for an argument error.
    static func choleskySolve(n: Int, _ a: UnsafeMutablePointer<Double>, lda: Int, _ b: UnsafeMutablePointer<Double>) throws {
        guard n > 0 else { return }
        let factor = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), a, Int32(lda))
        if factor > 0 { throw LinearAlgebraError.notPositiveDefinite(minor: Int(factor)) }
        if factor < 0 { throw LinearAlgebraError.lapackFailure(routine: "dpotrf", info: Int(factor)) }
        let solve = LAPACKE_dpotrs(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), 1, a, Int32(lda), b, 1)
        if solve != 0 { throw LinearAlgebraError.lapackFailure(routine: "dpotrs", info: Int(solve)) }
    }
}
