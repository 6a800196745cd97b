import Grading
import JSONSupport
import Reports
import Sandbox
import Testing

@Suite("terminal report of matgrade check")
struct TerminalReportTests {
    static func result(secondPasses: Bool, crashed: Bool = false) throws -> SubmissionResult {
        let exercise = try ExerciseSpec.parse(text: """
            id = "w06-crystal-graphs"
            week = 6
            title = "Crystal graphs"
            [[output]]
            name = "edges"
            type = "array"
            [[cases]]
            name = "silicon"
            visibility = "public"
            generator = "bundled-structure"
            seed = 1
            """, path: "exercise.toml", folderName: "w06-crystal-graphs")
        let rubric = try RubricSpec.parse(text: """
            exercise = "w06-crystal-graphs"
            total = 10
            [[check]]
            id = "edges"
            title = "Edges with periodic images"
            field = "edges"
            comparator = "permutation"
            points = 6
            hint = "A neighbor may sit in the next cell."
            [[check]]
            id = "count"
            title = "Edge count"
            field = "edges"
            comparator = "equal"
            points = 4
            """, path: "rubric.toml", exercise: exercise)
        let outcome = SandboxOutcome(
            termination: crashed ? .exited(1) : .exited(0), standardErrorTail: crashed ? "Traceback\nValueError: bad\n" : "",
            wallSeconds: 0.12, cpuSeconds: 0.1, isolation: .bubblewrap(version: "0.8.0"))
        let run = CaseRun(sandbox: outcome, output: crashed ? nil : ["edges": [[0, 1]]], problem: crashed ? "your program stopped with an error (exit code 1)" : nil)
        let checks = [
            CheckResult(checkID: "edges", caseName: "silicon", outcome: .fail("row [0, 1] has no match; worst |diff| 0.5"), points: 0, maximumPoints: 6),
            CheckResult(checkID: "count", caseName: "silicon", outcome: secondPasses ? .pass("equal") : .fail("differs"), points: secondPasses ? 4 : 0, maximumPoints: 4),
        ]
        return SubmissionResult(
            exercise: exercise, rubric: rubric,
            cases: [CaseResult(caseSpec: exercise.cases[0], instance: 0, run: run, checks: checks)])
    }

    @Test("without colour: per check a mark, points, the worst mismatch and the hint; the score")
    func plainReport() throws {
        let text = TerminalReport(result: try Self.result(secondPasses: true), colors: false, publicOnly: true).render()
        #expect(!text.contains("\u{1B}["), "no escape codes without a terminal")
        #expect(text.contains("✘ Edges with periodic images  0/6"), "\(text)")
        #expect(text.contains("row [0, 1] has no match; worst |diff| 0.5"), "\(text)")
        #expect(text.contains("hint: A neighbor may sit in the next cell."), "\(text)")
        #expect(text.contains("✔ Edge count"), "\(text)")
        #expect(text.contains("score 4/10 on the public cases: some checks failed"), "\(text)")
    }

    @Test("with colour: ANSI codes; a crash shows the reason and the end of stderr")
    func colourAndCrash() throws {
        let text = TerminalReport(result: try Self.result(secondPasses: false, crashed: true), colors: true, publicOnly: false).render()
        #expect(text.contains("\u{1B}[31m"), "red for failures")
        #expect(text.contains("your program stopped with an error (exit code 1)"), "\(text)")
        #expect(text.contains("| ValueError: bad"), "\(text)")
        #expect(!text.contains("Hidden cases"), "only a public-only run mentions hidden cases")
    }
}
