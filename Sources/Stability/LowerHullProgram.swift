/// The energy of the lower convex hull at one composition, as a linear program:
///
///     minimise   Σ_k λ_k e_k
///     subject to Σ_k λ_k x_k = c,  λ ≥ 0
///
/// over candidate phases k with atomic-fraction vectors x_k (each summing to 1) and
/// formation energies per atom e_k; c is the target's atomic fractions. The optimum is the
/// hull energy at c, and the λ_k of the optimal basis are the decomposition into phases, as
/// fractions of atoms (they sum to 1). The first `elementCount` candidates must be the pure
/// elements (x = unit vectors), which makes λ = c a feasible starting basis, so no phase-one
/// search is needed. Dense revised simplex with Bland's rule (no cycling on the degenerate
/// vertices that hulls are full of); n (elements) is small, so the basis inverse is kept
/// explicitly and updated by one Gauss-Jordan pivot per step.
struct LowerHullProgram {
    /// `fractions[k][i]`: atomic fraction of element i in candidate k.
    let fractions: [[Double]]
    let energies: [Double]
    let elementCount: Int
    /// Reduced costs below `-tolerance` improve; pivots below it are treated as zero.
    let tolerance = 1e-12

    struct Solution {
        let energy: Double
        /// (candidate index, fraction of atoms), fractions > 0, summing to 1.
        let phases: [(Int, Double)]
    }

    /// The hull at `target` (atomic fractions over the same elements), using the candidates
    /// for which `allowed` is true (the elements always are). Nil when the iteration bound
    /// is reached (not seen in practice).
    func solve(target: [Double], allowed: (Int) -> Bool = { _ in true }) -> Solution? {
        let n = elementCount
        var basis = Array(0..<n)
        var inverse = (0..<n).map { row in (0..<n).map { $0 == row ? 1.0 : 0.0 } }
        var values = target
        let limit = 50 * (fractions.count + n)
        for _ in 0..<limit {
            // Simplex multipliers y = c_B B^-1.
            var multipliers = [Double](repeating: 0, count: n)
            for (row, candidate) in basis.enumerated() {
                let cost = energies[candidate]
                for column in 0..<n { multipliers[column] += cost * inverse[row][column] }
            }
            // Bland: the lowest-index candidate with a negative reduced cost enters.
            var entering: Int?
            for k in 0..<fractions.count where allowed(k) && !basis.contains(k) {
                var reduced = energies[k]
                for i in 0..<n { reduced -= multipliers[i] * fractions[k][i] }
                if reduced < -tolerance { entering = k; break }
            }
            guard let entering else {
                var phases: [(Int, Double)] = []
                var energy = 0.0
                for (row, candidate) in basis.enumerated() where values[row] > tolerance {
                    phases.append((candidate, values[row]))
                    energy += values[row] * energies[candidate]
                }
                let total = phases.reduce(0) { $0 + $1.1 }
                return Solution(energy: energy / total, phases: phases.map { ($0.0, $0.1 / total) })
            }
            // Direction d = B^-1 a_entering; ratio test, ties to the lowest candidate index.
            let direction = (0..<n).map { row in (0..<n).reduce(0.0) { $0 + inverse[row][$1] * fractions[entering][$1] } }
            var leaving: Int?
            var best = Double.infinity
            for row in 0..<n where direction[row] > tolerance {
                let ratio = values[row] / direction[row]
                if ratio < best - tolerance || (abs(ratio - best) <= tolerance && leaving.map({ basis[row] < basis[$0] }) == true) {
                    best = ratio
                    leaving = row
                }
            }
            // Unbounded cannot happen (λ sums to 1); treat it as no convergence.
            guard let pivotRow = leaving else { return nil }
            let pivot = direction[pivotRow]
            for column in 0..<n { inverse[pivotRow][column] /= pivot }
            values[pivotRow] /= pivot
            for row in 0..<n where row != pivotRow && direction[row] != 0 {
                let factor = direction[row]
                for column in 0..<n { inverse[row][column] -= factor * inverse[pivotRow][column] }
                values[row] -= factor * values[pivotRow]
                if values[row] < 0, values[row] > -1e-14 { values[row] = 0 }
            }
            basis[pivotRow] = entering
        }
        return nil
    }
}
