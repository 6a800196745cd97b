extension Structure {
    /// A diagonal supercell `na x nb x nc`; see ``supercell(matrix:)``.
    public func supercell(_ na: Int, _ nb: Int, _ nc: Int) throws -> Structure {
        try supercell(matrix: [[na, 0, 0], [0, nb, 0], [0, 0, nc]])
    }

    /// The supercell whose lattice vectors are `matrix · lattice` (rows are the new vectors in
    /// units of the old ones), with pymatgen's site order (`Structure.make_supercell`): for
    /// each original site in order, its copies at the lattice points of the supercell, those
    /// ordered by a, then b, then c.
    /// - Throws: ``CrystalError/invalidArgument(name:value:reason:)`` unless `matrix` is an
    ///   integer 3x3 with a non-zero determinant.
    public func supercell(matrix: [[Int]]) throws -> Structure {
        guard matrix.count == 3, matrix.allSatisfy({ $0.count == 3 }) else {
            throw CrystalError.invalidArgument(name: "supercell matrix", value: "\(matrix)", reason: "must be 3x3")
        }
        let m = matrix.map { row in SIMD3(Double(row[0]), Double(row[1]), Double(row[2])) }
        let determinant = dot(m[0], cross(m[1], m[2]))
        guard abs(determinant) >= 0.5 else {
            throw CrystalError.invalidArgument(
                name: "supercell matrix", value: "\(matrix)", reason: "its determinant is 0; the rows must be independent")
        }
        let newLattice = try Lattice(
            a: m[0].x * lattice.a + m[0].y * lattice.b + m[0].z * lattice.c,
            b: m[1].x * lattice.a + m[1].y * lattice.b + m[1].z * lattice.c,
            c: m[2].x * lattice.a + m[2].y * lattice.b + m[2].z * lattice.c)
        // Inverse of m: fractional in the new basis = (old fractional) · m^-1.
        let inverseColumns = [cross(m[1], m[2]), cross(m[2], m[0]), cross(m[0], m[1])].map { $0 / determinant }
        func toNew(_ f: SIMD3<Double>) -> SIMD3<Double> {
            // (row vector f) · m^-1, where m^-1 has columns inverseColumns.
            SIMD3(dot(f, inverseColumns[0]), dot(f, inverseColumns[1]), dot(f, inverseColumns[2]))
        }
        // Lattice points of the old lattice inside the new cell: the bounding box of the
        // supercell's corners, kept when their new fractional coordinates are in [0, 1).
        var low = SIMD3<Int>(repeating: Int.max), high = SIMD3<Int>(repeating: Int.min)
        for corner in 0..<8 {
            var point = SIMD3<Int>(repeating: 0)
            for axis in 0..<3 where corner & (4 >> axis) != 0 {
                point &+= SIMD3(matrix[axis][0], matrix[axis][1], matrix[axis][2])
            }
            low = pointwiseMin(low, point)
            high = pointwiseMax(high, point)
        }
        let tolerance = 1e-10
        var points: [SIMD3<Double>] = []
        for i in low.x...high.x {
            for j in low.y...high.y {
                for k in low.z...high.z {
                    let p = toNew(SIMD3(Double(i), Double(j), Double(k)))
                    if p.min() >= -tolerance && p.max() < 1 - tolerance { points.append(p) }
                }
            }
        }
        var newSpecies: [Element] = [], newCoordinates: [SIMD3<Double>] = [], newLabels: [String] = []
        let reserve = atomCount * points.count
        newSpecies.reserveCapacity(reserve)
        newCoordinates.reserveCapacity(reserve)
        newLabels.reserveCapacity(reserve)
        for site in 0..<atomCount {
            let base = toNew(fractionalCoordinates[site])
            for point in points {
                newSpecies.append(species[site])
                newCoordinates.append(base + point)
                newLabels.append(labels[site])
            }
        }
        return Structure(unchecked: newLattice, newSpecies, newCoordinates, newLabels)
    }
}
