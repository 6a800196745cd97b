import Crystal
import Foundation
import JSONSupport
import MaterialsDB
import Synchronization

/// One database entry of a week-1 case, with the OPTIMADE property names of
/// ``MaterialsDB/MaterialsDatabase`` (unknown values null).
struct Week01Entry: Hashable, Sendable {
    var id: String
    var source: String
    var formula: String
    var reducedFormula: String
    /// Alphabetical.
    var elements: [String]
    var siteCount: Int?
    var formationEnergyPerAtom: Double?
    var bandGap: Double?
    var energyAboveHull: Double?
    var experimentalBandGap: Double?
    var spaceGroupNumber: Int?
    var prototype: String?

    init(_ entry: MaterialEntry) {
        (id, source, formula, reducedFormula, elements) = (entry.id, entry.source, entry.formula, entry.reducedFormula, entry.elements)
        (siteCount, formationEnergyPerAtom, bandGap, energyAboveHull) = (entry.siteCount, entry.formationEnergyPerAtom, entry.bandGap, entry.energyAboveHull)
        (experimentalBandGap, spaceGroupNumber, prototype) = (entry.experimentalBandGap, entry.spaceGroupNumber, entry.prototype)
    }

    var materialEntry: MaterialEntry {
        MaterialEntry(id: id, source: source, formula: formula, reducedFormula: reducedFormula, elements: elements, siteCount: siteCount,
                      formationEnergyPerAtom: formationEnergyPerAtom, bandGap: bandGap, energyAboveHull: energyAboveHull,
                      experimentalBandGap: experimentalBandGap, spaceGroupNumber: spaceGroupNumber, prototype: prototype)
    }

    /// A numeric property by its database name; nil when unknown.
    func number(_ property: String) -> Double? {
        switch property {
        case "nelements": Double(elements.count)
        case "nsites": siteCount.map(Double.init)
        case "formation_energy_per_atom": formationEnergyPerAtom
        case "band_gap": bandGap
        case "e_above_hull": energyAboveHull
        case "experimental_band_gap": experimentalBandGap
        case "space_group_it_number": spaceGroupNumber.map(Double.init)
        default: nil
        }
    }

    var json: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        return .object([
            "id": .string(id),
            "source": .string(source),
            "chemical_formula_descriptive": .string(formula),
            "chemical_formula_reduced": .string(reducedFormula),
            "elements": .array(elements.map(JSONValue.string)),
            "nelements": .number(Double(elements.count)),
            "nsites": number(siteCount.map(Double.init)),
            "formation_energy_per_atom": number(formationEnergyPerAtom),
            "band_gap": number(bandGap),
            "e_above_hull": number(energyAboveHull),
            "experimental_band_gap": number(experimentalBandGap),
            "space_group_it_number": number(spaceGroupNumber.map(Double.init)),
            "prototype": prototype.map(JSONValue.string) ?? .null,
        ])
    }

    /// Reads one entry of a case's `entries`.
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` naming the entry and the field.
    init(json: JSONValue, field: String) throws {
        let fields = json.objectValue ?? [:]
        func string(_ name: String) throws -> String {
            guard let text = fields[name]?.stringValue, !text.isEmpty else {
                throw ExercisesError.badInput(field: "\(field).\(name)", reason: "must be a non-empty string (got \(fields[name]?.abbreviated() ?? "nothing"))")
            }
            return text
        }
        func number(_ name: String) throws -> Double? {
            guard let value = fields[name], value != .null else { return nil }
            guard let number = value.numberValue, number.isFinite else {
                throw ExercisesError.badInput(field: "\(field).\(name)", reason: "must be a finite number or null for unknown (got \(value.abbreviated()))")
            }
            return number
        }
        func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
            guard let value = fields[name], value != .null else { return nil }
            guard let integer = value.integerValue, range.contains(integer) else {
                throw ExercisesError.badInput(field: "\(field).\(name)", reason: "must be an integer in \(range.lowerBound)...\(range.upperBound) or null (got \(value.abbreviated()))")
            }
            return integer
        }
        id = try string("id")
        source = try string("source")
        formula = try string("chemical_formula_descriptive")
        reducedFormula = try string("chemical_formula_reduced")
        guard let symbols = fields["elements"]?.arrayValue, !symbols.isEmpty else {
            throw ExercisesError.badInput(field: "\(field).elements", reason: "must be a non-empty list of element symbols (got \(fields["elements"]?.abbreviated() ?? "nothing"))")
        }
        elements = try symbols.enumerated().map { k, value in
            guard let symbol = value.stringValue, Element.lookup(symbol: symbol) != nil else {
                throw ExercisesError.badInput(field: "\(field).elements[\(k)]", reason: "\(value.abbreviated()) is not an element symbol (write \"Fe\", not \"FE\" or \"iron\")")
            }
            return symbol
        }.sorted()
        siteCount = try integer("nsites", in: 1...1_000_000)
        formationEnergyPerAtom = try number("formation_energy_per_atom")
        bandGap = try number("band_gap")
        energyAboveHull = try number("e_above_hull")
        experimentalBandGap = try number("experimental_band_gap")
        spaceGroupNumber = try integer("space_group_it_number", in: 1...230)
        prototype = fields["prototype"]?.stringValue
    }
}

/// The course database as week-1 cases draw from it: every ``CourseMaterials`` entry, loaded
/// once per process and data folder, with its element set as a bit mask for pool filters.
struct Week01Data: Sendable {
    let entries: [Week01Entry]
    /// Bit Z-1 of element Z, for Z <= 128 (two words).
    let masks: [SIMD2<UInt64>]

    private static let loaded = Mutex<[String: Week01Data]>([:])

    /// - Throws: ``ExercisesError/dataAccess(path:reason:)``.
    static func load(dataFolder: URL) throws -> Week01Data {
        let key = dataFolder.standardizedFileURL.path
        if let known = loaded.withLock({ $0[key] }) { return known }
        let entries = try CourseMaterials.entries(dataFolder: dataFolder).map(Week01Entry.init)
        let data = Week01Data(entries: entries, masks: entries.map { mask($0.elements) })
        loaded.withLock { $0[key] = data }
        return data
    }

    static func mask(_ symbols: [String]) -> SIMD2<UInt64> {
        var mask = SIMD2<UInt64>(0, 0)
        for symbol in symbols {
            guard let number = Element.lookup(symbol: symbol)?.atomicNumber else { continue }
            if number <= 64 { mask[0] |= 1 << UInt64(number - 1) } else { mask[1] |= 1 << UInt64(number - 65) }
        }
        return mask
    }

    /// The indices of the entries whose elements all lie in `pool`.
    func indices(within pool: [String]) -> [Int] {
        let allowed = Self.mask(pool)
        return masks.indices.filter { masks[$0] & ~allowed == SIMD2(0, 0) }
    }
}
