import Foundation

/// Magpie's per-element tables as matminer 0.10.1 ships them (`magpie_elementdata`; Ward et
/// al., npj Comput. Mater. 2, 16028 (2016)). Line k of a table is element Z = k; a line holds
/// one value, several space-separated values (`OxidationStates`, `IonizationEnergies`), or
/// `Missing`. Tables have up to 118 lines; lines past the table's end are missing values.
public enum MagpieElementData {
    /// The table names, as matminer's file stems (`Electronegativity`, `NValence`, ...).
    public static var tableNames: [String] { EmbeddedElementData.magpieTables.keys.sorted() }

    /// The values of table `name` for elements 1...103, index Z - 1; nil where Magpie has
    /// `Missing` or no line. An empty line (a noble gas's oxidation states) is `[]`.
    /// - Throws: ``CrystalError/invalidArgument(name:value:reason:)`` for an unknown table.
    public static func table(named name: String) throws -> [[Double]?] {
        guard let text = EmbeddedElementData.magpieTables[name] else {
            throw CrystalError.invalidArgument(
                name: "Magpie table", value: name, reason: "no such table; known: \(tableNames.joined(separator: ", "))")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (0..<Element.maximumAtomicNumber).map { index -> [Double]? in
            guard index < lines.count else { return nil }
            let line = String(lines[index]).trimmingCharacters(in: .whitespaces)
            if line == "Missing" { return nil }
            let values = line.split(separator: " ").compactMap { Double($0) }
            return values
        }
    }

    /// How many lines matminer's `MagpieData` reads from each table: elements Z = 1...118.
    public static let matminerElementCount = 118

    /// Table `name` read as matminer 0.10.1's `MagpieData` reads a single-valued table: line k
    /// is element Z = k for k = 1...118, one number or nothing; nil where matminer's
    /// `float(line)` fails (`Missing`, several values, an empty line, no line), which matminer
    /// turns into NaN. Index Z - 1. Elements past Lr are included because matminer's imputed
    /// value of a missing entry is the mean over all 118 (see `MagpieFeaturizer`).
    /// - Throws: ``CrystalError/invalidArgument(name:value:reason:)`` for an unknown table.
    public static func matminerScalarTable(named name: String) throws -> [Double?] {
        guard let text = EmbeddedElementData.magpieTables[name] else {
            throw CrystalError.invalidArgument(
                name: "Magpie table", value: name, reason: "no such table; known: \(tableNames.joined(separator: ", "))")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (0..<matminerElementCount).map { index -> Double? in
            guard index < lines.count else { return nil }
            let fields = lines[index].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard fields.count == 1, let value = Double(fields[0]), !value.isNaN else { return nil }
            return value
        }
    }

    /// A single-valued table, nil where missing (the first value where a line has several).
    public static func scalarTable(named name: String) throws -> [Double?] {
        try table(named: name).map { $0?.first }
    }
}
