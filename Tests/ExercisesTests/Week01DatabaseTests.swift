import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

/// The cases of `exercises/w01-materials-database/exercise.toml`, as the engine hands them over.
struct Week01Case: CustomTestStringConvertible, Sendable {
    let name: String
    let generator: String
    let parametersJSON: String
    let seed: UInt64
    var testDescription: String { name }

    static let all = [
        Week01Case(name: "li-fe-mn-p-o", generator: "element-pool", parametersJSON: #"{"elements": "Li-Fe-Mn-P-O"}"#, seed: 1),
        Week01Case(name: "ba-sr-ti-o-n", generator: "element-pool", parametersJSON: #"{"elements": "Ba-Sr-Ti-O-N"}"#, seed: 2),
        Week01Case(name: "zn-ga-as-se-cd", generator: "element-pool", parametersJSON: #"{"elements": "Zn-Ga-As-Se-Cd-S"}"#, seed: 3),
        Week01Case(name: "random-pool 41", generator: "random-pool", parametersJSON: #"{"element_count": 5, "min_entries": 300}"#, seed: 41),
        Week01Case(name: "random-pool 42", generator: "random-pool", parametersJSON: #"{"element_count": 5, "min_entries": 300}"#, seed: 42),
        Week01Case(name: "random-pool 43", generator: "random-pool", parametersJSON: #"{"element_count": 6, "min_entries": 300, "max_entries": 400}"#, seed: 43),
    ]

    func input(seed override: UInt64? = nil) throws -> JSONValue {
        try Week01Database().input(generator: generator, parametersJSON: parametersJSON, seed: override ?? seed, data: courseData)
    }
}

@Suite("Week 1 materials database: inputs and reference")
struct Week01DatabaseTests {
    static func strings(_ value: JSONValue?) -> [String] { (value?.arrayValue ?? []).compactMap(\.stringValue) }
    static func numbers(_ value: JSONValue?) -> [Double] { (value?.arrayValue ?? []).map { $0.numberValue ?? .nan } }

    @Test("inputs are byte-identical for a seed, and hidden pools vary with it", arguments: Week01Case.all)
    func deterministic(_ testCase: Week01Case) throws {
        let first = JSONWriter.text(of: try testCase.input())
        #expect(first == JSONWriter.text(of: try testCase.input()))
        if testCase.generator == "random-pool" {
            let pools = try Set((0..<5).map { try testCase.input(seed: UInt64($0)).objectValue?["element_pool"] ?? .null })
            #expect(pools.count > 2, "\(pools)")
        }
    }

    /// The reference answers through the database's SQL (an in-memory MaterialsDatabase and
    /// the OPTIMADE filter text); this test answers the same questions by evaluating the
    /// conditions on each entry in Swift, so the filter parser, its SQL translation (element
    /// masks, unknown values) and the question logic check one another on real data.
    @Test("the database's answers equal a direct evaluation of the conditions", arguments: Week01Case.all)
    func databaseAgreesWithDirectEvaluation(_ testCase: Week01Case) throws {
        let input = try testCase.input()
        let output = try Week01Database().referenceOutput(for: input).objectValue ?? [:]
        let entries = try Week01Database.readEntries(input.objectValue?["entries"])
        let questions = try Week01Questions(json: input.objectValue?["questions"], field: "questions")
        func direct(_ conditions: [Week01Condition]) -> [Week01Entry] {
            entries.filter { entry in conditions.allSatisfy { $0.matches(entry) } }
        }

        let selected = Set(Self.strings(output["selection_ids"]))
        #expect(selected == Set(direct(questions.selection).map(\.id)))
        #expect((5...400).contains(selected.count), "selection of \(selected.count)")

        let system = Set(questions.chemicalSystem)
        let exact = entries.filter { Set($0.elements) == system && $0.formationEnergyPerAtom != nil }
            .sorted { $0.formationEnergyPerAtom! < $1.formationEnergyPerAtom! }
        #expect(exact.count >= 3)
        #expect(output["lowest_formation_id"]?.stringValue == exact.first?.id)
        #expect(output["lowest_formation_energy_per_atom"]?.numberValue == exact.first?.formationEnergyPerAtom)
        if exact.count >= 2 {
            #expect(exact[1].formationEnergyPerAtom! - exact[0].formationEnergyPerAtom! >= Week01Questions.ambiguityMargin)
        }

        let groups = direct(questions.spaceGroupFamily).compactMap(\.spaceGroupNumber)
        var counts: [Int: Int] = [:]
        for group in groups { counts[group, default: 0] += 1 }
        let top = try #require(counts.values.max())
        #expect(counts.values.filter { $0 == top }.count == 1, "the mode is unique")
        let mode = Self.numbers(output["space_group_mode"])
        #expect(mode.count == 2 && counts[Int(mode[0])] == top && Int(mode[1]) == top)

        let values = direct(questions.statisticsConditions).compactMap { $0.number(questions.statisticsProperty) }
        let statistics = Self.numbers(output["property_statistics"])
        #expect(values.count >= 5 && statistics.count == 6)
        if statistics.count == 6 {
            let mean = values.reduce(0, +) / Double(values.count)
            let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
            #expect(statistics[0] == Double(values.count))
            #expect(abs(statistics[1] - mean) <= 1e-12 * max(1, abs(mean)))
            #expect(abs(statistics[3] - std) <= 1e-12 * max(1, std))
            #expect(statistics[4] == values.min() && statistics[5] == values.max())
            #expect(statistics[4] <= statistics[2] && statistics[2] <= statistics[5])
        }
    }

    /// Whether the public cases can tell the classic mistakes apart from the right answer:
    /// HAS ANY for HAS ALL, unknown values as 0, subsystems counted in a chemical system.
    @Test("the public cases expose the classic mistakes")
    func mistakesShow() throws {
        var anyDiffers = 0, zeroDiffers = 0, subsystemDiffers = 0
        for testCase in Week01Case.all.prefix(3) {
            let input = try testCase.input()
            let entries = try Week01Database.readEntries(input.objectValue?["entries"])
            let questions = try Week01Questions(json: input.objectValue?["questions"], field: "questions")
            let right = entries.filter { entry in questions.selection.allSatisfy { $0.matches(entry) } }.count
            var anyConditions = questions.selection
            anyConditions[0] = Week01Condition("elements", .hasAny, symbols: anyConditions[0].symbols)
            if entries.filter({ entry in anyConditions.allSatisfy { $0.matches(entry) } }).count != right { anyDiffers += 1 }
            let property = questions.statisticsProperty
            let zeroCount = entries.filter { entry in questions.statisticsConditions.allSatisfy { $0.matches(entry) } }.count
            let knownCount = entries.filter { entry in questions.statisticsConditions.allSatisfy { $0.matches(entry) } && entry.number(property) != nil }.count
            if zeroCount != knownCount { zeroDiffers += 1 }
            let system = Set(questions.chemicalSystem)
            let within = entries.filter { Set($0.elements).isSubset(of: system) }.compactMap(\.formationEnergyPerAtom).min()
            let exact = entries.filter { Set($0.elements) == system }.compactMap(\.formationEnergyPerAtom).min()
            if within != exact { subsystemDiffers += 1 }
        }
        #expect(anyDiffers == 3)
        #expect(zeroDiffers == 3)
        #expect(subsystemDiffers >= 2)
    }

    @Test("reordered entries give the same answers")
    func invariance() throws {
        let input = try Week01Case.all[0].input()
        let reference = try Week01Database().referenceOutput(for: input).objectValue ?? [:]
        let variants = try Week01Database().invarianceVariants(of: input, seed: 7)
        #expect(variants.map(\.name) == ["permuted"])
        let permuted = try Week01Database().referenceOutput(for: variants[0].input).objectValue ?? [:]
        #expect(variants[0].input != input)
        #expect(Set(Self.strings(permuted["selection_ids"])) == Set(Self.strings(reference["selection_ids"])))
        for field in ["lowest_formation_id", "space_group_mode"] { #expect(permuted[field] == reference[field]) }
        let a = Self.numbers(permuted["property_statistics"]), b = Self.numbers(reference["property_statistics"])
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    }

    /// A hand-made database of five entries whose answers are worked out by hand, including
    /// OPTIMADE's rule that a comparison with an unknown value is false even for `!=`.
    @Test("a hand-worked case: unknown values, HAS ONLY, ties and the sample standard deviation")
    func handWorked() throws {
        func entry(_ id: String, _ elements: [String], formation: Double? = nil, gap: Double? = nil, group: Int? = nil) -> JSONValue {
            .object([
                "id": .string(id), "source": "test", "chemical_formula_descriptive": .string(elements.joined()),
                "chemical_formula_reduced": .string(elements.joined()), "elements": .array(elements.map(JSONValue.string)),
                "nelements": .number(Double(elements.count)), "nsites": .null,
                "formation_energy_per_atom": formation.map(JSONValue.number) ?? .null, "band_gap": gap.map(JSONValue.number) ?? .null,
                "e_above_hull": .null, "experimental_band_gap": .null,
                "space_group_it_number": group.map { .number(Double($0)) } ?? .null, "prototype": .null,
            ])
        }
        let entries: [JSONValue] = [
            entry("a", ["Li", "O"], formation: -2.0, gap: 4.9),
            entry("b", ["Fe", "Li", "O"], formation: -1.8),
            entry("c", ["Fe", "Li", "O"], formation: -1.9, gap: 0),
            entry("d", ["Fe", "O"], gap: 2.0, group: 167),
            entry("e", ["Na", "Cl"], group: 225),
            entry("f", ["Cs", "Cl"], group: 221),
            entry("g", ["Mg", "O"], group: 225),
        ]
        func condition(_ property: String, _ op: String, _ value: JSONValue? = nil) -> JSONValue {
            var fields: [String: JSONValue] = ["property": .string(property), "op": .string(op)]
            if let value { fields["value"] = value }
            return .object(fields)
        }
        let input = JSONValue.object([
            "entries": .array(entries),
            "questions": .object([
                "selection": .object(["conditions": .array([condition("elements", "HAS ALL", ["O"]), condition("band_gap", "!=", 0)])]),
                "lowest_formation_energy": .object(["chemical_system": "Fe-Li-O"]),
                "space_group_mode": .object(["conditions": .array([condition("nelements", "=", 2)])]),
                "property_statistics": .object(["property": "band_gap",
                                                "conditions": .array([condition("elements", "HAS ANY", ["Fe", "Li"])])]),
            ]),
        ])
        let output = try Week01Database().referenceOutput(for: input).objectValue ?? [:]
        // band_gap != 0 among the oxides: a (4.9) and d (2.0); b has no band gap, c has 0.
        #expect(Set(Self.strings(output["selection_ids"])) == ["a", "d"])
        // Exactly Fe-Li-O: b and c; a (Li-O) is lower but belongs to a subsystem.
        #expect(output["lowest_formation_id"] == "c")
        #expect(output["lowest_formation_energy_per_atom"] == .number(-1.9))
        // Binaries that know their group: d 167, e 225, f 221, g 225.
        #expect(output["space_group_mode"] == .array([225, 2]))
        // Gaps of a, c, d (b unknown): 4.9, 0, 2.0; mean 2.3, median 2.0, sample std sqrt(6.01).
        let statistics = Self.numbers(output["property_statistics"])
        let expected = [3, 6.9 / 3, 2.0, ((2.6 * 2.6 + 2.3 * 2.3 + 0.3 * 0.3) / 2).squareRoot(), 0, 4.9]
        #expect(statistics.count == 6 && zip(statistics, expected).allSatisfy { abs($0 - $1) <= 1e-12 })
    }

    @Test("bad inputs and parameters name the field, the value and the fix")
    func badInput() throws {
        let exercise = Week01Database()
        var input = try Week01Case.all[0].input().objectValue ?? [:]
        let good = input
        #expect(throws: ExercisesError.self) { try exercise.referenceOutput(for: .object([:])) }
        do {
            _ = try exercise.referenceOutput(for: .object([:]))
        } catch {
            #expect("\(error)".contains("entries"))
        }

        var questions = input["questions"]?.objectValue ?? [:]
        var selection = questions["selection"]?.objectValue ?? [:]
        selection["conditions"] = .array([.object(["property": "band_gap", "op": "=>", "value": 1])])
        questions["selection"] = .object(selection)
        input["questions"] = .object(questions)
        do {
            _ = try exercise.referenceOutput(for: .object(input))
            Issue.record("an unknown operator passed")
        } catch {
            #expect("\(error)".contains("questions.selection.conditions[0].op") && "\(error)".contains("\"=>\""), "\(error)")
        }

        input = good
        var entries = input["entries"]?.arrayValue ?? []
        var first = entries[0].objectValue ?? [:]
        first["elements"] = .array(["FE"])
        entries[0] = .object(first)
        input["entries"] = .array(entries)
        do {
            _ = try exercise.referenceOutput(for: .object(input))
            Issue.record("an element 'FE' passed")
        } catch {
            #expect("\(error)".contains("entries[0].elements[0]") && "\(error)".contains("FE"), "\(error)")
        }

        for (generator, parameters, fragment) in [
            ("element-pool", #"{"elements": "Li-Xx-O"}"#, "'Xx' is not an element symbol"),
            ("element-pool", #"{"elements": "Li-O"}"#, "3 to 8"),
            ("element-pool", #"{"elements": "Li-Fe-O", "limit": 3}"#, "unknown parameter"),
            ("random-pool", #"{"element_count": 9}"#, "element_count"),
            ("mystery", "{}", "element-pool"),
        ] {
            do {
                _ = try exercise.input(generator: generator, parametersJSON: parameters, seed: 1, data: courseData)
                Issue.record("\(parameters) passed")
            } catch {
                #expect("\(error)".contains(fragment), "\(error)")
            }
        }
    }
}
