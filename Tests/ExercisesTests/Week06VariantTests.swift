import Crystal
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

@Suite("Week 6 invariance variants")
struct Week06VariantTests {
    @Test("rotated, translated and permuted copies have the same graph", arguments: Week06Case.publicCases + Week06Case.hiddenCases)
    func variantsKeepTheGraph(_ testCase: Week06Case) throws {
        let exercise = Week06CrystalGraphs()
        let input = try testCase.input()
        let reference = try exercise.referenceOutput(for: input)
        let variants = try exercise.invarianceVariants(of: input, seed: 5)
        #expect(variants.map(\.name) == ["rotated", "translated", "permuted"])
        #expect(try exercise.invarianceVariants(of: input, seed: 5) == variants, "not reproducible")
        let referenceEdges = numberRows(reference.objectValue?["edges"])
        for variant in variants {
            let structure = try StructureDocument.structure(in: variant.input)
            #expect(variant.input.objectValue?["cif"]?.stringValue == structure.cifString(), "\(variant.name): cif not regenerated")
            let output = try exercise.referenceOutput(for: variant.input)
            var edges = numberRows(output.objectValue?["edges"])
            if let order = variant.siteOrder {
                #expect(order.sorted() == Array(order.indices))
                #expect(order != Array(order.indices))
                edges = edges.map { [Double(order[Int($0[0])]), Double(order[Int($0[1])])] + $0[2...] }
            }
            // Same multiset of (i, j, d) after mapping atoms back (images may differ only at ties).
            func keyed(_ rows: [[Double]]) -> [Double] {
                rows.sorted { ($0[0], $0[1], $0[5]) < ($1[0], $1[1], $1[5]) }.flatMap { [$0[0], $0[1], $0[5]] }
            }
            let comparison = compare(keyed(edges), keyed(referenceEdges), atol: 1e-9, rtol: 0)
            #expect(comparison.isWithinTolerance, "\(variant.name): \(comparison)")
        }
    }

    /// Wrapped like every graded input (so a CIF reader sees the same coordinates), the
    /// translated copy moves every atom by one shift modulo whole lattice vectors; its edges
    /// keep (i, j, distance) (the test above) while image offsets may change.
    @Test("the translated copy is one rigid shift, wrapped into the cell")
    func translationIsARigidShiftWrapped() throws {
        let input = try Week06Case.publicCases[1].input()
        let variants = try Week06CrystalGraphs().invarianceVariants(of: input, seed: 9)
        let translated = try #require(variants.first { $0.name == "translated" })
        let before = try StructureDocument.structure(in: input), after = try StructureDocument.structure(in: translated.input)
        let shift = after.fractionalCoordinates[0] - before.fractionalCoordinates[0]
        for (a, b) in zip(before.fractionalCoordinates, after.fractionalCoordinates) {
            let step = b - a - shift
            #expect(((step - step.rounded(.toNearestOrEven)) * (step - step.rounded(.toNearestOrEven))).sum() < 1e-20, "\(a) -> \(b)")
            #expect((0..<3).allSatisfy { b[$0] >= 0 && b[$0] < 1 }, "\(b) is not wrapped")
        }
        #expect(shift != SIMD3(repeating: 0))
    }
}
