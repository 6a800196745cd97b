import Foundation

extension Structure {
    /// Distance, Angstrom, within which a cell vertex counts as lying on a cutting bisector
    /// plane (see ``voronoiCells()``, "Faces of zero or near-zero area").
    public static let voronoiPlaneTolerance = 1e-9

    /// Two sites closer than this, Angstrom (periodic images included), have no Voronoi cells.
    public static let minimumVoronoiSeparation = 1e-6

    /// The Voronoi cell of every site, with each face's neighbor, image, area, solid angle and
    /// weight: the quantities behind pymatgen's `VoronoiNN` coordination numbers.
    ///
    /// Agrees with pymatgen 2026.10.24's `VoronoiNN()` (defaults: `tol=0`, `cutoff=13`,
    /// `weight="solid_angle"`, all elements as targets) face by face, matched by (index,
    /// image): solid angle, `area`, weight (solid angle / largest solid angle of the cell)
    /// and distance (pymatgen's `face_dist` is half of ``VoronoiFace/distance``). The golden
    /// fixture `Tests/Fixtures/voronoi/pymatgen_voronoi.json` comes from
    /// `scripts/fixtures/voronoi_pymatgen.py`; its tests state the tolerances.
    ///
    /// Method: exact, without a fixed cutoff. Each site's cell starts as a cube and is cut by
    /// the bisector planes of its periodic neighbors in order of distance (half-space
    /// clipping of a convex polyhedron); a neighbor at distance d cannot cut once d / 2
    /// exceeds the largest distance R from the site to a cell vertex, so the search stops
    /// there. The neighbors come from ``neighbors(within:)`` with a radius of 3 (V / N)^(1/3);
    /// a site whose cell is not closed within half that radius (2 R > radius) is redone with
    /// the radius 2.2 R. pymatgen instead tessellates all points within 13 Angstrom with
    /// qhull, which is slower and wrong for cells that need farther neighbors.
    ///
    /// Faces of zero or near-zero area. Where four or more bisector planes meet in one point
    /// (fcc, bcc, diamond, rock salt, perovskites), a farther neighbor's plane can pass exactly
    /// through a vertex of the cell: the second neighbors of fcc touch the rhombic
    /// dodecahedron at its six 4-fold vertices. Here a plane cuts only when a vertex lies more
    /// than ``voronoiPlaneTolerance`` (1e-9 Angstrom) beyond it, so such touching planes make
    /// no face, in every orientation and cell setting. Any plane that does cut makes a face,
    /// listed with its area and weight however small (fcc rattled by 1e-3 Angstrom has faces
    /// of weight ~1e-7 there). pymatgen's qhull instead reports some touching planes as ridges
    /// of weight ~1e-17, depending on rounding noise in the input (the bundled Si file: four
    /// per site, so `get_cn` gives 20 there and 16 for exact diamond), and a minimum weight
    /// that equals a weight the crystal has exactly (1/2 for the O sites of cubic perovskite)
    /// counts those faces by chance. ``VoronoiCell/coordination(minimumWeight:)`` therefore
    /// compares weights with a margin of ``VoronoiCell/weightTolerance``. Grade coordination by
    /// ``VoronoiCell/weightedCoordination`` or by a minimum weight such as 0.05: both are
    /// stable under rotation and re-reduction of the cell (tested); the plain count at
    /// weight 0 is not, in pymatgen, nor here once the structure is slightly perturbed.
    ///
    /// - Returns: one cell per site, `[atomCount]`; their volumes add up to the cell volume.
    /// - Throws: ``CrystalError/invalidStructure(reason:)`` when two sites coincide (closer
    ///   than ``minimumVoronoiSeparation``); ``CrystalError/invalidArgument(name:value:reason:)``
    ///   when a cell would need more neighbors than ``maximumNeighborPairs`` allows (a few
    ///   atoms in a huge, empty cell).
    public func voronoiCells() throws -> [VoronoiCell] {
        try requireDistinctPositions()
        var cells = [VoronoiCell?](repeating: nil, count: atomCount)
        var pending = Array(0..<atomCount)
        var radius = 3 * cbrt(lattice.volume / Double(atomCount))
        while !pending.isEmpty {
            let list = try neighbors(within: radius)
            var unfinished: [Int] = []
            var neededRadius = radius
            for site in pending {
                switch voronoiCell(of: site, neighbors: list.sites[site], searchRadius: radius) {
                case let .closed(cell):
                    cells[site] = cell
                case let .needsRadius(larger):
                    unfinished.append(site)
                    neededRadius = max(neededRadius, larger)
                }
            }
            pending = unfinished
            radius = neededRadius
        }
        return cells.compactMap { $0 }
    }

    /// The number of neighbors of each site within `cutoffRadius` (`[atomCount]`), with
    /// ``neighbors(within:)``'s conventions (pymatgen's `get_all_neighbors`): a neighbor at
    /// distance d counts when d^2 < r^2 + 1e-8 Angstrom^2, periodic images of the site itself
    /// count, the site itself does not.
    /// - Parameter cutoffRadius: Angstrom; > 0 and finite.
    public func coordinationNumbers(within cutoffRadius: Double) throws -> [Int] {
        try neighbors(within: cutoffRadius).sites.map(\.count)
    }

    private enum CellOutcome {
        case closed(VoronoiCell)
        /// The neighbors within the search radius did not close the cell; search this far.
        case needsRadius(Double)
    }

    /// Clips a cube by the bisector planes of `neighbors` (sorted by distance, all within
    /// `searchRadius`) until no farther neighbor can cut.
    private func voronoiCell(of site: Int, neighbors: [Neighbor], searchRadius: Double) -> CellOutcome {
        let tolerance = Self.voronoiPlaneTolerance
        var cell = ConvexCell(cubeHalfWidth: searchRadius, tolerance: tolerance)
        var reach = cell.maximumVertexDistance
        var exhausted = true
        for (slot, neighbor) in neighbors.enumerated() {
            if neighbor.distance / 2 > reach + tolerance {
                exhausted = false
                break
            }
            if cell.clip(towards: neighbor.displacement, label: slot) { reach = cell.maximumVertexDistance }
        }
        // Neighbors beyond the search radius are farther than `searchRadius`.
        if exhausted && (searchRadius / 2 <= reach + tolerance || cell.touchesBoundingCube) {
            return .needsRadius(2.2 * (reach + tolerance))
        }

        var solidAngles: [Double] = [], areas: [Double] = [], slots: [Int] = [], corners: [Int] = []
        for face in cell.faces.sorted(by: { $0.label < $1.label }) {
            slots.append(face.label)
            areas.append(cell.area(of: face))
            solidAngles.append(cell.solidAngle(of: face))
            corners.append(face.polygon.count)
        }
        let largest = solidAngles.max() ?? 1
        var faces: [VoronoiFace] = []
        faces.reserveCapacity(slots.count)
        var volume = 0.0
        for k in slots.indices {
            let neighbor = neighbors[slots[k]]
            faces.append(
                VoronoiFace(
                    index: neighbor.index, image: neighbor.image, distance: neighbor.distance, area: areas[k],
                    solidAngle: solidAngles[k], weight: solidAngles[k] / largest, vertexCount: corners[k]))
            // A pyramid from the site to the face: height d / 2.
            volume += areas[k] * neighbor.distance / 6
        }
        return .closed(VoronoiCell(site: site, faces: faces, volume: volume))
    }

    /// Throws when two sites (or a site and another's periodic image) coincide.
    private func requireDistinctPositions() throws {
        let f = fractionalCoordinates
        for i in 0..<atomCount {
            for j in (i + 1)..<max(i + 1, atomCount) {
                var delta = f[j] - f[i]
                delta -= delta.rounded(.toNearestOrAwayFromZero)
                let separation = length(lattice.cartesian(fromFractional: delta))
                if separation < Self.minimumVoronoiSeparation {
                    throw CrystalError.invalidStructure(
                        reason: "sites \(i) (\(species[i].symbol)) and \(j) (\(species[j].symbol)) sit at the same position (\(separation) A apart, periodic images included), so they have no Voronoi cells; remove the duplicate site")
                }
            }
        }
    }
}
