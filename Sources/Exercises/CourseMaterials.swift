import Crystal
import Foundation
import JSONSupport
import MaterialsDB

/// The course's materials database, built from the real data in `exercises/data`
/// (`matgrade db build`): one ``MaterialsDB/MaterialEntry`` per row of each source, with the
/// properties that source knows (the others unknown, so `band_gap IS KNOWN` picks the
/// band-gap rows). These are formula-level data sets: rows of different sources with the
/// same formula are different computations or measurements and stay separate entries.
///
/// | source | rows | properties | id |
/// | --- | --- | --- | --- |
/// | Matbench `mp_e_form` | 132,752 | formation_energy_per_atom, nsites | `mp_e_form-LINE` |
/// | Matbench `mp_gap` | 106,113 | band_gap (PBE), nsites | `mp_gap-LINE` |
/// | CrabNet `mp_e_hull` (train, val, test) | 56,662 | e_above_hull | `mp_e_hull-SPLIT-LINE` |
/// | Matbench `expt_gap` | 4,604 | experimental_band_gap | `expt_gap-LINE` |
/// | pymatgen `calc_compounds` | 423 | e_above_hull, nsites | the Materials Project id |
/// | pymatgen `aflow_prototypes` | 288 | space_group_it_number, prototype, nsites | `aflow-LABEL` |
public enum CourseMaterials {
    /// Every entry, source by source.
    /// - Throws: ``ExercisesError/dataAccess(path:reason:)``.
    public static func entries(dataFolder: URL) throws -> [MaterialEntry] {
        var entries: [MaterialEntry] = []
        func csv(_ relative: String, source: String, prefix: String, _ assign: (inout MaterialEntry, Double) -> Void) throws {
            for row in try MatbenchCSV.rows(ofGzipFile: dataFolder.appendingPathComponent(relative).path) {
                var entry = entry(id: "\(prefix)-\(row.line)", source: source, formula: row.formula, composition: row.composition)
                assign(&entry, row.target)
                entries.append(entry)
            }
        }
        try csv("crabnet-2.0.8/matbench/mp_e_form.csv.gz", source: "matbench mp_e_form", prefix: "mp_e_form") { $0.formationEnergyPerAtom = $1 }
        try csv("crabnet-2.0.8/matbench/mp_gap.csv.gz", source: "matbench mp_gap", prefix: "mp_gap") { $0.bandGap = $1 }
        for split in ["train", "val", "test"] {
            try csv("crabnet-2.0.8/mp_e_hull/\(split).csv.gz", source: "crabnet mp_e_hull", prefix: "mp_e_hull-\(split)") { entry, value in
                entry.energyAboveHull = value
                entry.siteCount = nil  // the formulas are reduced, not cells
            }
        }
        for (index, row) in try Week05BandGaps.embedded().entries.enumerated() {
            guard let composition = try? Composition(formula: row.formula) else { continue }
            var item = entry(id: "expt_gap-\(index + 2)", source: "matbench expt_gap", formula: row.formula, composition: composition)
            item.siteCount = nil
            item.experimentalBandGap = row.bandGap
            entries.append(item)
        }
        entries += try computedEntries(dataFolder.appendingPathComponent("pymatgen-2026.10.24/calc_compounds.json.gz").path)
        entries += try prototypes(dataFolder.appendingPathComponent("pymatgen-2026.10.24/aflow_prototypes.json.gz").path)
        return entries
    }

    /// An entry with the formula-derived properties; nsites when the amounts are whole.
    public static func entry(id: String, source: String, formula: String, composition: Composition) -> MaterialEntry {
        let total = composition.atomCount
        let reduced = composition.reducedComposition
        return MaterialEntry(
            id: id, source: source, formula: formula, reducedFormula: optimadeReducedFormula(reduced),
            elements: composition.elements.map(\.symbol), siteCount: total == total.rounded() && total < 1e6 ? Int(total) : nil)
    }

    /// OPTIMADE's `chemical_formula_reduced`: elements alphabetical, amounts omitted when 1.
    static func optimadeReducedFormula(_ composition: Composition) -> String {
        composition.elements.sorted { $0.symbol < $1.symbol }.map { element in
            let amount = composition[element]
            if amount == 1 { return element.symbol }
            return element.symbol + (amount == amount.rounded() && amount < 1e9 ? String(Int(amount)) : String(amount))
        }.joined()
    }

    private static func readGzipJSON(_ path: String) throws -> JSONValue {
        do {
            return try JSONValue(parsing: GzipFile.contents(of: path))
        } catch let error as ExercisesError {
            throw error
        } catch {
            throw ExercisesError.dataAccess(path: path, reason: "\(error)")
        }
    }

    static func computedEntries(_ path: String) throws -> [MaterialEntry] {
        guard let table = try readGzipJSON(path).objectValue else {
            throw ExercisesError.dataAccess(path: path, reason: "not pymatgen's calc_compounds table (an object of computed entries)")
        }
        return table.keys.sorted().compactMap { name -> MaterialEntry? in
            guard let item = table[name]?.objectValue, let id = item["entry_id"]?.stringValue,
                  let amounts = item["composition"]?.objectValue else { return nil }
            var parsed: [Element: Double] = [:]
            for (symbol, amount) in amounts {
                guard let element = Element.lookup(symbol: symbol), let number = amount.numberValue else { return nil }
                parsed[element] = number
            }
            guard let composition = try? Composition(parsed) else { return nil }
            var entry = entry(id: id, source: "pymatgen calc_compounds", formula: composition.formula, composition: composition)
            entry.energyAboveHull = item["data"]?.objectValue?["e_above_hull"]?.numberValue
            return entry
        }
    }

    static func prototypes(_ path: String) throws -> [MaterialEntry] {
        guard let list = try readGzipJSON(path).arrayValue else {
            throw ExercisesError.dataAccess(path: path, reason: "not pymatgen's AFLOW prototype list")
        }
        var seen: [String: Int] = [:]
        return list.compactMap { item -> MaterialEntry? in
            guard let tags = item.objectValue?["tags"]?.objectValue, let label = tags["aflow"]?.stringValue,
                  let sites = item.objectValue?["snl"]?.objectValue?["sites"]?.arrayValue else { return nil }
            var amounts: [Element: Double] = [:]
            for site in sites {
                for species in site.objectValue?["species"]?.arrayValue ?? [] {
                    guard let symbol = species.objectValue?["element"]?.stringValue, let element = Element.lookup(symbol: symbol) else { return nil }
                    amounts[element, default: 0] += species.objectValue?["occu"]?.numberValue ?? 1
                }
            }
            guard let composition = try? Composition(amounts) else { return nil }
            // AFLOW labels are composition_Pearson_spacegroup_Wyckoff: AB_hP6_154_a_b.
            let parts = label.split(separator: "_")
            // A label can name two prototypes (different minerals): the second gets "-2".
            seen[label, default: 0] += 1
            let id = "aflow-\(label)" + (seen[label] == 1 ? "" : "-\(seen[label] ?? 0)")
            var entry = entry(id: id, source: "pymatgen aflow_prototypes", formula: composition.formula, composition: composition)
            entry.spaceGroupNumber = parts.count > 2 ? Int(parts[2]).flatMap { (1...230).contains($0) ? $0 : nil } : nil
            entry.prototype = [tags["mineral"]?.stringValue, tags["strukturbericht"]?.stringValue, label].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: " / ")
            return entry
        }
    }
}
