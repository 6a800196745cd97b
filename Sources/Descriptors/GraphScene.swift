import Crystal

/// What ``CrystalGraphSVG`` draws, in view coordinates (Angstrom, ``GraphProjection``): the
/// atoms wrapped into the cell, the cell's corners, and each undirected edge once, either as
/// a bond between two atoms drawn in the cell or as two half-bonds toward periodic images.
struct GraphScene {
    /// Projected position of each site, wrapped into the cell, `[atomCount]`.
    let atoms: [SIMD3<Double>]
    /// Projected corners of the cell, index bits (a, b, c): corner 5 is a + c.
    let corners: [SIMD3<Double>]
    /// Pairs of sites joined inside the drawn cell.
    let bondsInCell: [(Int, Int)]
    /// Segments from an atom toward the periodic image of its neighbor (two per such edge,
    /// one from each end).
    let bondsToImages: [(from: SIMD3<Double>, to: SIMD3<Double>)]

    init(structure: Structure, edges: [GraphEdge], projection: GraphProjection) {
        let lattice = structure.lattice
        func project(_ fractional: SIMD3<Double>) -> SIMD3<Double> {
            projection.project(lattice.cartesian(fromFractional: fractional))
        }
        let wrapped = structure.wrapped().fractionalCoordinates
        // Lattice vectors by which each site was moved when wrapped.
        let shifts = zip(structure.fractionalCoordinates, wrapped).map { given, home in
            SIMD3<Int>(given - home, rounding: .toNearestOrEven)
        }
        atoms = wrapped.map(project)
        corners = (0..<8).map { (corner: Int) -> SIMD3<Double> in
            let bits = SIMD3<Int>(corner & 1, (corner >> 1) & 1, (corner >> 2) & 1)
            return project(SIMD3<Double>(bits))
        }

        var seen = Set<[Int]>()
        var inCell: [(Int, Int)] = [], toImages: [(from: SIMD3<Double>, to: SIMD3<Double>)] = []
        for edge in edges where !edge.isPadding {
            let (s, t) = (edge.source, edge.target)
            guard wrapped.indices.contains(s), wrapped.indices.contains(t) else { continue }
            // (s, t, n) and (t, s, -n) are the same bond; a self-image bond (s, s, n) is (s, s, -n).
            let image = [edge.image.x, edge.image.y, edge.image.z]
            let forward = s < t || (s == t && (image.first { $0 != 0 } ?? 0) >= 0)
            guard seen.insert(forward ? [s, t] + image : [t, s] + image.map { -$0 }).inserted else { continue }
            // The image relative to the drawn (wrapped) atoms.
            let drawnImage = edge.image &- shifts[s] &+ shifts[t]
            if drawnImage == .zero {
                if s != t { inCell.append((s, t)) }
                continue
            }
            let offset = SIMD3<Double>(drawnImage)
            toImages.append((from: atoms[s], to: project(wrapped[t] + offset)))
            toImages.append((from: atoms[t], to: project(wrapped[s] - offset)))
        }
        bondsInCell = inCell
        bondsToImages = toImages
    }
}
