import Crystal
import Descriptors
import Foundation
import Testing
import TestSupport

/// What matminer 0.10.1 does where a Magpie table says `Missing`, checked against the table
/// files themselves (`exercises/data/matminer-0.10.1/magpie_elementdata`, not the embedded
/// copy the code reads).
@Suite("Magpie features: missing elemental data")
struct MagpieMissingDataTests {
    /// The numbers of a table file, one line per element Z = 1, 2, ...; unparseable lines
    /// (`Missing`) skipped.
    static func knownValues(ofTable name: String) throws -> [Double] {
        let url = RepositoryPaths.exercisesData.appendingPathComponent("matminer-0.10.1/magpie_elementdata/\(name).table")
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: .newlines)
        return lines.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func feature(_ features: [Double], _ statistic: MagpieStatistic, _ property: MagpieProperty) throws -> Double {
        let index = try #require(MagpieFeaturizer.labels.firstIndex(of: "MagpieData \(statistic.rawValue) \(property.rawValue)"))
        return features[index]
    }

    @Test("impute_nan=True: a missing value is the table's mean over the elements that have one")
    func imputedValue() throws {
        let known = try Self.knownValues(ofTable: "MeltingT")
        let tableMean = known.reduce(0, +) / Double(known.count)
        let helium = try Element(symbol: "He")
        let value = try MagpieFeaturizer().value(of: .meltingTemperature, for: helium)
        #expect(abs(value - tableMean) <= 1e-12 * tableMean, "He MeltingT \(value), table mean \(tableMean) over \(known.count) values")
        let features = try MagpieFeaturizer().features(of: try Composition(formula: "He"))
        #expect(features.allSatisfy { $0.isFinite })
        try #expect(Self.feature(features, .mean, .meltingTemperature) == value)
    }

    @Test("impute_nan=False: NaN in every statistic but mode when any element lacks the value")
    func minorityMissing() throws {
        // Na2He: He has no MeltingT; Na, the majority, has 370.87 K.
        let features = try MagpieFeaturizer(missingData: .propagateNaN).features(of: try Composition(formula: "Na2He"))
        for statistic in [MagpieStatistic.minimum, .maximum, .range, .mean, .averageDeviation] {
            try #expect(Self.feature(features, statistic, .meltingTemperature).isNaN, "\(statistic)")
        }
        try #expect(Self.feature(features, .mode, .meltingTemperature) == 370.87)
        try #expect(Self.feature(features, .mean, .number) == 11 * 2 / 3.0 + 2 / 3.0)  // unaffected property
    }

    @Test("impute_nan=False: mode is NaN when a tied majority element lacks the value")
    func majorityMissing() throws {
        let featurizer = try MagpieFeaturizer(missingData: .propagateNaN)
        let tie = featurizer.features(of: try Composition(formula: "FrCl"))
        try #expect(Self.feature(tie, .mode, .meltingTemperature).isNaN)
        let majority = featurizer.features(of: try Composition(formula: "He2Na"))
        try #expect(Self.feature(majority, .mode, .meltingTemperature).isNaN)
    }
}
