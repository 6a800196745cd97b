import Crystal
import Foundation
import JSONSupport
import MaterialsDB

/// Week 1, "Explore the materials database; query band gaps, formation energies, symmetries"
/// (`exercises/w01-materials-database/README.md` defines the documents).
///
/// Input: `entries`, an extract of the course database (``CourseMaterials``): every entry whose
/// elements lie in the case's element pool (`element_pool`), a seeded sample when there are
/// more than `max_entries`, and the AFLOW prototypes (the entries that know a space group);
/// each with the OPTIMADE property names of ``MaterialsDB/MaterialsDatabase`` and null for
/// unknown values. `questions`:
/// - `selection`: `conditions` (and the same as an OPTIMADE `filter`);
/// - `lowest_formation_energy`: `chemical_system` (`"Fe-Li-O"`: entries of exactly these elements);
/// - `space_group_mode`: `conditions`, over the entries that know their space group;
/// - `property_statistics`: `property` and `conditions`, over the entries that know the property.
///
/// Reference output, computed by loading the extract into an in-memory ``MaterialsDatabase``
/// and running each question as an OPTIMADE filter:
/// - `selection_ids`: the ids that satisfy the conditions;
/// - `lowest_formation_id`, `lowest_formation_energy_per_atom` (eV/atom);
/// - `space_group_mode`: `[number, count]`, the most common space group (the generator makes it unique);
/// - `property_statistics`: `[count, mean, median, std, min, max]`, std with ddof = 1 (pandas'
///   `Series.std()`).
///
/// Generators: `element-pool` (`elements = "Li-Fe-Mn-P-O"`) and `random-pool`
/// (`element_count`, `min_entries`), both with optional `max_entries`.
public struct Week01Database: WeekExercise {
    public let id = "w01-materials-database"

    static let generators = ["element-pool", "random-pool"]

    public init() {}

    public func input(generator: String, parametersJSON: String, seed: UInt64, data: CourseData) throws -> JSONValue {
        let parameters = try CaseParameters(json: parametersJSON)
        let database = try Week01Data.load(dataFolder: data.dataFolder)
        var random = SplitMix64(seed: seed)
        let pool: [String]
        switch generator {
        case "element-pool":
            try parameters.requireOnly(["elements", "max_entries"])
            pool = try Self.pool(try parameters.string("elements", example: "\"Li-Fe-Mn-P-O\""))
        case "random-pool":
            try parameters.requireOnly(["element_count", "min_entries", "max_entries"])
            let count = try parameters.integer("element_count", in: 3...7)
            let minimum = parameters.has("min_entries") ? try parameters.integer("min_entries", in: 20...5000) : 300
            pool = try Self.randomPool(size: count, minimumEntries: minimum, database: database, random: &random)
        default:
            throw ExercisesError.unknownGenerator(exercise: id, generator: generator, known: Self.generators)
        }
        let maxEntries = parameters.has("max_entries") ? try parameters.integer("max_entries", in: 50...20000) : 1500

        var chosen = database.indices(within: pool).filter { database.entries[$0].spaceGroupNumber == nil }
        guard chosen.count >= 20 else {
            throw ExercisesError.badParameter(name: "elements", value: "\"\(pool.joined(separator: "-"))\"",
                                              fix: "only \(chosen.count) entries lie within these elements; add elements that form compounds together")
        }
        if chosen.count > maxEntries {
            chosen = Array(random.permutation(of: chosen.count).prefix(maxEntries).map { chosen[$0] })
        }
        let prototypes = database.entries.indices.filter { database.entries[$0].spaceGroupNumber != nil }
        var entries = (chosen + prototypes).map { database.entries[$0] }
        entries = random.permutation(of: entries.count).map { entries[$0] }

        let questions = try Week01Questions.make(pool: pool, entries: entries, random: &random)
        return .object([
            "element_pool": .array(pool.map(JSONValue.string)),
            "sources": "Matbench mp_e_form, mp_gap, expt_gap (Dunn et al. 2020); CrabNet mp_e_hull; pymatgen calc_compounds and AFLOW prototypes",
            "entries": .array(entries.map(\.json)),
            "questions": questions.json,
        ])
    }

    public func referenceOutput(for input: JSONValue) throws -> JSONValue {
        let fields = input.objectValue ?? [:]
        let entries = try Self.readEntries(fields["entries"])
        let questions = try Week01Questions(json: fields["questions"], field: "questions")
        return try questions.answers(entries: entries).json
    }

    /// The same case with its entries in another order: nothing asked depends on it.
    public func invarianceVariants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] {
        let entries = try Self.readEntries(input.objectValue?["entries"])
        var random = SplitMix64(seed: seed)
        var order = random.permutation(of: entries.count)
        if entries.count > 1 && order == Array(0..<entries.count) { order.swapAt(0, 1) }
        var fields = input.objectValue ?? [:]
        fields["entries"] = .array(order.map { entries[$0].json })
        return [InvarianceVariant(name: "permuted", input: .object(fields))]
    }

    static func readEntries(_ value: JSONValue?) throws -> [Week01Entry] {
        guard let values = value?.arrayValue, !values.isEmpty else {
            throw ExercisesError.badInput(field: "entries", reason: "must be a non-empty list of database entries (got \(value?.abbreviated() ?? "nothing"))")
        }
        var seen: Set<String> = []
        return try values.enumerated().map { k, value in
            let entry = try Week01Entry(json: value, field: "entries[\(k)]")
            guard seen.insert(entry.id).inserted else {
                throw ExercisesError.badInput(field: "entries[\(k)].id", reason: "\"\(entry.id)\" is the id of an earlier entry; ids must be unique")
            }
            return entry
        }
    }

    /// `"Li-Fe-Mn-P-O"` as alphabetical symbols.
    static func pool(_ text: String) throws -> [String] {
        var symbols: [String] = []
        for part in text.split(separator: "-").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard Element.lookup(symbol: part) != nil else {
                throw ExercisesError.badParameter(name: "elements", value: "\"\(text)\"", fix: "'\(part)' is not an element symbol; write symbols joined by '-', e.g. \"Li-Fe-Mn-P-O\"")
            }
            symbols.append(part)
        }
        guard (3...8).contains(Set(symbols).count), Set(symbols).count == symbols.count else {
            throw ExercisesError.badParameter(name: "elements", value: "\"\(text)\"", fix: "name 3 to 8 different elements, e.g. \"Li-Fe-Mn-P-O\"")
        }
        return symbols.sorted()
    }

    /// A pool grown from the elements of a random ternary-or-larger compound, by adding the
    /// elements of compounds that share one with it, until `size`; redrawn until at least
    /// `minimumEntries` entries lie within it.
    static func randomPool(size: Int, minimumEntries: Int, database: Week01Data, random: inout SplitMix64) throws -> [String] {
        let compounds = database.entries.indices.filter {
            database.entries[$0].formationEnergyPerAtom != nil && database.entries[$0].elements.count >= 3
                && database.entries[$0].elements.count <= size
        }
        guard !compounds.isEmpty else {
            throw ExercisesError.badParameter(name: "element_count", value: "\(size)", fix: "no compound has 3 to \(size) elements; raise it")
        }
        for _ in 0..<200 {
            var pool = Set(database.entries[compounds[random.index(below: compounds.count)]].elements)
            var attempts = 0
            while pool.count < size, attempts < 50 {
                attempts += 1
                let other = database.entries[compounds[random.index(below: compounds.count)]].elements
                let added = Set(other).subtracting(pool)
                guard !Set(other).isDisjoint(with: pool), !added.isEmpty, pool.count + added.count <= size else { continue }
                pool.formUnion(added)
            }
            let symbols = pool.sorted()
            guard symbols.count == size else { continue }
            if database.indices(within: symbols).count >= minimumEntries { return symbols }
        }
        throw ExercisesError.badParameter(name: "min_entries", value: "\(minimumEntries)",
                                          fix: "no pool of \(size) elements drawn in 200 tries holds that many entries; lower it or raise element_count")
    }
}
