import COpenBLAS
import Foundation

/// The Cholesky factorization `A = L · Lᵀ` of a symmetric positive definite `[n x n]` matrix,
/// with `L` lower triangular and a positive diagonal (LAPACK `dpotrf`, solves by `dpotrs`).
///
/// Layout: the row-major storage of `L` is, read column-major, the upper factor `U = Lᵀ`
/// with `A = Uᵀ · U`. So the module asks LAPACK for `uplo = "U"` on the row-major storage of
/// the (symmetric) input and gets `L` in row-major order without any transposition.
///
/// Use it for Gaussian-process regression and ridge normal equations: `solve` is about twice
/// as fast as a general solve and `logDeterminant` gives `log |K|` without overflow.
public struct Cholesky: Hashable, Sendable {
    /// The lower-triangular factor `L`, `[n x n]`, zeros above the diagonal, diagonal > 0.
    public let lower: Matrix

    /// n, the order of the factored matrix.
    public var dimension: Int { lower.rowCount }

    /// Factors a symmetric positive definite matrix.
    /// - Parameters:
    ///   - matrix: `A`, `[n x n]`, symmetric, finite.
    ///   - symmetryTolerance: `|A_ij - A_ji|` may be at most this times the largest
    ///     |element|; the factored matrix is `(A + Aᵀ)/2`.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(leadingMinorOrder:dimension:)`` naming
    ///   the first leading minor that is not positive; `notSquare`, `notSymmetric`, `nonFinite`.
    public init(_ matrix: Matrix, symmetryTolerance: Double = Matrix.defaultSymmetryTolerance) throws {
        let operation = "Cholesky factorization"
        try matrix.requireSquare(operation: operation)
        try matrix.requireFinite(operation: operation)
        var factor = try matrix.symmetrized(tolerance: symmetryTolerance, operation: operation)
        let n = factor.rowCount
        guard n > 0 else {
            lower = factor
            return
        }
        var n32 = try lapackInt(n, operation: operation, name: "dimension")
        var info: Int32 = 0
        factor.storage.withUnsafeMutableBufferPointer { a in
            dpotrf_("U", &n32, a.baseAddress, &n32, &info, 1)
        }
        try checkArguments(info: info, routine: "dpotrf_")
        if info > 0 {
            throw LinearAlgebraError.notPositiveDefinite(leadingMinorOrder: Int(info), dimension: n)
        }
        // LAPACK left the other triangle (row-major strictly upper) holding A; clear it.
        for i in 0..<n {
            for j in (i + 1)..<n {
                factor[i, j] = 0
            }
        }
        lower = factor
    }

    /// `log det A = 2 Σ_i log L_ii`; finite even when `det A` over- or underflows. 0 for n = 0.
    public var logDeterminant: Double {
        2 * lower.diagonal.reduce(0) { $0 + log($1) }
    }

    /// Solves `A · X = B` for X.
    /// - Parameter rightHandSide: `B`, `[n x rightHandSideCount]`, finite.
    /// - Returns: X, `[n x rightHandSideCount]`.
    /// - Throws: ``LinearAlgebraError/rightHandSideMismatch(operation:matrix:rightHandSide:)``
    ///   when B has other than n rows; `nonFinite` for NaN or infinity in B.
    public func solve(_ rightHandSide: Matrix) throws -> Matrix {
        let operation = "Cholesky solve"
        guard rightHandSide.rowCount == dimension else {
            throw LinearAlgebraError.rightHandSideMismatch(
                operation: operation, matrix: lower.shape, rightHandSide: rightHandSide.shape)
        }
        try rightHandSide.requireFinite(operation: "\(operation) (right-hand side)")
        // LAPACK wants B column-major: the row-major storage of Bᵀ.
        var columns = rightHandSide.transposed()
        try solveInPlace(columnMajor: &columns, count: rightHandSide.columnCount, operation: operation)
        return columns.transposed()
    }

    /// Solves `A · x = b` for a vector b of n elements.
    /// - Throws: ``LinearAlgebraError/vectorLengthMismatch(operation:matrix:vectorLength:expectedLength:)``;
    ///   `nonFinite` for NaN or infinity in b.
    public func solve(_ rightHandSide: [Double]) throws -> [Double] {
        let operation = "Cholesky solve"
        guard rightHandSide.count == dimension else {
            throw LinearAlgebraError.vectorLengthMismatch(
                operation: operation, matrix: lower.shape, vectorLength: rightHandSide.count, expectedLength: dimension)
        }
        try requireFinite(rightHandSide, operation: "\(operation) (right-hand side)")
        var column = Matrix(column: rightHandSide)
        try solveInPlace(columnMajor: &column, count: 1, operation: operation)
        return column.storage
    }

    /// `columns` holds the right-hand sides column-major (`count` columns of n); on return
    /// it holds the solutions in the same layout.
    private func solveInPlace(columnMajor columns: inout Matrix, count: Int, operation: String) throws {
        guard dimension > 0, count > 0 else { return }
        var n32 = try lapackInt(dimension, operation: operation, name: "dimension")
        var nrhs = try lapackInt(count, operation: operation, name: "right-hand side count")
        var info: Int32 = 0
        lower.storage.withUnsafeBufferPointer { factor in
            columns.storage.withUnsafeMutableBufferPointer { b in
                dpotrs_("U", &n32, &nrhs, factor.baseAddress, &n32, b.baseAddress, &n32, &info, 1)
            }
        }
        try checkArguments(info: info, routine: "dpotrs_")
    }
}

extension Matrix {
    /// The Cholesky factorization of this symmetric positive definite matrix; see ``Cholesky``.
    public func cholesky(symmetryTolerance: Double = Matrix.defaultSymmetryTolerance) throws -> Cholesky {
        try Cholesky(self, symmetryTolerance: symmetryTolerance)
    }
}
