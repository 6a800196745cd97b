import COpenBLAS

/// `C ← alpha · op(A) · op(B) + beta · C` on row-major buffers (BLAS `dgemm`), for kernels
/// that multiply blocks of larger buffers in place (a block of rows of a weight matrix, a
/// gradient accumulated into an existing one) without copying them into ``Matrix`` values.
///
/// Shapes: `op(A)` is `[rowCount x innerCount]`, `op(B)` `[innerCount x columnCount]`, C
/// `[rowCount x columnCount]`; each leading dimension is the stored row length of its buffer
/// (the column count of the stored, untransposed matrix). Results are OpenBLAS's, as
/// ``Matrix/multiplied(by:_:)``'s are.
public enum RowMajorProduct {
    /// - Precondition: all counts and leading dimensions are at most `Int32.max` and
    ///   consistent with the buffers (checked by the caller; a kernel computes them from
    ///   shapes it has checked).
    public static func accumulate(
        _ form: ProductForm, rowCount: Int, columnCount: Int, innerCount: Int,
        alpha: Double = 1, _ a: UnsafePointer<Double>, leadingA: Int, _ b: UnsafePointer<Double>, leadingB: Int,
        beta: Double, into c: UnsafeMutablePointer<Double>, leadingC: Int
    ) {
        guard rowCount > 0, columnCount > 0 else { return }
        guard innerCount > 0 else {
            // dgemm with k = 0 only scales C; do it here so that beta = 0 clears stale values.
            for row in 0..<rowCount {
                for column in 0..<columnCount { c[row * leadingC + column] = beta == 0 ? 0 : beta * c[row * leadingC + column] }
            }
            return
        }
        precondition([rowCount, columnCount, innerCount, leadingA, leadingB, leadingC].allSatisfy { $0 <= Int(Int32.max) },
                     "RowMajorProduct: a dimension exceeds BLAS's 32-bit integers")
        cblas_dgemm(CblasRowMajor, form.transposesLeft ? CblasTrans : CblasNoTrans, form.transposesRight ? CblasTrans : CblasNoTrans,
                    Int32(rowCount), Int32(columnCount), Int32(innerCount), alpha, a, Int32(leadingA), b, Int32(leadingB),
                    beta, c, Int32(leadingC))
    }
}
