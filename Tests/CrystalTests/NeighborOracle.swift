@testable import Crystal

/// The slow, obvious neighbor search that the cell list must agree with: every pair of
/// sites, every periodic image in a box surely large enough, distance from the definition.
enum NeighborOracle {
    struct Key: Hashable { let index: Int; let image: SIMD3<Int> }

    static func neighbors(of structure: Structure, within cutoff: Double) -> [[Key: Double]] {
        let lattice = structure.lattice
        let reach = SIMD3(
            Int((cutoff / lattice.planeSpacings.x).rounded(.up)),
            Int((cutoff / lattice.planeSpacings.y).rounded(.up)),
            Int((cutoff / lattice.planeSpacings.z).rounded(.up)))
        var result: [[Key: Double]] = []
        for (i, fi) in structure.fractionalCoordinates.enumerated() {
            var found: [Key: Double] = [:]
            for (j, fj) in structure.fractionalCoordinates.enumerated() {
                let delta = fj - fi
                // Centre the image box on the image nearest in fractional terms.
                let centre = SIMD3(Int((-delta.x).rounded()), Int((-delta.y).rounded()), Int((-delta.z).rounded()))
                for a in (centre.x - reach.x - 1)...(centre.x + reach.x + 1) {
                    for b in (centre.y - reach.y - 1)...(centre.y + reach.y + 1) {
                        for c in (centre.z - reach.z - 1)...(centre.z + reach.z + 1) {
                            let shift = SIMD3(Double(a), Double(b), Double(c))
                            let vector = lattice.cartesian(fromFractional: delta + shift)
                            let distance = (vector * vector).sum().squareRoot()
                            if distance <= cutoff && !(i == j && a == 0 && b == 0 && c == 0) {
                                found[Key(index: j, image: SIMD3(a, b, c))] = distance
                            }
                        }
                    }
                }
            }
            result.append(found)
        }
        return result
    }
}
