import Crystal
import Descriptors
import Foundation
import Testing

/// The graph documents as a reader decodes them. Foundation's `JSONDecoder` reads numbers
/// exactly; `JSONSerialization` on Linux does not (it reads 0.6000000000000001 as
/// 0.6000000000000002), so these tests, and any grader, must not use it for numbers.
struct GraphDocument: Decodable {
    struct Block: Decodable {
        let property: String
        let offset: Int
        let length: Int
    }

    struct Node: Decodable {
        let index: Int
        let species: String
        let atomic_number: Int
        let features: [Double]
    }

    struct Edge: Decodable {
        let source: Int
        let target: Int
        let image: [Int]
        let distance: Double
        let padding: Bool?
        let gaussian: [Double]
    }

    let graph: String
    let radius: Double?
    let max_neighbors: Int?
    let neighbor_shortfall: String?
    let cutoff: Double?
    let gaussian_centers: [Double]
    let gaussian_width: Double
    let atom_feature_layout: String?
    let atom_feature_blocks: [Block]?
    let sites_with_fewer_neighbors: [Int]?
    let state: [Double]?
    let isolated_sites: [Int]?
    let nodes: [Node]
    let edges: [Edge]

    static func decode(_ text: String) throws -> GraphDocument {
        try JSONDecoder().decode(GraphDocument.self, from: Data(text.utf8))
    }
}

@Suite("Graph JSON")
struct GraphJSONTests {
    static let cgcnnKeys = [
        "graph", "radius", "max_neighbors", "neighbor_shortfall", "gaussian_centers", "gaussian_width",
        "atom_feature_layout", "atom_feature_blocks", "sites_with_fewer_neighbors", "nodes", "edges",
    ]
    static let megnetKeys = ["graph", "cutoff", "gaussian_centers", "gaussian_width", "state", "isolated_sites", "nodes", "edges"]

    /// The top-level keys in the order they appear in the text.
    static func topLevelKeys(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  \""), let end = line.dropFirst(3).firstIndex(of: "\"") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        }
    }

    @Test("CGCNN JSON: documented keys in a fixed order, one node and one edge per line")
    func cgcnnDocument() throws {
        let structure = try bundledStructure("SrTiO3")
        let graph = try CrystalGraph(structure: structure)
        let text = graph.json()
        #expect(Self.topLevelKeys(text) == Self.cgcnnKeys)
        let document = try GraphDocument.decode(text)
        #expect(document.graph == "cgcnn")
        #expect(document.radius == 8 && document.max_neighbors == 12)
        #expect(document.neighbor_shortfall == "keep_fewer")
        #expect(document.atom_feature_layout == "atom_init_92")
        #expect(document.gaussian_centers == GaussianExpansion.cgcnn.centers && document.gaussian_width == 0.2)
        #expect(document.atom_feature_blocks?.map(\.length).reduce(0, +) == 92)
        #expect(document.atom_feature_blocks?.map(\.property) == CGCNNAtomFeatures.Property.allCases.map(\.rawValue))
        #expect(document.nodes.map(\.species) == ["Sr", "Ti", "O", "O", "O"])
        #expect(document.nodes.map(\.features) == graph.nodes.map(\.features))
        #expect(document.edges.count == graph.edges.count)
        #expect(document.edges.allSatisfy { $0.gaussian.count == 41 && $0.padding == false })
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("    {\"source\"") }.count == graph.edges.count)
    }

    @Test("numbers are written in shortest round-trip form and read back bit for bit")
    func numbersRoundTrip() throws {
        let graph = try CrystalGraph(structure: try bundledStructure("LiFePO4"))
        let text = graph.json()
        let document = try GraphDocument.decode(text)
        #expect(document.edges.count == graph.edges.count)
        var mismatches: [String] = []
        for (edge, written) in zip(graph.edges, document.edges) {
            if written.distance != edge.distance || written.gaussian != edge.gaussian
                || written.image != [edge.image.x, edge.image.y, edge.image.z]
                || written.source != edge.source || written.target != edge.target {
                mismatches.append("edge \(edge.source)->\(edge.target) \(edge.image): \(written.distance) vs \(edge.distance)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        let first = try #require(graph.edges.first)
        #expect(text.contains("\"distance\": \(first.distance.description), "))
    }

    @Test("padding edges are marked, and the shortfall is named")
    func paddedDocument() throws {
        let structure = try GraphFixture.namedCase("sparse_Ar_7A").structure.structure()
        let graph = try CrystalGraph(structure: structure, options: .init(shortfall: .padLikeCGCNN))
        let document = try GraphDocument.decode(graph.json())
        #expect(document.neighbor_shortfall == "pad")
        #expect(document.sites_with_fewer_neighbors == [0])
        let padding = document.edges.filter { $0.padding == true }
        #expect(padding.count == 6 && padding.allSatisfy { $0.distance == 9 && $0.target == 0 })
    }

    @Test("MEGNet JSON: documented keys, state [0.0, 0.0], Z as the node feature")
    func megnetDocument() throws {
        let graph = try MEGNetGraph(structure: try bundledStructure("Si"))
        let text = graph.json()
        #expect(Self.topLevelKeys(text) == Self.megnetKeys)
        #expect(text.contains("\"state\": [0.0, 0.0]"))
        let document = try GraphDocument.decode(text)
        #expect(document.graph == "megnet" && document.cutoff == 5)
        #expect(document.gaussian_centers == GaussianExpansion.megnet.centers && document.gaussian_width == 0.5)
        #expect(document.nodes.allSatisfy { $0.features == [14] && $0.atomic_number == 14 })
        #expect(document.edges.count == graph.edges.count)
        #expect(document.edges.allSatisfy { $0.padding == nil && $0.gaussian.count == 100 })
        #expect(document.isolated_sites == [])
    }

    @Test("the same structure gives the same text (stable output)")
    func stable() throws {
        let structure = try bundledStructure("TiO2")
        #expect(try CrystalGraph(structure: structure).json() == CrystalGraph(structure: structure).json())
        #expect(try MEGNetGraph(structure: structure).json() == MEGNetGraph(structure: structure).json())
    }
}
