import Crystal
import Descriptors
import Testing
import TestSupport

@Suite("CGCNN crystal graph")
struct CrystalGraphTests {
    /// Distances agree with pymatgen's to this absolute tolerance, Angstrom: both sides
    /// compute |x_j + n - x_i| in double precision from the same coordinates, so only
    /// rounding differs (observed ~1e-15); 1e-9 A is far below any physical scale and far
    /// above that noise.
    static let distanceTolerance = 1e-9

    @Test("edges agree with pymatgen's 12 nearest within 8 A (CGCNN's selection)", arguments: GraphFixture.caseNames)
    func goldenNeighbors(name: String) throws {
        let golden = try GraphFixture.namedCase(name)
        let structure = try golden.structure.structure()
        let graph = try CrystalGraph(structure: structure)
        #expect(graph.nodes.count == structure.atomCount)
        for (site, expected) in golden.cgcnn_sites.enumerated() {
            let edges = Array(graph.edges(from: site))
            #expect(edges.count == expected.distances.count, "\(name) site \(site): \(edges.count) edges")
            let comparison = compare(edges.map(\.distance).sorted(), expected.distances.sorted(), atol: Self.distanceTolerance, rtol: 0)
            #expect(comparison.isWithinTolerance, "\(name) site \(site) distances: \(comparison)")
            // (target, image) pairs agree, except within a tie at the cut (12th == 13th
            // distance), where CGCNN's pick follows pymatgen's internal order.
            let last = expected.distances.last ?? 0
            let tiedAtCut = expected.next_distance.map { abs($0 - last) < 1e-8 } ?? false
            let limit = tiedAtCut ? last - 1e-8 : .infinity
            let ours = edges.filter { $0.distance < limit }.map { "\($0.target) \($0.image)" }.sorted()
            let theirs = zip(expected.indices, zip(expected.images, expected.distances))
                .filter { $0.1.1 < limit }
                .map { "\($0.0) \(SIMD3($0.1.0[0], $0.1.0[1], $0.1.0[2]))" }.sorted()
            #expect(ours == theirs, "\(name) site \(site): neighbors differ")
        }
        let short = golden.cgcnn_sites.indices.filter { golden.cgcnn_sites[$0].distances.count < 12 }
        #expect(graph.sitesWithFewerNeighbors == short)
    }

    @Test("edge features are the Gaussians of the edge distances, 41 per edge")
    func edgeFeatures() throws {
        let graph = try CrystalGraph(structure: try bundledStructure("SrTiO3"))
        #expect(graph.expansion == .cgcnn)
        for edge in graph.edges {
            #expect(edge.gaussian == GaussianExpansion.cgcnn.expand(edge.distance))
            #expect(!edge.isPadding && edge.distance <= 8 + 1e-9)
        }
        #expect(graph.edges.count == 12 * graph.nodes.count)
    }

    @Test("12 edges per atom wherever 12 neighbors exist", arguments: ["LiFePO4", "Graphite", "TiO2", "He_BCC"])
    func twelvePerAtom(name: String) throws {
        let structure = try bundledStructure(name)
        let graph = try CrystalGraph(structure: structure)
        let counts = (0..<structure.atomCount).map { graph.edges(from: $0).count }
        #expect(counts.allSatisfy { $0 == 12 }, "\(name): \(counts)")
        #expect(graph.sitesWithFewerNeighbors.isEmpty)
        #expect(graph.edges.map(\.source) == graph.edges.map(\.source).sorted(), "edges are grouped by source")
    }

    @Test("shortfall: keep fewer (default) or pad like CGCNN's original release (index 0, 9 A)")
    func padding() throws {
        let golden = try GraphFixture.namedCase("sparse_Ar_7A")
        let structure = try golden.structure.structure()
        let fewer = try CrystalGraph(structure: structure)
        #expect(fewer.edges.count == 6)
        #expect(fewer.sitesWithFewerNeighbors == [0])

        let padded = try CrystalGraph(structure: structure, options: .init(shortfall: .padLikeCGCNN))
        let site = golden.cgcnn_sites[0]
        #expect(padded.edges.count == 12)
        #expect(padded.edges.map(\.target) == site.padded_indices)
        let distances = compare(padded.edges.map(\.distance), site.padded_distances, atol: Self.distanceTolerance, rtol: 0)
        #expect(distances.isWithinTolerance, "\(distances)")
        #expect(padded.edges.filter(\.isPadding).count == 6)
        #expect(padded.edges.filter(\.isPadding).allSatisfy { $0.distance == 9 && $0.image == .zero && $0.target == 0 })
        let gaussians = compare(padded.edges.flatMap(\.gaussian), golden.site0_gaussian.flatMap { $0 }, atol: 1e-15, rtol: 1e-12)
        #expect(gaussians.isWithinTolerance, "Gaussians of the padded site: \(gaussians)")
        #expect(padded.sitesWithFewerNeighbors == [0])
    }

    @Test("nodes carry the 92-entry CGCNN features; the Table S2 layout gives 93")
    func nodeFeatures() throws {
        let structure = try bundledStructure("LiFePO4")
        let graph = try CrystalGraph(structure: structure)
        let features = CGCNNAtomFeatures()
        for node in graph.nodes {
            #expect(node.element == structure.species[node.index])
            #expect(node.features == features.features(of: node.element))
        }
        let tableS2 = try CrystalGraph(structure: structure, options: .init(atomFeatures: .tableS2))
        #expect(tableS2.nodes.allSatisfy { $0.features.count == 93 })
    }

    @Test("a smaller radius shrinks CGCNN's Gaussian grid with it (dmax = radius)")
    func radiusOption() throws {
        let graph = try CrystalGraph(structure: try bundledStructure("Si"), options: .init(radius: 6, maxNeighbors: 4))
        #expect(graph.expansion.centers.count == 31 && graph.expansion.centers.last == 6.0)
        #expect(graph.edges.count == 8)
        #expect(graph.edges.allSatisfy { $0.gaussian.count == 31 })
    }

    @Test("bad options are refused with the value and the usual setting in the message")
    func invalidOptions() throws {
        let structure = try bundledStructure("Si")
        #expect(throws: DescriptorsError.invalidOption(
            name: "radius", value: "-1.0", reason: "must be a positive number of Angstrom (CGCNN uses 8)")) {
            try CrystalGraph(structure: structure, options: .init(radius: -1))
        }
        #expect(throws: DescriptorsError.self) { try CrystalGraph(structure: structure, options: .init(maxNeighbors: 0)) }
        #expect(throws: DescriptorsError.self) { try CrystalGraph(structure: structure, options: .init(radius: .infinity)) }
    }

    @Test("edges(from:) returns each site's group and nothing for a site outside the structure")
    func edgesFrom() throws {
        let graph = try CrystalGraph(structure: try bundledStructure("Li2O"))
        #expect((0..<3).flatMap { Array(graph.edges(from: $0)) } == graph.edges)
        #expect(graph.edges(from: 7).isEmpty && graph.edges(from: -1).isEmpty)
    }
}
