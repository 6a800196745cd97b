/// Parses chemical formulas as chemists write them:
/// - element symbols with counts: `Fe2O3`, `Li7La3Zr2O12`, fractional `Fe0.7Ni0.3`;
/// - groups in `()`, `[]` or `{}` with a count, nested: `Ca(OH)2`, `K4[Fe(CN)6]`;
/// - adducts joined by `·`, `•`, `∙` or `*`, each with an optional leading multiplier:
///   `CuSO4·5H2O`. A `.` is always a decimal point (`CuSO4.5H2O` reads as O4.5, as it does in
///   pymatgen), so write hydrates with `·` or `*`;
/// - spaces between tokens are ignored, and so is `@` (endohedral fullerenes: `Y3N@C80` is
///   Y3 N C80), as pymatgen's `Composition` drops it.
/// Symbols are case-sensitive (`CO` is carbon and oxygen, `Co` is cobalt); a case mistake
/// that cannot be read otherwise (`FE2O3`, `fe2o3`) is rejected with the likely symbol.
struct FormulaParser {
    private let formula: String
    private let characters: [Character]
    private var position = 0

    init(_ formula: String) {
        self.formula = formula
        characters = Array(formula)
    }

    /// The amounts of each element; an element appearing several times is summed.
    mutating func parse() throws -> [Element: Double] {
        skipSpaces()
        guard position < characters.count else { throw error("the formula is empty; give one such as Fe2O3") }
        var total: [Element: Double] = [:]
        while true {
            let multiplier = try readNumber() ?? 1
            let part = try readSequence(closing: nil)
            for (element, amount) in part { total[element, default: 0] += amount * multiplier }
            skipSpaces()
            guard position < characters.count else { break }
            if Self.adductSeparators.contains(characters[position]) {
                position += 1
                skipSpaces()
                guard position < characters.count else {
                    throw CrystalError.invalidFormula(
                        formula: formula, position: position - 1, reason: "nothing follows the '\(characters[position - 1])'")
                }
                continue
            }
            throw error("unexpected character '\(characters[position])'")
        }
        return total
    }

    static let adductSeparators: Set<Character> = ["·", "•", "∙", "*"]
    private static let closingBracket: [Character: Character] = ["(": ")", "[": "]", "{": "}"]

    private mutating func readSequence(closing: Character?) throws -> [Element: Double] {
        var amounts: [Element: Double] = [:]
        let start = position
        while true {
            skipSpaces()
            guard position < characters.count else { break }
            let character = characters[position]
            if let expected = Self.closingBracket[character] {
                position += 1
                let inner = try readSequence(closing: expected)
                let count = try readNumber() ?? 1
                for (element, amount) in inner { amounts[element, default: 0] += amount * count }
            } else if character == closing {
                break
            } else if Self.closingBracket.values.contains(character) {
                throw error(closing == nil ? "'\(character)' closes a group that was never opened"
                                           : "'\(character)' does not match the open group; expected '\(closing ?? " ")'")
            } else if character.isLetter {
                let element = try readElement()
                let count = try readNumber() ?? 1
                amounts[element, default: 0] += count
            } else {
                break
            }
        }
        if let closing {
            guard position < characters.count, characters[position] == closing else {
                throw error("missing '\(closing)' to close the group")
            }
            position += 1
        }
        if amounts.isEmpty {
            throw CrystalError.invalidFormula(
                formula: formula, position: min(start, max(characters.count - 1, 0)),
                reason: closing == nil ? "expected an element symbol such as Fe" : "empty group")
        }
        return amounts
    }

    private mutating func readElement() throws -> Element {
        let start = position
        var symbol = String(characters[position])
        position += 1
        if position < characters.count, characters[position].isLowercase, characters[position].isASCII {
            symbol.append(characters[position])
            position += 1
        }
        if characters[start].isUppercase, let element = Element.lookup(symbol: symbol) { return element }
        // Not a symbol as written: look for the one the writer most likely meant, ignoring
        // case: these two letters (`fe`), the previous letter and this one (`FE`, read as F
        // then E), or this letter alone when it is lowercase (`o`).
        var candidates: [String] = []
        if start + 1 < characters.count, characters[start + 1].isLetter {
            candidates.append(String(characters[start...(start + 1)]))
        }
        if start > 0, characters[start - 1].isLetter { candidates.append(String(characters[(start - 1)...start])) }
        if characters[start].isLowercase { candidates.append(String(characters[start])) }
        for candidate in candidates {
            if let match = Self.caseInsensitiveMatch(candidate), match != candidate {
                throw CrystalError.invalidFormula(
                    formula: formula, position: start,
                    reason: "unknown element symbol '\(symbol)': symbols are case-sensitive; did you mean '\(match)' for '\(candidate)'?")
            }
        }
        throw CrystalError.invalidFormula(
            formula: formula, position: start,
            reason: "unknown element symbol '\(symbol)'; expected a symbol of elements 1-103 (H ... Lr) such as Fe or O")
    }

    private static func caseInsensitiveMatch(_ text: String) -> String? {
        Element.symbols.first { $0.lowercased() == text.lowercased() }
    }

    /// A non-negative decimal count, or nil when none is here. Rejects zero.
    private mutating func readNumber() throws -> Double? {
        skipSpaces()
        let start = position
        while position < characters.count, characters[position].isASCII,
              characters[position].isNumber || characters[position] == "." {
            position += 1
        }
        guard position > start else { return nil }
        let text = String(characters[start..<position])
        guard let value = Double(text), value.isFinite else {
            throw CrystalError.invalidFormula(formula: formula, position: start, reason: "'\(text)' is not a number")
        }
        guard value > 0 else {
            throw CrystalError.invalidFormula(formula: formula, position: start, reason: "count '\(text)' must be > 0")
        }
        return value
    }

    /// Skips spaces, tabs and `@` (which pymatgen removes before parsing).
    private mutating func skipSpaces() {
        while position < characters.count, [" ", "\t", "@"].contains(characters[position]) { position += 1 }
    }

    private func error(_ reason: String) -> CrystalError {
        CrystalError.invalidFormula(formula: formula, position: min(position, characters.count), reason: reason)
    }
}

extension Composition {
    /// The composition of a chemical formula; see ``FormulaParser`` for the accepted syntax.
    /// - Throws: ``CrystalError/invalidFormula(formula:position:reason:)`` naming the character.
    public init(formula: String) throws {
        var parser = FormulaParser(formula)
        self.init(uncheckedAmounts: try parser.parse())
    }
}
