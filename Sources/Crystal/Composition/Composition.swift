/// An amount of each element, as in a chemical formula (`Fe2O3`: Fe 2, O 3). Amounts are
/// positive and may be fractional (`Fe0.7Ni0.3`).
public struct Composition: Hashable, Sendable {
    /// Amount of each element present (> 0).
    public let amounts: [Element: Double]

    /// - Throws: ``CrystalError/invalidArgument(name:value:reason:)`` for a negative,
    ///   zero-sum or non-finite amount. Zero amounts are dropped.
    public init(_ amounts: [Element: Double]) throws {
        for (element, amount) in amounts where !(amount >= 0 && amount.isFinite) {
            throw CrystalError.invalidArgument(
                name: "amount of \(element.symbol)", value: String(amount), reason: "must be a finite number >= 0")
        }
        let kept = amounts.filter { $0.value > 0 }
        guard !kept.isEmpty else {
            throw CrystalError.invalidArgument(name: "composition", value: "\(amounts)", reason: "holds no element")
        }
        self.amounts = kept
    }

    init(uncheckedAmounts amounts: [Element: Double]) { self.amounts = amounts }

    /// The elements present, by increasing atomic number.
    public var elements: [Element] { amounts.keys.sorted() }
    /// Total number of atoms (sum of amounts).
    public var atomCount: Double { amounts.values.reduce(0, +) }
    /// Amount of `element`, 0 when absent.
    public subscript(element: Element) -> Double { amounts[element] ?? 0 }
    /// Atomic fraction of each element (sums to 1).
    public var fractions: [Element: Double] {
        let total = atomCount
        return amounts.mapValues { $0 / total }
    }
}
