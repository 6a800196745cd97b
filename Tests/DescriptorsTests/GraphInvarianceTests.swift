import Crystal
import Descriptors
import Foundation
import Testing
import TestSupport

/// The physically invariant parts of the CGCNN graph (each site's multiset of edge distances
/// and edge features, and its node features) stay put under a rotation of the Cartesian frame,
/// a translation, a permutation of the sites and a supercell. The same checks the week-6
/// rubric's `invariance` comparator runs on a student's program.
@Suite("CGCNN graph invariance")
struct GraphInvarianceTests {
    static let structures = ["SrTiO3", "LiFePO4", "Graphite", "TiO2"]
    /// Distances of the transformed copy differ from the original's only by rounding
    /// (~1e-14 A after a rotation); Angstrom.
    static let tolerance = 1e-9

    /// Per site: sorted distances and the sum of the edge Gaussian vectors (an
    /// order-independent summary of the edge features), and the node features.
    struct SiteSummary {
        let distances: [Double]
        let gaussianSum: [Double]
        let features: [Double]
    }

    static func summaries(_ structure: Structure) throws -> [SiteSummary] {
        let graph = try CrystalGraph(structure: structure)
        return graph.nodes.map { node in
            let edges = graph.edges(from: node.index)
            var sum = [Double](repeating: 0, count: graph.expansion.centers.count)
            for edge in edges { for k in sum.indices { sum[k] += edge.gaussian[k] } }
            return SiteSummary(distances: edges.map(\.distance).sorted(), gaussianSum: sum, features: node.features)
        }
    }

    /// Compares site `site` of `observed` with site `reference` of `expected`.
    static func expectSame(_ observed: SiteSummary, _ expected: SiteSummary, _ label: String) {
        let distances = compare(observed.distances, expected.distances, atol: tolerance, rtol: 0)
        #expect(distances.isWithinTolerance, "\(label) distances: \(distances)")
        let gaussians = compare(observed.gaussianSum, expected.gaussianSum, atol: 1e-8, rtol: 0)
        #expect(gaussians.isWithinTolerance, "\(label) Gaussian sums: \(gaussians)")
        #expect(observed.features == expected.features, "\(label) node features")
    }

    /// Rodrigues' rotation of `vector` about unit `axis` by `angle` radians.
    static func rotate(_ vector: SIMD3<Double>, axis: SIMD3<Double>, angle: Double) -> SIMD3<Double> {
        let crossed = SIMD3(axis.y * vector.z - axis.z * vector.y, axis.z * vector.x - axis.x * vector.z, axis.x * vector.y - axis.y * vector.x)
        let along = (axis * vector).sum()
        return vector * cos(angle) + crossed * sin(angle) + axis * along * (1 - cos(angle))
    }

    @Test("rotating the Cartesian frame (lattice and positions) changes nothing", arguments: structures)
    func rotation(name: String) throws {
        let structure = try bundledStructure(name)
        let raw = SIMD3<Double>(1, -2, 3)
        let axis = raw / (raw * raw).sum().squareRoot()
        let lattice = structure.lattice
        let rotated = try Structure(
            lattice: try Lattice(
                a: Self.rotate(lattice.a, axis: axis, angle: 0.7), b: Self.rotate(lattice.b, axis: axis, angle: 0.7),
                c: Self.rotate(lattice.c, axis: axis, angle: 0.7)),
            species: structure.species, fractionalCoordinates: structure.fractionalCoordinates)
        let moved = rotated.cartesianCoordinates[0]
        #expect(abs((moved * moved).sum() - (structure.cartesianCoordinates[0] * structure.cartesianCoordinates[0]).sum()) < 1e-9)
        let (before, after) = (try Self.summaries(structure), try Self.summaries(rotated))
        for site in before.indices { Self.expectSame(after[site], before[site], "\(name) site \(site)") }
    }

    @Test("translating every atom by the same vector changes nothing", arguments: structures)
    func translation(name: String) throws {
        let structure = try bundledStructure(name)
        let shift = structure.lattice.fractional(fromCartesian: SIMD3(0.37, -1.2, 2.9))
        let translated = try Structure(
            lattice: structure.lattice, species: structure.species,
            fractionalCoordinates: structure.fractionalCoordinates.map { $0 + shift })
        let (before, after) = (try Self.summaries(structure), try Self.summaries(translated))
        for site in before.indices { Self.expectSame(after[site], before[site], "\(name) site \(site)") }
    }

    @Test("permuting the atoms permutes the graph", arguments: structures)
    func permutation(name: String) throws {
        let structure = try bundledStructure(name)
        var generator = SeededGenerator(seed: 6)
        let order = Array(0..<structure.atomCount).shuffled(using: &generator)
        let permuted = try structure.permuted(order)
        let (before, after) = (try Self.summaries(structure), try Self.summaries(permuted))
        for site in after.indices { Self.expectSame(after[site], before[order[site]], "\(name) new site \(site)") }
    }

    @Test("every atom of a supercell has its primitive atom's 12 distances",
          arguments: [("Si", [[2, 0, 0], [0, 2, 0], [0, 0, 2]]), ("SrTiO3", [[1, 1, 0], [-1, 1, 0], [0, 0, 1]]),
                      ("Graphite", [[1, 0, 0], [0, 1, 0], [0, 0, 3]])])
    func supercell(name: String, matrix: [[Int]]) throws {
        let structure = try bundledStructure(name)
        let supercell = try structure.supercell(matrix: matrix)
        let copies = supercell.atomCount / structure.atomCount
        let (primitive, large) = (try Self.summaries(structure), try Self.summaries(supercell))
        // pymatgen's site order: each primitive site's copies are consecutive.
        for site in large.indices { Self.expectSame(large[site], primitive[site / copies], "\(name) supercell site \(site)") }
    }

    @Test("the edge count is invariant too: 12 per atom before and after")
    func edgeCounts() throws {
        let structure = try bundledStructure("LiFePO4")
        let supercell = try structure.supercell(1, 2, 1)
        #expect(try CrystalGraph(structure: supercell).edges.count == 2 * (try CrystalGraph(structure: structure).edges.count))
    }
}
