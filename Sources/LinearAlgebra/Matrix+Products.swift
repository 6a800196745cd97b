import COpenBLAS

/// Which operands of a matrix product are transposed: `op(A) · op(B)`.
public enum ProductForm: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `A · B`.
    case plain
    /// `Aᵀ · B` (for example a Gram matrix `Xᵀ·X` of a `[sampleCount x featureCount]` X).
    case transposingLeft
    /// `A · Bᵀ` (for example a kernel matrix `X·Yᵀ` between two sets of rows).
    case transposingRight
    /// `Aᵀ · Bᵀ`.
    case transposingBoth

    public var description: String {
        switch self {
        case .plain: "A·B"
        case .transposingLeft: "Aᵀ·B"
        case .transposingRight: "A·Bᵀ"
        case .transposingBoth: "Aᵀ·Bᵀ"
        }
    }

    var transposesLeft: Bool { self == .transposingLeft || self == .transposingBoth }
    var transposesRight: Bool { self == .transposingRight || self == .transposingBoth }
}

/// Matrix-matrix products through `cblas_dgemm` and matrix-vector products through
/// `cblas_dgemv`, both row-major (CBLAS handles the layout, no copies). Results agree with
/// the textbook triple loop to within rounding (about `k · ε · Σ|a||b|` for inner
/// dimension k); the summation order differs, so do not expect bit equality with it.
/// NaN and infinity propagate; nothing here checks for them.
extension Matrix {
    /// `op(self) · op(right)` for the transpositions in `form`.
    ///
    /// Shapes: `op(self)` is `[m x k]`, `op(right)` is `[k x n]`, the result `[m x n]`.
    /// An inner dimension k of 0 gives the `[m x n]` zero matrix.
    /// - Throws: ``LinearAlgebraError/innerDimensionMismatch(operation:left:right:leftInner:rightInner:)``
    ///   when the inner dimensions differ.
    public func multiplied(by right: Matrix, _ form: ProductForm = .plain) throws -> Matrix {
        let operation = form == .plain ? "matrix product" : "matrix product \(form)"
        let (m, leftInner) = form.transposesLeft ? (columnCount, rowCount) : (rowCount, columnCount)
        let (rightInner, n) = form.transposesRight
            ? (right.columnCount, right.rowCount) : (right.rowCount, right.columnCount)
        guard leftInner == rightInner else {
            throw LinearAlgebraError.innerDimensionMismatch(
                operation: operation, left: shape, right: right.shape, leftInner: leftInner, rightInner: rightInner)
        }
        var result = Matrix(rowCount: m, columnCount: n)
        guard m > 0, n > 0, leftInner > 0 else { return result }
        let m32 = try lapackInt(m, operation: operation, name: "row count")
        let n32 = try lapackInt(n, operation: operation, name: "column count")
        let k32 = try lapackInt(leftInner, operation: operation, name: "inner dimension")
        let lda = try lapackInt(columnCount, operation: operation, name: "left column count")
        let ldb = try lapackInt(right.columnCount, operation: operation, name: "right column count")
        storage.withUnsafeBufferPointer { a in
            right.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(
                        CblasRowMajor,
                        form.transposesLeft ? CblasTrans : CblasNoTrans,
                        form.transposesRight ? CblasTrans : CblasNoTrans,
                        m32, n32, k32, 1, a.baseAddress, lda, b.baseAddress, ldb, 0, c.baseAddress, n32)
                }
            }
        }
        return result
    }

    /// `A · B`; see ``multiplied(by:_:)``.
    public static func * (left: Matrix, right: Matrix) throws -> Matrix {
        try left.multiplied(by: right, .plain)
    }

    /// `A · x` for a vector x of `columnCount` elements; the result has `rowCount` elements.
    /// - Throws: ``LinearAlgebraError/vectorLengthMismatch(operation:matrix:vectorLength:expectedLength:)``.
    public func multiplied(by vector: [Double]) throws -> [Double] {
        try matrixVectorProduct(vector, transposing: false)
    }

    /// `Aᵀ · x` for a vector x of `rowCount` elements; the result has `columnCount` elements.
    /// - Throws: ``LinearAlgebraError/vectorLengthMismatch(operation:matrix:vectorLength:expectedLength:)``.
    public func transposeMultiplied(by vector: [Double]) throws -> [Double] {
        try matrixVectorProduct(vector, transposing: true)
    }

    /// `A · x`; the same as `multiplied(by: vector)`.
    public static func * (matrix: Matrix, vector: [Double]) throws -> [Double] {
        try matrix.multiplied(by: vector)
    }

    private func matrixVectorProduct(_ vector: [Double], transposing: Bool) throws -> [Double] {
        let operation = transposing ? "matrix-vector product Aᵀ·x" : "matrix-vector product"
        let (inputLength, outputLength) = transposing ? (rowCount, columnCount) : (columnCount, rowCount)
        guard vector.count == inputLength else {
            throw LinearAlgebraError.vectorLengthMismatch(
                operation: operation, matrix: shape, vectorLength: vector.count, expectedLength: inputLength)
        }
        var result = [Double](repeating: 0, count: outputLength)
        guard rowCount > 0, columnCount > 0 else { return result }
        let m32 = try lapackInt(rowCount, operation: operation, name: "row count")
        let n32 = try lapackInt(columnCount, operation: operation, name: "column count")
        storage.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(
                        CblasRowMajor, transposing ? CblasTrans : CblasNoTrans,
                        m32, n32, 1, a.baseAddress, n32, x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return result
    }
}
