import Foundation
import GRDB
import Grading
import Sandbox

extension Gradebook {
    /// The current grade of each student for `exercise` (their latest submission, as
    /// ``RecordedGrade/supersedes(_:)`` orders them), sorted by student id.
    public func grades(exercise: String) throws(GradebookError) -> [RecordedGrade] {
        try currentGrades(where: "s.exercise_id = ?", arguments: [exercise])
    }

    /// The current grade of every student for every exercise, sorted by exercise then student.
    public func latestGrades() throws(GradebookError) -> [RecordedGrade] {
        try currentGrades(where: "1", arguments: [])
    }

    /// Every graded submission of `student` to `exercise`, earliest first (the history
    /// behind the current grade).
    public func submissions(student: String, exercise: String) throws(GradebookError) -> [RecordedGrade] {
        let rows: [Row] = try perform("reading \(student)'s \(exercise)") {
            try pool.read { db in
                try Row.fetchAll(
                    db, sql: Self.gradeSelect + " WHERE s.student_id = ? AND s.exercise_id = ? ORDER BY " + Self.currentOrder(descending: false),
                    arguments: [student, exercise])
            }
        }
        return try rows.map { row throws(GradebookError) in try recordedGrade(row) }
    }

    /// The runs of one submission (student, exercise, content hash) with their checks, in
    /// the order they were graded; empty for an unknown submission or one that did not run.
    public func runs(student: String, exercise: String, contentHash: String?) throws(GradebookError) -> [RecordedRun] {
        let (runRows, checkRows): ([Row], [Row]) = try perform("reading the runs of \(student)'s \(exercise)") {
            try pool.read { db in
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM submissions WHERE student_id = ? AND exercise_id = ? AND ifnull(content_sha256, '') = ?",
                    arguments: [student, exercise, contentHash ?? ""])
                guard let id else { return ([], []) }
                return (
                    try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE submission_id = ? ORDER BY position", arguments: [id]),
                    try Row.fetchAll(db, sql: "SELECT * FROM check_results WHERE submission_id = ? ORDER BY run_position, position", arguments: [id])
                )
            }
        }
        var checks: [Int: [RecordedCheck]] = [:]
        for row in checkRows {
            checks[row["run_position"], default: []].append(
                RecordedCheck(
                    checkID: row["check_id"], passed: row["passed"], awaitsManualGrading: row["awaits_manual"], score: row["score"],
                    points: row["points"], maximumPoints: row["max_points"], explanation: row["explanation"]))
        }
        return try runRows.map { row throws(GradebookError) in
            let position: Int = row["position"]
            let visibilityText: String = row["visibility"]
            guard let visibility = CaseSpec.Visibility(rawValue: visibilityText) else {
                throw .unreadableValue(path: path, table: "runs", column: "visibility", value: visibilityText)
            }
            return RecordedRun(
                position: position, caseName: row["case_name"], instance: row["instance"], caseLabel: row["case_label"],
                visibility: visibility, termination: try termination(row), wallSeconds: row["wall_seconds"],
                cpuSeconds: row["cpu_seconds"], peakMemoryBytes: row["peak_memory_bytes"], standardOutputBytes: row["stdout_bytes"],
                standardErrorBytes: row["stderr_bytes"], outputTruncated: row["output_truncated"], standardOutputTail: row["stdout_tail"],
                standardErrorTail: row["stderr_tail"], outputProblem: row["output_problem"], checks: checks[position] ?? [])
        }
    }

    /// The manual scores entered for `exercise`, by student then item.
    public func manualScores(exercise: String) throws(GradebookError) -> [ManualScore] {
        try perform("reading the manual scores of \(exercise)") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM manual_scores WHERE exercise_id = ? ORDER BY student_id, item", arguments: [exercise])
                    .map { row in
                        ManualScore(
                            studentID: row["student_id"], exerciseID: row["exercise_id"], item: row["item"], points: row["points"],
                            comment: row["comment"], enteredBy: row["entered_by"], enteredAt: row["entered_at"])
                    }
            }
        }
    }

    static let gradeSelect = """
        SELECT s.student_id, s.exercise_id, s.content_sha256, s.submitted_at, s.source_path, g.status, g.problem,
            g.points, g.total, g.graded_at, g.grading_seconds, g.matgrade_revision
        FROM submissions s JOIN grades g ON g.submission_id = s.id
        """

    /// SQL order of ``RecordedGrade/supersedes(_:)``: with `descending`, the current one first.
    static func currentOrder(descending: Bool) -> String {
        let direction = descending ? "DESC" : "ASC"
        return "s.submitted_at IS NOT NULL \(direction), s.submitted_at \(direction), g.graded_at \(direction), ifnull(s.content_sha256, '') \(direction)"
    }

    private func currentGrades(where condition: String, arguments: StatementArguments) throws(GradebookError) -> [RecordedGrade] {
        let rows: [Row] = try perform("reading the grades") {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM (
                            SELECT s.student_id, s.exercise_id, s.content_sha256, s.submitted_at, s.source_path, g.status, g.problem,
                                g.points, g.total, g.graded_at, g.grading_seconds, g.matgrade_revision,
                                row_number() OVER (PARTITION BY s.student_id, s.exercise_id ORDER BY \(Self.currentOrder(descending: true))) AS rank
                            FROM submissions s JOIN grades g ON g.submission_id = s.id
                            WHERE \(condition)
                        ) WHERE rank = 1 ORDER BY exercise_id, student_id
                        """,
                    arguments: arguments)
            }
        }
        return try rows.map { row throws(GradebookError) in try recordedGrade(row) }
    }

    func recordedGrade(_ row: Row) throws(GradebookError) -> RecordedGrade {
        let statusText: String = row["status"]
        guard let status = RecordedGrade.Status(rawValue: statusText) else {
            throw .unreadableValue(path: path, table: "grades", column: "status", value: statusText)
        }
        return RecordedGrade(
            studentID: row["student_id"], exerciseID: row["exercise_id"], contentHash: row["content_sha256"],
            submittedAt: row["submitted_at"], sourcePath: row["source_path"], status: status, problem: row["problem"],
            points: row["points"], totalPoints: row["total"], gradedAt: row["graded_at"], gradingSeconds: row["grading_seconds"],
            revision: row["matgrade_revision"])
    }

    /// The run's ``Termination`` from its report code and the exit code, signal or reason beside it.
    private func termination(_ row: Row) throws(GradebookError) -> Termination {
        let code: String = row["termination"]
        let exitCode: Int32? = row["exit_code"]
        let signal: Int32? = row["signal"]
        let detail: String? = row["termination_detail"]
        switch code {
        case "ok": return .exited(0)
        case "exit-code" where exitCode != nil: return .exited(exitCode ?? 0)
        case "signal" where signal != nil: return .signaled(signal ?? 0)
        case "wall-clock-timeout": return .wallClockTimeout
        case "cpu-time-limit": return .cpuTimeLimit
        case "memory-limit": return .memoryLimit
        case "output-limit": return .outputLimit
        case "file-size-limit": return .fileSizeLimit
        case "failed-to-start": return .failedToStart(detail ?? "")
        case "cancelled": return .cancelled
        default: throw .unreadableValue(path: path, table: "runs", column: "termination", value: code)
        }
    }
}
