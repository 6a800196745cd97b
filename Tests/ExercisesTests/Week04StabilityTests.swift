import Crystal
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

/// The cases of `exercises/w04-stability/exercise.toml`, as the engine hands them over.
struct Week04Case: CustomTestStringConvertible, Sendable {
    let name: String
    let generator: String
    let parametersJSON: String
    let seed: UInt64
    var testDescription: String { name }

    static let all = [
        Week04Case(name: "li-fe-o", generator: "chemical-system", parametersJSON: #"{"system": "Li-Fe-O", "max_entries": 40}"#, seed: 1),
        Week04Case(name: "al-ni", generator: "chemical-system", parametersJSON: #"{"system": "Al-Ni", "metastable_window": 0.1, "truss_panels": 2}"#, seed: 2),
        Week04Case(name: "li-mn-p-o", generator: "chemical-system",
                   parametersJSON: #"{"system": "Li-Mn-P-O", "max_entries": 60, "queries": 4, "truss_panels": 4}"#, seed: 3),
        Week04Case(name: "ternary", generator: "random-system", parametersJSON: #"{"element_count": 3, "min_compounds": 8, "max_entries": 50}"#, seed: 41),
        Week04Case(name: "quaternary", generator: "random-system",
                   parametersJSON: #"{"element_count": 4, "min_compounds": 6, "max_entries": 60, "truss_panels": 5}"#, seed: 42),
    ]

    func input(seed override: UInt64? = nil) throws -> JSONValue {
        try Week04Stability().input(generator: generator, parametersJSON: parametersJSON, seed: override ?? seed, data: courseData)
    }
}

@Suite("Week 4 stability: inputs and reference")
struct Week04StabilityTests {
    static func numbers(_ value: JSONValue?) -> [Double] { (value?.arrayValue ?? []).map { $0.numberValue ?? .nan } }
    static func strings(_ value: JSONValue?) -> [String] { (value?.arrayValue ?? []).compactMap(\.stringValue) }

    @Test("inputs are byte-identical for a seed, and hidden systems vary with it", arguments: Week04Case.all)
    func deterministic(_ testCase: Week04Case) throws {
        let first = JSONWriter.text(of: try testCase.input())
        #expect(first == JSONWriter.text(of: try testCase.input()))
        if testCase.generator == "random-system" {
            let systems = try Set((0..<6).map { try testCase.input(seed: UInt64($0)).objectValue?["chemical_system"]?.stringValue ?? "" })
            #expect(systems.count > 2, "\(systems)")
        }
    }

    /// The reference's answers hold together: references have zero formation energy and are
    /// stable, stable entries sit on the hull, nothing is within the ambiguity margin of it,
    /// decompositions are atom fractions of stable phases that rebuild the query's
    /// composition at the hull's energy, and metastable entries are those in the window.
    @Test("the reference answer is self-consistent", arguments: Week04Case.all)
    func consistent(_ testCase: Week04Case) throws {
        let input = try testCase.input()
        let output = try Week04Stability().referenceOutput(for: input)
        let entries = try Week04Stability.readEntries(input.objectValue?["entries"])
        let formation = Self.numbers(output.objectValue?["formation_energy_per_atom"])
        let above = Self.numbers(output.objectValue?["e_above_hull"])
        let stable = Set(Self.strings(output.objectValue?["stable_ids"]))
        let metastable = Set(Self.strings(output.objectValue?["metastable_ids"]))
        let window = try #require(input.objectValue?["metastable_window"]?.numberValue)
        #expect(formation.count == entries.count && above.count == entries.count)
        let elements = Set(entries.flatMap(\.composition.elements))
        for element in elements {
            let pure = entries.indices.filter { entries[$0].composition.elements == [element] }
            let lowest = try #require(pure.min { formation[$0] < formation[$1] })
            #expect(abs(formation[lowest]) < 1e-12 && stable.contains(entries[lowest].id), "\(element.symbol)")
        }
        for (k, entry) in entries.enumerated() {
            #expect(stable.contains(entry.id) == (above[k] == 0), "\(entry.id) e_above_hull \(above[k])")
            #expect(above[k] == 0 || above[k] >= Week04Stability.ambiguityMargin, "\(entry.id) is \(above[k]) above the hull")
            #expect(metastable.contains(entry.id) == (above[k] > 0 && above[k] <= window))
        }
        let queries = Self.strings(input.objectValue?["decomposition_queries"])
        let rows = output.objectValue?["decomposition_fractions"]?.arrayValue ?? []
        #expect(!queries.isEmpty && rows.count == queries.count)
        for (query, row) in zip(queries, rows) {
            let fractions = Self.numbers(row)
            let q = try #require(entries.firstIndex { $0.id == query })
            #expect(!stable.contains(query))
            #expect(abs(fractions.reduce(0, +) - 1) < 1e-9)
            var energy = 0.0
            var mixture: [Element: Double] = [:]
            for (k, fraction) in fractions.enumerated() where fraction != 0 {
                #expect(stable.contains(entries[k].id) && fraction > 0)
                energy += fraction * formation[k]
                for (element, x) in entries[k].composition.fractions { mixture[element, default: 0] += fraction * x }
            }
            #expect(abs(formation[q] - above[q] - energy) < 1e-9, "\(query)")
            for (element, x) in entries[q].composition.fractions { #expect(abs((mixture[element] ?? 0) - x) < 1e-9) }
        }
    }

    @Test("reordered entries and shifted elemental energies leave the stability answers alone", arguments: Week04Case.all)
    func invariance(_ testCase: Week04Case) throws {
        let input = try testCase.input()
        let exercise = Week04Stability()
        let original = try exercise.referenceOutput(for: input).objectValue ?? [:]
        let variants = try exercise.invarianceVariants(of: input, seed: 5)
        #expect(variants.map(\.name) == ["permuted", "shifted-references"])
        for variant in variants {
            let output = try exercise.referenceOutput(for: variant.input).objectValue ?? [:]
            let order = variant.siteOrder ?? Array(Self.numbers(original["e_above_hull"]).indices)
            #expect(variant.input != input)
            for field in ["e_above_hull", "formation_energy_per_atom"] {
                let before = Self.numbers(original[field]), after = Self.numbers(output[field])
                for (k, old) in order.enumerated() { #expect(abs(after[k] - before[old]) < 1e-9, "\(variant.name) \(field)[\(k)]") }
            }
            #expect(Set(Self.strings(output["stable_ids"])) == Set(Self.strings(original["stable_ids"])))
        }
    }

    @Test("a truss answer is in equilibrium: member forces and loads cancel at every free node", arguments: Week04Case.all)
    func trussEquilibrium(_ testCase: Week04Case) throws {
        let input = try testCase.input()
        let truss = try #require(input.objectValue?["truss"]?.objectValue)
        let nodes = truss["nodes"]?.arrayValue ?? [], members = truss["members"]?.arrayValue ?? []
        let forces = Self.numbers(try Week04Stability().referenceOutput(for: input).objectValue?["truss_axial_forces"])
        #expect(forces.count == members.count && nodes.count >= 6)
        var balance = [SIMD2<Double>](repeating: .zero, count: nodes.count)
        func point(_ k: Int) -> SIMD2<Double> {
            SIMD2(nodes[k].objectValue?["x"]?.numberValue ?? .nan, nodes[k].objectValue?["y"]?.numberValue ?? .nan)
        }
        for (member, force) in zip(members, forces) {
            let a = member.objectValue?["start"]?.integerValue ?? 0, b = member.objectValue?["end"]?.integerValue ?? 0
            let direction = (point(b) - point(a)) / ((point(b) - point(a)) * (point(b) - point(a))).sum().squareRoot()
            balance[a] += force * direction
            balance[b] -= force * direction
        }
        for (k, node) in nodes.enumerated() {
            let load = Self.numbers(node.objectValue?["load"]), fixed = node.objectValue?["fixed"]?.arrayValue?.compactMap(\.boolValue) ?? []
            for axis in 0..<2 where !fixed[axis] {
                #expect(abs(balance[k][axis] + load[axis]) < 1e-6 * max(1, abs(load[axis])), "node \(k) axis \(axis)")
            }
        }
    }

    @Test("bad case parameters and input documents are refused with the field and the fix")
    func badInput() throws {
        let exercise = Week04Stability()
        #expect(throws: ExercisesError.self) {
            try exercise.input(generator: "chemical-system", parametersJSON: #"{"system": "Li-Xx-O"}"#, seed: 1, data: courseData)
        }
        do {
            _ = try exercise.input(generator: "chemical-system", parametersJSON: #"{"system": "Li-Fe-O", "max_entry": 3}"#, seed: 1, data: courseData)
            Issue.record("a misspelt parameter was accepted")
        } catch {
            #expect("\(error)".contains("max_entry") && "\(error)".contains("max_entries"))
        }
        do {
            _ = try exercise.input(generator: "random-system", parametersJSON: #"{"element_count": 4, "min_compounds": 5000}"#, seed: 1, data: courseData)
            Issue.record("an impossible system size was accepted")
        } catch {
            #expect("\(error)".contains("min_compounds"))
        }
        var fields = try Week04Case.all[0].input().objectValue ?? [:]
        var entries = fields["entries"]?.arrayValue ?? []
        var first = entries[0].objectValue ?? [:]
        first["total_energy"] = .string("-3.2")
        entries[0] = .object(first)
        fields["entries"] = .array(entries)
        do {
            _ = try exercise.referenceOutput(for: .object(fields))
            Issue.record("a text energy was accepted")
        } catch {
            #expect("\(error)".contains("entries[0].total_energy"))
        }
        fields = try Week04Case.all[0].input().objectValue ?? [:]
        fields["decomposition_queries"] = .array([.string("mp-nothing")])
        #expect(throws: ExercisesError.self) { try exercise.referenceOutput(for: .object(fields)) }
    }
}
