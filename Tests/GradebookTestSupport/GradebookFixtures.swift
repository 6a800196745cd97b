import Foundation
import Grading
import JSONSupport
import Sandbox

/// Grades built from the real types (exercise and rubric parsed from TOML, sandbox outcomes,
/// check results), without running anything: what the gradebook tests and the crash helper record.
public enum GradebookFixtures {
    /// A week-6-like exercise: one public case and a hidden case with two instances, due
    /// 2026-05-19 23:59 +02:00.
    public static func exercise(id: String = "w06-crystal-graphs", week: Int = 6) throws -> ExerciseSpec {
        try ExerciseSpec.parse(text: """
            id = "\(id)"
            week = \(week)
            title = "Crystal graphs"
            due = 2026-05-19T23:59:00+02:00
            [[output]]
            name = "edges"
            type = "array"
            [[cases]]
            name = "silicon"
            visibility = "public"
            generator = "bundled-structure"
            seed = 1
            [[cases]]
            name = "rattled"
            visibility = "hidden"
            generator = "rattled-structure"
            count = 2
            """, path: "exercise.toml", folderName: id)
    }

    public static func rubric(_ exercise: ExerciseSpec) throws -> RubricSpec {
        try RubricSpec.parse(text: """
            exercise = "\(exercise.id)"
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
    }

    /// Every way a run can end, one per case in turn.
    public static let terminations: [Termination] = [
        .exited(0), .exited(3), .signaled(11), .wallClockTimeout, .cpuTimeLimit, .memoryLimit, .outputLimit,
        .fileSizeLimit, .failedToStart("python3: not found"), .cancelled,
    ]

    /// A graded submission of `student` on the three case instances (silicon, rattled #1,
    /// rattled #2). `variant` picks the terminations, times and which checks pass, so
    /// different variants give different rows. `nanInLastCase` makes the last case's first
    /// check earn NaN points (a grader bug the gradebook must refuse whole).
    public static func grade(
        student: String, exercise: ExerciseSpec, rubric: RubricSpec, variant: Int = 0, contentHash: String? = nil,
        gradedAt: Date = Date(timeIntervalSince1970: 1_780_000_000.125), nanInLastCase: Bool = false
    ) -> StudentGrade {
        let instances: [(CaseSpec, Int)] = [(exercise.cases[0], 0), (exercise.cases[1], 0), (exercise.cases[1], 1)]
        let cases = instances.enumerated().map { index, instance in
            let termination = terminations[(variant + index) % terminations.count]
            let outcome = SandboxOutcome(
                termination: termination, standardOutputTail: "step \(variant)-\(index)\n",
                standardErrorTail: termination == .exited(0) ? "" : "Traceback (most recent call last):\nValueError: \(variant)\n",
                standardOutputBytes: 100 + index, standardErrorBytes: 7 * index, outputTruncated: index == 2,
                wallSeconds: 0.25 + Double(variant) * 0.001 + Double(index), cpuSeconds: 0.125 + Double(index),
                peakMemoryBytes: (50 + index) << 20, isolation: .bubblewrap(version: "0.8.0"))
            let usable = termination == .exited(0)
            let run = CaseRun(sandbox: outcome, output: usable ? ["edges": [[0, 1]]] : nil, problem: usable ? nil : "no output.json (\(termination.reportCode))")
            let edgesScore: Double = usable ? 1 : 0
            let checks = [
                CheckResult(
                    checkID: "edges", caseName: instance.0.name,
                    outcome: CheckOutcome(passed: edgesScore == 1, score: edgesScore, explanation: "max |diff| 3.2e-2 at [4,17]; case \(index)"),
                    points: nanInLastCase && index == 2 ? .nan : 2 * edgesScore, maximumPoints: 2),
                CheckResult(
                    checkID: "count", caseName: instance.0.name, outcome: (variant + index) % 2 == 0 ? .pass("24 edges") : .fail("23 edges, expected 24"),
                    points: (variant + index) % 2 == 0 ? 4.0 / 3 : 0, maximumPoints: 4.0 / 3),
            ]
            return CaseResult(caseSpec: instance.0, instance: instance.1, run: run, checks: checks)
        }
        let result = SubmissionResult(exercise: exercise, rubric: rubric, cases: cases)
        return StudentGrade(
            submission: StudentSubmission(studentID: student, folder: URL(fileURLWithPath: "/handins/\(student)")),
            contentHash: contentHash ?? ContentHash.hex(of: "\(student) variant \(variant)"), status: .graded(result),
            totalPoints: 10, gradedAt: gradedAt, wallSeconds: 3.5 + Double(variant))
    }

    /// A submission that could not run at all.
    public static func unusable(student: String, reason: String = "no solution.py in the submission folder", contentHash: String? = nil) -> StudentGrade {
        StudentGrade(
            submission: StudentSubmission(studentID: student, folder: URL(fileURLWithPath: "/handins/\(student)")),
            contentHash: contentHash, status: .unusable(reason: reason), totalPoints: 10,
            gradedAt: Date(timeIntervalSince1970: 1_780_000_100), wallSeconds: 0.01)
    }
}
