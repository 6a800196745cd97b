import Foundation
import Testing
@testable import Grading

@Suite("rubric files")
struct RubricSpecTests {
    static let exercise: ExerciseSpec = {
        do {
            return try ExerciseSpec.parse(text: ExerciseSpecTests.valid, path: "exercise.toml", folderName: "w06-crystal-graphs")
        } catch {
            fatalError("the exercise.toml of ExerciseSpecTests no longer loads: \(error)")
        }
    }()

    static let valid = """
        exercise = "w06-crystal-graphs"
        total = 100

        [[check]]
        id = "edges"
        field = "edges"
        comparator = "permutation"
        points = 60
        hint = "Include periodic images."
        options = { atol = 1e-6, key_columns = [0, 1] }

        [[check]]
        id = "edges-hidden"
        title = "Edges on the hidden structures"
        field = "edges"
        comparator = "permutation"
        points = 30
        cases = "hidden"

        [[check]]
        id = "drawing"
        comparator = "manual"
        points = 10
        cases = ["silicon"]
        """

    @Test("a valid rubric loads, points add up, options become JSON")
    func loads() throws {
        let rubric = try RubricSpec.parse(text: Self.valid, path: "rubric.toml", exercise: Self.exercise)
        #expect(rubric.checks.map(\.id) == ["edges", "edges-hidden", "drawing"])
        #expect(rubric.checks.map(\.points) == [60, 30, 10])
        #expect(rubric.checks[0].cases == .all)
        #expect(rubric.checks[1].cases == .hiddenOnly)
        #expect(rubric.checks[2].cases == .named(["silicon"]))
        #expect(rubric.checks[1].title == "Edges on the hidden structures")
        #expect(rubric.checks[0].line == 4)
        // JSONDecoder, not JSONSerialization: on Linux the latter misrounds 17-digit numbers.
        struct Options: Decodable { let atol: Double; let key_columns: [Int] }
        let options = try JSONDecoder().decode(Options.self, from: Data(rubric.checks[0].optionsJSON.utf8))
        #expect(options.atol == 1e-6)
        #expect(options.key_columns == [0, 1])
    }

    struct Broken: CustomTestStringConvertible, Sendable {
        let name: String
        let replace: String
        let with: String
        let message: String
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "points do not add up", replace: "points = 60", with: "points = 50",
               message: "rubric.toml:2: the checks' points add up to 90, not total = 100 (edges 50, edges-hidden 30, drawing 10); make them agree"),
        Broken(name: "misspelled comparator", replace: "comparator = \"permutation\"\npoints = 60", with: "comparator = \"alclose\"\npoints = 60",
               message: "rubric.toml:7: unknown comparator 'alclose'; did you mean 'allclose'? (known: equal, allclose, allclose_up_to_sign, subspace, permutation, set, jaccard, rank, ari, statistical, metric, probe, choice, invariance, manual)"),
        Broken(name: "field not in the output", replace: "field = \"edges\"\ncomparator = \"permutation\"\npoints = 60", with: "field = \"nodes\"\ncomparator = \"permutation\"\npoints = 60",
               message: "rubric.toml:6: field 'nodes' is not an output field of w06-crystal-graphs (its fields: edges)"),
        Broken(name: "unknown case", replace: "cases = [\"silicon\"]", with: "cases = [\"diamond\"]",
               message: "rubric.toml:24: case 'diamond' is not a case of w06-crystal-graphs (its cases: silicon, rattled)"),
        Broken(name: "duplicate id", replace: "id = \"drawing\"", with: "id = \"edges\"",
               message: "rubric.toml:21: check 'edges' is defined twice; check ids must be unique"),
        Broken(name: "zero points", replace: "points = 10", with: "points = 0",
               message: "rubric.toml:23: 'points' must be > 0 (got 0); drop the check instead"),
        Broken(name: "wrong exercise", replace: "exercise = \"w06-crystal-graphs\"", with: "exercise = \"w05-descriptors\"",
               message: "rubric.toml:1: 'exercise' is \"w05-descriptors\" but this rubric is for \"w06-crystal-graphs\"; they must be the same"),
        Broken(name: "typo in a check key", replace: "hint = \"Include periodic images.\"", with: "hnit = \"Include periodic images.\"",
               message: "rubric.toml:9: unknown key 'hnit' in [[check]] #1; did you mean 'hint'? (known: cases, comparator, field, hint, id, options, points, title)"),
        Broken(name: "comparator option out of range", replace: "options = { atol = 1e-6, key_columns = [0, 1] }", with: "options = { atol = -1.0, key_columns = [0, 1] }",
               message: "rubric.toml:10: check 'edges': comparator 'permutation': option 'atol' must be a number >= 0 (got -1)"),
        Broken(name: "unknown comparator option", replace: "options = { atol = 1e-6, key_columns = [0, 1] }", with: "options = { atl = 1e-6 }",
               message: "rubric.toml:10: check 'edges': comparator 'permutation': unknown option 'atl'; did you mean 'atol'? (its options: atol, key_columns, partial_credit, rtol)"),
        Broken(name: "bad case word", replace: "cases = \"hidden\"", with: "cases = \"private\"",
               message: "rubric.toml:18: 'cases' must be \"all\", \"public\", \"hidden\" or a list of case names (got \"private\")"),
    ]

    @Test("malformed rubrics name the file, line, key, value and fix", arguments: broken)
    func rejects(_ broken: Broken) {
        #expect(Self.valid.contains(broken.replace), "test case does not apply: \(broken.replace)")
        let text = Self.valid.replacingOccurrences(of: broken.replace, with: broken.with)
        do {
            let rubric = try RubricSpec.parse(text: text, path: "rubric.toml", exercise: Self.exercise)
            Issue.record("expected an error, loaded \(rubric.checks.count) checks")
        } catch let error as SpecError {
            #expect(error.description == broken.message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
