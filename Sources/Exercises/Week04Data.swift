import Crystal
import Foundation
import JSONSupport
import Synchronization

/// Week 4's course data, loaded once per process and data folder:
///
/// - `crabnet-2.0.8/matbench/mp_e_form.csv.gz`: Matbench's `mp_e_form` (Dunn et al., npj
///   Comput. Mater. 6, 138 (2020); Materials Project data, Jain et al., APL Mater. 1, 011002
///   (2013)), `formula,target` with the formula of the computed cell (`Li8O4`) and its DFT
///   formation energy, eV/atom; polymorphs share a formula. Gzip-compressed, otherwise unchanged.
/// - `pymatgen-2026.10.24/calc_compounds.json.gz`: 423 Materials Project computed entries
///   (raw GGA total energies, eV per cell); its pure-element entries are the elemental
///   references (Ong et al., Comput. Mater. Sci. 68, 314 (2013)).
///
/// Only formation-energy rows whose elements all have a reference are kept: their total
/// energies can then be rebuilt as the Materials Project's own would be,
/// `E = N (E_f + Σ_i x_i μ_i)` with the references' energies per atom μ_i.
struct Week04Data: Sendable {
    struct FormationRow: Sendable {
        /// Line number in the CSV (the header is line 1), so an entry can be traced back.
        let line: Int
        /// The formula as the file writes it (the computed cell's composition).
        let formula: String
        let composition: Composition
        /// eV/atom.
        let formationEnergyPerAtom: Double
    }

    struct ElementalReference: Sendable {
        /// The Materials Project id (`mp-23`).
        let id: String
        let composition: Composition
        /// Raw total energy of the computed cell, eV.
        let totalEnergy: Double

        /// eV/atom.
        var energyPerAtom: Double { totalEnergy / composition.atomCount }
    }

    /// Kept rows by their sorted element list (the chemical system they span exactly).
    let rowsBySystem: [[Element]: [FormationRow]]
    let references: [Element: ElementalReference]

    static let formationPath = "crabnet-2.0.8/matbench/mp_e_form.csv.gz"
    static let referencesPath = "pymatgen-2026.10.24/calc_compounds.json.gz"

    private static let loaded = Mutex<[String: Week04Data]>([:])

    /// - Throws: ``ExercisesError/dataAccess(path:reason:)`` when a file is missing or malformed.
    static func load(dataFolder: URL) throws -> Week04Data {
        let key = dataFolder.standardizedFileURL.path
        if let known = loaded.withLock({ $0[key] }) { return known }
        let references = try readReferences(dataFolder.appendingPathComponent(referencesPath).path)
        let rows = try readFormationEnergies(dataFolder.appendingPathComponent(formationPath).path, references: references)
        let data = Week04Data(rowsBySystem: Dictionary(grouping: rows) { $0.composition.elements }, references: references)
        loaded.withLock { $0[key] = data }
        return data
    }

    /// Every row whose elements lie within `elements` (its subsystems included), by line.
    func rows(within elements: [Element]) -> [FormationRow] {
        let allowed = Set(elements)
        return rowsBySystem.filter { Set($0.key).isSubset(of: allowed) }.values.flatMap { $0 }.sorted { $0.line < $1.line }
    }

    private static func readReferences(_ path: String) throws -> [Element: ElementalReference] {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: GzipFile.contents(of: path))
        } catch let error as ExercisesError {
            throw error
        } catch {
            throw ExercisesError.dataAccess(path: path, reason: "\(error)")
        }
        guard let entries = document.objectValue else {
            throw ExercisesError.dataAccess(path: path, reason: "not pymatgen's calc_compounds table (an object of computed entries)")
        }
        var references: [Element: ElementalReference] = [:]
        for name in entries.keys.sorted() {
            guard let entry = entries[name]?.objectValue, let amounts = entry["composition"]?.objectValue, amounts.count == 1,
                  let symbol = amounts.keys.first, let element = Element.lookup(symbol: symbol),
                  let amount = amounts[symbol]?.numberValue, amount > 0,
                  let energy = entry["energy"]?.numberValue, energy.isFinite,
                  let id = entry["entry_id"]?.stringValue,
                  let composition = try? Composition([element: amount])
            else { continue }
            let candidate = ElementalReference(id: id, composition: composition, totalEnergy: energy)
            if let current = references[element], current.energyPerAtom <= candidate.energyPerAtom { continue }
            references[element] = candidate
        }
        guard !references.isEmpty else {
            throw ExercisesError.dataAccess(path: path, reason: "holds no pure-element entry; restore the file from the course repository")
        }
        return references
    }

    private static func readFormationEnergies(_ path: String, references: [Element: ElementalReference]) throws -> [FormationRow] {
        try MatbenchCSV.rows(ofGzipFile: path).compactMap { row in
            guard row.composition.elements.allSatisfy({ references[$0] != nil }) else { return nil }
            return FormationRow(line: row.line, formula: row.formula, composition: row.composition, formationEnergyPerAtom: row.target)
        }
    }
}
