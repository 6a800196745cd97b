import Descriptors
import Foundation
import Testing
import TestSupport

@Suite("Gaussian distance expansion")
struct GaussianExpansionTests {
    @Test("CGCNN's grid: 41 centers 0, 0.2, ..., 8.0 A, width 0.2 A, identical to numpy's arange")
    func cgcnnGrid() throws {
        let fixture = try GraphFixture.load()
        let expansion = GaussianExpansion.cgcnn
        #expect(expansion.centers == fixture.gaussian.cgcnnCenters)
        #expect(expansion.width == 0.2)
        #expect(try GaussianExpansion(minimum: 0, maximum: 8, step: 0.2) == expansion)
        #expect(expansion.centers.count == 41 && expansion.centers.last == 8.0)
    }

    @Test("numpy's arange rounding: 0...1.1 step 0.1 gives 13 centers, the last 1.2, as CGCNN's filter")
    func arangeRounding() throws {
        let fixture = try GraphFixture.load()
        let expansion = try GaussianExpansion(minimum: 0, maximum: 1.1, step: 0.1)
        #expect(expansion.centers == fixture.gaussian.roundingGrid)
        #expect(expansion.centers.count == 13)
    }

    @Test("MEGNet's grid: np.linspace(0, 5, 100), width 0.5 A")
    func megnetGrid() throws {
        let fixture = try GraphFixture.load()
        #expect(GaussianExpansion.megnet.centers == fixture.gaussian.megnetCenters)
        #expect(GaussianExpansion.megnet.width == 0.5)
        #expect(try GaussianExpansion(linearlySpacedFrom: 0, through: 5, count: 100, width: 0.5) == .megnet)
    }

    @Test("values agree with numpy's exp(-(d - mu)^2 / width^2)", arguments: 0..<9)
    func valuesAgreeWithNumpy(row: Int) throws {
        let fixture = try GraphFixture.load().gaussian
        let distance = fixture.distances[row]
        let cgcnn = compare(GaussianExpansion.cgcnn.expand(distance), fixture.cgcnnValues[row], atol: 1e-15, rtol: 1e-13)
        #expect(cgcnn.isWithinTolerance, "CGCNN at d = \(distance): \(cgcnn)")
        let megnet = compare(GaussianExpansion.megnet.expand(distance), fixture.megnetValues[row], atol: 1e-15, rtol: 1e-13)
        #expect(megnet.isWithinTolerance, "MEGNet at d = \(distance): \(megnet)")
    }

    /// (distance A, center index, expected value), worked by hand from the formula.
    static let handValues: [(Double, Int, Double)] = [
        (0, 0, 1),               // on the first center
        (2.4, 12, 1),            // on center 12 = 12 x 0.2 (to rounding)
        (2.5, 12, exp(-0.25)),   // (0.1 / 0.2)^2 = 0.25
        (2.6, 12, exp(-1)),      // one width away: 1/e, not e^(-1/2)
        (8, 40, 1),              // the last center is dmax itself
        (9, 40, exp(-25)),       // CGCNN's padding distance: tiny, not zero
        (9, 0, 0),               // exp(-2025) underflows to 0
    ]

    @Test("hand-worked values", arguments: handValues.indices)
    func handWorked(index: Int) {
        let (distance, center, expected) = Self.handValues[index]
        let observed = GaussianExpansion.cgcnn.expand(distance)[center]
        let comparison = compare([observed], [expected], atol: 1e-300, rtol: 1e-12)
        #expect(comparison.isWithinTolerance, "d = \(distance), center \(center): \(comparison)")
    }

    @Test("invalid grids and widths are refused with the value in the message")
    func invalidOptions() {
        #expect(throws: DescriptorsError.self) { try GaussianExpansion(minimum: 0, maximum: 0.1, step: 0.2) }
        #expect(throws: DescriptorsError.self) { try GaussianExpansion(minimum: 0, maximum: 8, step: 0) }
        #expect(throws: DescriptorsError.self) { try GaussianExpansion(centers: [1, 2], width: -0.5) }
        #expect(throws: DescriptorsError.self) { try GaussianExpansion(centers: [], width: 0.5) }
        #expect(throws: DescriptorsError.self) { try GaussianExpansion(linearlySpacedFrom: 5, through: 0, count: 10, width: 1) }
        do {
            _ = try GaussianExpansion(centers: [1], width: .nan)
            Issue.record("a NaN width was accepted")
        } catch {
            #expect("\(error)".contains("nan"), "message: \(error)")
        }
    }
}
