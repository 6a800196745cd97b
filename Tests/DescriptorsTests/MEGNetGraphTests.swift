import Crystal
import Descriptors
import Testing
import TestSupport

@Suite("MEGNet crystal graph")
struct MEGNetGraphTests {
    @Test("every pair within 5 A, as structure.neighbors(within:) and pymatgen's get_neighbor_list", arguments: GraphFixture.caseNames)
    func pairCounts(name: String) throws {
        let golden = try GraphFixture.namedCase(name)
        let structure = try golden.structure.structure()
        let graph = try MEGNetGraph(structure: structure)
        #expect(graph.edges.count == (try structure.neighbors(within: 5)).pairCount)
        #expect(graph.edges.count == golden.megnet_pair_count, "\(name): pymatgen counts \(golden.megnet_pair_count)")
        #expect(graph.edges.allSatisfy { $0.distance <= 5 + 1e-9 && $0.gaussian.count == 100 })
    }

    @Test("MEGNet's defaults: cutoff 5 A, 100 Gaussians of width 0.5 A on 0...5 A, state [0, 0], node feature Z")
    func defaults() throws {
        let structure = try bundledStructure("SrTiO3")
        let graph = try MEGNetGraph(structure: structure)
        #expect(graph.options.cutoff == 5)
        #expect(graph.options.expansion == .megnet)
        #expect(graph.state == [0, 0])
        #expect(graph.nodes.map(\.features) == structure.species.map { [Double($0.atomicNumber)] })
        #expect(graph.isolatedSites.isEmpty)
        for edge in graph.edges { #expect(edge.gaussian == GaussianExpansion.megnet.expand(edge.distance)) }
    }

    @Test("each pair appears in both directions, with opposite images")
    func bothDirections() throws {
        let graph = try MEGNetGraph(structure: try bundledStructure("LiFePO4"))
        let keys = Set(graph.edges.map { [$0.source, $0.target, $0.image.x, $0.image.y, $0.image.z] })
        let missing = graph.edges.filter { !keys.contains([$0.target, $0.source, -$0.image.x, -$0.image.y, -$0.image.z]) }
        #expect(missing.isEmpty, "\(missing.count) edges without their reverse")
    }

    @Test("no neighbor limit: more edges than CGCNN's 12 per atom at a long cutoff, fewer at a short one")
    func noLimit() throws {
        let structure = try bundledStructure("Si")
        #expect(try MEGNetGraph(structure: structure, options: .init(cutoff: 8)).edges.count == (try structure.neighbors(within: 8)).pairCount)
        #expect(try MEGNetGraph(structure: structure, options: .init(cutoff: 2.5)).edges.count == 8)
    }

    @Test("an atom without neighbors is listed as isolated (MEGNet raises there)")
    func isolated() throws {
        let structure = try GraphFixture.namedCase("sparse_Ar_7A").structure.structure()
        let graph = try MEGNetGraph(structure: structure)
        #expect(graph.edges.isEmpty && graph.isolatedSites == [0])
    }

    @Test("bad cutoff or state is refused")
    func invalidOptions() throws {
        let structure = try bundledStructure("Si")
        #expect(throws: DescriptorsError.self) { try MEGNetGraph(structure: structure, options: .init(cutoff: 0)) }
        #expect(throws: DescriptorsError.self) { try MEGNetGraph(structure: structure, options: .init(state: [.nan, 0])) }
    }
}
