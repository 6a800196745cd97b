import COpenBLAS

/// The minimum-norm solution X of `min ||A·X - B||` (Frobenius; each column of B independently),
/// from LAPACK `dgelsd` (SVD, divide and conquer). This is numpy's `lstsq`.
///
/// Identities a test can check: the normal equations `Aᵀ·(A·X - B) = 0` hold; when A has full
/// column rank X is unique; when it does not, X is the solution of smallest norm, i.e. each
/// column of X lies in the row space of A.
public struct LeastSquaresSolution: Hashable, Sendable {
    /// X, `[n x rightHandSideCount]` for A `[m x n]`.
    public let solution: Matrix
    /// The effective rank of A: the number of singular values above `rcond · σ_max`.
    public let rank: Int
    /// The singular values of A, descending, `min(m, n)` of them.
    public let singularValues: [Double]
    /// `||A·X[:, j] - B[:, j]||²` for each right-hand side j, computed after the solve (unlike
    /// numpy, also for rank-deficient and underdetermined systems, where it is about 0).
    public let residualSumOfSquares: [Double]
}

extension Matrix {
    /// Solves `min ||A·X - B||` for this matrix A, `[m x n]`, any shape and rank.
    ///
    /// Layout: `dgelsd` wants A and B column-major, so both are copied transposed; B's
    /// buffer has `max(m, n)` rows because LAPACK returns the `[n x k]` solution in it.
    /// - Parameters:
    ///   - rightHandSide: B, `[m x rightHandSideCount]`, finite.
    ///   - rcond: singular values `σ_i <= rcond · σ_max` count as zero (this sets the rank);
    ///     in [0, 1). `nil` (default) means `ε · max(m, n)`, numpy's default since 1.14.
    /// - Throws: `rightHandSideMismatch`, `nonFinite`, `invalidArgument` (rcond), and
    ///   `noConvergence` if the SVD inside `dgelsd` fails to converge.
    public func leastSquares(_ rightHandSide: Matrix, rcond: Double? = nil) throws -> LeastSquaresSolution {
        let operation = "least squares"
        guard rightHandSide.rowCount == rowCount else {
            throw LinearAlgebraError.rightHandSideMismatch(
                operation: operation, matrix: shape, rightHandSide: rightHandSide.shape)
        }
        let cutoff = rcond ?? Double.ulpOfOne * Double(max(rowCount, columnCount))
        guard cutoff.isFinite, cutoff >= 0, cutoff < 1 else {
            throw LinearAlgebraError.invalidArgument(
                operation: operation, name: "rcond", value: cutoff,
                reason: "it must be in [0, 1): singular values below rcond * (largest) count as zero; "
                    + "pass nil for the default machine epsilon * max(rows, columns)")
        }
        try requireFinite(operation: operation)
        try rightHandSide.requireFinite(operation: "\(operation) (right-hand side)")

        let (m, n, k) = (rowCount, columnCount, rightHandSide.columnCount)
        let p = min(m, n)
        guard p > 0 else {
            let solution = Matrix(rowCount: n, columnCount: k)
            return LeastSquaresSolution(
                solution: solution, rank: 0, singularValues: [],
                residualSumOfSquares: rightHandSide.columnSumsOfSquares())
        }
        // dgelsd needs at least one right-hand side; a zero column gives rank and σ for k = 0.
        let lapackK = max(k, 1)
        let ldb = max(m, n)
        var b = [Double](repeating: 0, count: ldb * lapackK)
        for i in 0..<m {
            for j in 0..<k {
                b[j * ldb + i] = rightHandSide.storage[i * k + j]
            }
        }
        var a = transposed().storage
        var singularValues = [Double](repeating: 0, count: p)
        let rank = try gelsd(
            a: &a, m: m, n: n, b: &b, ldb: ldb, rightHandSideCount: lapackK,
            singularValues: &singularValues, rcond: cutoff, operation: operation)

        var solution = Matrix(rowCount: n, columnCount: k)
        for i in 0..<n {
            for j in 0..<k {
                solution.storage[i * k + j] = b[j * ldb + i]
            }
        }
        let residual = try multiplied(by: solution) - rightHandSide
        return LeastSquaresSolution(
            solution: solution, rank: rank, singularValues: singularValues,
            residualSumOfSquares: residual.columnSumsOfSquares())
    }

    /// Solves `min ||A·x - b||` for one right-hand side b of `rowCount` elements; the
    /// solution is the single column of `solution` (`solution.column(0)`, n elements).
    /// - Throws: as the matrix form, with `vectorLengthMismatch` when b has the wrong length.
    public func leastSquares(_ rightHandSide: [Double], rcond: Double? = nil) throws -> LeastSquaresSolution {
        guard rightHandSide.count == rowCount else {
            throw LinearAlgebraError.vectorLengthMismatch(
                operation: "least squares", matrix: shape, vectorLength: rightHandSide.count, expectedLength: rowCount)
        }
        return try leastSquares(Matrix(column: rightHandSide), rcond: rcond)
    }

    /// `Σ_i A_ij²` for each column j.
    private func columnSumsOfSquares() -> [Double] {
        var sums = [Double](repeating: 0, count: columnCount)
        for i in 0..<rowCount {
            for j in 0..<columnCount {
                sums[j] += storage[i * columnCount + j] * storage[i * columnCount + j]
            }
        }
        return sums
    }

    /// Calls `dgelsd_` with a workspace query; returns the effective rank.
    private func gelsd(
        a: inout [Double], m: Int, n: Int, b: inout [Double], ldb: Int, rightHandSideCount: Int,
        singularValues: inout [Double], rcond: Double, operation: String
    ) throws -> Int {
        var m32 = try lapackInt(m, operation: operation, name: "row count")
        var n32 = try lapackInt(n, operation: operation, name: "column count")
        var nrhs = try lapackInt(rightHandSideCount, operation: operation, name: "right-hand side count")
        var ldb32 = try lapackInt(ldb, operation: operation, name: "max(rows, columns)")
        var rcondValue = rcond
        var rank: Int32 = 0
        var info: Int32 = 0
        var lwork: Int32 = -1
        var workQuery = [0.0]
        var iworkQuery: [Int32] = [0]
        dgelsd_(&m32, &n32, &nrhs, &a, &m32, &b, &ldb32, &singularValues, &rcondValue, &rank,
                &workQuery, &lwork, &iworkQuery, &info)
        try checkArguments(info: info, routine: "dgelsd_")
        // Documented minimum of the integer workspace: 3·p·nlvl + 11·p with
        // nlvl = max(0, int(log2(p / 26)) + 1) (26 = SMLSIZ + 1); `levels` bounds nlvl above.
        let p = min(m, n)
        var levels = 1
        while (p >> levels) >= 13 { levels += 1 }
        let minimumIntegerWork = 3 * p * levels + 11 * p
        lwork = try workspaceLength(workQuery[0], minimum: 1, operation: operation)
        let liwork = max(Int(iworkQuery[0]), minimumIntegerWork, 1)
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: liwork)
        dgelsd_(&m32, &n32, &nrhs, &a, &m32, &b, &ldb32, &singularValues, &rcondValue, &rank,
                &work, &lwork, &iwork, &info)
        try checkArguments(info: info, routine: "dgelsd_")
        if info > 0 {
            throw LinearAlgebraError.noConvergence(operation: operation, routine: "dgelsd_", info: Int(info))
        }
        return Int(rank)
    }
}
