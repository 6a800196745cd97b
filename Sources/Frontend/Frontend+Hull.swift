import Crystal
import Foundation
import JSONSupport
import Stability

extension Frontend {
    /// Reads `id,formula,energy_per_atom` rows (a header naming those columns, in any order;
    /// energies in eV/atom; elemental references included as entries).
    static func phaseEntries(csvPath path: String) throws -> [PhaseEntry] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: "cannot be read (\(error.localizedDescription))", fix: "check the path")
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let headerLine = lines.first else {
            throw FrontendError.inputLine(path: path, line: 1, reason: "the file is empty; write a header id,formula,energy_per_atom and one entry per line")
        }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var columns: [String: Int] = [:]
        for name in ["id", "formula", "energy_per_atom"] {
            guard let index = header.firstIndex(of: name) else {
                throw FrontendError.inputLine(path: path, line: 1, reason: "the header has no '\(name)' column (it has: \(header.joined(separator: ", "))); write id,formula,energy_per_atom")
            }
            columns[name] = index
        }
        var entries: [PhaseEntry] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == header.count else {
                throw FrontendError.inputLine(path: path, line: offset + 1, reason: "\(cells.count) cells, the header has \(header.count); one value per column, no quoted commas")
            }
            let formula = cells[columns["formula"]!], energyText = cells[columns["energy_per_atom"]!]
            let composition: Composition
            do {
                composition = try Composition(formula: formula)
            } catch {
                throw FrontendError.inputLine(path: path, line: offset + 1, reason: "formula '\(formula)': \(error)")
            }
            guard let energy = Double(energyText), energy.isFinite else {
                throw FrontendError.inputLine(path: path, line: offset + 1, reason: "energy_per_atom '\(energyText)' is not a finite number (eV/atom)")
            }
            entries.append(PhaseEntry(id: cells[columns["id"]!], composition: composition, energyPerAtom: energy))
        }
        guard !entries.isEmpty else {
            throw FrontendError.inputLine(path: path, line: 2, reason: "no entries; list the elemental references and the compounds, one per line")
        }
        return entries
    }

    /// `matgrade compute hull ENTRIES.csv [--svg OUT]`: formation energies, energies above
    /// hull, stability and decompositions with pymatgen's `PhaseDiagram` conventions; with
    /// `--svg`, a drawing of a binary or ternary hull.
    ///
    /// JSON (stable): `{"elements": [...], "entries": [{"id", "formula",
    /// "formation_energy_per_atom", "e_above_hull", "stable", "decomposition": [{"id",
    /// "fraction"}, ...]}, ...]}`, entries in file order, decompositions by id.
    public static func hull(path: String, svgPath: String?) throws -> String {
        let entries = try phaseEntries(csvPath: path)
        let diagram: PhaseDiagram
        do {
            diagram = try PhaseDiagram(entries: entries)
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "see the message")
        }
        if let svgPath {
            let svg: String
            do {
                svg = try HullPlotSVG(diagram: diagram).render()
            } catch {
                throw FrontendError.invalidOption(name: "--svg", value: svgPath, reason: error.description)
            }
            do {
                try svg.write(toFile: svgPath, atomically: true, encoding: .utf8)
            } catch {
                throw FrontendError.invalidOption(name: "--svg", value: svgPath, reason: "cannot write the drawing there (\(error.localizedDescription))")
            }
        }
        var json = JSONWriter()
        json.raw("{\"elements\": [")
        json.raw(diagram.elements.map { "\"\($0.symbol)\"" }.joined(separator: ", "))
        json.raw("],\n \"entries\": [")
        for (index, (entry, result)) in zip(diagram.entries, diagram.results).enumerated() {
            json.raw(index == 0 ? "\n  {\"id\": " : ",\n  {\"id\": "); json.string(entry.id)
            json.raw(", \"formula\": "); json.string(entry.composition.reducedFormula)
            json.raw(", \"formation_energy_per_atom\": "); json.number(result.formationEnergyPerAtom)
            json.raw(", \"e_above_hull\": "); json.number(result.energyAboveHull)
            json.raw(", \"stable\": \(result.isStable)")
            json.raw(", \"decomposition\": [")
            for (k, part) in result.decomposition.enumerated() {
                json.raw(k == 0 ? "{\"id\": " : ", {\"id\": "); json.string(part.id)
                json.raw(", \"fraction\": "); json.number(part.fraction); json.raw("}")
            }
            json.raw("]}")
        }
        json.raw("\n]}\n")
        return json.text
    }
}
