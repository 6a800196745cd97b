/// One neighbor of a site under periodic boundary conditions.
public struct Neighbor: Hashable, Sendable {
    /// Index of the neighboring site, 0-based.
    public let index: Int
    /// Periodic image, in lattice vectors: the neighbor sits at
    /// `fractionalCoordinates[index] + image`, relative to the site's own (unwrapped)
    /// fractional coordinates, as pymatgen's `PeriodicNeighbor.image`.
    public let image: SIMD3<Int>
    /// Distance from the site, Angstrom.
    public let distance: Double
    /// Cartesian vector from the site to the neighbor, Angstrom.
    public let displacement: SIMD3<Double>

    public init(index: Int, image: SIMD3<Int>, distance: Double, displacement: SIMD3<Double>) {
        self.index = index
        self.image = image
        self.distance = distance
        self.displacement = displacement
    }

    /// Distances are compared on a grid of this spacing, Angstrom, when ordering a list, so
    /// that symmetry-equivalent neighbors whose computed distances differ by rounding noise
    /// (~1e-15) are ordered by index and image, the same way on every machine.
    static let orderingResolution = 1e-10

    /// The order of ``NeighborList``: distance (to ``orderingResolution``), then index, then
    /// image (lexicographic).
    static func precedes(_ lhs: Neighbor, _ rhs: Neighbor) -> Bool {
        let (l, r) = (lhs.orderingKey, rhs.orderingKey)
        if l != r { return l < r }
        return sameDistancePrecedes(lhs, rhs)
    }

    /// The distance on the ordering grid.
    var orderingKey: Double { (distance / Self.orderingResolution).rounded() }

    /// Order among neighbors at the same distance: index, then image.
    static func sameDistancePrecedes(_ lhs: Neighbor, _ rhs: Neighbor) -> Bool {
        if lhs.index != rhs.index { return lhs.index < rhs.index }
        if lhs.image.x != rhs.image.x { return lhs.image.x < rhs.image.x }
        if lhs.image.y != rhs.image.y { return lhs.image.y < rhs.image.y }
        return lhs.image.z < rhs.image.z
    }

    /// Sorts `neighbors` by ``precedes(_:_:)``, cheaply: by raw distance first, then each run
    /// of equal ``orderingKey`` (contiguous, as the key is monotonic in the distance) by index
    /// and image. The result is the same as `sort(by: precedes)`.
    static func sort(_ neighbors: inout [Neighbor]) {
        neighbors.sort { $0.distance < $1.distance }
        var start = 0
        while start < neighbors.count {
            let key = neighbors[start].orderingKey
            var end = start + 1
            while end < neighbors.count && neighbors[end].orderingKey == key { end += 1 }
            if end - start > 1 { neighbors[start..<end].sort(by: sameDistancePrecedes) }
            start = end
        }
    }
}

/// The neighbors of every site of a structure within a cutoff radius.
public struct NeighborList: Hashable, Sendable {
    /// Cutoff radius, Angstrom.
    public let cutoffRadius: Double
    /// Neighbors of site i, `[atomCount][*]`, sorted by distance, then index, then image
    /// (distances equal to 1e-10 Angstrom count as ties).
    /// A site's own position is excluded; its periodic images are neighbors like any other.
    public let sites: [[Neighbor]]

    public init(cutoffRadius: Double, sites: [[Neighbor]]) {
        self.cutoffRadius = cutoffRadius
        self.sites = sites
    }

    /// Total number of (site, neighbor) pairs; each unordered pair is counted from both ends.
    public var pairCount: Int { sites.reduce(0) { $0 + $1.count } }

    /// The `count` nearest neighbors of each site (fewer where fewer are within the cutoff),
    /// as CGCNN selects them.
    public func nearest(_ count: Int) -> NeighborList {
        NeighborList(cutoffRadius: cutoffRadius, sites: sites.map { Array($0.prefix(max(count, 0))) })
    }
}
