import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

@Suite("Week 2 simulation methods: inputs and reference")
struct Week02SimulationMethodsTests {
    static let exercise = Week02SimulationMethods()

    static func input(_ parameters: String, seed: UInt64 = 1) throws -> JSONValue {
        try exercise.input(generator: "band-gaps-and-timings", parametersJSON: parameters, seed: seed, data: courseData)
    }

    /// `scripts/fixtures/week02_band_gaps.py` rebuilds the pairs with pymatgen's formula parser
    /// from the same two files and computes the statistics with numpy.
    @Test("all band-gap pairs and their statistics agree with the pymatgen + numpy fixture")
    func pairsAgreeWithFixture() throws {
        struct Fixture: Decodable {
            let pair_count: Int
            let first_formulas: [String]
            let last_formulas: [String]
            let mean_signed_error: Double
            let mean_absolute_error: Double
            let fraction_underestimated: Double
            let correction: [Double]
        }
        let fixture = try JSONDecoder().decode(
            Fixture.self, from: Data(contentsOf: RepositoryPaths.fixtures.appendingPathComponent("exercises/week02_band_gaps.json")))
        let pairs = try Week02BandGapPairs.load(dataFolder: courseData.dataFolder).pairs
        #expect(pairs.count == fixture.pair_count)
        #expect(pairs.prefix(10).map(\.formula) == fixture.first_formulas)
        #expect(pairs.suffix(10).map(\.formula) == fixture.last_formulas)
        let input = try Self.input(#"{"pairs": \#(pairs.count)}"#)
        let output = try Self.exercise.referenceOutput(for: input).objectValue ?? [:]
        #expect(abs((output["gap_mean_signed_error"]?.numberValue ?? .nan) - fixture.mean_signed_error) < 1e-12)
        #expect(abs((output["gap_mean_absolute_error"]?.numberValue ?? .nan) - fixture.mean_absolute_error) < 1e-12)
        #expect(abs((output["gap_fraction_underestimated"]?.numberValue ?? .nan) - fixture.fraction_underestimated) < 1e-15)
        let correction = (output["gap_correction"]?.arrayValue ?? []).compactMap(\.numberValue)
        #expect(correction.count == 2)
        for (mine, theirs) in zip(correction, fixture.correction) { #expect(abs(mine - theirs) < 1e-10 * max(1, abs(theirs))) }
        // The physics the exercise is about: PBE underestimates, by most of an eV on average.
        #expect(fixture.mean_signed_error < -0.5 && fixture.fraction_underestimated > 0.8)
    }

    @Test("without noise the log-log fit returns each cost model's exponent", arguments: Week02Catalogue.costModels.indices)
    func exponentRecovered(_ model: Int) throws {
        let input = try Self.input(#"{"pairs": 10, "cost_model": \#(model), "noise": 0}"#)
        let output = try Self.exercise.referenceOutput(for: input).objectValue ?? [:]
        // The timings are written to 4 significant digits, hence not exact.
        let exponent = try #require(output["scaling_exponent"]?.numberValue)
        #expect(abs(exponent - Week02Catalogue.costModels[model].exponent) < 1e-3)
        let timings = try #require(input.objectValue?["timings"]?.objectValue)
        let target = try #require(timings["target_size"]?.numberValue)
        let predicted = try #require(output["predicted_seconds"]?.numberValue)
        let model = Week02Catalogue.costModels[model]
        #expect(abs(predicted / (model.prefactorSeconds * pow(target, model.exponent)) - 1) < 1e-2)
    }

    @Test("inputs are byte-identical for a seed and differ between seeds")
    func deterministic() throws {
        let parameters = #"{"pairs": 150}"#
        #expect(JSONWriter.text(of: try Self.input(parameters, seed: 9)) == JSONWriter.text(of: try Self.input(parameters, seed: 9)))
        #expect(JSONWriter.text(of: try Self.input(parameters, seed: 9)) != JSONWriter.text(of: try Self.input(parameters, seed: 10)))
    }

    /// The rubric's full-credit answers are the catalogue's (the reference output's), and every
    /// option of the vocabularies is listed, so no wrong answer is told the options.
    @Test("the rubric's choice checks match the catalogue and list the whole vocabulary")
    func rubricMatchesCatalogue() throws {
        let text = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("rubrics/w02-simulation-methods.toml"), encoding: .utf8)
        let checks = text.components(separatedBy: "[[check]]").dropFirst()
        for question in Week02Catalogue.questions {
            for (kind, expected, vocabulary) in [("methods", question.method, Week02Catalogue.methods),
                                                 ("biases", question.bias, Week02Catalogue.biases.map(\.id))] {
                let check = try #require(checks.first { $0.contains("field = \"\(kind).\(question.id)\"") }, "\(kind).\(question.id)")
                let answers = check.components(separatedBy: "answers = {").last ?? ""
                for option in vocabulary { #expect(answers.contains("\"\(option)\" = "), "\(kind).\(question.id) lacks \(option)") }
                #expect(answers.contains("\"\(expected)\" = 1"), "\(kind).\(question.id): \(expected) should earn full credit")
            }
        }
    }

    @Test("bad parameters and input documents are refused naming the field")
    func badInput() throws {
        do {
            _ = try Self.input(#"{"pairs": 5}"#)
            Issue.record("5 pairs accepted")
        } catch {
            #expect("\(error)".contains("pairs"))
        }
        var fields = try Self.input(#"{"pairs": 10}"#).objectValue ?? [:]
        var timings = fields["timings"]?.objectValue ?? [:]
        timings["seconds"] = .array([.number(1), .number(-2)])
        fields["timings"] = .object(timings)
        do {
            _ = try Self.exercise.referenceOutput(for: .object(fields))
            Issue.record("negative seconds accepted")
        } catch {
            #expect("\(error)".contains("timings"))
        }
        fields = try Self.input(#"{"pairs": 10}"#).objectValue ?? [:]
        fields["band_gaps"] = .array([.object(["dft_gap": .number(1), "experimental_gap": .string("x")]), .object([:])])
        do {
            _ = try Self.exercise.referenceOutput(for: .object(fields))
            Issue.record("a text gap accepted")
        } catch {
            #expect("\(error)".contains("band_gaps[0].experimental_gap"))
        }
    }
}
