import Crystal
import Descriptors
import Foundation
import Testing
import TestSupport

/// Stoichiometry p-norms against matminer 0.10.1's `Stoichiometry()`
/// (`Tests/Fixtures/descriptors/magpie.json`) and by hand.
///
/// Tolerance contract (StoichiometryFeaturizer's doc comment): |observed - matminer| <=
/// 1e-15 + 1e-13 * |matminer|; the same `pow`, only the order of the sum differs.
@Suite("Stoichiometry features (matminer Stoichiometry())")
struct StoichiometryFeatureTests {
    @Test("labels and p list are matminer's defaults")
    func labels() throws {
        let fixture = try MagpieFixture.load()
        let featurizer = try StoichiometryFeaturizer()
        #expect(featurizer.norms == fixture.parameters.stoichiometry.p_list)
        #expect(featurizer.labels == fixture.stoichiometry_labels)
        #expect(featurizer.labels == ["0-norm", "2-norm", "3-norm", "5-norm", "7-norm", "10-norm"])
    }

    @Test("every norm agrees with matminer", arguments: MagpieFixture.formulas)
    func golden(formula: String) throws {
        let golden = try MagpieFixture.namedCase(formula)
        let features = try StoichiometryFeaturizer().features(of: try Composition(formula: formula))
        let comparison = compare(features, golden.stoichiometry, atol: 1e-15, rtol: 1e-13)
        #expect(comparison.isWithinTolerance, "\(formula): \(comparison)")
    }

    @Test("Fe2O3 by hand: fractions 0.4 and 0.6")
    func binary() throws {
        let features = try StoichiometryFeaturizer(norms: [0, 1, 2, 3]).features(of: try Composition(formula: "Fe2O3"))
        #expect(features[0] == 2)
        #expect(abs(features[1] - 1) < 1e-15)
        #expect(abs(features[2] - (0.16 + 0.36).squareRoot()) < 1e-15)
        #expect(abs(features[3] - pow(0.064 + 0.216, 1.0 / 3)) < 1e-15)
    }

    @Test("a single element has every norm 1")
    func singleElement() throws {
        let features = try StoichiometryFeaturizer().features(of: try Composition(formula: "O2"))
        #expect(features == [1, 1, 1, 1, 1, 1])
    }

    @Test("a negative p is rejected with the value and the fix")
    func negativeNorm() throws {
        #expect(throws: DescriptorsError.invalidOption(
            name: "p-norm", value: "-1", reason: "the p-norm is not defined for p < 0; use p >= 0")) {
            try StoichiometryFeaturizer(norms: [2, -1])
        }
    }
}
