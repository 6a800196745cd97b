import COpenBLAS

/// How many singular vectors an SVD of an `[m x n]` matrix returns; `p = min(m, n)`.
public enum SVDMode: Hashable, Sendable, CaseIterable {
    /// U is `[m x p]`, Vᵀ is `[p x n]` (numpy `full_matrices=False`).
    case thin
    /// U is `[m x m]`, Vᵀ is `[n x n]`: orthonormal bases of the whole row and column spaces
    /// (numpy `full_matrices=True`).
    case full
}

/// The singular value decomposition `A = U · diag(σ) · Vᵀ` of an `[m x n]` matrix
/// (LAPACK `dgesdd`, divide and conquer), `p = min(m, n)`.
///
/// Identities a test can check: `U[:, :p] · diag(σ) · Vᵀ[:p, :] = A`, `Uᵀ·U = I`, `Vᵀ·V = I`.
/// Singular vector signs are whatever LAPACK returns (not normalised).
public struct SingularValueDecomposition: Hashable, Sendable {
    /// Left singular vectors as columns: `[m x p]` (thin) or `[m x m]` (full).
    public let u: Matrix
    /// σ, descending, all >= 0, p of them.
    public let singularValues: [Double]
    /// Right singular vectors as rows: `[p x n]` (thin) or `[n x n]` (full).
    public let vTransposed: Matrix
}

extension Matrix {
    /// The singular value decomposition of this matrix.
    ///
    /// Layout: LAPACK sees the row-major `[m x n]` A as the column-major `[n x m]` Aᵀ and
    /// factors `Aᵀ = U' · Σ · V'ᵀ`, so `A = V' · Σ · U'ᵀ`: our U is LAPACK's V' and our Vᵀ
    /// is LAPACK's U'ᵀ. LAPACK writes V'ᵀ column-major, which read row-major is exactly V'
    /// (our U), and U' column-major, which read row-major is U'ᵀ (our Vᵀ). So the two
    /// output buffers are swapped and nothing is transposed.
    /// - Parameter mode: `.thin` (default) or `.full`.
    /// - Throws: `nonFinite`, and `noConvergence` if `dgesdd` fails to converge.
    public func singularValueDecomposition(_ mode: SVDMode = .thin) throws -> SingularValueDecomposition {
        let operation = "singular value decomposition"
        let (m, n, p) = (rowCount, columnCount, min(rowCount, columnCount))
        let (uColumns, vtRows) = mode == .thin ? (p, p) : (m, n)
        var u = Matrix(rowCount: m, columnCount: uColumns)
        var vTransposed = Matrix(rowCount: vtRows, columnCount: n)
        try requireFinite(operation: operation)
        guard p > 0 else {
            // Nothing to decompose; the full bases of an empty space's complement are identities.
            if mode == .full { return SingularValueDecomposition(u: .identity(m), singularValues: [], vTransposed: .identity(n)) }
            return SingularValueDecomposition(u: u, singularValues: [], vTransposed: vTransposed)
        }
        var singularValues = [Double](repeating: 0, count: p)
        // LAPACK's U' is our Vᵀ buffer ([n x vtRows] column-major), its V'ᵀ our U buffer
        // ([uColumns x m] column-major).
        try gesdd(
            jobz: mode == .thin ? "S" : "A", operation: operation, singularValues: &singularValues,
            lapackU: &vTransposed.storage, lapackUColumns: vtRows,
            lapackVT: &u.storage, lapackVTRows: uColumns)
        return SingularValueDecomposition(u: u, singularValues: singularValues, vTransposed: vTransposed)
    }

    /// Only the singular values, descending (cheaper than the vectors).
    /// - Throws: as ``singularValueDecomposition(_:)``.
    public func singularValues() throws -> [Double] {
        let operation = "singular values"
        try requireFinite(operation: operation)
        var singularValues = [Double](repeating: 0, count: min(rowCount, columnCount))
        guard !singularValues.isEmpty else { return [] }
        var unusedU = [0.0]
        var unusedVT = [0.0]
        try gesdd(
            jobz: "N", operation: operation, singularValues: &singularValues,
            lapackU: &unusedU, lapackUColumns: 1, lapackVT: &unusedVT, lapackVTRows: 1)
        return singularValues
    }

    /// Runs `dgesdd_` on a copy of the storage, seen by LAPACK as the `[n x m]` matrix Aᵀ.
    /// `lapackU` gets LAPACK's U' (`n x lapackUColumns`, column-major, ldu = n) and
    /// `lapackVT` its V'ᵀ (`lapackVTRows x m`, column-major, ldvt = lapackVTRows).
    private func gesdd(
        jobz: String, operation: String, singularValues: inout [Double],
        lapackU: inout [Double], lapackUColumns: Int, lapackVT: inout [Double], lapackVTRows: Int
    ) throws {
        let (lapackRows, lapackColumns) = (columnCount, rowCount)
        let p = min(lapackRows, lapackColumns)
        var m32 = try lapackInt(lapackRows, operation: operation, name: "column count")
        var n32 = try lapackInt(lapackColumns, operation: operation, name: "row count")
        var ldu = try lapackInt(jobz == "N" ? 1 : lapackRows, operation: operation, name: "column count")
        var ldvt = try lapackInt(max(1, lapackVTRows), operation: operation, name: "row count")
        var a = storage
        var iwork = [Int32](repeating: 0, count: 8 * p)
        var info: Int32 = 0
        var lwork: Int32 = -1
        var workQuery = [0.0]
        a.withUnsafeMutableBufferPointer { aBuffer in
            dgesdd_(jobz, &m32, &n32, aBuffer.baseAddress, &m32, &singularValues, &lapackU, &ldu,
                    &lapackVT, &ldvt, &workQuery, &lwork, &iwork, &info, 1)
        }
        try checkArguments(info: info, routine: "dgesdd_")
        // The documented minimum for any jobz, so an under-reporting query cannot hurt.
        let larger = max(lapackRows, lapackColumns)
        let minimumWork = 3 * p + max(larger, 5 * p * p + 4 * p)
        lwork = try workspaceLength(workQuery[0], minimum: minimumWork, operation: operation)
        var work = [Double](repeating: 0, count: Int(lwork))
        a.withUnsafeMutableBufferPointer { aBuffer in
            dgesdd_(jobz, &m32, &n32, aBuffer.baseAddress, &m32, &singularValues, &lapackU, &ldu,
                    &lapackVT, &ldvt, &work, &lwork, &iwork, &info, 1)
        }
        try checkArguments(info: info, routine: "dgesdd_")
        if info > 0 {
            throw LinearAlgebraError.noConvergence(operation: operation, routine: "dgesdd_", info: Int(info))
        }
    }
}
