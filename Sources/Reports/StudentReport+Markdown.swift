import Foundation
import Grading
import JSONSupport

/// The readable report of one student's graded submission (`<student>.md` of `matgrade
/// grade`): the score, a table of checks summed over cases, then each case with how the run
/// went, every failed check's worst mismatch and hint, and the end of the program's error
/// output when it failed.
public enum StudentReportMarkdown {
    public static func render(_ grade: StudentGrade, exercise: ExerciseSpec, rubric: RubricSpec) -> String {
        var out = "# \(exercise.id): \(escape(grade.studentID))\n\n"
        out += "*\(escape(exercise.title))*\n\n"
        out += "**Score: \(points(grade.points)) / \(points(grade.totalPoints))**"
        switch grade.status {
        case .graded(let result): out += result.allPassed ? " (all checks passed)\n\n" : " (some checks failed)\n\n"
        case .unusable: out += " (the submission could not be run)\n\n"
        case .graderError: out += " (not graded: grader error)\n\n"
        }
        out += "- graded: \(ISO8601DateFormatter().string(from: grade.gradedAt)) in \(NumberFormat.compact(grade.wallSeconds)) s\n"
        if let hash = grade.contentHash { out += "- submission SHA-256: `\(hash.prefix(16))…`\n" }
        out += "\n"
        switch grade.status {
        case .unusable(let reason):
            out += "## Problem\n\n\(escape(reason))\n"
        case .graderError(let message):
            out += "## Grader error\n\nThe grader failed on this submission; this is not the student's fault. The instructor must fix it and regrade.\n\n```\n\(message)\n```\n"
        case .graded(let result):
            out += checksTable(result) + "\n" + caseSections(result)
        }
        return out
    }

    static func checksTable(_ result: SubmissionResult) -> String {
        var out = "## Checks\n\n| check | points | cases passed | first failure |\n| --- | ---: | ---: | --- |\n"
        for total in result.checkTotals where total.casesRun > 0 {
            let failure = total.firstFailure.map { "\(escape($0.caseLabel)): \(escape(String($0.explanation.prefix(160))))" } ?? ""
            out += "| \(escape(total.check.title)) | \(points(total.points)) / \(points(total.maximumPoints)) | \(total.casesPassed) / \(total.casesRun) | \(failure) |\n"
        }
        return out
    }

    static func caseSections(_ result: SubmissionResult) -> String {
        let titles = Dictionary(uniqueKeysWithValues: result.rubric.checks.map { ($0.id, $0.title) })
        let hints = Dictionary(uniqueKeysWithValues: result.rubric.checks.map { ($0.id, $0.hint) })
        var out = "## Cases\n"
        for caseResult in result.cases {
            let run = caseResult.run.sandbox
            out += "\n### \(escape(caseResult.label)) (\(caseResult.caseSpec.visibility.rawValue))\n\n"
            out += "- run: \(escape(run.plainExplanation))\n"
            out += "- CPU \(String(format: "%.3g", run.cpuSeconds)) s, peak memory \(run.peakMemoryBytes >> 20) MiB\n"
            if caseResult.run.output == nil, let problem = caseResult.run.problem, problem != run.plainExplanation {
                out += "- **no output to check:** \(escape(problem))\n"
            }
            out += "\n"
            for check in caseResult.checks {
                let title = escape(titles[check.checkID] ?? check.checkID)
                let score = "\(points(check.points)) / \(points(check.maximumPoints))"
                if check.outcome.awaitsManualGrading {
                    out += "- … \(title): graded by the instructor\n"
                } else if check.outcome.passed {
                    out += "- ✔ \(title) (\(score))\n"
                } else {
                    out += "- ✘ \(title) (\(score))"
                    if caseResult.run.output != nil { out += ": \(escape(check.outcome.explanation))" }
                    out += "\n"
                    if let hint = hints[check.checkID], !hint.isEmpty { out += "  - hint: \(escape(hint))\n" }
                }
            }
            if !run.succeeded, !run.standardErrorTail.isEmpty {
                let tail = run.standardErrorTail.split(separator: "\n", omittingEmptySubsequences: false).suffix(12).joined(separator: "\n")
                out += "\nEnd of the program's error output:\n\n```\n\(tail.replacingOccurrences(of: "```", with: "'''"))\n```\n"
            }
        }
        return out
    }

    static func points(_ value: Double) -> String { NumberFormat.compact(value, significantDigits: 4) }

    /// Text safe inside a Markdown table cell or list item: no pipes or line breaks, and no
    /// HTML a student's output could smuggle into a rendered report.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n", with: " ")
    }
}
