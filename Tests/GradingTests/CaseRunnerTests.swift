import Foundation
import JSONSupport
import Sandbox
import Testing
@testable import Grading

/// The case runner end to end: real Python programs in the real sandbox (CI runs as root),
/// their output.json parsed and graded by a small rubric.
@Suite("case runner")
struct CaseRunnerTests {
    static let exercise: ExerciseSpec = {
        let text = """
            id = "w06-crystal-graphs"
            week = 6
            title = "test"
            [limits]
            wall_seconds = 5
            cpu_seconds = 5
            memory_mb = 512
            [[output]]
            name = "values"
            type = "array"
            [[cases]]
            name = "one"
            visibility = "public"
            generator = "fixed"
            seed = 1
            """
        do { return try ExerciseSpec.parse(text: text, path: "exercise.toml", folderName: "w06-crystal-graphs") } catch {
            fatalError("test exercise does not load: \(error)")
        }
    }()

    static let rubric: RubricSpec = {
        let text = """
            exercise = "w06-crystal-graphs"
            total = 10
            [[check]]
            id = "values"
            field = "values"
            comparator = "allclose"
            points = 10
            hint = "Add the numbers."
            options = { atol = 1e-9, rtol = 0.0 }
            """
        do { return try RubricSpec.parse(text: text, path: "rubric.toml", exercise: exercise) } catch {
            fatalError("test rubric does not load: \(error)")
        }
    }()

    static let reference: JSONValue = ["values": [1.0, 2.0, 3.5]]

    struct Program: CustomTestStringConvertible, Sendable {
        let name: String
        let source: String
        let passes: Bool
        let explanation: String
        var testDescription: String { name }
    }

    static let programs: [Program] = [
        Program(name: "correct", source: """
            import json, sys
            task = json.load(open(sys.argv[1]))
            json.dump({"values": [x + 0.5 * (x == 3) for x in task["numbers"]]}, open(sys.argv[2], "w"))
            """, passes: true, explanation: ""),
        Program(name: "wrong value", source: """
            import json, sys
            json.dump({"values": [1, 2, 3]}, open(sys.argv[2], "w"))
            """, passes: false, explanation: "[2]"),
        Program(name: "crash", source: "raise ValueError('no idea')\n", passes: false, explanation: "ValueError"),
        Program(name: "no output", source: "print('done')\n", passes: false, explanation: "wrote no output.json"),
        Program(name: "output is a link to a system file", source: """
            import os, sys
            os.symlink("/etc/passwd", sys.argv[2])
            """, passes: false, explanation: "symbolic link"),
        Program(name: "missing field", source: """
            import json, sys
            json.dump({"value": [1, 2, 3.5]}, open(sys.argv[2], "w"))
            """, passes: false, explanation: "no field 'values'"),
        Program(name: "malformed JSON", source: """
            import sys
            open(sys.argv[2], "w").write('{"values": [1, 2,')
            """, passes: false, explanation: "output.json is"),
        Program(name: "NaN output", source: """
            import json, sys
            json.dump({"values": [float("nan"), 2, 3.5]}, open(sys.argv[2], "w"))
            """, passes: false, explanation: "NaN"),
        Program(name: "infinite loop", source: "while True:\n    pass\n", passes: false, explanation: "stopped"),
    ]

    @Test("each program's run is graded, and failures are explained", arguments: programs)
    func grades(_ program: Program) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-runner-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let submission = root.appendingPathComponent("submission")
        try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
        try program.source.write(to: submission.appendingPathComponent("solution.py"), atomically: true, encoding: .utf8)
        let runner = try CaseRunner(sandbox: Sandbox(), workRoot: root.appendingPathComponent("work"))
        let input: JSONValue = ["numbers": [1.0, 2.0, 3.0]]
        let run = try await runner.run(submission: submission, exercise: Self.exercise, input: input, label: "one")
        let results = try Self.rubric.evaluate(
            caseSpec: Self.exercise.cases[0], run: run, reference: Self.reference, caseCount: ["values": 1])
        #expect(results.count == 1)
        let result = try #require(results.first)
        #expect(result.outcome.passed == program.passes, "\(result.outcome.explanation)")
        #expect(result.points == (program.passes ? 10 : 0))
        if !program.explanation.isEmpty {
            #expect(result.outcome.explanation.contains(program.explanation), "\(result.outcome.explanation)")
        }
        // The case folder is gone; the submission is untouched.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("work").path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: submission.path) == ["solution.py"])
    }
}
