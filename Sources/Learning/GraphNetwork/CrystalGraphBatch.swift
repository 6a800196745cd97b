import LinearAlgebra

/// One crystal as a graph network reads it: a feature row per atom and directed edges
/// (center atom, neighbor atom, edge features), as the week-6 crystal graph gives them
/// (CGCNN: 12 nearest neighbors per atom, Gaussian-expanded distances).
public struct CrystalGraphInput: Hashable, Sendable {
    /// `[atomCount x atomFeatureLength]`.
    public let atomFeatures: Matrix
    /// Per edge, the center atom (0-based, in this crystal).
    public let centers: [Int]
    /// Per edge, the neighbor atom.
    public let neighbors: [Int]
    /// `[edgeCount x edgeFeatureLength]`.
    public let edgeFeatures: Matrix

    /// - Throws: ``LearningError`` when the edge lists and feature rows disagree or an index
    ///   is not an atom, or when an atom has no edge (its convolution would have no input).
    public init(atomFeatures: Matrix, centers: [Int], neighbors: [Int], edgeFeatures: Matrix) throws(LearningError) {
        let context = "crystal graph"
        guard atomFeatures.rowCount >= 1 else { throw .tooFewSamples(context: context, sampleCount: 0, minimum: 1) }
        guard neighbors.count == centers.count else {
            throw .sampleCountMismatch(context: context, name: "neighbors", count: neighbors.count, expected: centers.count)
        }
        guard edgeFeatures.rowCount == centers.count else {
            throw .sampleCountMismatch(context: context, name: "edge features", count: edgeFeatures.rowCount, expected: centers.count)
        }
        for (name, list) in [("centers", centers), ("neighbors", neighbors)] {
            if let bad = list.firstIndex(where: { $0 < 0 || $0 >= atomFeatures.rowCount }) {
                throw .invalidParameter(context: context, name: "\(name)[\(bad)]", value: "\(list[bad])",
                                        reason: "atom indices must be in 0..<\(atomFeatures.rowCount)")
            }
        }
        if let lonely = Set(0..<atomFeatures.rowCount).subtracting(centers).min() {
            throw .invalidParameter(context: context, name: "atom \(lonely)", value: "no edges",
                                    reason: "every atom needs neighbors; raise the cutoff radius")
        }
        self.atomFeatures = atomFeatures
        self.centers = centers
        self.neighbors = neighbors
        self.edgeFeatures = edgeFeatures
    }

    public var atomCount: Int { atomFeatures.rowCount }
}

/// Several crystals joined into one disconnected graph (a mini-batch): atoms and edges
/// concatenated, edge indices shifted, and each atom's crystal recorded for pooling.
public struct CrystalGraphBatch: Sendable {
    public let atomFeatures: Matrix
    public let centers: [Int]
    public let neighbors: [Int]
    public let edgeFeatures: Matrix
    /// Per atom, the index of its crystal in the batch.
    public let crystalOfAtom: [Int]
    public let crystalCount: Int

    /// - Throws: when the crystals' feature lengths differ.
    public init(_ graphs: [CrystalGraphInput]) throws(LearningError) {
        guard let first = graphs.first else {
            throw .tooFewSamples(context: "crystal graph batch", sampleCount: 0, minimum: 1)
        }
        var atomValues: [Double] = [], edgeValues: [Double] = []
        var centers: [Int] = [], neighbors: [Int] = [], crystalOfAtom: [Int] = []
        var offset = 0
        for (k, graph) in graphs.enumerated() {
            guard graph.atomFeatures.columnCount == first.atomFeatures.columnCount,
                  graph.edgeFeatures.columnCount == first.edgeFeatures.columnCount else {
                throw .featureCountMismatch(context: "crystal graph batch", name: "crystal \(k)'s atom or edge features",
                                            count: graph.atomFeatures.columnCount, expected: first.atomFeatures.columnCount)
            }
            atomValues += graph.atomFeatures.storage
            edgeValues += graph.edgeFeatures.storage
            centers += graph.centers.map { $0 + offset }
            neighbors += graph.neighbors.map { $0 + offset }
            crystalOfAtom += Array(repeating: k, count: graph.atomCount)
            offset += graph.atomCount
        }
        atomFeatures = Matrix(rowCount: offset, columnCount: first.atomFeatures.columnCount, exactStorage: atomValues)
        edgeFeatures = Matrix(rowCount: centers.count, columnCount: first.edgeFeatures.columnCount, exactStorage: edgeValues)
        self.centers = centers
        self.neighbors = neighbors
        self.crystalOfAtom = crystalOfAtom
        crystalCount = graphs.count
    }
}
