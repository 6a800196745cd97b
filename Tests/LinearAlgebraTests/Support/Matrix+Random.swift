import LinearAlgebra
import TestSupport

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
