import GRDB

/// What a property of the materials database is, for filters, sorting and output.
public struct MaterialProperty: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case string, integer, number, list
    }

    public let name: String
    public let kind: Kind
    /// Unit and meaning, for `db info` and errors.
    public let summary: String

    /// The queryable properties, OPTIMADE's names where OPTIMADE defines one.
    public static let all: [MaterialProperty] = [
        MaterialProperty(name: "id", kind: .string, summary: "entry id (source and row, or the imported id)"),
        MaterialProperty(name: "source", kind: .string, summary: "the data set the entry comes from"),
        MaterialProperty(name: "chemical_formula_descriptive", kind: .string, summary: "the formula as the source writes it"),
        MaterialProperty(name: "chemical_formula_reduced", kind: .string, summary: "reduced formula, elements alphabetical (OPTIMADE's convention)"),
        MaterialProperty(name: "elements", kind: .list, summary: "element symbols, alphabetical"),
        MaterialProperty(name: "nelements", kind: .integer, summary: "number of elements"),
        MaterialProperty(name: "nsites", kind: .integer, summary: "atoms in the computed cell, where known"),
        MaterialProperty(name: "formation_energy_per_atom", kind: .number, summary: "DFT formation energy, eV/atom"),
        MaterialProperty(name: "band_gap", kind: .number, summary: "DFT (PBE) band gap, eV"),
        MaterialProperty(name: "e_above_hull", kind: .number, summary: "DFT energy above the convex hull, eV/atom"),
        MaterialProperty(name: "experimental_band_gap", kind: .number, summary: "measured band gap, eV"),
        MaterialProperty(name: "space_group_it_number", kind: .integer, summary: "space group number, International Tables (1-230)"),
        MaterialProperty(name: "prototype", kind: .string, summary: "structure prototype label"),
    ]

    static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

/// A filter that parses but cannot run: an unknown property, a value of the wrong type for
/// its property, an operator the property's type does not have.
public struct OptimadeQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    public let property: String
    public let problem: String
    public let fix: String

    public var description: String { "filter, property '\(property)': \(problem); \(fix)" }
}

extension OptimadeFilter {
    /// The filter as an SQL condition on the `entries` table, with every value a bound
    /// parameter (nothing of the filter's text is spliced into the SQL but column names
    /// from ``MaterialProperty/all``).
    ///
    /// A comparison with an unknown value is false, and `NOT` of it true. Under an even
    /// number of `NOT`s SQL's own NULL handling gives exactly that (AND and OR are monotone,
    /// and WHERE drops NULL), so comparisons stay plain and can use the indexes; under an odd
    /// number they become `COALESCE(..., 0)`. List conditions are bit operations on the
    /// row's element masks (``MaterialsDatabase/masks(_:)``), never NULL.
    /// - Throws: ``OptimadeQueryError``.
    func sql() throws(OptimadeQueryError) -> (condition: String, arguments: StatementArguments) {
        var arguments: [DatabaseValueConvertible?] = []
        let condition = try sql(into: &arguments, negated: false)
        return (condition, StatementArguments(arguments))
    }

    /// The single-bit words of a mask.
    static func bits(of mask: Int64) -> [Int64] {
        (0..<64).map { Int64(1) << Int64($0) }.filter { mask & $0 != 0 }
    }

    /// Every OR of a subset of `bits` (the empty one, 0, included).
    static func subsets(of bits: [Int64]) -> [Int64] {
        bits.reduce([Int64(0)]) { sums, bit in sums + sums.map { $0 | bit } }
    }

    private func sql(into arguments: inout [DatabaseValueConvertible?], negated: Bool) throws(OptimadeQueryError) -> String {
        func guarded(_ condition: String) -> String { negated ? "COALESCE(\(condition), 0)" : "(\(condition))" }
        switch self {
        case let .and(a, b):
            return "(\(try a.sql(into: &arguments, negated: negated)) AND \(try b.sql(into: &arguments, negated: negated)))"
        case let .or(a, b):
            return "(\(try a.sql(into: &arguments, negated: negated)) OR \(try b.sql(into: &arguments, negated: negated)))"
        case let .not(a):
            return "(NOT \(try a.sql(into: &arguments, negated: !negated)))"
        case let .compare(name, op, value):
            let property = try Self.property(name)
            switch (property.kind, value) {
            case (.list, _):
                throw OptimadeQueryError(property: name, problem: "is a list", fix: "use HAS, HAS ALL, HAS ANY, HAS ONLY or LENGTH")
            case (.string, .string(let text)):
                arguments.append(text)
            case (.integer, .number(let number)), (.number, .number(let number)):
                arguments.append(number)
            case (.string, .number(let number)):
                throw OptimadeQueryError(property: name, problem: "is a string, compared with the number \(Value.number(number))", fix: "quote the value: \(name)\(op.rawValue)\"\(Value.number(number))\"")
            case (_, .string(let text)):
                throw OptimadeQueryError(property: name, problem: "is a number, compared with the string \"\(text)\"", fix: "write the number without quotes")
            }
            let sqlOperator = op == .notEqual ? "<>" : op.rawValue
            return guarded("\(name) \(sqlOperator) ?")
        case let .string(name, op, text):
            let property = try Self.property(name)
            guard property.kind == .string else {
                throw OptimadeQueryError(property: name, problem: "is a \(property.kind.rawValue), not a string", fix: "\(op.rawValue) works on string properties only")
            }
            switch op {
            case .contains:
                arguments.append(text)
                return guarded("instr(\(name), ?) > 0")
            case .startsWith:
                arguments.append(contentsOf: [text, text])
                return guarded("substr(\(name), 1, length(?)) = ?")
            case .endsWith:
                arguments.append(contentsOf: [text, text, text])
                return guarded("length(?) <= length(\(name)) AND substr(\(name), length(\(name)) - length(?) + 1) = ?")
            }
        case let .has(name, op, values):
            let property = try Self.property(name)
            guard property.kind == .list else {
                throw OptimadeQueryError(property: name, problem: "is a \(property.kind.rawValue), not a list", fix: "HAS works on lists (elements); compare with = instead")
            }
            var symbols: [String] = []
            for value in values {
                guard case let .string(symbol) = value else {
                    throw OptimadeQueryError(property: name, problem: "holds element symbols, not the number \(value)", fix: "quote the symbols: HAS \"Li\"")
                }
                if !symbols.contains(symbol) { symbols.append(symbol) }
            }
            let masks = MaterialsDatabase.masks(symbols)
            switch op {
            // A word whose mask is 0 needs no term (most elements sit in the low word): every
            // term is work for each of the rows a filter scans.
            case .all:
                // A symbol that is no element can never be present.
                if symbols.contains(where: { MaterialsDatabase.masks([$0]) == (0, 0) }) { return "(0)" }
                var terms: [String] = []
                for (column, mask) in [("elements_mask_low", masks.low), ("elements_mask_high", masks.high)] where mask != 0 {
                    arguments.append(contentsOf: [mask, mask])
                    terms.append("(\(column) & ?) = ?")
                }
                return terms.isEmpty ? "(1)" : "(" + terms.joined(separator: " AND ") + ")"
            case .any:
                var terms: [String] = []
                for (column, mask) in [("elements_mask_low", masks.low), ("elements_mask_high", masks.high)] where mask != 0 {
                    arguments.append(mask)
                    terms.append("(\(column) & ?) <> 0")
                }
                return terms.isEmpty ? "(0)" : "(" + terms.joined(separator: " OR ") + ")"
            case .only:
                // The element sets within the list, as values the `entries_masks` index looks up
                // (2^k of them for k listed elements); a bit test on every row beyond 12.
                let lowBits = Self.bits(of: masks.low), highBits = Self.bits(of: masks.high)
                guard lowBits.count + highBits.count <= 12 else {
                    arguments.append(contentsOf: [~masks.low, ~masks.high])
                    return "((elements_mask_low & ?) = 0 AND (elements_mask_high & ?) = 0)"
                }
                let lows = Self.subsets(of: lowBits), highs = Self.subsets(of: highBits)
                arguments.append(contentsOf: lows.map { $0 as DatabaseValueConvertible? })
                arguments.append(contentsOf: highs.map { $0 as DatabaseValueConvertible? })
                let list = { (count: Int) in Array(repeating: "?", count: count).joined(separator: ", ") }
                return "(elements_mask_low IN (\(list(lows.count))) AND elements_mask_high IN (\(list(highs.count))))"
            }
        case let .length(name, op, value):
            let property = try Self.property(name)
            guard property.kind == .list else {
                throw OptimadeQueryError(property: name, problem: "is a \(property.kind.rawValue), not a list", fix: "LENGTH works on lists (elements LENGTH 3)")
            }
            arguments.append(value)
            return "(nelements \(op == .notEqual ? "<>" : op.rawValue) ?)"
        case let .known(name, isKnown):
            let property = try Self.property(name)
            if property.kind == .list { return isKnown ? "1" : "0" }
            return "(\(name) IS \(isKnown ? "NOT " : "")NULL)"
        }
    }

    static func property(_ name: String) throws(OptimadeQueryError) -> MaterialProperty {
        if let property = MaterialProperty.byName[name] { return property }
        let close = MaterialProperty.all.map(\.name).min { distance($0, name) < distance($1, name) }
        let suggestion = close.map { distance($0, name) <= 3 ? "did you mean '\($0)'? " : "" } ?? ""
        throw OptimadeQueryError(property: name, problem: "is not a property of this database",
                                 fix: suggestion + "the properties are " + MaterialProperty.all.map(\.name).joined(separator: ", "))
    }

    /// Levenshtein distance, for suggestions.
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
