import Crystal
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

@Suite("Week 6 inputs")
struct Week06InputTests {
    @Test func registryFindsWeeksWithCode() throws {
        #expect(ExerciseRegistry.ids == ["w01-materials-database", "w02-simulation-methods", "w03-simulation-assumptions", "w04-stability", "w05-descriptors", "w06-crystal-graphs", "w07-soap-similarity"])
        let exercise = try #require(ExerciseRegistry.exercise(id: "w06-crystal-graphs"))
        #expect(exercise.id == "w06-crystal-graphs")
        #expect(ExerciseRegistry.exercise(id: "w99-nothing") == nil)
    }

    @Test("every case of exercise.toml generates an input as the README defines it",
          arguments: Week06Case.publicCases + Week06Case.hiddenCases)
    func caseGenerates(_ testCase: Week06Case) throws {
        let input = try testCase.input()
        let fields = try #require(input.objectValue)
        #expect(Set(fields.keys) == [
            "structure", "cif", "radius", "max_neighbors", "gaussian", "megnet_cutoff", "elements", "atom_feature_blocks",
        ])
        #expect(fields["radius"] == 8.0)
        #expect(fields["max_neighbors"] == 12)
        #expect(fields["megnet_cutoff"] == 4.0)
        #expect(fields["gaussian"] == ["dmin": 0.0, "dmax": 8.0, "step": 0.2, "width": 0.2])
        let structure = try StructureDocument.structure(in: input)
        #expect(Set(fields["elements"]?.objectValue?.keys.map { $0 } ?? []) == Set(structure.species.map(\.symbol)))
        #expect(structure.fractionalCoordinates.allSatisfy { $0.min() >= 0 && $0.max() < 1 }, "frac_coords not wrapped into [0, 1)")
        let cif = try #require(fields["cif"]?.stringValue)
        let fromCIF = try Structure(cif: cif, path: "input.cif")
        #expect(fromCIF.atomCount == structure.atomCount)
        #expect(abs(fromCIF.lattice.volume - structure.lattice.volume) < 1e-4 * structure.lattice.volume)
        #expect(fromCIF.species == structure.species)
        let coordinates = compare(
            fromCIF.fractionalCoordinates.flatMap { [$0.x, $0.y, $0.z] }, structure.fractionalCoordinates.flatMap { [$0.x, $0.y, $0.z] },
            atol: 1e-8, rtol: 0)
        #expect(coordinates.isWithinTolerance, "cif and frac_coords disagree: \(coordinates)")
    }

    @Test("the same seed gives the same text, another seed another structure", arguments: Week06Case.hiddenCases)
    func determinism(_ testCase: Week06Case) throws {
        let first = try testCase.input().description
        let second = try testCase.input().description
        #expect(first == second)
        let other = try testCase.input(seed: testCase.seed + 1000).description
        #expect(other != first)
    }

    @Test("hidden cases stay within max_atoms; skew makes the cell strongly non-orthogonal")
    func randomCasesRespectParameters() throws {
        for seed in UInt64(1)...8 {
            let rattled = try StructureDocument.structure(in: Week06Case.hiddenCases[0].input(seed: seed))
            #expect(rattled.atomCount <= 40)
            let skewed = try StructureDocument.structure(in: Week06Case.hiddenCases[1].input(seed: seed))
            #expect(skewed.atomCount <= 30)
            let cosine = Week06RandomStructure.maximumCosine(of: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], skewed.lattice)
            #expect(cosine > Week06RandomStructure.minimumSkewCosine, "seed \(seed): max |cos| \(cosine)")
        }
    }

    @Test("the rattle moves no atom farther than rattle_angstrom")
    func rattleIsBounded() throws {
        let structure = try BundledStructures(dataFolder: courseData.dataFolder).structure(named: "SrTiO3", parameter: "structure")
            .supercell(2, 2, 2)
        var random = SplitMix64(seed: 7)
        let rattled = try Week06RandomStructure.rattled(structure, by: 0.05, using: &random)
        let moves = zip(structure.cartesianCoordinates, rattled.cartesianCoordinates).map { (($1 - $0) * ($1 - $0)).sum().squareRoot() }
        let largest = try #require(moves.max())
        #expect(largest <= 0.05 + 1e-12)
        #expect(largest > 0.02, "a rattle of 40 atoms should move some atom by more than 0.02 A (largest \(largest))")
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        let label: String, generator: String, parametersJSON: String, messageParts: [String]
        var testDescription: String { label }
    }

    @Test("bad case parameters name the parameter, the value and the fix", arguments: [
        BadCase(label: "unknown generator", generator: "bundled", parametersJSON: "{}",
                messageParts: ["unknown generator 'bundled'", "bundled-structure, random-bundled-structure"]),
        BadCase(label: "missing structure", generator: "bundled-structure", parametersJSON: "{}",
                messageParts: ["'structure'", "required", "structure = \"Si\""]),
        BadCase(label: "unknown structure", generator: "bundled-structure", parametersJSON: #"{"structure": "Unobtainium"}"#,
                messageParts: ["'structure'", "\"Unobtainium\"", "use one of", "SrTiO3"]),
        BadCase(label: "disordered structure", generator: "bundled-structure", parametersJSON: #"{"structure": "Li10GeP2S12"}"#,
                messageParts: ["'structure'", "disordered"]),
        BadCase(label: "singular transformation", generator: "bundled-structure",
                parametersJSON: #"{"structure": "Si", "cell_transformation": [[1, 0, 0], [1, 0, 0], [0, 0, 1]]}"#,
                messageParts: ["'cell_transformation'", "3x3 integer matrix", "determinant is 0"]),
        BadCase(label: "misspelt parameter", generator: "bundled-structure", parametersJSON: #"{"structure": "Si", "cell": 2}"#,
                messageParts: ["'cell'", "unknown parameter", "structure, cell_transformation"]),
        BadCase(label: "max_atoms too small", generator: "random-bundled-structure",
                parametersJSON: #"{"max_atoms": 0, "rattle_angstrom": 0.05}"#, messageParts: ["'max_atoms'", "got 0", "1...500"]),
        BadCase(label: "negative rattle", generator: "random-bundled-structure",
                parametersJSON: #"{"max_atoms": 20, "rattle_angstrom": -1}"#, messageParts: ["'rattle_angstrom'", "got -1", "Angstrom"]),
        BadCase(label: "skew not a bool", generator: "random-bundled-structure",
                parametersJSON: #"{"max_atoms": 20, "rattle_angstrom": 0.01, "skew": "yes"}"#, messageParts: ["'skew'", "true or false"]),
    ])
    func badParameters(_ bad: BadCase) throws {
        do {
            _ = try Week06CrystalGraphs().input(generator: bad.generator, parametersJSON: bad.parametersJSON, seed: 1, data: courseData)
            Issue.record("expected an error")
        } catch let error as ExercisesError {
            for part in bad.messageParts {
                #expect(error.description.contains(part), "\(error.description) lacks \(part)")
            }
        }
    }
}
