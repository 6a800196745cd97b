import Foundation
import Gradebook
import Grading
import Sandbox

/// Grade-sheet entries for the report tests, built by hand (no gradebook file).
enum ReportFixtures {
    static let hostileOutput = "</pre></script><img src=x onerror=alert(1)><script>alert('x')</script>&amp;"

    static func rubric() throws -> RubricSpec {
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
        return try RubricSpec.parse(text: """
            exercise = "w06-crystal-graphs"
            total = 10
            [[check]]
            id = "edges"
            title = "Edges with <periodic> images"
            field = "edges"
            comparator = "permutation"
            points = 6
            hint = "A neighbor may sit in the next cell & beyond."
            [[check]]
            id = "count"
            title = "Edge count"
            field = "edges"
            comparator = "equal"
            points = 4
            """, path: "rubric.toml", exercise: exercise)
    }

    static let exercise = ExerciseRecord(id: "w06-crystal-graphs", week: 6, title: "Crystal graphs", due: Date(timeIntervalSince1970: 1_780_000_000))

    /// A graded submission: `edges` failed on the public case, `count` passed; 4 of 10 points.
    static func entry(
        student: String = "alice", points: Double = 4, late: GradeSheetLatePenalty? = nil, manual: [ManualScore] = [],
        stdout: String = hostileOutput, status: RecordedGrade.Status = .graded, wallSeconds: Double = 0.4, memory: Int = 40 << 20
    ) -> GradeSheetEntry {
        let grade = RecordedGrade(
            studentID: student, exerciseID: "w06-crystal-graphs", contentHash: "abc123", submittedAt: nil, sourcePath: "/handins/\(student)",
            status: status, problem: status == .graded ? nil : "no solution.py <here>", points: status == .graded ? points : 0, totalPoints: 10,
            gradedAt: Date(timeIntervalSince1970: 1_780_100_000), gradingSeconds: 1.5, revision: "0.1.0 1 2")
        let runs = status != .graded ? [] : [
            RecordedRun(
                position: 0, caseName: "silicon", instance: 0, caseLabel: "silicon", visibility: .public, termination: .exited(0),
                wallSeconds: wallSeconds, cpuSeconds: 0.3, peakMemoryBytes: memory, standardOutputBytes: stdout.utf8.count, standardErrorBytes: 12,
                outputTruncated: false, standardOutputTail: stdout, standardErrorTail: "warning <b>\n", outputProblem: nil,
                checks: [
                    RecordedCheck(checkID: "edges", passed: false, awaitsManualGrading: false, score: 0, points: 0, maximumPoints: 6,
                                  explanation: "row [0, 1] has no match; worst |diff| 0.5 <at> i=3"),
                    RecordedCheck(checkID: "count", passed: true, awaitsManualGrading: false, score: 1, points: points, maximumPoints: 4, explanation: "equal"),
                ]),
        ]
        return GradeSheetEntry(grade: grade, latePenalty: late, manualScores: manual, runs: runs)
    }
}
