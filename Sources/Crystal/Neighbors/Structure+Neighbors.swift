import Foundation

extension Structure {
    /// The largest number of (site, neighbor) pairs a search may produce (about 2 GB of
    /// results); a larger request is refused with a clear error instead of exhausting memory.
    public static let maximumNeighborPairs = 50_000_000

    /// Every neighbor of every site within `cutoffRadius`, periodic images included.
    ///
    /// Agrees with pymatgen's `Structure.get_all_neighbors(r)` (pymatgen 2026.10.24) on every
    /// pair, image and distance, with pymatgen's conventions (read from its neighbor routine
    /// and recorded in the fixtures' "conventions"):
    /// - a neighbor is kept when `d^2 < r^2 + 1e-8` (the tolerance is on the squared
    ///   distance, Angstrom^2, so d = r is kept);
    /// - a site's own position is excluded, and so is another site of the same element stored
    ///   at the same Cartesian position (within 1e-5 Angstrom) at distance <= 1e-8 (a
    ///   duplicated site); a site's periodic images are neighbors like any other;
    /// - images are relative to the given, unwrapped fractional coordinates.
    /// The golden fixtures in `Tests/Fixtures/neighbors/` come from
    /// `scripts/fixtures/neighbors.py`.
    ///
    /// Method: the lattice is LLL-reduced (so skewed cells cost no more than cubic ones), all
    /// periodic images within `cutoffRadius` of the home cell are generated (several per axis
    /// when a lattice vector is shorter than the cutoff), and binned in fractional coordinates
    /// into cells at least `cutoffRadius` thick, so each site looks at 27 bins: linear time in
    /// the number of atoms for a fixed cutoff and density.
    /// - Parameter cutoffRadius: Angstrom; > 0 and finite.
    /// - Throws: ``CrystalError/invalidArgument(name:value:reason:)`` for a bad cutoff or one so
    ///   large that the list would exceed ``maximumNeighborPairs``.
    public func neighbors(within cutoffRadius: Double) throws -> NeighborList {
        try neighborSearch(within: cutoffRadius, limit: nil)
    }

    private func neighborSearch(within cutoffRadius: Double, limit: Int?) throws -> NeighborList {
        guard cutoffRadius > 0, cutoffRadius.isFinite else {
            throw CrystalError.invalidArgument(
                name: "cutoff radius", value: String(cutoffRadius), reason: "must be a positive number of Angstrom")
        }
        let expectedPairs = Double(atomCount * atomCount) * (4 / 3 * Double.pi * pow(cutoffRadius, 3)) / lattice.volume
        guard expectedPairs < Double(Self.maximumNeighborPairs) else {
            throw CrystalError.invalidArgument(
                name: "cutoff radius", value: String(cutoffRadius),
                reason: "would list about \(Int(expectedPairs)) neighbor pairs for \(atomCount) atoms in \(String(format: "%.1f", lattice.volume)) A^3 (limit \(Self.maximumNeighborPairs)); use a smaller cutoff")
        }
        let search = PeriodicNeighborSearch(structure: self, cutoffRadius: cutoffRadius, limit: limit)
        return search.run()
    }

    /// The `count` nearest neighbors of each site within `cutoffRadius`, as CGCNN builds its
    /// graph (Xie and Grossman, Phys. Rev. Lett. 120, 145301 (2018); radius 8 A, 12
    /// neighbors): all neighbors within the radius sorted by distance, the first `count` kept.
    /// Equal to `neighbors(within:).nearest(count)`, without sorting the neighbors it drops.
    public func nearestNeighbors(count: Int, within cutoffRadius: Double) throws -> NeighborList {
        guard count > 0 else {
            throw CrystalError.invalidArgument(name: "neighbor count", value: String(count), reason: "must be >= 1")
        }
        return try neighborSearch(within: cutoffRadius, limit: count)
    }
}

/// The cell-list search behind ``Structure/neighbors(within:)``.
struct PeriodicNeighborSearch {
    /// pymatgen's `numerical_tol`: on the squared distance at the cutoff (Angstrom^2), and on
    /// the distance (Angstrom) for excluding a site itself.
    static let numericalTolerance = 1e-8
    /// Stored Cartesian positions closer than this (Angstrom, per component) make two sites of
    /// the same element "the same site" for self-exclusion (pymatgen's `Site.__eq__`).
    static let sameSiteTolerance = 1e-5

    let structure: Structure
    let cutoffRadius: Double
    /// Keep only this many nearest neighbors per site (nil: all).
    let limit: Int?

    /// A neighbor found but not yet materialised: its distance and its point's slot.
    struct Candidate {
        var distance: Double
        var slot: Int32
    }

    func run() -> NeighborList {
        let reduction = LatticeReduction(basis: structure.lattice.vectors)
        let inverse = reduction.inverseTransform
        let transform = reduction.transform
        let (ra, rb, rc) = (reduction.reduced[0], reduction.reduced[1], reduction.reduced[2])
        let triple = dot(ra, cross(rb, rc))
        let reciprocal = [cross(rb, rc) / triple, cross(rc, ra) / triple, cross(ra, rb) / triple]

        // Fractional coordinates in the reduced basis (f' = f · U^-1), wrapped into [0, 1).
        let atomCount = structure.atomCount
        var wrapped = [SIMD3<Double>](repeating: .zero, count: atomCount)
        var shifts = [SIMD3<Int>](repeating: .zero, count: atomCount)
        let inverseColumns = (0..<3).map { c in SIMD3(Double(inverse[0][c]), Double(inverse[1][c]), Double(inverse[2][c])) }
        for site in 0..<atomCount {
            let f = structure.fractionalCoordinates[site]
            var g = SIMD3(dot(f, inverseColumns[0]), dot(f, inverseColumns[1]), dot(f, inverseColumns[2]))
            var shift = SIMD3<Int>(repeating: 0)
            for axis in 0..<3 {
                var floor = g[axis].rounded(.down)
                if g[axis] - floor >= 1 { floor += 1 }
                shift[axis] = Int(floor)
                g[axis] -= floor
            }
            wrapped[site] = g
            shifts[site] = shift
        }

        // Half-widths of the padded region in fractional units: a point farther than
        // `reach[k]` outside [0, 1) along axis k is farther than the cutoff from the cell.
        let reach = SIMD3((0..<3).map { cutoffRadius * length(reciprocal[$0]) + 1e-9 })
        var binCounts = SIMD3<Int>((0..<3).map { max(1, Int(((1 + 2 * reach[$0]) / reach[$0]).rounded(.down))) })

        // Periodic images of every site inside the padded region.
        var pointSite: [Int32] = [], pointTranslation: [SIMD3<Int>] = [], pointFractional: [SIMD3<Double>] = []
        for site in 0..<atomCount {
            let w = wrapped[site]
            let low = SIMD3<Int>((0..<3).map { Int((-reach[$0] - w[$0]).rounded(.up)) })
            let high = SIMD3<Int>((0..<3).map { Int((1 + reach[$0] - w[$0]).rounded(.down)) })
            for i in low.x...max(low.x, high.x) {
                for j in low.y...max(low.y, high.y) {
                    for k in low.z...max(low.z, high.z) {
                        let translation = SIMD3(i, j, k)
                        pointSite.append(Int32(site))
                        pointTranslation.append(translation)
                        pointFractional.append(w + SIMD3<Double>(Double(i), Double(j), Double(k)))
                    }
                }
            }
        }
        // Keep the bin grid no larger than a few bins per point (tiny cutoffs in big cells).
        let pointCount = pointSite.count
        let binLimit = max(27, 4 * pointCount)
        while binCounts.x * binCounts.y * binCounts.z > binLimit {
            let largest = binCounts.x >= binCounts.y ? (binCounts.x >= binCounts.z ? 0 : 2) : (binCounts.y >= binCounts.z ? 1 : 2)
            binCounts[largest] = max(1, binCounts[largest] / 2)
        }
        let binWidth = SIMD3((0..<3).map { (1 + 2 * reach[$0]) / Double(binCounts[$0]) })
        let lastBin = binCounts &- 1
        func binCoordinate(_ f: SIMD3<Double>) -> SIMD3<Int> {
            let b = ((f + reach) / binWidth).rounded(.down)
            return pointwiseMin(lastBin, pointwiseMax(.zero, SIMD3(Int(b.x), Int(b.y), Int(b.z))))
        }
        func binIndex(_ b: SIMD3<Int>) -> Int { (b.x * binCounts.y + b.y) * binCounts.z + b.z }

        // Counting sort of the points by bin.
        let binTotal = binCounts.x * binCounts.y * binCounts.z
        var binStart = [Int](repeating: 0, count: binTotal + 1)
        var pointBin = [Int](repeating: 0, count: pointCount)
        for p in 0..<pointCount {
            let bin = binIndex(binCoordinate(pointFractional[p]))
            pointBin[p] = bin
            binStart[bin + 1] += 1
        }
        for b in 0..<binTotal { binStart[b + 1] += binStart[b] }
        var fill = binStart
        var sortedCartesian = [SIMD3<Double>](repeating: .zero, count: pointCount)
        var sortedPoint = [Int](repeating: 0, count: pointCount)
        for p in 0..<pointCount {
            let slot = fill[pointBin[p]]
            fill[pointBin[p]] += 1
            let f = pointFractional[p]
            sortedCartesian[slot] = f.x * ra + f.y * rb + f.z * rc
            sortedPoint[slot] = p
        }

        let cutoffSquared = cutoffRadius * cutoffRadius + Self.numericalTolerance
        let storedCartesian = structure.cartesianCoordinates
        let transformColumns = (0..<3).map { c in SIMD3(transform[0][c], transform[1][c], transform[2][c]) }
        var result = [[Neighbor]](repeating: [], count: atomCount)
        var candidates: [Candidate] = []
        var scratch: [Double] = []
        for site in 0..<atomCount {
            let w = wrapped[site]
            let center = w.x * ra + w.y * rb + w.z * rc
            let home = binCoordinate(w)
            candidates.removeAll(keepingCapacity: true)
            for bx in max(0, home.x - 1)...min(binCounts.x - 1, home.x + 1) {
                for by in max(0, home.y - 1)...min(binCounts.y - 1, home.y + 1) {
                    for bz in max(0, home.z - 1)...min(binCounts.z - 1, home.z + 1) {
                        let bin = binIndex(SIMD3(bx, by, bz))
                        for slot in binStart[bin]..<binStart[bin + 1] {
                            let displacement = sortedCartesian[slot] - center
                            let squared = dot(displacement, displacement)
                            guard squared < cutoffSquared else { continue }
                            let distance = squared.squareRoot()
                            if distance <= Self.numericalTolerance {
                                let other = Int(pointSite[sortedPoint[slot]])
                                if structure.species[other] == structure.species[site] {
                                    let gap = storedCartesian[other] - storedCartesian[site]
                                    if max(abs(gap.x), abs(gap.y), abs(gap.z)) <= Self.sameSiteTolerance { continue }
                                }
                            }
                            candidates.append(Candidate(distance: distance, slot: Int32(slot)))
                        }
                    }
                }
            }
            // With a limit, keep the `limit` nearest and everything tied with the last of them
            // (same ordering key), so that ties are broken by index and image as in a full sort.
            var keptKey = Double.infinity
            if let limit, candidates.count > limit {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: candidates.lazy.map(\.distance))
                keptKey = Neighbor(index: 0, image: .zero, distance: Self.select(limit - 1, in: &scratch), displacement: .zero).orderingKey
            }
            var found: [Neighbor] = []
            found.reserveCapacity(min(candidates.count, (limit ?? candidates.count) + 4))
            for candidate in candidates {
                let slot = Int(candidate.slot)
                let p = sortedPoint[slot]
                let other = Int(pointSite[p])
                // Image relative to the given coordinates, back in the input basis.
                let reducedImage = pointTranslation[p] &- shifts[other] &+ shifts[site]
                let image = SIMD3(
                    (reducedImage &* transformColumns[0]).wrappedSum(),
                    (reducedImage &* transformColumns[1]).wrappedSum(),
                    (reducedImage &* transformColumns[2]).wrappedSum())
                let neighbor = Neighbor(index: other, image: image, distance: candidate.distance, displacement: sortedCartesian[slot] - center)
                if keptKey.isFinite && neighbor.orderingKey > keptKey { continue }
                found.append(neighbor)
            }
            Neighbor.sort(&found)
            if let limit, found.count > limit { found.removeLast(found.count - limit) }
            result[site] = found
        }
        return NeighborList(cutoffRadius: cutoffRadius, sites: result)
    }

    /// The `rank`-th smallest value of `values` (0-based), by quickselect; reorders `values`.
    static func select(_ rank: Int, in values: inout [Double]) -> Double {
        var low = 0, high = values.count - 1
        while low < high {
            // Median of three as the pivot keeps sorted and reversed inputs linear.
            let middle = low + (high - low) / 2
            let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j { high = j } else if rank >= i { low = i } else { return values[rank] }
        }
        return values[rank]
    }
}
