import COpenBLAS

/// The eigendecomposition `A = V · diag(λ) · Vᵀ` of a real symmetric `[n x n]` matrix
/// (LAPACK `dsyevd`, divide and conquer).
///
/// Identities a test can check: `A · V[:, k] = λ_k · V[:, k]` for every k, and `Vᵀ · V = I`.
/// Each eigenvector's sign is whatever LAPACK returns (not normalised); compare eigenvectors
/// up to sign, and repeated eigenvalues only by the subspace they span.
public struct SymmetricEigendecomposition: Hashable, Sendable {
    /// The eigenvalues λ, ascending, n of them.
    public let eigenvalues: [Double]
    /// The orthonormal eigenvectors as columns, `[n x n]`: column k belongs to `eigenvalues[k]`.
    public let eigenvectors: Matrix
}

extension Matrix {
    /// The eigenvalues (ascending) and eigenvectors (columns) of this symmetric matrix.
    ///
    /// Layout: the row-major storage of a symmetric A is A itself to LAPACK; LAPACK returns
    /// the eigenvectors as columns in column-major order, which read row-major are rows, so
    /// the result is transposed once.
    /// - Parameter symmetryTolerance: `|A_ij - A_ji|` may be at most this times the largest
    ///   |element|; the decomposed matrix is `(A + Aᵀ)/2`.
    /// - Throws: `notSquare`, `nonFinite`, `notSymmetric`, and `noConvergence` if `dsyevd`
    ///   fails to converge.
    public func symmetricEigendecomposition(
        symmetryTolerance: Double = Matrix.defaultSymmetryTolerance
    ) throws -> SymmetricEigendecomposition {
        let (eigenvalues, columnMajorVectors) = try symmetricEigen(
            computingVectors: true, symmetryTolerance: symmetryTolerance)
        return SymmetricEigendecomposition(eigenvalues: eigenvalues, eigenvectors: columnMajorVectors.transposed())
    }

    /// Only the eigenvalues of this symmetric matrix, ascending (cheaper than the vectors).
    /// - Throws: as ``symmetricEigendecomposition(symmetryTolerance:)``.
    public func symmetricEigenvalues(symmetryTolerance: Double = Matrix.defaultSymmetryTolerance) throws -> [Double] {
        try symmetricEigen(computingVectors: false, symmetryTolerance: symmetryTolerance).eigenvalues
    }

    /// Calls `dsyevd_`; returns the eigenvalues and LAPACK's overwritten array, which holds
    /// the eigenvectors column-major when `computingVectors`.
    private func symmetricEigen(
        computingVectors: Bool, symmetryTolerance: Double
    ) throws -> (eigenvalues: [Double], vectors: Matrix) {
        let operation = computingVectors ? "symmetric eigendecomposition" : "symmetric eigenvalues"
        try requireSquare(operation: operation)
        try requireFinite(operation: operation)
        var a = try symmetrized(tolerance: symmetryTolerance, operation: operation)
        let n = rowCount
        var eigenvalues = [Double](repeating: 0, count: n)
        guard n > 0 else { return (eigenvalues, a) }

        let jobz = computingVectors ? "V" : "N"
        var n32 = try lapackInt(n, operation: operation, name: "dimension")
        var info: Int32 = 0
        var workQuery = [0.0]
        var iworkQuery: [Int32] = [0]
        var lwork: Int32 = -1
        var liwork: Int32 = -1
        a.storage.withUnsafeMutableBufferPointer { matrix in
            dsyevd_(jobz, "L", &n32, matrix.baseAddress, &n32, &eigenvalues, &workQuery, &lwork,
                    &iworkQuery, &liwork, &info, 1, 1)
        }
        try checkArguments(info: info, routine: "dsyevd_")
        // Minimums from the dsyevd documentation, in case a query under-reports.
        let minimumWork = computingVectors ? 1 + 6 * n + 2 * n * n : 2 * n + 1
        let minimumIntegerWork = computingVectors ? 3 + 5 * n : 1
        lwork = try workspaceLength(workQuery[0], minimum: minimumWork, operation: operation)
        liwork = try lapackInt(max(Int(iworkQuery[0]), minimumIntegerWork), operation: operation, name: "integer workspace")
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        a.storage.withUnsafeMutableBufferPointer { matrix in
            dsyevd_(jobz, "L", &n32, matrix.baseAddress, &n32, &eigenvalues, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        }
        try checkArguments(info: info, routine: "dsyevd_")
        if info > 0 {
            throw LinearAlgebraError.noConvergence(operation: operation, routine: "dsyevd_", info: Int(info))
        }
        return (eigenvalues, a)
    }
}
