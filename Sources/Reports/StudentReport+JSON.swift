import Foundation
import Grading
import JSONSupport

/// The machine-readable report of one student's graded submission (`<student>.json` of
/// `matgrade grade`): score, status, per case the run (how it ended, times, memory, output
/// tails) and every check with its points and explanation.
///
/// ```json
/// {"student": "alice", "exercise": "w06-crystal-graphs", "status": "graded",
///  "points": 85, "total": 100, "content_sha256": "...", "graded_at": "2026-05-27T09:14:03Z",
///  "cases": [{"case": "silicon", "visibility": "public", "instance": 1,
///             "run": {"termination": "ok", "explanation": "...", "wall_seconds": 0.21, ...},
///             "checks": [{"id": "edges", "passed": true, "score": 1, "points": 5.83, ...}]}]}
/// ```
public enum StudentReportJSON {
    public static func render(_ grade: StudentGrade, exercise: ExerciseSpec) -> String {
        var members: [String: JSONValue] = [
            "student": .string(grade.studentID),
            "exercise": .string(exercise.id),
            "submission": .string(grade.submission.folder.path),
            "content_sha256": grade.contentHash.map(JSONValue.string) ?? .null,
            "points": .number(rounded(grade.points)),
            "total": .number(grade.totalPoints),
            "graded_at": .string(ISO8601DateFormatter().string(from: grade.gradedAt)),
            "grading_seconds": .number(rounded(grade.wallSeconds)),
        ]
        switch grade.status {
        case .graded(let result):
            members["status"] = .string(result.allPassed ? "passed" : "failed")
            members["cases"] = .array(result.cases.map(caseValue))
        case .unusable(let reason):
            members["status"] = .string("unusable")
            members["problem"] = .string(reason)
        case .graderError(let message):
            members["status"] = .string("grader-error")
            members["problem"] = .string(message)
        }
        return JSONWriter.prettyText(of: .object(members)) + "\n"
    }

    static func caseValue(_ caseResult: CaseResult) -> JSONValue {
        let outcome = caseResult.run.sandbox
        var run: [String: JSONValue] = [
            "termination": .string(outcome.termination.reportCode),
            "explanation": .string(outcome.plainExplanation),
            "wall_seconds": .number(rounded(outcome.wallSeconds)),
            "cpu_seconds": .number(rounded(outcome.cpuSeconds)),
            "peak_memory_bytes": .number(Double(outcome.peakMemoryBytes)),
            "stdout_bytes": .number(Double(outcome.standardOutputBytes)),
            "stderr_bytes": .number(Double(outcome.standardErrorBytes)),
            "stdout_tail": .string(outcome.standardOutputTail),
            "stderr_tail": .string(outcome.standardErrorTail),
        ]
        if case .exited(let code) = outcome.termination { run["exit_code"] = .number(Double(code)) }
        if case .signaled(let signal) = outcome.termination { run["signal"] = .number(Double(signal)) }
        if let problem = caseResult.run.problem { run["output_problem"] = .string(problem) }
        return .object([
            "case": .string(caseResult.caseSpec.name),
            "label": .string(caseResult.label),
            "visibility": .string(caseResult.caseSpec.visibility.rawValue),
            "instance": .number(Double(caseResult.instance + 1)),
            "run": .object(run),
            "checks": .array(caseResult.checks.map { check in
                .object([
                    "id": .string(check.checkID),
                    "passed": .bool(check.outcome.passed),
                    "manual": .bool(check.outcome.awaitsManualGrading),
                    "score": .number(rounded(check.outcome.score)),
                    "points": .number(rounded(check.points)),
                    "max_points": .number(rounded(check.maximumPoints)),
                    "explanation": .string(check.outcome.explanation),
                ])
            }),
        ])
    }

    /// Points and times to 6 significant decimals: exact sums stay readable (85, not 84.99999999).
    static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
}
