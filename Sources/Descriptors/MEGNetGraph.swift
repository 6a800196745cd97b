import Crystal

/// The crystal graph of MEGNet (Chen, Ye, Zuo, Zheng and Ong, Chem. Mater. 31, 3564 (2019),
/// doi:10.1021/acs.chemmater.9b01294), as materialsvirtuallab/megnet builds it
/// (`megnet/data/crystal.py` `CrystalGraph`, `megnet/data/graph.py`), for contrast with
/// ``CrystalGraph``:
///
/// - nodes: the sites, each with the single feature Z (MEGNet embeds Z in the model);
/// - edges: every pair within `cutoff`, periodic images included, in both directions (no
///   neighbor limit), from ``Crystal/Structure/neighbors(within:)``; grouped by source site,
///   each group ordered by distance, target index, image;
/// - edge features: the Gaussian expansion of the distance (MEGNet's default, 100 centers
///   `np.linspace(0, 5, 100)` A, width 0.5 A);
/// - a global state vector, MEGNet's default `[0, 0]` when a structure carries none.
///
/// MEGNet's `CrystalGraph` defaults to `cutoff = 5.0` A (its current `crystal.py`; early
/// releases had 4.0), which is the default here; `MEGNetModel` builds its own converter with
/// `cutoff = 4` and the same Gaussians, so pass `cutoff: 4` to match a model. MEGNet
/// stores distances as float32; here they stay Double. Where MEGNet raises "Isolated atoms
/// found in the structure" (a site with no neighbor within the cutoff), this graph lists the
/// site in ``isolatedSites`` and goes on.
public struct MEGNetGraph: Sendable {
    public struct Options: Hashable, Sendable {
        /// Pair cutoff, Angstrom; > 0. MEGNet `CrystalGraph`: 5.
        public var cutoff: Double
        /// Edge features. MEGNet: ``GaussianExpansion/megnet``.
        public var expansion: GaussianExpansion
        /// Global state attributes, dimensionless. MEGNet: `[0, 0]`.
        public var state: [Double]

        public init(cutoff: Double = 5, expansion: GaussianExpansion = .megnet, state: [Double] = [0, 0]) {
            self.cutoff = cutoff
            self.expansion = expansion
            self.state = state
        }
    }

    public let structure: Structure
    public let options: Options
    /// One node per site, `[atomCount]`, features `[Z]`.
    public let nodes: [GraphNode]
    /// Every (site, neighbor) pair within the cutoff, grouped by source site.
    public let edges: [GraphEdge]
    /// The global state vector.
    public var state: [Double] { options.state }
    /// Sites without any neighbor within the cutoff, increasing.
    public let isolatedSites: [Int]

    /// Builds the graph of `structure`.
    /// - Throws: ``DescriptorsError/invalidOption(name:value:reason:)`` for a bad cutoff or a
    ///   non-finite state value; the neighbor search's errors.
    public init(structure: Structure, options: Options = Options()) throws {
        guard options.cutoff > 0, options.cutoff.isFinite else {
            throw DescriptorsError.invalidOption(
                name: "cutoff", value: String(options.cutoff), reason: "must be a positive number of Angstrom (MEGNet uses 5)")
        }
        guard options.state.allSatisfy(\.isFinite) else {
            throw DescriptorsError.invalidOption(
                name: "state vector", value: "\(options.state)", reason: "every attribute must be a finite number")
        }
        let list = try structure.neighbors(within: options.cutoff)
        var edges: [GraphEdge] = []
        edges.reserveCapacity(list.pairCount)
        var isolated: [Int] = []
        for (site, neighbors) in list.sites.enumerated() {
            if neighbors.isEmpty { isolated.append(site) }
            for neighbor in neighbors {
                edges.append(GraphEdge(
                    source: site, target: neighbor.index, image: neighbor.image, distance: neighbor.distance,
                    gaussian: options.expansion.expand(neighbor.distance)))
            }
        }
        self.structure = structure
        self.options = options
        self.nodes = structure.species.enumerated().map { index, element in
            GraphNode(index: index, element: element, features: [Double(element.atomicNumber)])
        }
        self.edges = edges
        self.isolatedSites = isolated
    }
}
