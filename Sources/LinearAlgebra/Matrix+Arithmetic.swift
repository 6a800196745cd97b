import COpenBLAS

/// Element-wise arithmetic and norms. Sums and differences need equal shapes and throw
/// ``LinearAlgebraError/elementwiseShapeMismatch(operation:left:right:)`` otherwise, so they
/// are written `try a + b`. NaN and infinity propagate as IEEE 754 says; nothing here checks
/// for them.
extension Matrix {
    /// `A + B`, element by element; both `[m x n]`.
    public static func + (left: Matrix, right: Matrix) throws -> Matrix {
        try left.combined(with: right, operation: "element-wise addition", +)
    }

    /// `A - B`, element by element; both `[m x n]`.
    public static func - (left: Matrix, right: Matrix) throws -> Matrix {
        try left.combined(with: right, operation: "element-wise subtraction", -)
    }

    /// `-A`.
    public static prefix func - (matrix: Matrix) -> Matrix {
        matrix.mapElements { -$0 }
    }

    /// `s · A`.
    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        matrix.mapElements { scalar * $0 }
    }

    /// `A · s`.
    public static func * (matrix: Matrix, scalar: Double) -> Matrix {
        matrix.mapElements { $0 * scalar }
    }

    /// `A / s`, element by element.
    public static func / (matrix: Matrix, scalar: Double) -> Matrix {
        matrix.mapElements { $0 / scalar }
    }

    /// The matrix with `transform` applied to every element; same shape.
    public func mapElements(_ transform: (Double) throws -> Double) rethrows -> Matrix {
        Matrix(rowCount: rowCount, columnCount: columnCount, uncheckedStorage: try storage.map(transform))
    }

    /// The Frobenius norm `sqrt(Σ_ij A_ij²)`, computed with scaling (BLAS `dnrm2`) so that it
    /// neither overflows for elements near `1e200` nor underflows for elements near `1e-200`.
    /// 0 for an empty matrix.
    public var frobeniusNorm: Double {
        guard let count = Int32(exactly: storage.count) else { return scaledNorm(storage) }
        return storage.withUnsafeBufferPointer { cblas_dnrm2(count, $0.baseAddress, 1) }
    }

    private func combined(
        with other: Matrix, operation: String, _ combine: (Double, Double) -> Double
    ) throws -> Matrix {
        guard shape == other.shape else {
            throw LinearAlgebraError.elementwiseShapeMismatch(operation: operation, left: shape, right: other.shape)
        }
        let values = zip(storage, other.storage).map { combine($0, $1) }
        return Matrix(rowCount: rowCount, columnCount: columnCount, uncheckedStorage: values)
    }
}

/// `sqrt(Σ x²)` scaled by the largest |x| (fallback for arrays longer than `Int32.max`).
private func scaledNorm(_ values: [Double]) -> Double {
    let scale = values.reduce(0) { max($0, abs($1)) }
    guard scale > 0, scale.isFinite else { return scale }
    let sum = values.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }
    return scale * sum.squareRoot()
}
