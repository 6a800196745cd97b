/// Lenstra-Lenstra-Lovasz reduction of a lattice basis (A. K. Lenstra, H. W. Lenstra,
/// L. Lovasz, Math. Ann. 261, 515 (1982); doi:10.1007/BF01457454), delta = 3/4.
///
/// The reduced basis spans the same lattice with short, nearly orthogonal vectors, so a
/// neighbor search in it needs few periodic images however skewed the input cell is.
/// Identity a test checks: `reduced[i] == sum_j transform[i][j] * basis[j]`, with `transform`
/// an integer matrix of determinant +-1.
struct LatticeReduction {
    /// The reduced basis vectors, Angstrom.
    let reduced: [SIMD3<Double>]
    /// Integer unimodular matrix taking the input basis to the reduced one (rows).
    let transform: [SIMD3<Int>]

    init(basis: [SIMD3<Double>], delta: Double = 0.75) {
        var b = basis
        var u: [SIMD3<Int>] = [SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)]
        func gramSchmidt(_ b: [SIMD3<Double>]) -> [SIMD3<Double>] {
            var orthogonal: [SIMD3<Double>] = []
            for vector in b {
                var v = vector
                for o in orthogonal { v -= (dot(vector, o) / dot(o, o)) * o }
                orthogonal.append(v)
            }
            return orthogonal
        }
        var k = 1
        var iterations = 0
        while k < 3 && iterations < 1000 {
            iterations += 1
            var orthogonal = gramSchmidt(b)
            for j in stride(from: k - 1, through: 0, by: -1) {
                let mu = dot(b[k], orthogonal[j]) / dot(orthogonal[j], orthogonal[j])
                let q = mu.rounded()
                if q != 0 {
                    b[k] -= q * b[j]
                    u[k] &-= Int(q) &* u[j]
                }
            }
            orthogonal = gramSchmidt(b)
            let mu = dot(b[k], orthogonal[k - 1]) / dot(orthogonal[k - 1], orthogonal[k - 1])
            if dot(orthogonal[k], orthogonal[k]) >= (delta - mu * mu) * dot(orthogonal[k - 1], orthogonal[k - 1]) {
                k += 1
            } else {
                b.swapAt(k, k - 1)
                u.swapAt(k, k - 1)
                k = max(k - 1, 1)
            }
        }
        reduced = b
        transform = u
    }

    /// The inverse of `transform` (also an integer matrix), as rows.
    var inverseTransform: [SIMD3<Int>] {
        let m = transform
        // Adjugate / determinant; the determinant is +-1.
        func cofactor(_ r: Int, _ c: Int) -> Int {
            let rows = (0..<3).filter { $0 != r }, cols = (0..<3).filter { $0 != c }
            let minor = m[rows[0]][cols[0]] * m[rows[1]][cols[1]] - m[rows[0]][cols[1]] * m[rows[1]][cols[0]]
            return (r + c) % 2 == 0 ? minor : -minor
        }
        let determinant = (0..<3).reduce(0) { $0 + m[0][$1] * cofactor(0, $1) }
        return (0..<3).map { i in SIMD3((0..<3).map { j in cofactor(j, i) * determinant }) }
    }
}
