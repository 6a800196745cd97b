import COpenBLAS

/// The inverse of the factored matrix and the triangular solve with its factor: what
/// Gaussian-process regression needs for the gradient of the log marginal likelihood
/// (`A⁻¹`) and for the predictive variance (`L⁻¹ B`).
extension Cholesky {
    /// `A⁻¹`, `[n x n]`, symmetric (LAPACK `dpotri` on the stored factor: about `n³/3`
    /// multiply-adds after the factorization, half of what `solve(identity)` costs).
    ///
    /// Layout: as in ``Cholesky``, the row-major `L` is, to LAPACK, the upper factor `U = Lᵀ`;
    /// `dpotri("U")` writes the column-major upper triangle of `A⁻¹`, which is the row-major
    /// lower triangle. This function mirrors it into the other triangle.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(leadingMinorOrder:dimension:)`` when
    ///   a diagonal element of L is 0 (cannot happen for a factor made by ``Cholesky/init(_:symmetryTolerance:)``).
    public func inverse() throws -> Matrix {
        let operation = "Cholesky inverse"
        let n = dimension
        var result = lower
        guard n > 0 else { return result }
        var n32 = try lapackInt(n, operation: operation, name: "dimension")
        var info: Int32 = 0
        result.storage.withUnsafeMutableBufferPointer { a in
            dpotri_("U", &n32, a.baseAddress, &n32, &info, 1)
        }
        try checkArguments(info: info, routine: "dpotri_")
        if info > 0 {
            throw LinearAlgebraError.notPositiveDefinite(leadingMinorOrder: Int(info), dimension: n)
        }
        result.storage.withUnsafeMutableBufferPointer { a in
            for i in 0..<n {
                for j in (i + 1)..<n {
                    a[i * n + j] = a[j * n + i]
                }
            }
        }
        return result
    }

    /// Solves `L · X = B` for X by forward substitution (CBLAS `dtrsm`), where L is
    /// ``lower``; `Xᵀ X` summed over a column gives `bᵀ A⁻¹ b` for that column of B.
    /// - Parameter rightHandSide: `B`, `[n x rightHandSideCount]`.
    /// - Returns: X, `[n x rightHandSideCount]`.
    /// - Throws: ``LinearAlgebraError/rightHandSideMismatch(operation:matrix:rightHandSide:)``
    ///   when B has other than n rows; `nonFinite` for NaN or infinity in B.
    public func solveLower(_ rightHandSide: Matrix) throws -> Matrix {
        let operation = "triangular solve L·X = B"
        guard rightHandSide.rowCount == dimension else {
            throw LinearAlgebraError.rightHandSideMismatch(
                operation: operation, matrix: lower.shape, rightHandSide: rightHandSide.shape)
        }
        try rightHandSide.requireFinite(operation: "\(operation) (right-hand side)")
        var result = rightHandSide
        guard dimension > 0, rightHandSide.columnCount > 0 else { return result }
        let n32 = try lapackInt(dimension, operation: operation, name: "dimension")
        let m32 = try lapackInt(rightHandSide.columnCount, operation: operation, name: "right-hand side count")
        lower.storage.withUnsafeBufferPointer { l in
            result.storage.withUnsafeMutableBufferPointer { b in
                cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit,
                            n32, m32, 1, l.baseAddress, n32, b.baseAddress, m32)
            }
        }
        return result
    }
}
