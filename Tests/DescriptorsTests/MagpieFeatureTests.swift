import Crystal
import Descriptors
import Foundation
import Testing
import TestSupport

/// Magpie features against matminer 0.10.1 (`Tests/Fixtures/descriptors/magpie.json`), and
/// cases worked by hand from the Magpie tables.
///
/// Tolerance contract (MagpieFeaturizer's doc comment): |observed - matminer| <= 1e-11 +
/// 1e-13 * |matminer| per feature, NaN exactly where matminer has NaN. The relative part is
/// summation order (a few units in the last place of a mean); the absolute part, in the
/// property's unit, is `avg_dev` of nearly equal values, where the mean's last place is all
/// that differs (5e-13 K at 4000 K).
@Suite("Magpie features (matminer ElementProperty.from_preset(\"magpie\"))")
struct MagpieFeatureTests {
    static let absoluteTolerance = 1e-11
    static let relativeTolerance = 1e-13

    @Test("labels are matminer's, all 132, in order")
    func labels() throws {
        let fixture = try MagpieFixture.load()
        #expect(MagpieFeaturizer.labels.count == 132)
        #expect(MagpieFeaturizer.labels == fixture.magpie_labels)
        #expect(MagpieFeaturizer.labels.first == "MagpieData minimum Number")
        #expect(MagpieFeaturizer.labels.last == "MagpieData mode SpaceGroupNumber")
    }

    @Test("the fixture covers at least 60 formulas of every kind")
    func fixtureCoverage() throws {
        let fixture = try MagpieFixture.load()
        #expect(fixture.cases.count >= 60)
        #expect(fixture.cases.contains { $0.source == "expt_gap" })
        #expect(fixture.cases.contains { $0.source == "mp_e_form" })
        #expect(fixture.cases.contains { $0.amounts.count >= 5 })
        #expect(fixture.cases.contains { $0.magpie_impute_nan_false.contains(nil) })
    }

    @Test("every feature agrees with matminer (impute_nan=True, the preset's default)", arguments: MagpieFixture.formulas)
    func imputed(formula: String) throws {
        let golden = try MagpieFixture.namedCase(formula)
        let composition = try Composition(formula: formula)
        #expect(composition.amounts.count == golden.amounts.count, "\(formula): elements \(composition.elements)")
        for (symbol, amount) in golden.amounts {
            #expect(composition[try Element(symbol: symbol)] == amount, "\(formula): amount of \(symbol)")
        }
        let features = try MagpieFeaturizer().features(of: composition)
        let comparison = compare(features, golden.magpie, atol: Self.absoluteTolerance, rtol: Self.relativeTolerance)
        #expect(comparison.isWithinTolerance, "\(formula): \(comparison) (\(comparison.worstIndex.map { MagpieFeaturizer.labels[$0] } ?? ""))")
    }

    @Test("every feature agrees with matminer, NaN included (impute_nan=False)", arguments: MagpieFixture.formulas)
    func propagated(formula: String) throws {
        let golden = try MagpieFixture.namedCase(formula)
        let features = try MagpieFeaturizer(missingData: .propagateNaN).features(of: try Composition(formula: formula))
        let comparison = compare(
            features, nanForNull(golden.magpie_impute_nan_false), atol: Self.absoluteTolerance, rtol: Self.relativeTolerance)
        #expect(comparison.isWithinTolerance, "\(formula): \(comparison) (\(comparison.worstIndex.map { MagpieFeaturizer.labels[$0] } ?? ""))")
    }

    @Test("per-element values are MagpieData's, imputed and not", arguments: MagpieProperty.allCases)
    func elementValues(property: MagpieProperty) throws {
        let fixture = try MagpieFixture.load()
        let imputed = try MagpieFeaturizer(), raw = try MagpieFeaturizer(missingData: .propagateNaN)
        let expectedImputed = try #require(fixture.element_values.impute_nan_true[property.rawValue])
        let expectedRaw = nanForNull(try #require(fixture.element_values.impute_nan_false[property.rawValue]))
        let comparisonImputed = compare(Element.all.map { imputed.value(of: property, for: $0) }, expectedImputed, atol: 0, rtol: 1e-14)
        #expect(comparisonImputed.isWithinTolerance, "\(property.rawValue) imputed: \(comparisonImputed)")
        let comparisonRaw = compare(Element.all.map { raw.value(of: property, for: $0) }, expectedRaw, atol: 0, rtol: 0)
        #expect(comparisonRaw.isWithinTolerance, "\(property.rawValue): \(comparisonRaw)")
    }

    // MARK: worked by hand (Number is Z; the other values are read from the table files)

    static func feature(_ features: [Double], _ statistic: MagpieStatistic, _ property: MagpieProperty) throws -> Double {
        let index = try #require(MagpieFeaturizer.labels.firstIndex(of: "MagpieData \(statistic.rawValue) \(property.rawValue)"))
        return features[index]
    }

    @Test("a single element: every statistic is the element's own value")
    func singleElement() throws {
        let features = try MagpieFeaturizer().features(of: try Composition(formula: "Fe"))
        for statistic in [MagpieStatistic.minimum, .maximum, .mean, .mode] {
            try #expect(Self.feature(features, statistic, .number) == 26)
        }
        try #expect(Self.feature(features, .range, .number) == 0)
        try #expect(Self.feature(features, .averageDeviation, .number) == 0)
        try #expect(Self.feature(features, .mean, .meltingTemperature) == 1811)  // MeltingT.table line 26
    }

    @Test("Fe2O3 by hand: fraction-weighted mean and mean absolute deviation, mode of the majority")
    func binary() throws {
        let features = try MagpieFeaturizer().features(of: try Composition(formula: "Fe2O3"))
        // Z: Fe 26, O 8; fractions 0.4, 0.6.
        try #expect(Self.feature(features, .minimum, .number) == 8)
        try #expect(Self.feature(features, .maximum, .number) == 26)
        try #expect(Self.feature(features, .range, .number) == 18)
        try #expect(abs(Self.feature(features, .mean, .number) - 15.2) < 1e-12)  // 0.4*26 + 0.6*8
        try #expect(abs(Self.feature(features, .averageDeviation, .number) - 8.64) < 1e-12)  // 0.4*10.8 + 0.6*7.2
        try #expect(Self.feature(features, .mode, .number) == 8)
        // Same fractions, same features: Fe4O6 is Fe2O3.
        let doubled = try MagpieFeaturizer().features(of: try Composition(formula: "Fe4O6"))
        let comparison = compare(doubled, features, atol: 1e-12, rtol: 1e-14)
        #expect(comparison.isWithinTolerance, "Fe4O6 vs Fe2O3: \(comparison)")
    }

    @Test("a tie of the largest amounts gives the smallest value; numpy.isclose decides the tie")
    func modeTies() throws {
        let featurizer = try MagpieFeaturizer()
        let iron = try Element(symbol: "Fe"), nickel = try Element(symbol: "Ni")
        let ironMelting = featurizer.value(of: .meltingTemperature, for: iron)
        let nickelMelting = featurizer.value(of: .meltingTemperature, for: nickel)
        #expect(ironMelting > nickelMelting)  // 1811 K > 1728 K, so the tie rule shows
        let nacl = featurizer.features(of: try Composition(formula: "NaCl"))
        try #expect(Self.feature(nacl, .mode, .number) == 11)
        for (formula, expected) in [("Fe0.5Ni0.5", nickelMelting), ("Fe0.500001Ni0.5", nickelMelting), ("Fe0.5001Ni0.5", ironMelting)] {
            let features = featurizer.features(of: try Composition(formula: formula))
            try #expect(Self.feature(features, .mode, .meltingTemperature) == expected, "\(formula)")
        }
    }
}
