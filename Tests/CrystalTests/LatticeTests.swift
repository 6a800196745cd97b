import Foundation
import Testing
import TestSupport
@testable import Crystal

@Suite("Lattice")
struct LatticeTests {
    struct ParameterCase: CustomTestStringConvertible, Sendable {
        let name: String
        let parameters: [Double]  // a, b, c, alpha, beta, gamma
        var testDescription: String { name }
    }

    static let parameterCases: [ParameterCase] = [
        ParameterCase(name: "cubic", parameters: [4.2, 4.2, 4.2, 90, 90, 90]),
        ParameterCase(name: "hexagonal", parameters: [3.2, 3.2, 5.1, 90, 90, 120]),
        ParameterCase(name: "monoclinic", parameters: [5.1, 6.3, 7.2, 90, 104.5, 90]),
        ParameterCase(name: "triclinic", parameters: [4.3, 5.7, 6.1, 77.2, 84.9, 101.3]),
        ParameterCase(name: "rhombohedral, sharp", parameters: [3.0, 3.0, 3.0, 35, 35, 35]),
    ]

    @Test("parameters round-trip and the identities hold", arguments: parameterCases)
    func identities(_ testCase: ParameterCase) throws {
        let p = testCase.parameters
        let lattice = try Lattice(a: p[0], b: p[1], c: p[2], alpha: p[3], beta: p[4], gamma: p[5])
        let lengths = compare([lattice.lengths.x, lattice.lengths.y, lattice.lengths.z], Array(p[0..<3]), atol: 1e-12)
        #expect(lengths.isWithinTolerance, "\(lengths)")
        let angles = compare([lattice.angles.x, lattice.angles.y, lattice.angles.z], Array(p[3..<6]), atol: 1e-9)
        #expect(angles.isWithinTolerance, "\(angles)")
        // reciprocal_i · vector_j = delta_ij, no 2 pi.
        var products: [Double] = [], identity: [Double] = []
        for i in 0..<3 {
            for j in 0..<3 {
                products.append(dot(lattice.reciprocalVectors[i], lattice.vectors[j]))
                identity.append(i == j ? 1 : 0)
            }
        }
        let reciprocal = compare(products, identity, atol: 1e-13)
        #expect(reciprocal.isWithinTolerance, "\(reciprocal)")
        // Volume from the parameters' closed form.
        let (ca, cb, cg) = (cos(p[3] * .pi / 180), cos(p[4] * .pi / 180), cos(p[5] * .pi / 180))
        let volume = p[0] * p[1] * p[2] * (1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg).squareRoot()
        #expect(abs(lattice.volume - volume) <= 1e-10 * volume)
        // Fractional <-> Cartesian round trip.
        let point = SIMD3(0.31, -1.7, 2.05)
        let back = lattice.fractional(fromCartesian: lattice.cartesian(fromFractional: point))
        let roundTrip = compare([back.x, back.y, back.z], [point.x, point.y, point.z], atol: 1e-13)
        #expect(roundTrip.isWithinTolerance, "\(roundTrip)")
    }

    @Test("degenerate and malformed lattices are rejected with the reason")
    func rejectsBadLattices() {
        #expect(throws: CrystalError.self) { try Lattice(matrix: [[1, 0, 0], [2, 0, 0], [0, 0, 1]]) }
        #expect(throws: CrystalError.self) { try Lattice(matrix: [[1, 0, 0], [0, 1, 0]]) }
        #expect(throws: CrystalError.self) { try Lattice(a: 3, b: 3, c: -1, alpha: 90, beta: 90, gamma: 90) }
        #expect(throws: CrystalError.self) { try Lattice(a: 3, b: 3, c: 3, alpha: 90, beta: 190, gamma: 90) }
        #expect(throws: CrystalError.self) { try Lattice(matrix: [[.nan, 0, 0], [0, 1, 0], [0, 0, 1]]) }
    }

    @Test("LLL reduction keeps the lattice and shortens a sheared basis")
    func latticeReduction() throws {
        let basis: [SIMD3<Double>] = [SIMD3(3, 0, 0), SIMD3(8, 3, 0), SIMD3(5, 7, 3)]
        let reduction = LatticeReduction(basis: basis)
        for i in 0..<3 {
            let rebuilt = Double(reduction.transform[i].x) * basis[0] + Double(reduction.transform[i].y) * basis[1]
                + Double(reduction.transform[i].z) * basis[2]
            let c = compare([rebuilt.x, rebuilt.y, rebuilt.z], [reduction.reduced[i].x, reduction.reduced[i].y, reduction.reduced[i].z])
            #expect(c.isWithinTolerance, "\(c)")
            // The input's longest vector is 9.1 A; the reduced basis of this lattice (volume 27 A^3)
            // is (3, 0, 0), (-1, 3, 0), (1, 1, 3) up to sign and order.
            #expect(length(reduction.reduced[i]) <= 3.32, "reduced vector \(i) is \(reduction.reduced[i])")
        }
        let inverse = reduction.inverseTransform
        for i in 0..<3 {
            for j in 0..<3 {
                let entry = (0..<3).reduce(0) { $0 + reduction.transform[i][$1] * inverse[$1][j] }
                #expect(entry == (i == j ? 1 : 0))
            }
        }
    }
}
