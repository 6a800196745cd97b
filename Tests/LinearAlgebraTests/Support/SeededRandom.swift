import LinearAlgebra

/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014, doi:10.1145/2660193.2660195): a tiny,
/// fully specified generator, so every random test matrix is the same on every machine and
/// Swift version (`SystemRandomNumberGenerator` is not seedable).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Matrix {
    /// A `[rowCount x columnCount]` matrix of uniform values in [-1, 1) from `seed`.
    static func random(rowCount: Int, columnCount: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        var matrix = Matrix(rowCount: rowCount, columnCount: columnCount)
        for i in 0..<rowCount {
            for j in 0..<columnCount {
                matrix[i, j] = Double.random(in: -1..<1, using: &generator)
            }
        }
        return matrix
    }

    /// A random symmetric `[n x n]` matrix `(R + Rᵀ)/2`, exactly symmetric.
    static func randomSymmetric(_ n: Int, seed: UInt64) -> Matrix {
        let r = random(rowCount: n, columnCount: n, seed: seed)
        var s = Matrix(rowCount: n, columnCount: n)
        for i in 0..<n {
            for j in 0..<n {
                s[i, j] = 0.5 * (r[i, j] + r[j, i])
            }
        }
        return s
    }

    /// A random symmetric positive definite `[n x n]` matrix `B·Bᵀ + n·I`, exactly symmetric
    /// (the oracle product sums in the same order for (i, j) and (j, i)), eigenvalues >= n.
    static func randomPositiveDefinite(_ n: Int, seed: UInt64) -> Matrix {
        let b = random(rowCount: n, columnCount: n, seed: seed)
        var a = Oracle.product(b, Oracle.transpose(b))
        for i in 0..<n {
            a[i, i] += Double(n)
        }
        return a
    }
}
