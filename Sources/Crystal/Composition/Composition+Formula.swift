import Foundation

/// Formula strings and weights with pymatgen's conventions (`Composition.formula`,
/// `reduced_formula`, `weight`), so that students' pymatgen output and matgrade's agree.
extension Composition {
    /// Amounts within this of an integer count as integers (pymatgen's `amount_tolerance`).
    public static let amountTolerance = 1e-8

    /// Formula weight, amu: the sum of amount x standard atomic mass.
    public var weight: Double { amounts.reduce(0) { $0 + $1.value * $1.key.atomicMass } }

    /// The elements ordered as pymatgen orders formulas: by Pauling electronegativity, then
    /// symbol; elements without an electronegativity (noble gases) last.
    public var elementsByElectronegativity: [Element] {
        amounts.keys.sorted { lhs, rhs in
            switch (lhs.electronegativity, rhs.electronegativity) {
            case let (l?, r?) where l != r: return l < r
            case (nil, .some): return false
            case (.some, nil): return true
            default: return lhs.symbol < rhs.symbol
            }
        }
    }

    /// The full formula, elements by electronegativity, every amount written (`Fe4 O6`
    /// without spaces: `Fe4O6`), as pymatgen's `formula` with spaces removed.
    public var formula: String {
        elementsByElectronegativity.map { $0.symbol + Self.formatAmount(amounts[$0] ?? 0, omitOne: false) }.joined()
    }

    /// Elements in alphabetical order with amounts, as pymatgen's `alphabetical_formula`
    /// without spaces.
    public var alphabeticalFormula: String {
        amounts.keys.sorted { $0.symbol < $1.symbol }
            .map { $0.symbol + Self.formatAmount(amounts[$0] ?? 0, omitOne: false) }.joined()
    }

    /// The reduced formula and the factor it was divided by, as pymatgen's
    /// `get_reduced_formula_and_factor`: integer amounts are divided by their greatest common
    /// divisor, a trailing polyanion is written in parentheses (`Mg3(PO4)2`), and the
    /// molecular elements and peroxides are named as pymatgen names them (`O2`, `H2O2`,
    /// `Li2O2`, with the factor halved: `LiO` gives (`Li2O2`, 0.5)). Non-integer compositions
    /// are not reduced (factor 1).
    public var reducedFormulaAndFactor: (formula: String, factor: Double) {
        let isIntegral = amounts.values.allSatisfy { abs($0 - $0.rounded()) < Self.amountTolerance }
        guard isIntegral else { return (formula, 1) }
        let counts = amounts.mapValues { Int($0.rounded()) }
        var (reduced, factor) = Self.reduce(counts)
        if let special = Self.specialFormulas[reduced] {
            reduced = special
            factor /= 2
        }
        return (reduced, factor)
    }

    /// The reduced formula (`Fe2O3`, `LiFePO4`, `O2`).
    public var reducedFormula: String { reducedFormulaAndFactor.formula }

    /// The composition divided by the reduction factor.
    public var reducedComposition: Composition {
        let factor = reducedFormulaAndFactor.factor
        return Composition(uncheckedAmounts: amounts.mapValues { $0 / factor })
    }

    /// pymatgen's `Composition.special_formulas` (pymatgen 2026.10.24): the reduced formulas
    /// of diatomic molecules and alkali peroxides, written doubled (`LiO` -> `Li2O2`, not the
    /// superoxide `LiO2`; `KO2` is left alone); the caller halves the factor.
    static let specialFormulas: [String: String] = [
        "LiO": "Li2O2", "NaO": "Na2O2", "KO": "K2O2", "HO": "H2O2", "CsO": "Cs2O2", "RbO": "Rb2O2",
        "O": "O2", "N": "N2", "F": "F2", "Cl": "Cl2", "H": "H2",
    ]

    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// pymatgen's `reduce_formula`: divide by the gcd; when the last two elements (by
    /// electronegativity) differ by less than 1.65 in electronegativity and there are at
    /// least three elements, write them as a parenthesised polyanion.
    static func reduce(_ counts: [Element: Int]) -> (String, Double) {
        let symbols = Composition(uncheckedAmounts: counts.mapValues(Double.init)).elementsByElectronegativity
        let factor = counts.values.reduce(0) { greatestCommonDivisor($0, $1) }
        var polyanion = ""
        var leading = symbols
        if symbols.count >= 3, let last = symbols[symbols.count - 1].electronegativity,
           let secondLast = symbols[symbols.count - 2].electronegativity, last - secondLast < 1.65 {
            let pair = [symbols[symbols.count - 2], symbols[symbols.count - 1]]
            let pairCounts = Dictionary(uniqueKeysWithValues: pair.map { ($0, (counts[$0] ?? 0) / max(factor, 1)) })
            let (pairFormula, pairFactor) = reduce(pairCounts)
            if pairFactor != 1 {
                polyanion = "(\(pairFormula))\(Int(pairFactor))"
                leading.removeLast(2)
            }
        }
        let body = leading.map { $0.symbol + formatAmount(Double(counts[$0] ?? 0) / Double(max(factor, 1)), omitOne: true) }.joined()
        return (body + polyanion, Double(max(factor, 1)))
    }

    /// pymatgen's `formula_double_format`: integers without a decimal point (and 1 omitted
    /// when `omitOne`), other amounts rounded to 8 decimals in shortest form.
    static func formatAmount(_ amount: Double, omitOne: Bool) -> String {
        if abs(amount - amount.rounded(.towardZero)) < amountTolerance {
            let integer = Int(amount.rounded(.towardZero))
            return integer == 1 && omitOne ? "" : String(integer)
        }
        let rounded = (amount * 1e8).rounded() / 1e8
        return String(rounded)
    }
}
