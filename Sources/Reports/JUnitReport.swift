import Foundation
import Grading
import JSONSupport
import Markup

/// JUnit XML of a graded batch, for CI dashboards (GitLab, Jenkins, GitHub test reporters):
/// one `<testsuite>` per student, one `<testcase>` per check and case, a `<failure>` for a
/// failed check (its explanation and hint), an `<error>` for a submission that could not be
/// run or a grader error.
public enum JUnitReport {
    public static func render(_ grades: [StudentGrade], exercise: ExerciseSpec, rubric: RubricSpec) -> String {
        let hints = Dictionary(uniqueKeysWithValues: rubric.checks.map { ($0.id, $0.hint) })
        var suites = ""
        var tests = 0, failures = 0, errors = 0
        var totalSeconds = 0.0
        for grade in grades {
            let name = "\(exercise.id).\(grade.studentID)"
            var cases = ""
            var suiteTests = 0, suiteFailures = 0, suiteErrors = 0
            switch grade.status {
            case .graded(let result):
                for caseResult in result.cases {
                    let seconds = caseResult.run.sandbox.wallSeconds
                    for check in caseResult.checks {
                        suiteTests += 1
                        cases += "    <testcase classname=\"\(xml(name))\" name=\"\(xml("\(caseResult.label): \(check.checkID)"))\" time=\"\(format(seconds))\""
                        if check.outcome.awaitsManualGrading {
                            cases += ">\n      <skipped message=\"graded by the instructor\"/>\n    </testcase>\n"
                        } else if check.outcome.passed {
                            cases += "/>\n"
                        } else {
                            suiteFailures += 1
                            let detail = check.outcome.explanation + ((hints[check.checkID]).map { "\nhint: \($0)" } ?? "")
                            cases += ">\n      <failure message=\"\(xml(check.outcome.explanation))\" type=\"check-failed\">\(xml(detail))</failure>\n    </testcase>\n"
                        }
                    }
                }
            case .unusable(let reason):
                suiteTests += 1
                suiteErrors += 1
                cases += "    <testcase classname=\"\(xml(name))\" name=\"submission\" time=\"0\">\n      <error message=\"\(xml(reason))\" type=\"unusable-submission\"/>\n    </testcase>\n"
            case .graderError(let message):
                suiteTests += 1
                suiteErrors += 1
                cases += "    <testcase classname=\"\(xml(name))\" name=\"grading\" time=\"0\">\n      <error message=\"\(xml(message))\" type=\"grader-error\"/>\n    </testcase>\n"
            }
            tests += suiteTests
            failures += suiteFailures
            errors += suiteErrors
            totalSeconds += grade.wallSeconds
            suites += "  <testsuite name=\"\(xml(name))\" tests=\"\(suiteTests)\" failures=\"\(suiteFailures)\" errors=\"\(suiteErrors)\" time=\"\(format(grade.wallSeconds))\" timestamp=\"\(ISO8601DateFormatter().string(from: grade.gradedAt))\">\n"
            suites += "    <properties>\n      <property name=\"points\" value=\"\(format(grade.points))\"/>\n      <property name=\"total\" value=\"\(format(grade.totalPoints))\"/>\n    </properties>\n"
            suites += cases + "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"matgrade \(xml(exercise.id))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(format(totalSeconds))\">\n"
            + suites + "</testsuites>\n"
    }

    static func format(_ value: Double) -> String { NumberFormat.compact(value, significantDigits: 6) }

    /// Text safe in an XML attribute or element (``MarkupText/escaped(_:lineBreaks:)``): the
    /// five entities escaped, line breaks as character references so attributes keep them,
    /// characters XML 1.0 forbids (most control characters, which a student's output may
    /// hold) as U+FFFD.
    static func xml(_ text: String) -> String { MarkupText.escaped(text, lineBreaks: .characterReferences) }
}
