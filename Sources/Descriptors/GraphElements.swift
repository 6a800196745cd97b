import Crystal

/// A node of a crystal graph: one site of the structure.
public struct GraphNode: Hashable, Sendable {
    /// Site index in the structure, 0-based.
    public let index: Int
    public let element: Element
    /// The node's feature vector: CGCNN's one-hot atom features, or MEGNet's `[Z]`.
    public let features: [Double]

    public init(index: Int, element: Element, features: [Double]) {
        self.index = index
        self.element = element
        self.features = features
    }
}

/// A directed edge of a crystal graph: from site `source` to the periodic image `image` of
/// site `target`, which sits at fractional coordinates `fractionalCoordinates[target] + image`
/// of the structure as given (not wrapped), the convention of pymatgen's neighbor lists.
public struct GraphEdge: Hashable, Sendable {
    public let source: Int
    public let target: Int
    /// Periodic image, in lattice vectors.
    public let image: SIMD3<Int>
    /// Distance, Angstrom.
    public let distance: Double
    /// The Gaussian expansion of `distance`, `[centerCount]`, dimensionless.
    public let gaussian: [Double]
    /// True for the filler edges of ``CrystalGraph/NeighborShortfall/padLikeCGCNN`` (target 0,
    /// image 0, distance radius + 1): not a neighbor.
    public let isPadding: Bool

    public init(source: Int, target: Int, image: SIMD3<Int>, distance: Double, gaussian: [Double], isPadding: Bool = false) {
        self.source = source
        self.target = target
        self.image = image
        self.distance = distance
        self.gaussian = gaussian
        self.isPadding = isPadding
    }
}
