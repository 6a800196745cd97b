import Foundation
import Grading
import JSONSupport

/// The report `matgrade check` prints for a student: per case, whether the program ran and
/// how long it took; per check, pass or fail, the points, the worst mismatch and the hint.
/// Colour only when `colors` is on (a terminal, and no `NO_COLOR` in the environment).
public struct TerminalReport: Sendable {
    public let result: SubmissionResult
    public let colors: Bool
    /// True when only public cases ran (a student's self-check).
    public let publicOnly: Bool

    public init(result: SubmissionResult, colors: Bool, publicOnly: Bool) {
        self.result = result
        self.colors = colors
        self.publicOnly = publicOnly
    }

    /// Whether standard output is a terminal that wants colour.
    public static var standardOutputWantsColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    private func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    private func bold(_ text: String) -> String { paint(text, "1") }
    private func green(_ text: String) -> String { paint(text, "32") }
    private func red(_ text: String) -> String { paint(text, "31") }
    private func yellow(_ text: String) -> String { paint(text, "33") }
    private func dim(_ text: String) -> String { paint(text, "2") }

    public func render() -> String {
        let exercise = result.exercise
        var out = bold("matgrade check \(exercise.id)") + ": \(exercise.title)\n"
        let titles = Dictionary(uniqueKeysWithValues: result.rubric.checks.map { ($0.id, $0.title) })
        let hints = Dictionary(uniqueKeysWithValues: result.rubric.checks.map { ($0.id, $0.hint) })
        for caseResult in result.cases {
            let run = caseResult.run.sandbox
            out += "\n" + bold("case \(caseResult.label)") + dim(" (\(NumberFormat.compact(run.wallSeconds)) s, \(NumberFormat.compact(run.cpuSeconds)) s CPU)") + "\n"
            if caseResult.run.output == nil, let problem = caseResult.run.problem {
                out += "  " + red("✘ your program did not produce output to check: ") + problem + "\n"
                let tail = run.standardErrorTail.split(separator: "\n").suffix(6)
                if !tail.isEmpty { out += dim(tail.map { "    | \($0)" }.joined(separator: "\n")) + "\n" }
            }
            for check in caseResult.checks {
                let title = titles[check.checkID] ?? check.checkID
                let points = "\(NumberFormat.compact(check.points, significantDigits: 3))/\(NumberFormat.compact(check.maximumPoints, significantDigits: 3))"
                if check.outcome.awaitsManualGrading {
                    out += "  " + yellow("… \(title)") + dim("  graded by the instructor") + "\n"
                } else if check.outcome.passed {
                    out += "  " + green("✔ \(title)") + dim("  \(points)") + "\n"
                } else {
                    out += "  " + red("✘ \(title)") + "  \(points)\n"
                    if caseResult.run.output != nil { out += "      " + check.outcome.explanation + "\n" }
                    if let hint = hints[check.checkID], !hint.isEmpty { out += "      " + yellow("hint: ") + hint + "\n" }
                }
            }
        }
        let score = "\(NumberFormat.compact(result.points, significantDigits: 4))/\(NumberFormat.compact(result.maximumPoints, significantDigits: 4))"
        let verdict = result.allPassed ? green("all checks passed") : red("some checks failed")
        out += "\n" + bold("score \(score)") + " on \(publicOnly ? "the public cases" : "all cases"): \(verdict)\n"
        if publicOnly {
            // Only rubrics with invariance checks rerun the program on transformed copies.
            let rerun = result.rubric.checks.contains { $0.comparator == "invariance" }
                ? "; your program is also run on transformed copies of them (reordered, rotated, shifted: see the task), which must give the same answers" : ""
            out += dim("Hidden cases, generated for each student, are graded when you hand in\(rerun).") + "\n"
        }
        return out
    }
}
