import COpenBLAS

/// General square systems and the inverse, by LU factorization with partial pivoting
/// (LAPACK `dgesv`, `dgetrf` + `dgetri`), guarded by a condition estimate (`dgecon`).
///
/// A system whose reciprocal condition number is below machine epsilon has a solution with
/// no correct digits; numpy returns it anyway, this module throws
/// ``LinearAlgebraError/illConditioned(operation:reciprocalConditionNumber:)`` (scipy warns).
/// Use `leastSquares(_:rcond:)` for singular or rectangular systems.
extension Matrix {
    /// Solves `A · X = B` for square A.
    /// - Parameter rightHandSide: B, `[n x rightHandSideCount]`, finite.
    /// - Returns: X, `[n x rightHandSideCount]`.
    /// - Throws: `notSquare`, `rightHandSideMismatch`, `nonFinite`, `singular` (an exactly
    ///   zero pivot), `illConditioned`.
    public func solve(_ rightHandSide: Matrix) throws -> Matrix {
        let operation = "linear solve"
        try requireSquare(operation: operation)
        guard rightHandSide.rowCount == rowCount else {
            throw LinearAlgebraError.rightHandSideMismatch(
                operation: operation, matrix: shape, rightHandSide: rightHandSide.shape)
        }
        try requireFinite(operation: operation)
        try rightHandSide.requireFinite(operation: "\(operation) (right-hand side)")
        var columns = rightHandSide.transposed()  // B column-major
        try gesv(columnMajorRightHandSides: &columns.storage, count: rightHandSide.columnCount, operation: operation)
        return columns.transposed()
    }

    /// Solves `A · x = b` for square A and a vector b of n elements.
    /// - Throws: as `solve(_:)`, with `vectorLengthMismatch` for b.
    public func solve(_ rightHandSide: [Double]) throws -> [Double] {
        let operation = "linear solve"
        try requireSquare(operation: operation)
        guard rightHandSide.count == rowCount else {
            throw LinearAlgebraError.vectorLengthMismatch(
                operation: operation, matrix: shape, vectorLength: rightHandSide.count, expectedLength: rowCount)
        }
        try requireFinite(operation: operation)
        try LinearAlgebra.requireFinite(rightHandSide, operation: "\(operation) (right-hand side)")
        var solution = rightHandSide
        try gesv(columnMajorRightHandSides: &solution, count: 1, operation: operation)
        return solution
    }

    /// The inverse `A⁻¹` of square A, `[n x n]`. Prefer `solve(_:)` to multiplying by
    /// the inverse: it is faster and more accurate.
    ///
    /// Layout: LAPACK inverts the row-major storage as `Aᵀ`, and `(Aᵀ)⁻¹ = (A⁻¹)ᵀ`, which read
    /// row-major is `A⁻¹`; no transposition is needed.
    /// - Throws: `notSquare`, `nonFinite`, `singular`, `illConditioned`.
    public func inverse() throws -> Matrix {
        let operation = "matrix inverse"
        try requireSquare(operation: operation)
        try requireFinite(operation: operation)
        let n = rowCount
        guard n > 0 else { return self }
        var n32 = try lapackInt(n, operation: operation, name: "dimension")
        var factors = storage
        var pivots = [Int32](repeating: 0, count: n)
        var info: Int32 = 0
        dgetrf_(&n32, &n32, &factors, &n32, &pivots, &info)
        try checkArguments(info: info, routine: "dgetrf_")
        // `factors` is the LU of Aᵀ, whose 1-norm is A's infinity-norm (largest row sum).
        try requireWellConditioned(
            luFactors: factors, info: info, norm: maximumAbsoluteRowSum(), operation: operation)

        var lwork: Int32 = -1
        var workQuery = [0.0]
        dgetri_(&n32, &factors, &n32, &pivots, &workQuery, &lwork, &info)
        try checkArguments(info: info, routine: "dgetri_")
        lwork = try workspaceLength(workQuery[0], minimum: n, operation: operation)
        var work = [Double](repeating: 0, count: Int(lwork))
        dgetri_(&n32, &factors, &n32, &pivots, &work, &lwork, &info)
        try checkArguments(info: info, routine: "dgetri_")
        if info > 0 {
            throw LinearAlgebraError.singular(operation: operation, pivot: Int(info), dimension: n)
        }
        return Matrix(rowCount: n, columnCount: n, uncheckedStorage: factors)
    }

    /// Runs `dgesv_` on a column-major copy of A; `rightHandSides` holds `count` columns of n,
    /// column-major, and receives the solutions.
    private func gesv(columnMajorRightHandSides rightHandSides: inout [Double], count: Int, operation: String) throws {
        let n = rowCount
        guard n > 0, count > 0 else { return }
        var n32 = try lapackInt(n, operation: operation, name: "dimension")
        var nrhs = try lapackInt(count, operation: operation, name: "right-hand side count")
        var factors = transposed().storage  // A column-major
        var pivots = [Int32](repeating: 0, count: n)
        var info: Int32 = 0
        dgesv_(&n32, &nrhs, &factors, &n32, &pivots, &rightHandSides, &n32, &info)
        try checkArguments(info: info, routine: "dgesv_")
        // `factors` is the LU of A itself here, whose 1-norm is the largest column sum.
        try requireWellConditioned(
            luFactors: factors, info: info, norm: transposed().maximumAbsoluteRowSum(), operation: operation)
    }

    /// Turns a zero pivot (`info > 0` from `dgetrf`/`dgesv`) into `singular`, and a reciprocal
    /// condition estimate (`dgecon`, 1-norm) below machine epsilon into `illConditioned`.
    /// - Parameter norm: the 1-norm of the matrix whose column-major LU `luFactors` holds.
    private func requireWellConditioned(luFactors: [Double], info: Int32, norm: Double, operation: String) throws {
        let n = rowCount
        if info > 0 {
            throw LinearAlgebraError.singular(operation: operation, pivot: Int(info), dimension: n)
        }
        var n32 = try lapackInt(n, operation: operation, name: "dimension")
        var anorm = norm
        var rcond = 0.0
        var work = [Double](repeating: 0, count: 4 * n)
        var iwork = [Int32](repeating: 0, count: n)
        var conditionInfo: Int32 = 0
        dgecon_("1", &n32, luFactors, &n32, &anorm, &rcond, &work, &iwork, &conditionInfo, 1)
        try checkArguments(info: conditionInfo, routine: "dgecon_")
        if rcond < Double.ulpOfOne {
            throw LinearAlgebraError.illConditioned(operation: operation, reciprocalConditionNumber: rcond)
        }
    }

    /// `max_i Σ_j |A_ij|`, the infinity-norm.
    private func maximumAbsoluteRowSum() -> Double {
        (0..<rowCount).reduce(0) { best, i in
            max(best, (0..<columnCount).reduce(0) { $0 + abs(storage[i * columnCount + $1]) })
        }
    }
}
