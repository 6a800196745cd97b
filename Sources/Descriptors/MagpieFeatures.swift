import Crystal

/// Magpie composition features exactly as matminer 0.10.1's
/// `ElementProperty.from_preset("magpie")` computes them (Ward et al., "A general-purpose
/// machine learning framework for predicting properties of inorganic materials", npj Comput.
/// Mater. 2, 16028 (2016), doi:10.1038/npjcompumats.2016.28): for each of the 22
/// ``MagpieProperty`` values, in order, the six ``MagpieStatistic`` values, in order: 132
/// features labelled `MagpieData <statistic> <property>` (``labels``).
///
/// The elemental values are the Magpie tables matminer ships
/// (`exercises/data/matminer-0.10.1/magpie_elementdata`, embedded in `Crystal`), read as
/// matminer reads them; ``MissingElementData`` says what happens where a table has no value.
///
/// Tolerance contract, checked on the fixture `Tests/Fixtures/descriptors/magpie.json` (made
/// by `scripts/fixtures/magpie.py` with matminer itself): every feature agrees with matminer's
/// within `1e-11 + 1e-13 * |matminer's value|` (absolute part in the property's own unit),
/// NaN exactly where matminer has NaN. Measured on the 81 fixture formulas: 98% of the
/// features are bit-identical, the largest difference is 2.3e-13 (avg_dev of MeltingT, values
/// ~1600 K: one unit in the last place) and the largest relative difference 5.5e-16. The
/// differences come from summation order (matminer sums the elements in the formula's order,
/// this code by atomic number); the absolute part covers `avg_dev` of nearly equal values,
/// where the mean's last place (up to ~5e-13 for melting points near 4000 K) is all that
/// differs. `minimum`, `maximum`, `range` and `mode` involve at most one subtraction and agree
/// exactly.
public struct MagpieFeaturizer: Sendable {
    /// The properties, in matminer's order.
    public static let properties = MagpieProperty.allCases
    /// The statistics, in matminer's order.
    public static let statistics = MagpieStatistic.allCases
    /// 22 x 6 = 132.
    public static var featureCount: Int { properties.count * statistics.count }

    /// matminer's `feature_labels()`: `MagpieData minimum Number`, `MagpieData maximum Number`,
    /// ..., `MagpieData mode SpaceGroupNumber` (property-major).
    public static let labels: [String] = properties.flatMap { property in
        statistics.map { "MagpieData \($0.rawValue) \(property.rawValue)" }
    }

    /// numpy's `isclose` defaults, with which matminer's `mode` decides that amounts tie.
    static let tieRelativeTolerance = 1e-5
    static let tieAbsoluteTolerance = 1e-8

    public let missingData: MissingElementData

    /// `[propertyCount x Element.maximumAtomicNumber]`, row-major: the value of property p for
    /// element Z at `p * 103 + Z - 1`, after imputation; NaN where missing (``propagateNaN``).
    private let values: [Double]

    /// Reads the 22 embedded tables.
    /// - Throws: ``DescriptorsError/invalidOption(name:value:reason:)`` if a table is not
    ///   embedded (a broken build of `Crystal`).
    public init(missingData: MissingElementData = .imputeTableMean) throws {
        self.missingData = missingData
        var values: [Double] = []
        values.reserveCapacity(Self.properties.count * Element.maximumAtomicNumber)
        for property in Self.properties {
            let table: [Double?]
            do {
                table = try MagpieElementData.matminerScalarTable(named: property.rawValue)
            } catch {
                throw DescriptorsError.invalidOption(
                    name: "Magpie table", value: property.rawValue,
                    reason: "not embedded (\(error)); regenerate Sources/Crystal/Elements with scripts/data/")
            }
            let known = table.compactMap { $0 }
            // numpy.nanmean over Z = 1...118: matminer's imputed value.
            let tableMean = known.isEmpty ? Double.nan : known.reduce(0, +) / Double(known.count)
            let fill = missingData == .imputeTableMean ? tableMean : .nan
            for index in 0..<Element.maximumAtomicNumber {
                values.append((index < table.count ? table[index] : nil) ?? fill)
            }
        }
        self.values = values
    }

    /// The value of `property` for `element` that the features use (imputed or NaN where the
    /// table has none, as ``missingData`` says).
    public func value(of property: MagpieProperty, for element: Element) -> Double {
        let row = Self.properties.firstIndex(of: property) ?? 0
        return values[row * Element.maximumAtomicNumber + element.atomicNumber - 1]
    }

    /// The 132 features of `composition`, in the order of ``labels``.
    public func features(of composition: Composition) -> [Double] {
        let elements = composition.elements
        let indices = elements.map { $0.atomicNumber - 1 }
        let amounts = elements.map { composition[$0] }
        let totalAmount = amounts.reduce(0, +)
        let largestAmount = amounts.max() ?? 0
        let tieAllowance = Self.tieAbsoluteTolerance + Self.tieRelativeTolerance * abs(largestAmount)
        let isLargest = amounts.map { abs($0 - largestAmount) <= tieAllowance }

        var features: [Double] = []
        features.reserveCapacity(Self.featureCount)
        var propertyValues = [Double](repeating: 0, count: elements.count)
        for row in Self.properties.indices {
            let offset = row * Element.maximumAtomicNumber
            var anyMissing = false
            for (slot, index) in indices.enumerated() {
                propertyValues[slot] = values[offset + index]
                anyMissing = anyMissing || propertyValues[slot].isNaN
            }
            Self.appendStatistics(
                of: propertyValues, amounts: amounts, totalAmount: totalAmount, isLargest: isLargest,
                anyMissing: anyMissing, to: &features)
        }
        return features
    }

    /// Appends the six statistics of one property over the elements of a formula (order of
    /// ``MagpieStatistic``) to `features`.
    static func appendStatistics(
        of values: [Double], amounts: [Double], totalAmount: Double, isLargest: [Bool], anyMissing: Bool,
        to features: inout [Double]
    ) {
        var minimum = Double.nan, maximum = Double.nan
        if !anyMissing, let first = values.first {
            minimum = values.reduce(first, Swift.min)
            maximum = values.reduce(first, Swift.max)
        }
        var weightedSum = 0.0
        for (value, amount) in zip(values, amounts) { weightedSum += value * amount }
        let mean = weightedSum / totalAmount
        var deviationSum = 0.0
        for (value, amount) in zip(values, amounts) { deviationSum += abs(value - mean) * amount }
        // numpy's min over the tied entries: NaN if any of them is NaN.
        var mode = Double.infinity
        for (value, tied) in zip(values, isLargest) where tied {
            mode = value.isNaN || mode.isNaN ? .nan : Swift.min(mode, value)
        }
        features.append(minimum)
        features.append(maximum)
        features.append(maximum - minimum)
        features.append(mean)
        features.append(deviationSum / totalAmount)
        features.append(mode)
    }
}
