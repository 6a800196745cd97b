import Foundation
import Gradebook
import Grading
import JSONSupport

/// One submission as Gradescope's autograder `results.json`
/// (gradescope-autograders.readthedocs.io, "Autograder Specifications"), so a course that
/// collects hand-ins on Gradescope can upload matgrade's grades:
///
/// ```json
/// {"score": 41.5, "execution_time": 12.3, "output": "w06-crystal-graphs: 41.5 of 100 points ...",
///  "stdout_visibility": "hidden",
///  "tests": [{"name": "silicon: CGCNN edges", "score": 5.83, "max_score": 5.83, "status": "passed",
///             "output": "...", "visibility": "visible"}, ...],
///  "extra_data": {"student": "alice", "exercise": "w06-crystal-graphs", "content_sha256": "..."}}
/// ```
///
/// - `score` is ``GradeSheetEntry/finalPoints`` (given explicitly, so Gradescope does not sum
///   the tests: the late penalty and manual items are in it; `output` says how).
/// - One test per check and case: its points, `passed`/`failed`, the worst mismatch and the
///   rubric's hint when it failed. Public cases are `visible`; hidden cases `after_due_date`
///   (students see them once the deadline has passed). A manual item is one test with the
///   points entered. An unusable submission or grader error is one failed test with the reason.
public enum GradescopeResults {
    public static func value(entry: GradeSheetEntry, rubric: RubricSpec?) -> JSONValue {
        let grade = entry.grade
        var tests: [JSONValue] = []
        let titles = Dictionary((rubric?.checks ?? []).map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let hints = Dictionary((rubric?.checks ?? []).map { ($0.id, $0.hint) }, uniquingKeysWith: { first, _ in first })
        switch grade.status {
        case .unusable, .graderError:
            tests.append(test(
                name: grade.status == .unusable ? "submission could not be run" : "grader error (the instructor will regrade)",
                score: 0, maximum: grade.totalPoints, passed: false, output: grade.problem ?? "", visibility: "visible"))
        case .graded:
            for run in entry.runs {
                for check in run.checks where !check.awaitsManualGrading {
                    var output = check.explanation
                    if !check.passed, let hint = hints[check.checkID], !hint.isEmpty { output += "\nhint: \(hint)" }
                    tests.append(test(
                        name: "\(run.caseLabel): \(titles[check.checkID] ?? check.checkID)", score: check.points,
                        maximum: check.maximumPoints, passed: check.passed, output: output,
                        visibility: run.visibility == .public ? "visible" : "after_due_date"))
                }
            }
        }
        for manual in entry.manualScores {
            let maximum = rubric?.checks.first { $0.id == manual.item }?.points ?? manual.points
            tests.append(test(
                name: "manual: \(titles[manual.item] ?? manual.item)", score: manual.points, maximum: maximum,
                passed: manual.points >= maximum - 1e-9, output: manual.comment, visibility: "visible"))
        }
        let number = { (value: Double) in NumberFormat.compact(value, significantDigits: 6) }
        var summary = "\(grade.exerciseID): \(number(entry.finalPoints)) of \(number(grade.totalPoints)) points (automatic checks \(number(grade.points))"
        if let late = entry.latePenalty {
            summary += ", late by \(late.daysLate) day\(late.daysLate == 1 ? "" : "s"): -\(number(late.penaltyFraction * 100))% of the automatic points"
        }
        if !entry.manualScores.isEmpty { summary += ", manual items +\(number(entry.manualPoints))" }
        summary += ")."
        var extra: [String: JSONValue] = [
            "student": .string(grade.studentID), "exercise": .string(grade.exerciseID), "status": .string(grade.status.rawValue),
            "content_sha256": grade.contentHash.map(JSONValue.string) ?? .null,
            "graded_at": .string(ISO8601DateFormatter().string(from: grade.gradedAt)),
        ]
        if let late = entry.latePenalty {
            extra["days_late"] = .number(Double(late.daysLate))
            extra["penalty_fraction"] = .number(late.penaltyFraction)
        }
        return .object([
            "score": .number(StudentReportJSON.rounded(entry.finalPoints)),
            "execution_time": .number(StudentReportJSON.rounded(grade.gradingSeconds)),
            "output": .string(summary),
            "stdout_visibility": .string("hidden"),
            "tests": .array(tests),
            "extra_data": .object(extra),
        ])
    }

    /// The `results.json` text.
    public static func render(entry: GradeSheetEntry, rubric: RubricSpec?) -> String {
        JSONWriter.prettyText(of: value(entry: entry, rubric: rubric)) + "\n"
    }

    private static func test(name: String, score: Double, maximum: Double, passed: Bool, output: String, visibility: String) -> JSONValue {
        .object([
            "name": .string(name),
            "score": .number(StudentReportJSON.rounded(score)),
            "max_score": .number(StudentReportJSON.rounded(maximum)),
            "status": .string(passed ? "passed" : "failed"),
            "output": .string(output),
            "visibility": .string(visibility),
        ])
    }
}
