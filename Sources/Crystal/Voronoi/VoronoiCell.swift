/// One face of a site's Voronoi cell: the part of the bisector plane between the site and
/// one periodic image of a neighbor that bounds the cell.
public struct VoronoiFace: Hashable, Sendable {
    /// Index of the neighboring site, 0-based.
    public let index: Int
    /// Periodic image of the neighbor, in lattice vectors, with ``Neighbor/image``'s
    /// convention: the neighbor sits at `fractionalCoordinates[index] + image`, relative to
    /// the site's own fractional coordinates as given (not wrapped).
    public let image: SIMD3<Int>
    /// Distance between the site and this neighbor, Angstrom (twice the distance from the
    /// site to the face's plane; pymatgen's `face_dist` is half of it).
    public let distance: Double
    /// Area of the face, Angstrom^2.
    public let area: Double
    /// Solid angle the face subtends at the site, steradian (the faces of a cell add up to
    /// 4 pi).
    public let solidAngle: Double
    /// `solidAngle` divided by the largest solid angle of the cell's faces, in (0, 1]:
    /// pymatgen's `VoronoiNN` weight (`weight="solid_angle"`).
    public let weight: Double
    /// Number of corners of the face polygon.
    public let vertexCount: Int

    public init(index: Int, image: SIMD3<Int>, distance: Double, area: Double, solidAngle: Double, weight: Double, vertexCount: Int) {
        self.index = index
        self.image = image
        self.distance = distance
        self.area = area
        self.solidAngle = solidAngle
        self.weight = weight
        self.vertexCount = vertexCount
    }
}

/// The Voronoi cell of one site of a periodic structure: the points closer to the site than
/// to any other site or periodic image.
public struct VoronoiCell: Hashable, Sendable {
    /// The site, 0-based.
    public let site: Int
    /// The faces, sorted by neighbor distance, then index, then image (distances equal to
    /// 1e-10 Angstrom count as ties), as ``NeighborList`` orders neighbors.
    public let faces: [VoronoiFace]
    /// Volume of the cell, Angstrom^3. The cells of all sites fill the unit cell exactly, so
    /// their volumes add up to ``Lattice/volume``.
    public let volume: Double

    public init(site: Int, faces: [VoronoiFace], volume: Double) {
        self.site = site
        self.faces = faces
        self.volume = volume
    }

    /// Weights within this of a minimum weight count as equal to it (not above it).
    ///
    /// Crystals have faces whose weights equal a round number exactly (the O sites of cubic
    /// perovskite have four faces of weight 1/2); computed weights land ~1e-16 on either side
    /// of it, so a plain `weight > W` at such a W counts them by chance (pymatgen's `get_cn`
    /// at `tol=0.5` gives 2 to 5 there). Comparing with `weight > W + weightTolerance` makes
    /// the count a property of the crystal. At W = 0 it also leaves out faces of weight below
    /// 1e-9 (slivers of a nearly degenerate cell), which are still listed in ``faces``.
    public static let weightTolerance = 1e-9

    /// The number of faces whose ``VoronoiFace/weight`` is above `minimumWeight` (by more than
    /// ``weightTolerance``): pymatgen's `VoronoiNN(tol=minimumWeight).get_cn(structure,
    /// site)`, except for weights within 1e-9 of `minimumWeight`.
    ///
    /// With the default 0 every face of non-negligible weight counts: that count follows
    /// faces of near-zero area, which appear and vanish with rounding noise and with the
    /// cell's orientation when a structure is (nearly) degenerate; grade with
    /// ``weightedCoordination`` or a minimum weight such as 0.05 instead.
    /// - Parameter minimumWeight: in [0, 1).
    public func coordination(minimumWeight: Double = 0) -> Int {
        faces.reduce(0) { $0 + ($1.weight > minimumWeight + Self.weightTolerance ? 1 : 0) }
    }

    /// The sum of the face weights, as `VoronoiNN().get_cn(structure, site,
    /// use_weights=True)`: continuous in the atomic positions, so faces of near-zero area
    /// change it by their near-zero weight only.
    public var weightedCoordination: Double { faces.reduce(0) { $0 + $1.weight } }

    /// The sum of the weights of the faces that ``coordination(minimumWeight:)`` counts:
    /// `VoronoiNN(tol=minimumWeight).get_cn(structure, site, use_weights=True)`.
    public func weightedCoordination(minimumWeight: Double) -> Double {
        faces.reduce(0) { $0 + ($1.weight > minimumWeight + Self.weightTolerance ? $1.weight : 0) }
    }
}
