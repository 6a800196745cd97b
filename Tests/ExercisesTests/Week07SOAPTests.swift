import Crystal
import Descriptors
import Foundation
import JSONSupport
import LinearAlgebra
import Testing
import TestSupport
@testable import Exercises

/// The SOAP part of week 7: inputs, the reference (the Descriptors kernel, itself checked
/// against DScribe in DescriptorsTests), and its invariance copies.
@Suite("Week 7 SOAP: inputs and reference")
struct Week07SOAPTests {
    static func rows(_ value: JSONValue?) -> [[Double]] {
        (value?.arrayValue ?? []).map { ($0.arrayValue ?? []).map { $0.numberValue ?? .nan } }
    }

    @Test("the reference vectors are the SOAP kernel's outer averages; the kernel is normalised and the ranking follows it",
          arguments: Week07Case.publicCases + Week07Case.hiddenCases)
    func reference(_ testCase: Week07Case) throws {
        let input = try testCase.input()
        let output = try #require(try Week07SOAPSimilarity().referenceOutput(for: input).objectValue)
        let vectors = Self.rows(output["soap_vectors"]), kernel = Self.rows(output["soap_similarity"])
        let structures = try Week07SOAP.structures(in: input)
        let descriptor = try Week07SOAP.descriptor(for: input)
        #expect(vectors.count == structures.count)
        for (i, structure) in structures.enumerated() {
            let direct = try descriptor.spectra(of: structure)
            #expect(direct.rowCount == 1 && vectors[i].count == descriptor.featureCount)
            #expect(vectors[i] == (0..<direct.columnCount).map { direct[0, $0] })
        }
        for i in vectors.indices {
            for j in vectors.indices {
                let dot = zip(vectors[i], vectors[j]).map(*).reduce(0, +)
                let ni = zip(vectors[i], vectors[i]).map(*).reduce(0, +).squareRoot()
                let nj = zip(vectors[j], vectors[j]).map(*).reduce(0, +).squareRoot()
                #expect(abs(kernel[i][j] - dot / (ni * nj)) < 1e-12)
            }
        }
        let ranking = (output["soap_ranking"]?.arrayValue ?? []).compactMap(\.stringValue)
        let n = vectors.count
        #expect(ranking.count == n * (n - 1) / 2 && Set(ranking).count == ranking.count)
        let values = ranking.map { pair -> Double in
            let ij = pair.split(separator: "-").compactMap { Int($0) }
            return kernel[ij[0]][ij[1]]
        }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test("ranking breaks ties by the smaller pair")
    func rankingTies() {
        let kernel = [[1, 0.5, 0.5], [0.5, 1, 0.9], [0.5, 0.9, 1]]
        #expect(Week07SOAP.ranking(kernel) == ["1-2", "0-1", "0-2"])
    }

    @Test("averaged SOAP vectors are unchanged on every invariance copy, supercells included",
          arguments: Week07Case.publicCases)
    func invariance(_ testCase: Week07Case) throws {
        let exercise = Week07SOAPSimilarity()
        let input = try testCase.input()
        let reference = Self.rows(try exercise.referenceOutput(for: input).objectValue?["soap_vectors"])
        for variant in try exercise.invarianceVariants(of: input, seed: 9) {
            let copy = Self.rows(try exercise.referenceOutput(for: variant.input).objectValue?["soap_vectors"])
            #expect(copy.count == reference.count)
            for (a, b) in zip(copy, reference) {
                let scale = b.map(abs).max() ?? 0
                #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * scale + 1e-12 }, "\(testCase.name) \(variant.name)")
            }
        }
        let supercells = try #require(try exercise.invarianceVariants(of: input, seed: 9).first { $0.name == "soap-supercells" })
        let counts = try Week07SOAP.structures(in: supercells.input).map(\.atomCount)
        #expect(counts == (try Week07SOAP.structures(in: input).map { 2 * $0.atomCount }))
    }

    @Test("bad SOAP parameters and inputs are refused with the field, the value and the fix")
    func badParameters() throws {
        let exercise = Week07SOAPSimilarity()
        #expect(throws: ExercisesError.self) {
            try exercise.input(generator: "bundled-structure", parametersJSON: #"{"structure": "Si", "soap_structures": "Si"}"#, seed: 1, data: courseData)
        }
        #expect(throws: ExercisesError.self) {
            try exercise.input(generator: "bundled-structure", parametersJSON: #"{"structure": "Si", "soap_rbf": "gaussian"}"#, seed: 1, data: courseData)
        }
        #expect(throws: ExercisesError.self) {
            try exercise.input(generator: "bundled-structure", parametersJSON: #"{"structure": "Si", "soap_structures": "Si,Unobtainium"}"#, seed: 1, data: courseData)
        }
        var fields = try #require(try Week07Case.publicCases[0].input().objectValue)
        fields["soap_l_max"] = .number(-1)
        let bad = JSONValue.object(fields)
        do {
            _ = try exercise.referenceOutput(for: bad)
            Issue.record("l_max = -1 was accepted")
        } catch {
            #expect("\(error)".contains("l_max"), "\(error)")
        }
    }
}
