import Crystal
import Descriptors
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

@Suite("Week 6 reference output")
struct Week06ReferenceTests {
    @Test("shapes: 12 edges per atom of 6 columns, 41 Gaussians, 92 atom features", arguments: Week06Case.publicCases)
    func shapes(_ testCase: Week06Case) throws {
        let input = try testCase.input()
        let atomCount = try StructureDocument.structure(in: input).atomCount
        let output = try Week06CrystalGraphs().referenceOutput(for: input)
        let edges = numberRows(output.objectValue?["edges"])
        #expect(edges.count == 12 * atomCount)
        #expect(edges.allSatisfy { $0.count == 6 })
        for site in 0..<atomCount {
            let rows = edges.filter { Int($0[0]) == site }
            #expect(rows.count == 12)
            #expect(zip(rows, rows.dropFirst()).allSatisfy { $0[5] <= $1[5] + 1e-9 }, "site \(site): not nearest first (ties within 1e-9 A may come in any order)")
        }
        #expect(edges.map { $0[0] } == edges.map { $0[0] }.sorted(), "sources not ascending")
        let features = numberRows(output.objectValue?["edge_features"])
        #expect(features.count == edges.count)
        #expect(features.allSatisfy { $0.count == 41 })
        let atoms = numberRows(output.objectValue?["atom_features"])
        #expect(atoms.count == atomCount)
        #expect(atoms.allSatisfy { row in row.count == 92 && row.allSatisfy { $0 == 0 || $0 == 1 } })
    }

    @Test("edges agree with Descriptors.CrystalGraph: same distances per atom (only tied choices may differ)",
          arguments: Week06Case.publicCases + Week06Case.hiddenCases)
    func agreesWithCrystalGraph(_ testCase: Week06Case) throws {
        let input = try testCase.input()
        let graph = try CrystalGraph(structure: StructureDocument.structure(in: input))
        let edges = numberRows(try Week06CrystalGraphs().referenceOutput(for: input).objectValue?["edges"])
        #expect(edges.map { Int($0[0]) } == graph.edges.map(\.source))
        let comparison = compare(edges.map { $0[5] }, graph.edges.map(\.distance), atol: 1e-9, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
        let features = numberRows(try Week06CrystalGraphs().referenceOutput(for: input).objectValue?["atom_features"])
        #expect(features == graph.nodes.map(\.features))
    }

    @Test("edge features are the README's Gaussians of each edge's distance")
    func edgeFeaturesFollowREADME() throws {
        let output = try Week06CrystalGraphs().referenceOutput(for: Week06Case.publicCases[1].input())
        let edges = numberRows(output.objectValue?["edges"])
        let features = numberRows(output.objectValue?["edge_features"])
        for (edge, row) in zip(edges, features) {
            let expected = (0...40).map { k in exp(-pow(edge[5] - 0.2 * Double(k), 2) / (0.2 * 0.2)) }
            let comparison = compare(row, expected, atol: 1e-12, rtol: 1e-12)
            #expect(comparison.isWithinTolerance, "\(comparison)")
        }
    }

    @Test("MEGNet edges: symmetric (i, j, n, d) <-> (j, i, -n, d), all within the cutoff", arguments: Week06Case.publicCases)
    func megnetEdgesAreSymmetric(_ testCase: Week06Case) throws {
        let output = try Week06CrystalGraphs().referenceOutput(for: testCase.input())
        let edges = numberRows(output.objectValue?["megnet_edges"])
        #expect(!edges.isEmpty)
        #expect(edges.allSatisfy { $0.count == 6 && $0[5] <= 4.0 && $0[5] > 0 })
        struct Key: Hashable { let i: Int, j: Int, a: Int, b: Int, c: Int }
        var distances: [Key: Double] = [:]
        for e in edges { distances[Key(i: Int(e[0]), j: Int(e[1]), a: Int(e[2]), b: Int(e[3]), c: Int(e[4]))] = e[5] }
        #expect(distances.count == edges.count, "an edge is listed twice")
        for e in edges {
            let reverse = distances[Key(i: Int(e[1]), j: Int(e[0]), a: -Int(e[2]), b: -Int(e[3]), c: -Int(e[4]))]
            #expect(reverse.map { abs($0 - e[5]) < 1e-9 } == true, "no reverse of \(e)")
        }
    }

    @Test("the skewed rutile cell is the same crystal: same distances as plain rutile")
    func skewedRutileKeepsDistances() throws {
        let plain = try Week06Case(name: "rutile", generator: "bundled-structure", parametersJSON: #"{"structure": "TiO2"}"#, seed: 3).input()
        let skewed = try Week06Case.publicCases[2].input()
        let plainCell = try StructureDocument.structure(in: plain), skewedCell = try StructureDocument.structure(in: skewed)
        #expect(plainCell.atomCount == skewedCell.atomCount)
        #expect(abs(plainCell.lattice.volume - skewedCell.lattice.volume) < 1e-9 * plainCell.lattice.volume)
        let plainOutput = try Week06CrystalGraphs().referenceOutput(for: plain)
        let skewedOutput = try Week06CrystalGraphs().referenceOutput(for: skewed)
        for field in ["edges", "megnet_edges"] {
            let a = numberRows(plainOutput.objectValue?[field]).map { $0[5] }.sorted()
            let b = numberRows(skewedOutput.objectValue?[field]).map { $0[5] }.sorted()
            let comparison = compare(b, a, atol: 1e-9, rtol: 0)
            #expect(comparison.isWithinTolerance, "\(field): \(comparison)")
        }
    }

    @Test("a malformed input is an error naming the field")
    func badInput() throws {
        var fields = try #require(Week06Case.publicCases[0].input().objectValue)
        fields["max_neighbors"] = "twelve"
        #expect(throws: ExercisesError.self) { try Week06CrystalGraphs().referenceOutput(for: .object(fields)) }
        do {
            _ = try Week06CrystalGraphs().referenceOutput(for: ["structure": ["lattice": [[1, 0, 0]]]])
            Issue.record("expected an error")
        } catch let error as ExercisesError {
            #expect(error.description.contains("structure.lattice"))
        }
    }
}
