import Crystal
import Exercises
import Foundation
import Grading
import JSONSupport
import MaterialsDB

/// Readers of an instructor's own materials data for `matgrade db import`.
enum MaterialImport {
    /// Attribute names of OPTIMADE providers' own fields (after the `_provider_` prefix)
    /// that mean one of the database's properties.
    static let aliases: [String: String] = [
        "band_gap": "band_gap", "formation_energy_per_atom": "formation_energy_per_atom", "formation_energy": "formation_energy_per_atom",
        "delta_e": "formation_energy_per_atom", "e_above_hull": "e_above_hull", "energy_above_hull": "e_above_hull",
        "stability": "e_above_hull", "experimental_band_gap": "experimental_band_gap",
    ]

    /// An OPTIMADE `structures` response: `{"data": [{"id", "attributes": {...}}, ...]}`. The
    /// formula comes from `chemical_formula_descriptive`, `_reduced` or `_hill`; numeric
    /// properties from their OPTIMADE names or a provider's (`_mp_band_gap`, `_oqmd_delta_e`).
    static func optimade(_ data: Data, file: String, source: String) throws -> [MaterialEntry] {
        let document: JSONValue
        do { document = try JSONValue(parsing: data) } catch {
            throw FrontendError.invalidData(file: file, field: nil, problem: "is not JSON (\(error))", fix: "give an OPTIMADE response (.json) or a CSV (.csv)")
        }
        guard let items = document.objectValue?["data"]?.arrayValue else {
            throw FrontendError.invalidData(file: file, field: "data", problem: "is missing or not a list", fix: "give an OPTIMADE structures response: {\"data\": [{\"id\": ..., \"attributes\": {...}}]}")
        }
        return try items.enumerated().map { k, item in
            let field = "data[\(k)]"
            guard let object = item.objectValue, let attributes = object["attributes"]?.objectValue else {
                throw FrontendError.invalidData(file: file, field: "\(field).attributes", problem: "is missing", fix: "each entry needs an attributes object")
            }
            let id = object["id"]?.stringValue ?? object["id"]?.numberValue.map { String(Int($0)) } ?? "\(source)-\(k)"
            guard let formula = ["chemical_formula_descriptive", "chemical_formula_reduced", "chemical_formula_hill"].lazy
                .compactMap({ attributes[$0]?.stringValue }).first else {
                throw FrontendError.invalidData(file: file, field: "\(field).attributes.chemical_formula_reduced", problem: "is missing", fix: "request the chemical_formula_reduced field from the provider")
            }
            let composition: Composition
            do { composition = try Composition(formula: formula.replacingOccurrences(of: " ", with: "")) } catch {
                throw FrontendError.invalidData(file: file, field: "\(field).attributes", problem: "formula '\(formula)' does not parse (\(error))", fix: "check the formula")
            }
            var entry = CourseMaterials.entry(id: id, source: source, formula: formula, composition: composition)
            if let sites = attributes["nsites"]?.integerValue { entry.siteCount = sites }
            entry.spaceGroupNumber = attributes["space_group_it_number"]?.integerValue
            for (name, value) in attributes {
                guard let number = value.numberValue else { continue }
                let bare = name.hasPrefix("_") ? String(name.dropFirst().drop { $0 != "_" }.dropFirst()) : name
                switch aliases[bare] {
                case "band_gap": entry.bandGap = number
                case "formation_energy_per_atom": entry.formationEnergyPerAtom = number
                case "e_above_hull": entry.energyAboveHull = number
                case "experimental_band_gap": entry.experimentalBandGap = number
                default: break
                }
            }
            return entry
        }
    }

    /// A CSV with a header: `formula` (or `chemical_formula_descriptive`) or a `cif` column
    /// (the structure as CIF text, quoted; its composition, site count and, when the CIF
    /// states it, space group number are read), optional `id` and property columns named as
    /// the database's properties.
    static func csv(_ data: Data, file: String, source: String) throws -> [MaterialEntry] {
        let table = try CSVTable(path: file, text: String(decoding: data, as: UTF8.self))
        let formulaColumn = table.column(["formula", "chemical_formula_descriptive", "chemical_formula_reduced"])
        let cifColumn = table.column(["cif", "CIF"])
        guard formulaColumn != nil || cifColumn != nil else {
            throw FrontendError.invalidData(file: file, field: "header", problem: "has neither a formula nor a cif column (\(table.header.joined(separator: ",")))", fix: "name a column formula or cif")
        }
        let idColumn = table.column(["id", "material_id", "entry_id"])
        let numeric = ["formation_energy_per_atom", "band_gap", "e_above_hull", "experimental_band_gap", "space_group_it_number", "nsites"]
        return try table.rows.map { row in
            func value(_ column: Int?) -> String? { column.flatMap { $0 < row.fields.count ? row.fields[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 } }
            let id = value(idColumn) ?? "\(source)-\(row.line)"
            var composition: Composition
            var sites: Int?
            var spaceGroup: Int?
            if let cif = value(cifColumn) {
                do {
                    let structure = try Structure(cif: cif, path: "\(file):\(row.line)")
                    composition = structure.composition
                    sites = structure.atomCount
                } catch {
                    throw FrontendError.inputLine(path: file, line: row.line, reason: "the cif column does not parse (\(error))")
                }
                if let match = cif.firstMatch(of: /_(?:symmetry_Int_Tables_number|space_group_IT_number)\s+(\d+)/), let number = Int(match.1) {
                    spaceGroup = number
                }
            } else {
                let formula = value(formulaColumn) ?? ""
                do { composition = try Composition(formula: formula) } catch {
                    throw FrontendError.inputLine(path: file, line: row.line, reason: "formula '\(formula)' does not parse (\(error))")
                }
            }
            var entry = CourseMaterials.entry(id: id, source: source, formula: value(formulaColumn) ?? composition.formula, composition: composition)
            entry.siteCount = sites ?? entry.siteCount
            entry.spaceGroupNumber = spaceGroup
            for name in numeric {
                guard let text = value(table.column([name])) else { continue }
                guard let number = Double(text), number.isFinite else {
                    throw FrontendError.inputLine(path: file, line: row.line, reason: "\(name) '\(text)' is not a number")
                }
                switch name {
                case "formation_energy_per_atom": entry.formationEnergyPerAtom = number
                case "band_gap": entry.bandGap = number
                case "e_above_hull": entry.energyAboveHull = number
                case "experimental_band_gap": entry.experimentalBandGap = number
                case "space_group_it_number": entry.spaceGroupNumber = Int(number)
                default: entry.siteCount = Int(number)
                }
            }
            return entry
        }
    }
}
