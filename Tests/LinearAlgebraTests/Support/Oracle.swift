import LinearAlgebra

/// Slow, obvious reference computations in plain Swift (no BLAS, no LAPACK), written straight
/// from the textbook definitions, for checking the fast routines.
enum Oracle {
    /// `Aᵀ` by swapping indices.
    static func transpose(_ a: Matrix) -> Matrix {
        var t = Matrix(rowCount: a.columnCount, columnCount: a.rowCount)
        for i in 0..<a.rowCount {
            for j in 0..<a.columnCount {
                t[j, i] = a[i, j]
            }
        }
        return t
    }

    /// `A · B` by the triple loop `C_ij = Σ_k A_ik B_kj`.
    static func product(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.columnCount == b.rowCount, "oracle product: inner dimensions differ")
        var c = Matrix(rowCount: a.rowCount, columnCount: b.columnCount)
        for i in 0..<a.rowCount {
            for j in 0..<b.columnCount {
                var sum = 0.0
                for k in 0..<a.columnCount {
                    sum += a[i, k] * b[k, j]
                }
                c[i, j] = sum
            }
        }
        return c
    }

    /// `A · x` by the double loop.
    static func product(_ a: Matrix, _ x: [Double]) -> [Double] {
        product(a, Matrix(column: x)).column(0)
    }

    /// `A - B` element by element.
    static func difference(_ a: Matrix, _ b: Matrix) -> Matrix {
        var d = a
        for i in 0..<a.rowCount {
            for j in 0..<a.columnCount {
                d[i, j] = a[i, j] - b[i, j]
            }
        }
        return d
    }

    /// `U · diag(s) · Vᵀ` using only the first `s.count` columns of U and rows of Vᵀ.
    static func reconstruct(u: Matrix, singularValues s: [Double], vTransposed vt: Matrix) -> Matrix {
        var a = Matrix(rowCount: u.rowCount, columnCount: vt.columnCount)
        for i in 0..<u.rowCount {
            for j in 0..<vt.columnCount {
                var sum = 0.0
                for k in s.indices {
                    sum += u[i, k] * s[k] * vt[k, j]
                }
                a[i, j] = sum
            }
        }
        return a
    }

    /// Solves a square system by Gaussian elimination with partial pivoting.
    static func solve(_ a: Matrix, _ b: [Double]) -> [Double] {
        let n = a.rowCount
        var m = a.rows
        var rhs = b
        for column in 0..<n {
            let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) } ?? column
            m.swapAt(column, pivot)
            rhs.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = m[row][column] / m[column][column]
                for k in column..<n {
                    m[row][k] -= factor * m[column][k]
                }
                rhs[row] -= factor * rhs[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = rhs[row]
            for k in (row + 1)..<n {
                sum -= m[row][k] * x[k]
            }
            x[row] = sum / m[row][row]
        }
        return x
    }

    /// `max_ij |A_ij|`.
    static func maximumAbsoluteElement(_ a: Matrix) -> Double {
        a.storage.reduce(0) { max($0, abs($1)) }
    }
}
