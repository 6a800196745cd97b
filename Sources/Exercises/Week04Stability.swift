import Continuum
import Crystal
import Foundation
import JSONSupport
import Stability

/// Week 4, "Analyze stability and simulated properties for a small materials system"
/// (`exercises/w04-stability/README.md` defines the documents).
///
/// Input: `chemical_system` (`"Li-Fe-O"`), `entries` (`[{"id", "formula", "composition":
/// {symbol: amount}, "total_energy"}]`, total energies in eV for the composition as written,
/// the elemental references among them), `metastable_window` (eV/atom),
/// `decomposition_queries` (entry ids) and `truss` (``Week04Truss``).
///
/// Reference output, with pymatgen's `PhaseDiagram` conventions (``Stability/PhaseDiagram``,
/// which agrees with pymatgen to 1e-9 eV/atom on `Tests/Fixtures/stability`):
/// - `formation_energy_per_atom`: `[entryCount]`, eV/atom, against the lowest-energy pure
///   entry of each element;
/// - `e_above_hull`: `[entryCount]`, eV/atom;
/// - `stable_ids`: the ids on the hull; `metastable_ids`: those with
///   `0 < e_above_hull <= metastable_window`;
/// - `decomposition_fractions`: `[queryCount x entryCount]`, the fraction of atoms of each
///   entry (input order) in the hull mixture at each query's composition;
/// - `truss_displacements`, `truss_axial_forces` (``Week04Truss``).
///
/// Generators: `chemical-system` (`system = "Li-Fe-O"`) and `random-system`
/// (`element_count`, `min_compounds`), both with optional `max_entries`, `metastable_window`,
/// `queries` and `truss_panels`. Entries are the Materials Project's: elemental references
/// from calc_compounds with their raw energies, compounds from mp_e_form with total energies
/// rebuilt from their formation energies (``Week04Data``).
public struct Week04Stability: WeekExercise {
    public let id = "w04-stability"

    static let generators = ["chemical-system", "random-system"]
    static let optionalParameters = ["max_entries", "metastable_window", "queries", "truss_panels"]
    /// eV/atom: entries closer than this to the hull (but off it), or to a polymorph of equal
    /// composition, are left out of a case so that no answer hangs on rounding.
    static let ambiguityMargin = 1e-4

    public init() {}

    public func input(generator: String, parametersJSON: String, seed: UInt64, data: CourseData) throws -> JSONValue {
        let parameters = try CaseParameters(json: parametersJSON)
        let tables = try Week04Data.load(dataFolder: data.dataFolder)
        var random = SplitMix64(seed: seed)
        let system: [Element]
        switch generator {
        case "chemical-system":
            try parameters.requireOnly(["system"] + Self.optionalParameters)
            system = try Self.elements(of: try parameters.string("system", example: "\"Li-Fe-O\""), references: tables.references)
        case "random-system":
            try parameters.requireOnly(["element_count", "min_compounds"] + Self.optionalParameters)
            let count = try parameters.integer("element_count", in: 2...4)
            let minimum = parameters.has("min_compounds") ? try parameters.integer("min_compounds", in: 1...5000) : 4
            let candidates = tables.rowsBySystem.filter { $0.key.count == count && $0.value.count >= minimum }.keys
                .sorted { $0.map(\.symbol).joined(separator: "-") < $1.map(\.symbol).joined(separator: "-") }
            guard !candidates.isEmpty else {
                throw ExercisesError.badParameter(name: "min_compounds", value: "\(minimum)", fix: "no \(count)-element system has that many compounds; lower it")
            }
            system = candidates[random.index(below: candidates.count)]
        default:
            throw ExercisesError.unknownGenerator(exercise: id, generator: generator, known: Self.generators)
        }
        let maxEntries = parameters.has("max_entries") ? try parameters.integer("max_entries", in: 4...400) : 60
        let window = parameters.has("metastable_window")
            ? try parameters.number("metastable_window", in: 0.001...1, unit: "eV/atom") : 0.05
        let queryCount = parameters.has("queries") ? try parameters.integer("queries", in: 1...10) : 3
        let panels = parameters.has("truss_panels") ? try parameters.integer("truss_panels", in: 2...6) : 3

        let entries = try Self.entries(system: system, tables: tables, maxEntries: maxEntries, random: &random)
        let diagram = try Self.diagram(of: entries, field: "entries")
        let unstable = diagram.results.filter { !$0.isStable }
        let preferred = unstable.filter { $0.decomposition.count > 1 } + unstable.filter { $0.decomposition.count == 1 }
        var queries: [String] = []
        var pool = preferred.map(\.id)
        while queries.count < queryCount, !pool.isEmpty {
            // Prefer mixtures of several phases: draw from the first half of what is left.
            queries.append(pool.remove(at: random.index(below: max(1, (pool.count + 1) / 2))))
        }
        let truss = try Week04Truss.make(panels: panels, random: &random)
        return .object([
            "chemical_system": .string(system.map(\.symbol).joined(separator: "-")),
            "energy_source": "Materials Project GGA(+U): elemental references from pymatgen's calc_compounds, compounds from Matbench mp_e_form",
            "entries": .array(entries.map(\.json)),
            "metastable_window": .number(window),
            "decomposition_queries": .array(queries.map(JSONValue.string)),
            "truss": truss.json,
        ])
    }

    public func referenceOutput(for input: JSONValue) throws -> JSONValue {
        let fields = input.objectValue ?? [:]
        let entries = try Self.readEntries(fields["entries"])
        let diagram = try Self.diagram(of: entries, field: "entries")
        guard let window = fields["metastable_window"]?.numberValue, window > 0, window.isFinite else {
            throw ExercisesError.badInput(field: "metastable_window", reason: "must be a positive number of eV/atom (got \(fields["metastable_window"]?.abbreviated() ?? "nothing"))")
        }
        guard let queryValues = fields["decomposition_queries"]?.arrayValue else {
            throw ExercisesError.badInput(field: "decomposition_queries", reason: "must be a list of entry ids (got \(fields["decomposition_queries"]?.abbreviated() ?? "nothing"))")
        }
        let index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.id, $0) })
        var fractions: [JSONValue] = []
        for (k, value) in queryValues.enumerated() {
            guard let queryID = value.stringValue, let position = index[queryID] else {
                throw ExercisesError.badInput(field: "decomposition_queries[\(k)]", reason: "\(value.abbreviated()) is not the id of an entry")
            }
            var row = [Double](repeating: 0, count: entries.count)
            for part in diagram.results[position].decomposition { row[index[part.id] ?? 0] = part.fraction }
            fractions.append(.array(row.map(JSONValue.number)))
        }
        var output: [String: JSONValue] = [
            "formation_energy_per_atom": .array(diagram.results.map { .number($0.formationEnergyPerAtom) }),
            "e_above_hull": .array(diagram.results.map { .number($0.energyAboveHull) }),
            "stable_ids": .array(diagram.results.filter(\.isStable).map { .string($0.id) }),
            "metastable_ids": .array(diagram.results.filter { !$0.isStable && $0.energyAboveHull <= window }.map { .string($0.id) }),
            "decomposition_fractions": .array(fractions),
        ]
        output.merge(try Week04Truss.referenceFields(for: input)) { $1 }
        return .object(output)
    }

    /// The same case with its entries in another order (`siteOrder` maps new to old), and
    /// with every element's energy shifted (each entry's total energy moves by Σ n_i δ_i): a
    /// change of the elemental reference that leaves formation energies and the hull alone.
    public func invarianceVariants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] {
        let entries = try Self.readEntries(input.objectValue?["entries"])
        var random = SplitMix64(seed: seed)
        var order = random.permutation(of: entries.count)
        if entries.count > 1 && order == Array(0..<entries.count) { order.swapAt(0, 1) }
        let elements = Set(entries.flatMap(\.composition.elements)).sorted()
        let shifts = Dictionary(uniqueKeysWithValues: elements.map { ($0, (random.uniform(-3, 3) * 1000).rounded() / 1000) })
        let shifted = entries.map { entry in
            var copy = entry
            copy.totalEnergy += entry.composition.elements.reduce(0) { $0 + entry.composition[$1] * (shifts[$1] ?? 0) }
            return copy
        }
        func replacing(_ list: [Week04Entry]) -> JSONValue {
            var fields = input.objectValue ?? [:]
            fields["entries"] = .array(list.map(\.json))
            return .object(fields)
        }
        return [
            InvarianceVariant(name: "permuted", input: replacing(order.map { entries[$0] }), siteOrder: order),
            InvarianceVariant(name: "shifted-references", input: replacing(shifted)),
        ]
    }

    /// `"Li-Fe-O"` as elements by atomic number.
    static func elements(of system: String, references: [Element: Week04Data.ElementalReference]) throws -> [Element] {
        let symbols = system.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        var elements: [Element] = []
        for symbol in symbols {
            guard let element = Element.lookup(symbol: symbol) else {
                throw ExercisesError.badParameter(name: "system", value: "\"\(system)\"", fix: "'\(symbol)' is not an element symbol; write symbols joined by '-', e.g. \"Li-Fe-O\"")
            }
            guard references[element] != nil else {
                throw ExercisesError.badParameter(name: "system", value: "\"\(system)\"", fix: "\(symbol) has no elemental reference energy in the course data")
            }
            elements.append(element)
        }
        guard (1...4).contains(Set(elements).count), Set(elements).count == elements.count else {
            throw ExercisesError.badParameter(name: "system", value: "\"\(system)\"", fix: "name 1 to 4 different elements, e.g. \"Li-Fe-O\"")
        }
        return elements.sorted()
    }

    /// The case's entries: the elemental references, then up to `maxEntries` others from
    /// mp_e_form (near-duplicates and entries within ``ambiguityMargin`` of the hull left
    /// out), in a seeded order.
    static func entries(system: [Element], tables: Week04Data, maxEntries: Int, random: inout SplitMix64) throws -> [Week04Entry] {
        let references = system.compactMap { element in tables.references[element].map { (element, $0) } }
        let potentials = Dictionary(uniqueKeysWithValues: references.map { ($0.0, $0.1.energyPerAtom) })
        var chosen: [Week04Entry] = references.map { element, reference in
            Week04Entry(id: reference.id, formula: reference.composition.formula, composition: reference.composition,
                        totalEnergy: reference.totalEnergy)
        }
        var kept: [Week04Data.FormationRow] = []
        var energiesByFormula: [String: [Double]] = [:]
        for row in tables.rows(within: system) {
            // A pure polymorph at or below the reference would replace it; leave it out.
            if row.composition.elements.count == 1, row.formationEnergyPerAtom < ambiguityMargin { continue }
            let reduced = row.composition.reducedFormula
            if energiesByFormula[reduced, default: []].contains(where: { abs($0 - row.formationEnergyPerAtom) < ambiguityMargin }) { continue }
            energiesByFormula[reduced, default: []].append(row.formationEnergyPerAtom)
            kept.append(row)
        }
        var order = random.permutation(of: kept.count)
        order = Array(order.prefix(max(0, maxEntries - chosen.count)))
        for row in order.sorted().map({ kept[$0] }) {
            // Summed in atomic-number order (not a dictionary's), so every run writes the same bytes.
            let atoms = row.composition.atomCount
            let perAtom = row.formationEnergyPerAtom
                + row.composition.elements.reduce(0) { $0 + row.composition[$1] / atoms * (potentials[$1] ?? 0) }
            chosen.append(Week04Entry(id: "mpef-\(row.line)", formula: row.formula, composition: row.composition,
                                      totalEnergy: perAtom * row.composition.atomCount))
        }
        // Entries just above the hull would be stable or not by rounding: drop them.
        let diagram = try diagram(of: chosen, field: "entries")
        let ambiguous = Set(diagram.results.filter { !$0.isStable && $0.energyAboveHull < ambiguityMargin }.map(\.id))
        chosen.removeAll { ambiguous.contains($0.id) }
        let shuffle = random.permutation(of: chosen.count)
        return shuffle.map { chosen[$0] }
    }

    static func diagram(of entries: [Week04Entry], field: String) throws -> PhaseDiagram {
        do {
            return try PhaseDiagram(entries: entries.map {
                PhaseEntry(id: $0.id, composition: $0.composition, energyPerAtom: $0.totalEnergy / $0.composition.atomCount)
            })
        } catch {
            throw ExercisesError.badInput(field: field, reason: "\(error)")
        }
    }

    static func readEntries(_ value: JSONValue?) throws -> [Week04Entry] {
        guard let values = value?.arrayValue, !values.isEmpty else {
            throw ExercisesError.badInput(field: "entries", reason: "must be a non-empty list of {id, formula, composition, total_energy} (got \(value?.abbreviated() ?? "nothing"))")
        }
        return try values.enumerated().map { k, value in try Week04Entry(json: value, field: "entries[\(k)]") }
    }
}

/// One entry of a week-4 case: an id, the composition of the computed cell and its total
/// energy, eV.
struct Week04Entry: Hashable, Sendable {
    var id: String
    var formula: String
    var composition: Composition
    var totalEnergy: Double

    init(id: String, formula: String, composition: Composition, totalEnergy: Double) {
        (self.id, self.formula, self.composition, self.totalEnergy) = (id, formula, composition, totalEnergy)
    }

    init(json: JSONValue, field: String) throws {
        let fields = json.objectValue ?? [:]
        guard let id = fields["id"]?.stringValue, !id.isEmpty else {
            throw ExercisesError.badInput(field: "\(field).id", reason: "must be a non-empty string (got \(fields["id"]?.abbreviated() ?? "nothing"))")
        }
        guard let amounts = fields["composition"]?.objectValue, !amounts.isEmpty else {
            throw ExercisesError.badInput(field: "\(field).composition", reason: "must be an object {symbol: amount} (got \(fields["composition"]?.abbreviated() ?? "nothing"))")
        }
        var parsed: [Element: Double] = [:]
        for (symbol, amount) in amounts {
            guard let element = Element.lookup(symbol: symbol), let number = amount.numberValue, number > 0, number.isFinite else {
                throw ExercisesError.badInput(field: "\(field).composition.\(symbol)", reason: "must be an element symbol with a positive amount (got \(amount.abbreviated()))")
            }
            parsed[element] = number
        }
        guard let energy = fields["total_energy"]?.numberValue, energy.isFinite else {
            throw ExercisesError.badInput(field: "\(field).total_energy", reason: "must be a finite number of eV (got \(fields["total_energy"]?.abbreviated() ?? "nothing"))")
        }
        let composition = try Composition(parsed)
        self.init(id: id, formula: fields["formula"]?.stringValue ?? composition.formula, composition: composition, totalEnergy: energy)
    }

    var json: JSONValue {
        .object([
            "id": .string(id),
            "formula": .string(formula),
            "composition": Week05Case.json(composition),
            "total_energy": .number(totalEnergy),
        ])
    }
}
