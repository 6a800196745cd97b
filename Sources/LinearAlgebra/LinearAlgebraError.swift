/// Errors of the LinearAlgebra module. Each case carries the offending values; `description`
/// is the message a user reads: what is wrong, the value seen, how to fix it.
///
/// `operation` is a short human name of the call that failed ("matrix product",
/// "Cholesky factorization", ...), so one case serves every routine.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `init(rows:)` got rows of different lengths; `row` is 0-based.
    case raggedRows(row: Int, length: Int, expectedLength: Int)
    /// A flat storage array whose length is not `rowCount * columnCount`.
    case storageCountMismatch(shape: MatrixShape, count: Int)
    /// Element-wise operands of different shapes.
    case elementwiseShapeMismatch(operation: String, left: MatrixShape, right: MatrixShape)
    /// A product whose inner dimensions (after any transposition) differ.
    case innerDimensionMismatch(operation: String, left: MatrixShape, right: MatrixShape, leftInner: Int, rightInner: Int)
    /// A vector whose length does not fit the matrix it is used with.
    case vectorLengthMismatch(operation: String, matrix: MatrixShape, vectorLength: Int, expectedLength: Int)
    /// A right-hand side `B` whose row count differs from the system matrix's.
    case rightHandSideMismatch(operation: String, matrix: MatrixShape, rightHandSide: MatrixShape)
    /// An operation defined only for square matrices got a rectangular one.
    case notSquare(operation: String, shape: MatrixShape)
    /// A NaN or infinity in the input of a LAPACK routine; `row`, `column` are 0-based.
    case nonFinite(operation: String, row: Int, column: Int, value: Double)
    /// A matrix that should be symmetric is not, within `allowed`; `row`, `column` are
    /// 0-based and name the worst pair `A[row, column]` vs `A[column, row]`.
    case notSymmetric(operation: String, row: Int, column: Int, difference: Double, allowed: Double)
    /// Cholesky factorization failed: the leading principal minor of order
    /// `leadingMinorOrder` (1-based, as LAPACK counts) is not positive.
    case notPositiveDefinite(leadingMinorOrder: Int, dimension: Int)
    /// LU factorization met an exactly zero pivot `U[pivot, pivot]` (1-based).
    case singular(operation: String, pivot: Int, dimension: Int)
    /// The reciprocal condition number estimate is below machine epsilon: the result
    /// would carry no correct digits.
    case illConditioned(operation: String, reciprocalConditionNumber: Double)
    /// An iterative LAPACK routine did not converge (`info > 0`).
    case noConvergence(operation: String, routine: String, info: Int)
    /// An argument outside its documented range (tolerance, rcond, ...).
    case invalidArgument(operation: String, name: String, value: Double, reason: String)
    /// A dimension or workspace size that does not fit LAPACK's 32-bit integers.
    case tooLarge(operation: String, name: String, value: Int)
    /// LAPACK rejected an argument (`info < 0`). This is a bug in LinearAlgebra, not in
    /// the caller's data.
    case lapackRejectedArgument(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .raggedRows(row, length, expectedLength):
            return "matrix rows: row \(row) has \(length) elements but row 0 has \(expectedLength); "
                + "give every row the same number of columns"
        case let .storageCountMismatch(shape, count):
            return "matrix storage: a \(shape) matrix needs \(shape.rowCount * shape.columnCount) elements, "
                + "got \(count); pass rowCount * columnCount values in row-major order"
        case let .elementwiseShapeMismatch(operation, left, right):
            return "\(operation): left is \(left), right is \(right); shapes must be equal; "
                + "check that both operands have the same number of rows and columns"
        case let .innerDimensionMismatch(operation, left, right, leftInner, rightInner):
            return "\(operation): left is \(left), right is \(right); inner dimensions must agree "
                + "(\(leftInner) != \(rightInner)); transpose an operand or check which axis holds the samples"
        case let .vectorLengthMismatch(operation, matrix, vectorLength, expectedLength):
            return "\(operation): matrix is \(matrix), vector has \(vectorLength) elements; "
                + "the vector needs \(expectedLength) elements"
        case let .rightHandSideMismatch(operation, matrix, rightHandSide):
            return "\(operation): matrix is \(matrix), right-hand side is \(rightHandSide); "
                + "the right-hand side needs \(matrix.rowCount) rows, one per equation"
        case let .notSquare(operation, shape):
            return "\(operation): matrix is \(shape) but must be square; "
                + "use least squares for rectangular systems"
        case let .nonFinite(operation, row, column, value):
            return "\(operation): element [\(row), \(column)] is \(value); LAPACK needs finite input; "
                + "find where the NaN or infinity came from (division by zero, log of 0, overflow)"
        case let .notSymmetric(operation, row, column, difference, allowed):
            return "\(operation): matrix is not symmetric: |A[\(row), \(column)] - A[\(column), \(row)]| = "
                + "\(difference) exceeds the allowed \(allowed); pass a symmetric matrix "
                + "(for example (A + Aᵀ)/2) or raise symmetryTolerance"
        case let .notPositiveDefinite(order, dimension):
            return "Cholesky factorization: matrix is not positive definite: the leading minor of order "
                + "\(order) (of \(dimension)) is not positive; check the matrix for negative or zero "
                + "eigenvalues, or add a small jitter to the diagonal of a kernel or covariance matrix"
        case let .singular(operation, pivot, dimension):
            return "\(operation): matrix is singular: pivot \(pivot) of \(dimension) in its LU factorization "
                + "is exactly zero; use least squares (which reports the rank) for rank-deficient systems"
        case let .illConditioned(operation, rcond):
            return "\(operation): matrix is numerically singular: reciprocal condition number \(rcond) is "
                + "below machine epsilon \(Double.ulpOfOne); use least squares with an rcond cutoff instead"
        case let .noConvergence(operation, routine, info):
            return "\(operation): LAPACK \(routine) did not converge (info = \(info)); "
                + "check the input for extreme scaling (entries spanning many orders of magnitude)"
        case let .invalidArgument(operation, name, value, reason):
            return "\(operation): \(name) is \(value); \(reason)"
        case let .tooLarge(operation, name, value):
            return "\(operation): \(name) is \(value), more than LAPACK's 32-bit limit \(Int32.max); "
                + "split the problem into smaller matrices"
        case let .lapackRejectedArgument(routine, info):
            return "internal error: LAPACK \(routine) rejected argument \(-info) (info = \(info)); "
                + "this is a bug in LinearAlgebra, please report it with the matrix shapes"
        }
    }
}
