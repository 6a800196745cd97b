/// A chemical element, 1 (H) to 103 (Lr). A value type holding only the atomic number;
/// properties come from ``ElementTable`` (pymatgen's and Magpie's tables, see
/// `exercises/data/README.md`).
public struct Element: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Atomic number Z, 1...103.
    public let atomicNumber: Int

    /// The symbols of elements 1-103, index Z - 1.
    public static let symbols: [String] = [
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne",
        "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
        "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn",
        "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr",
        "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn",
        "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
        "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb",
        "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
        "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th",
        "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm",
        "Md", "No", "Lr",
    ]

    /// The highest atomic number the course's tables cover.
    public static let maximumAtomicNumber = 103

    private static let numberBySymbol: [String: Int] = {
        var map: [String: Int] = [:]
        for (index, symbol) in symbols.enumerated() { map[symbol] = index + 1 }
        return map
    }()

    private static let numberByUppercasedSymbol: [String: Int] = {
        var map: [String: Int] = [:]
        for (index, symbol) in symbols.enumerated() { map[symbol.uppercased()] = index + 1 }
        return map
    }()

    /// The element with atomic number `atomicNumber`.
    /// - Throws: ``CrystalError/invalidArgument(name:value:reason:)`` outside 1...103.
    public init(atomicNumber: Int) throws {
        guard (1...Self.maximumAtomicNumber).contains(atomicNumber) else {
            throw CrystalError.invalidArgument(
                name: "atomic number", value: String(atomicNumber),
                reason: "must be in 1...\(Self.maximumAtomicNumber)")
        }
        self.atomicNumber = atomicNumber
    }

    /// The element whose symbol is exactly `symbol` (case-sensitive: `Fe`, not `FE` or `fe`).
    /// - Throws: ``CrystalError/unknownElement(symbol:suggestion:)``, with the correctly cased
    ///   symbol as a suggestion when only the case is wrong.
    public init(symbol: String) throws {
        if let number = Self.numberBySymbol[symbol] {
            atomicNumber = number
            return
        }
        let suggestion = Self.numberByUppercasedSymbol[symbol.uppercased()].map { Self.symbols[$0 - 1] }
        throw CrystalError.unknownElement(symbol: symbol, suggestion: suggestion)
    }

    /// The element for an exactly spelled symbol, or nil.
    public static func lookup(symbol: String) -> Element? {
        numberBySymbol[symbol].map { Element(validatedAtomicNumber: $0) }
    }

    init(validatedAtomicNumber: Int) { atomicNumber = validatedAtomicNumber }

    /// All elements 1-103 in order of atomic number.
    public static var all: [Element] { (1...maximumAtomicNumber).map { Element(validatedAtomicNumber: $0) } }

    public var symbol: String { Self.symbols[atomicNumber - 1] }
    public var description: String { symbol }

    public static func < (lhs: Element, rhs: Element) -> Bool { lhs.atomicNumber < rhs.atomicNumber }
}
