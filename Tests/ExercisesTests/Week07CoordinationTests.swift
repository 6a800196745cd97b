import Crystal
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

/// The cases of `exercises/w07-soap-similarity/exercise.toml`, as the engine hands them over.
struct Week07Case: CustomTestStringConvertible, Sendable {
    let name: String
    let generator: String
    let parametersJSON: String
    let seed: UInt64
    var testDescription: String { name }

    static let publicCases = [
        Week07Case(name: "silicon", generator: "bundled-structure", parametersJSON: #"{"structure": "Si", "soap_structures": "Si,Sn,SiO2,TiO2"}"#, seed: 1),
        Week07Case(name: "strontium-titanate", generator: "bundled-structure", parametersJSON: #"{"structure": "SrTiO3", "soap_structures": "Li2O,Li2O2,K2O2,SiO2", "soap_rbf": "polynomial", "soap_r_cut": 3.5, "soap_n_max": 4, "soap_l_max": 3}"#, seed: 2),
        Week07Case(
            name: "skewed-rutile", generator: "bundled-structure",
            parametersJSON: #"{"structure": "TiO2", "cell_transformation": [[1, 0, 0], [1, 1, 0], [0, 0, 1]], "soap_structures": "TiO2,VO2,SrTiO3,CsCl", "soap_sigma": 0.4}"#, seed: 3),
    ]
    static let hiddenCases = [
        Week07Case(
            name: "rattled-supercell", generator: "random-bundled-structure",
            parametersJSON: #"{"max_atoms": 30, "rattle_angstrom": 0.05, "skew": false, "source": "all", "soap_rbf": "polynomial"}"#, seed: 21),
        Week07Case(
            name: "skewed-cell", generator: "random-bundled-structure",
            parametersJSON: #"{"max_atoms": 24, "rattle_angstrom": 0.02, "skew": true, "source": "minerals"}"#, seed: 22),
    ]

    func input(seed override: UInt64? = nil) throws -> JSONValue {
        try Week07SOAPSimilarity().input(generator: generator, parametersJSON: parametersJSON, seed: override ?? seed, data: courseData)
    }
}

@Suite("Week 7 coordination: inputs and reference")
struct Week07CoordinationTests {
    static func integers(_ value: JSONValue?) -> [Int] { (value?.arrayValue ?? []).compactMap(\.integerValue) }
    static func numbers(_ value: JSONValue?) -> [Double] { (value?.arrayValue ?? []).map { $0.numberValue ?? .nan } }

    @Test("every case generates an input as the README defines it, the same for the same seed",
          arguments: Week07Case.publicCases + Week07Case.hiddenCases)
    func caseGenerates(_ testCase: Week07Case) throws {
        let input = try testCase.input()
        let fields = try #require(input.objectValue)
        #expect(Set(fields.keys) == Set(["structure", "cif", "coordination_cutoff", "voronoi_min_weight", "soap_names", "soap_structures", "soap_species"] + ["soap_r_cut", "soap_n_max", "soap_l_max", "soap_sigma", "soap_rbf"]))
        #expect(fields["coordination_cutoff"] == 3.0)
        #expect(fields["voronoi_min_weight"] == 0.05)
        #expect(try testCase.input() == input, "same seed, same input")
        let structure = try StructureDocument.structure(in: input)
        #expect(structure.fractionalCoordinates.allSatisfy { $0.min() >= 0 && $0.max() < 1 })
    }

    @Test("the reference is the Crystal kernels' answer, one entry per atom", arguments: Week07Case.publicCases + Week07Case.hiddenCases)
    func referenceIsTheKernel(_ testCase: Week07Case) throws {
        let input = try testCase.input()
        let structure = try StructureDocument.structure(in: input)
        let output = try #require(try Week07SOAPSimilarity().referenceOutput(for: input).objectValue)
        #expect(Set(output.keys) == ["cutoff_coordination", "voronoi_coordination", "voronoi_weighted_coordination", "soap_vectors", "soap_similarity", "soap_ranking"])
        let cells = try structure.voronoiCells()
        #expect(Self.integers(output["cutoff_coordination"]) == (try structure.coordinationNumbers(within: 3.0)))
        #expect(Self.integers(output["voronoi_coordination"]) == cells.map { $0.coordination(minimumWeight: 0.05) })
        #expect(Self.numbers(output["voronoi_weighted_coordination"]) == cells.map(\.weightedCoordination))
    }

    /// The public silicon case is the bundled Si.json, on which pymatgen's plain count is 20
    /// (four ridges of weight ~1e-17) while the crystal has 16 faces: the graded numbers agree
    /// with pymatgen's fixture values all the same.
    @Test("silicon: graded numbers agree with VoronoiNN's on the bundled Si.json")
    func siliconAgreesWithPymatgen() throws {
        let output = try Week07SOAPSimilarity().referenceOutput(for: Week07Case.publicCases[0].input())
        let url = RepositoryPaths.fixtures.appendingPathComponent("voronoi/pymatgen_voronoi.json")
        let document = try JSONValue(parsing: try Data(contentsOf: url))
        let silicon = try #require(document.objectValue?["cases"]?.arrayValue?.first { $0.objectValue?["name"]?.stringValue == "Si" }?.objectValue)
        let sites = silicon["sites"]?.arrayValue ?? []
        #expect(Self.integers(output.objectValue?["voronoi_coordination"]) == Self.integers(silicon["cn_at_min_weight"]?.objectValue?["0.05"]))
        let weighted = compare(Self.numbers(output.objectValue?["voronoi_weighted_coordination"]), sites.map { $0.objectValue?["weighted_cn"]?.numberValue ?? .nan }, atol: 1e-9, rtol: 0)
        #expect(weighted.isWithinTolerance, "\(weighted)")
    }

    @Test("the invariance copies (rotated, translated, permuted, re-reduced) leave every graded number in place",
          arguments: Week07Case.publicCases + Week07Case.hiddenCases)
    func variantsAreInvariant(_ testCase: Week07Case) throws {
        let exercise = Week07SOAPSimilarity()
        let input = try testCase.input()
        let reference = try #require(try exercise.referenceOutput(for: input).objectValue)
        let variants = try exercise.invarianceVariants(of: input, seed: 5)
        #expect(variants.map(\.name) == ["rotated", "translated", "permuted", "re-reduced", "soap-supercells"])
        for variant in variants {
            let output = try #require(try exercise.referenceOutput(for: variant.input).objectValue)
            let order = variant.siteOrder ?? Array(0..<(reference["voronoi_coordination"]?.arrayValue?.count ?? 0))
            for field in ["cutoff_coordination", "voronoi_coordination", "voronoi_weighted_coordination"] {
                let expected = order.map { Self.numbers(reference[field])[$0] }
                let c = compare(Self.numbers(output[field]), expected, atol: 1e-9, rtol: 0)
                #expect(c.isWithinTolerance, "\(variant.name) \(field): \(c)")
            }
        }
    }

    @Test("bad parameters and inputs are refused with the field, the value and the fix")
    func badParameters() throws {
        let exercise = Week07SOAPSimilarity()
        #expect {
            try exercise.input(generator: "bundled-structure", parametersJSON: #"{"structure": "Si", "coordination_cutoff": 0}"#, seed: 1, data: courseData)
        } throws: { "\($0)".contains("coordination_cutoff") && "\($0)".contains("0.5...8") }
        #expect {
            try exercise.input(generator: "bundled-structure", parametersJSON: #"{"structure": "Si", "voronoi_min_weight": 2}"#, seed: 1, data: courseData)
        } throws: { "\($0)".contains("voronoi_min_weight") }
        #expect(throws: ExercisesError.self) {
            try exercise.input(generator: "no-such-generator", parametersJSON: "{}", seed: 1, data: courseData)
        }
        var fields = try #require(try Week07Case.publicCases[0].input().objectValue)
        fields["voronoi_min_weight"] = .number(1.5)
        #expect {
            try exercise.referenceOutput(for: .object(fields))
        } throws: { "\($0)".contains("voronoi_min_weight") && "\($0)".contains("[0, 1)") }
    }
}
