/// Checks and conversions shared by the LAPACK wrappers. Internal to the module.
///
/// LAPACK takes every integer as a 32-bit `int` by pointer; `lapackInt` converts with a
/// check instead of trapping. LAPACK's `info` is 0 on success, `-i` when argument `i` is
/// invalid (a bug here, reported as ``LinearAlgebraError/lapackRejectedArgument(routine:info:)``)
/// and positive for a numerical failure, which each wrapper turns into its own error.

/// `value` as a LAPACK integer, or ``LinearAlgebraError/tooLarge(operation:name:value:)``.
func lapackInt(_ value: Int, operation: String, name: String) throws -> Int32 {
    guard let converted = Int32(exactly: value) else {
        throw LinearAlgebraError.tooLarge(operation: operation, name: name, value: value)
    }
    return converted
}

/// The workspace length a LAPACK query (`lwork = -1`) returned in `work[0]`, rounded up and
/// at least `minimum`.
func workspaceLength(_ queried: Double, minimum: Int, operation: String) throws -> Int32 {
    let rounded = queried.rounded(.up)
    guard rounded.isFinite, rounded < Double(Int32.max) else {
        let reported = rounded.isFinite && rounded < 0x1p62 ? Int(rounded) : Int.max
        throw LinearAlgebraError.tooLarge(operation: operation, name: "LAPACK workspace", value: reported)
    }
    return try lapackInt(max(Int(rounded), minimum, 1), operation: operation, name: "LAPACK workspace")
}

/// Throws for `info < 0`, which means this module passed LAPACK a bad argument.
func checkArguments(info: Int32, routine: String) throws {
    if info < 0 {
        throw LinearAlgebraError.lapackRejectedArgument(routine: routine, info: Int(info))
    }
}

extension Matrix {
    /// The default `symmetryTolerance` of the routines that need a symmetric matrix
    /// (Cholesky, symmetric eigendecomposition): `|A_ij - A_ji|` may be at most this times the
    /// largest |element|. Products such as `X·Xᵀ` computed in floating point are symmetric
    /// to about `k · ε` relative (k the inner dimension), far inside this bound; a matrix
    /// built from a wrong formula is usually off by far more.
    public static let defaultSymmetryTolerance = 1e-10

    /// Throws ``LinearAlgebraError/nonFinite(operation:row:column:value:)`` for the first
    /// NaN or infinity, in row-major order.
    func requireFinite(operation: String) throws {
        if let index = storage.firstIndex(where: { !$0.isFinite }) {
            throw LinearAlgebraError.nonFinite(
                operation: operation, row: index / columnCount, column: index % columnCount, value: storage[index])
        }
    }

    /// Throws ``LinearAlgebraError/notSquare(operation:shape:)`` unless square.
    func requireSquare(operation: String) throws {
        guard isSquare else { throw LinearAlgebraError.notSquare(operation: operation, shape: shape) }
    }

    /// `(A + Aᵀ) / 2`, after checking that `|A_ij - A_ji| <= tolerance * max_kl |A_kl|` for
    /// every pair. LAPACK's symmetric routines read one triangle only; averaging makes the
    /// result independent of which one, and the check keeps an unsymmetric input from being
    /// silently half-ignored.
    /// - Parameter tolerance: relative to the largest |element|; >= 0.
    func symmetrized(tolerance: Double, operation: String) throws -> Matrix {
        try requireSquare(operation: operation)
        guard tolerance >= 0, tolerance.isFinite else {
            throw LinearAlgebraError.invalidArgument(
                operation: operation, name: "symmetryTolerance", value: tolerance,
                reason: "it must be finite and >= 0 (relative to the largest |element|; 1e-10 is typical)")
        }
        let n = rowCount
        let largest = storage.reduce(0) { max($0, abs($1)) }
        let allowed = tolerance * largest
        var result = self
        var worst: (row: Int, column: Int, difference: Double) = (0, 0, 0)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let (upper, lower) = (storage[i * n + j], storage[j * n + i])
                let difference = abs(upper - lower)
                if difference > worst.difference { worst = (i, j, difference) }
                let mean = 0.5 * (upper + lower)
                result.storage[i * n + j] = mean
                result.storage[j * n + i] = mean
            }
        }
        guard worst.difference <= allowed else {
            throw LinearAlgebraError.notSymmetric(
                operation: operation, row: worst.row, column: worst.column,
                difference: worst.difference, allowed: allowed)
        }
        return result
    }
}

/// Throws ``LinearAlgebraError/nonFinite(operation:row:column:value:)`` for the first NaN or
/// infinity of a vector, reported as a column (`column` 0).
func requireFinite(_ vector: [Double], operation: String) throws {
    if let index = vector.firstIndex(where: { !$0.isFinite }) {
        throw LinearAlgebraError.nonFinite(operation: operation, row: index, column: 0, value: vector[index])
    }
}
