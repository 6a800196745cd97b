import Crystal
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

/// The README's edge rule, as a student would write it from the input alone: all images
/// within the radius (image ranges from the lattice-plane spacings), sorted by distance, ties
/// (within 1e-8 A) by j then image, the first `max_neighbors` kept. A slow, obvious oracle
/// for the reference's edges, tie-breaks included.
@Suite("Week 6 edges by the README's rule")
struct Week06TieTests {
    struct Candidate { let j: Int, image: SIMD3<Int>, distance: Double }

    static func oracleEdges(_ input: JSONValue) throws -> [[Double]] {
        let structure = try StructureDocument.structure(in: input)
        let radius = 8.0, count = 12
        let lattice = structure.lattice
        let spacings = lattice.planeSpacings
        let reach = (0..<3).map { Int((radius / spacings[$0]).rounded(.up)) }
        let positions = structure.cartesianCoordinates
        var rows: [[Double]] = []
        for i in 0..<structure.atomCount {
            var candidates: [Candidate] = []
            for j in 0..<structure.atomCount {
                for a in -reach[0]...reach[0] {
                    for b in -reach[1]...reach[1] {
                        for c in -reach[2]...reach[2] where !(i == j && a == 0 && b == 0 && c == 0) {
                            let offset = Double(a) * lattice.a + Double(b) * lattice.b + Double(c) * lattice.c
                            let d = positions[j] + offset - positions[i]
                            let distance = (d * d).sum().squareRoot()
                            if distance <= radius { candidates.append(Candidate(j: j, image: SIMD3(a, b, c), distance: distance)) }
                        }
                    }
                }
            }
            candidates.sort { $0.distance < $1.distance }
            var start = 0
            while start < candidates.count {
                var end = start + 1
                while end < candidates.count && candidates[end].distance - candidates[end - 1].distance < 1e-8 { end += 1 }
                candidates[start..<end].sort { ($0.j, $0.image.x, $0.image.y, $0.image.z) < ($1.j, $1.image.x, $1.image.y, $1.image.z) }
                start = end
            }
            for kept in candidates.prefix(count) {
                rows.append([Double(i), Double(kept.j), Double(kept.image.x), Double(kept.image.y), Double(kept.image.z), kept.distance])
            }
        }
        return rows
    }

    @Test("every public case has ties at the 12th neighbor, and the reference keeps the README's choice",
          arguments: Week06Case.publicCases)
    func referenceFollowsTieRule(_ testCase: Week06Case) throws {
        let input = try testCase.input()
        let all = try StructureDocument.structure(in: input).neighbors(within: 8)
        let tiedSites = all.sites.filter { list in
            let distances = list.map(\.distance).sorted()
            return distances.count > 12 && distances[12] - distances[11] < 1e-6
        }
        #expect(!tiedSites.isEmpty, "no tie at the 12th neighbor: the tie rule is not exercised")
        let expected = try Self.oracleEdges(input)
        let observed = numberRows(try Week06CrystalGraphs().referenceOutput(for: input).objectValue?["edges"])
        #expect(observed.count == expected.count)
        #expect(observed.map { $0.prefix(5) } == expected.map { $0.prefix(5) }, "(i, j, image) differ from the README's rule")
        let comparison = compare(observed.map { $0[5] }, expected.map { $0[5] }, atol: 1e-9, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }
}
