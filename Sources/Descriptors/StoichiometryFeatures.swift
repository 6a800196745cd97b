import Crystal
import Foundation

/// matminer 0.10.1's `Stoichiometry()` features (Ward et al., npj Comput. Mater. 2, 16028
/// (2016), doi:10.1038/npjcompumats.2016.28): the p-norms of the atomic fractions x_i of a
/// formula, `||x||_p = (sum x_i^p)^(1/p)` for p > 0, and for p = 0 the number of elements.
/// matminer's default p list is 0, 2, 3, 5, 7, 10, labelled `0-norm`, `2-norm`, ...; its
/// `num_atoms` option (atoms per integer formula unit) is not offered.
///
/// Tolerance contract, checked on `Tests/Fixtures/descriptors/magpie.json` (matminer itself,
/// `scripts/fixtures/magpie.py`): every feature within `1e-15 + 1e-13 * |matminer's value|`
/// (measured: at most 1.1e-16, one unit in the last place); the `0-norm` exactly. The same
/// `pow` is used; only the order of the sum differs (matminer: the formula's order; here: by
/// atomic number).
public struct StoichiometryFeaturizer: Sendable {
    /// matminer's default `p_list`.
    public static let defaultNorms = [0, 2, 3, 5, 7, 10]

    /// The p of each feature, in order; each >= 0.
    public let norms: [Int]

    /// - Parameter norms: the p values, each >= 0 (p = 0 counts the elements).
    /// - Throws: ``DescriptorsError/invalidOption(name:value:reason:)`` for a negative p or
    ///   an empty list.
    public init(norms: [Int] = defaultNorms) throws {
        guard !norms.isEmpty else {
            throw DescriptorsError.invalidOption(name: "p-norm list", value: "[]", reason: "give at least one p >= 0")
        }
        if let negative = norms.first(where: { $0 < 0 }) {
            throw DescriptorsError.invalidOption(
                name: "p-norm", value: String(negative), reason: "the p-norm is not defined for p < 0; use p >= 0")
        }
        self.norms = norms
    }

    /// matminer's `feature_labels()`: `0-norm`, `2-norm`, ...
    public var labels: [String] { norms.map { "\($0)-norm" } }

    /// The p-norms of `composition`'s atomic fractions, in the order of ``norms``.
    public func features(of composition: Composition) -> [Double] {
        let elements = composition.elements
        let amounts = elements.map { composition[$0] }
        let atomCount = amounts.reduce(0, +)
        return norms.map { p -> Double in
            if p == 0 { return Double(amounts.count) }
            let exponent = Double(p)
            var sum = 0.0
            for amount in amounts { sum += pow(amount / atomCount, exponent) }
            return pow(sum, 1.0 / exponent)
        }
    }
}
