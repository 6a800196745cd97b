import Foundation
import Gradebook
import Grading

extension JUnitReport {
    /// JUnit XML of the gradebook's current grades (`matgrade report --format junit`), the
    /// same shape as ``render(_:exercise:rubric:)`` writes for a batch: one `<testsuite>` per
    /// student and exercise (named `exercise.student`, with `points`, `final_points` and
    /// `total` properties), one `<testcase>` per check and case with a `<failure>` (the worst
    /// mismatch and the hint) when it failed or `<skipped>` when the instructor grades it, an
    /// `<error>` for an unusable submission or a grader error.
    public static func render(entries: [GradeSheetEntry], rubrics: [String: RubricSpec], name: String = "matgrade") -> String {
        var suites = ""
        var tests = 0, failures = 0, errors = 0
        var totalSeconds = 0.0
        let timestamps = ISO8601DateFormatter()
        for entry in entries {
            let grade = entry.grade
            let suiteName = "\(grade.exerciseID).\(grade.studentID)"
            let hints = Dictionary((rubrics[grade.exerciseID]?.checks ?? []).map { ($0.id, $0.hint) }, uniquingKeysWith: { first, _ in first })
            var cases = ""
            var suiteTests = 0, suiteFailures = 0, suiteErrors = 0
            switch grade.status {
            case .graded:
                for run in entry.runs {
                    for check in run.checks {
                        suiteTests += 1
                        cases += "    <testcase classname=\"\(xml(suiteName))\" name=\"\(xml("\(run.caseLabel): \(check.checkID)"))\" time=\"\(format(run.wallSeconds))\""
                        if check.awaitsManualGrading {
                            cases += ">\n      <skipped message=\"graded by the instructor\"/>\n    </testcase>\n"
                        } else if check.passed {
                            cases += "/>\n"
                        } else {
                            suiteFailures += 1
                            let detail = check.explanation + (hints[check.checkID].flatMap { $0.isEmpty ? nil : "\nhint: \($0)" } ?? "")
                            cases += ">\n      <failure message=\"\(xml(check.explanation))\" type=\"check-failed\">\(xml(detail))</failure>\n    </testcase>\n"
                        }
                    }
                }
            case .unusable, .graderError:
                suiteTests += 1
                suiteErrors += 1
                let (caseName, type) = grade.status == .unusable ? ("submission", "unusable-submission") : ("grading", "grader-error")
                cases += "    <testcase classname=\"\(xml(suiteName))\" name=\"\(caseName)\" time=\"0\">\n"
                    + "      <error message=\"\(xml(grade.problem ?? ""))\" type=\"\(type)\"/>\n    </testcase>\n"
            }
            tests += suiteTests
            failures += suiteFailures
            errors += suiteErrors
            totalSeconds += grade.gradingSeconds
            suites += "  <testsuite name=\"\(xml(suiteName))\" tests=\"\(suiteTests)\" failures=\"\(suiteFailures)\" errors=\"\(suiteErrors)\" "
                + "time=\"\(format(grade.gradingSeconds))\" timestamp=\"\(timestamps.string(from: grade.gradedAt))\">\n"
            suites += "    <properties>\n      <property name=\"points\" value=\"\(format(grade.points))\"/>\n"
                + "      <property name=\"final_points\" value=\"\(format(entry.finalPoints))\"/>\n"
                + "      <property name=\"total\" value=\"\(format(grade.totalPoints))\"/>\n    </properties>\n"
            suites += cases + "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"\(xml(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(format(totalSeconds))\">\n"
            + suites + "</testsuites>\n"
    }
}
