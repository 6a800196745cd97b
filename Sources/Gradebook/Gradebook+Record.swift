import Foundation
import GRDB
import Grading
import Sandbox

extension Gradebook {
    /// Records one graded submission in one transaction: the student and exercise (created
    /// if new), the submission (student, exercise, content hash), its grade, every run and
    /// every check. Recording the same content again (a regrade) replaces that submission's
    /// grade, runs and checks, so recording one grade twice leaves the same rows; new content
    /// adds a submission beside the earlier ones. If anything fails, nothing is written.
    /// - Parameters:
    ///   - submittedAt: when the student handed it in, if known (archive or LMS time).
    ///   - revision: the matgrade build that graded it (``isGraded(student:exercise:contentHash:revision:)`` matches on it).
    public func record(_ grade: StudentGrade, exercise: ExerciseSpec, submittedAt: Date?, revision: String, late: Grading.LatePenalty? = nil) throws(GradebookError) {
        if let graded = grade.result?.exercise.id, graded != exercise.id {
            throw .invalidValue(path: path, field: "exercise of \(grade.studentID)'s grade", value: graded, reason: "must be the exercise it is recorded under, \(exercise.id)")
        }
        try perform("recording \(grade.studentID)'s \(exercise.id)") {
            try pool.write { db in
                try Self.upsert(exercise: exercise, db)
                // Names and emails from students.csv or the LMS download; an unknown one never erases a known one.
                try db.execute(
                    sql: """
                        INSERT INTO students (id, name, email) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET name = ifnull(excluded.name, name), email = ifnull(excluded.email, email)
                        """,
                    arguments: [grade.studentID, grade.submission.name, grade.submission.email])
                let submissionID = try Self.submissionID(
                    student: grade.studentID, exercise: exercise.id, contentHash: grade.contentHash,
                    submittedAt: submittedAt, sourcePath: grade.submission.source, db)
                // A regrade replaces everything graded about this content (runs cascade to checks).
                try db.execute(sql: "DELETE FROM runs WHERE submission_id = ?", arguments: [submissionID])
                try db.execute(sql: "DELETE FROM grades WHERE submission_id = ?", arguments: [submissionID])
                try db.execute(sql: "DELETE FROM late_penalties WHERE submission_id = ?", arguments: [submissionID])
                for (position, caseResult) in (grade.result?.cases ?? []).enumerated() {
                    try Self.insertRun(caseResult, position: position, submissionID: submissionID, db)
                }
                try Self.insertGrade(grade, submissionID: submissionID, revision: revision, db)
                if let late {
                    try db.execute(
                        sql: "INSERT INTO late_penalties (submission_id, days_late, penalty_fraction) VALUES (?, ?, ?)",
                        arguments: [submissionID, late.daysLate, late.fraction])
                }
            }
        }
    }

    /// True when this content of this student's submission to `exercise` already has a grade
    /// from matgrade build `revision`: a resumed batch skips it. A grader error does not
    /// count as graded, so a resumed batch tries that submission again.
    public func isGraded(student: String, exercise: String, contentHash: String?, revision: String) throws(GradebookError) -> Bool {
        try perform("looking up \(student)'s \(exercise)") {
            try pool.read { db in
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM submissions s JOIN grades g ON g.submission_id = s.id
                        WHERE s.student_id = ? AND s.exercise_id = ? AND ifnull(s.content_sha256, '') = ?
                          AND g.matgrade_revision = ? AND g.status <> 'grader-error')
                        """,
                    arguments: [student, exercise, contentHash ?? "", revision]) ?? false
            }
        }
    }

    /// The submissions of `submissions` that still need grading for `exercise` by build
    /// `revision`: those whose current content has no grade yet (what `grade` calls to
    /// resume an interrupted batch). A submission whose files cannot be read stays in.
    public func ungraded(_ submissions: [StudentSubmission], exercise: String, revision: String) throws(GradebookError) -> [StudentSubmission] {
        var pending: [StudentSubmission] = []
        for submission in submissions {
            guard let hash = submission.problem != nil ? submission.archiveHash : try? ContentHash.ofFolder(submission.folder),
                try isGraded(student: submission.studentID, exercise: exercise, contentHash: hash, revision: revision)
            else {
                pending.append(submission)
                continue
            }
        }
        return pending
    }

    static func upsert(exercise: ExerciseSpec, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO exercises (id, week, title, due) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET week = excluded.week, title = excluded.title, due = excluded.due
                """,
            arguments: [exercise.id, exercise.week, exercise.title, exercise.due])
    }

    /// The id of the submission (student, exercise, content), inserted when new; its
    /// hand-in time and source path are updated to the latest recording's.
    static func submissionID(
        student: String, exercise: String, contentHash: String?, submittedAt: Date?, sourcePath: String, _ db: Database
    ) throws -> Int64 {
        if let id = try Int64.fetchOne(
            db, sql: "SELECT id FROM submissions WHERE student_id = ? AND exercise_id = ? AND ifnull(content_sha256, '') = ?",
            arguments: [student, exercise, contentHash ?? ""])
        {
            try db.execute(sql: "UPDATE submissions SET submitted_at = ?, source_path = ? WHERE id = ?", arguments: [submittedAt, sourcePath, id])
            return id
        }
        try db.execute(
            sql: "INSERT INTO submissions (student_id, exercise_id, content_sha256, submitted_at, source_path) VALUES (?, ?, ?, ?, ?)",
            arguments: [student, exercise, contentHash, submittedAt, sourcePath])
        return db.lastInsertedRowID
    }

    static func insertGrade(_ grade: StudentGrade, submissionID: Int64, revision: String, _ db: Database) throws {
        let status: RecordedGrade.Status
        let problem: String?
        switch grade.status {
        case .graded: (status, problem) = (.graded, nil)
        case .unusable(let reason): (status, problem) = (.unusable, reason)
        case .graderError(let message): (status, problem) = (.graderError, message)
        }
        try db.execute(
            sql: """
                INSERT INTO grades (submission_id, status, problem, points, total, graded_at, grading_seconds, matgrade_revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [submissionID, status.rawValue, problem, grade.points, grade.totalPoints, grade.gradedAt, grade.wallSeconds, revision])
    }

    static func insertRun(_ caseResult: CaseResult, position: Int, submissionID: Int64, _ db: Database) throws {
        let outcome = caseResult.run.sandbox
        var exitCode: Int32?
        var signal: Int32?
        var detail: String?
        switch outcome.termination {
        case .exited(let code): exitCode = code
        case .signaled(let number): signal = number
        case .failedToStart(let reason): detail = reason
        default: break
        }
        let runValues: [(any DatabaseValueConvertible)?] = [
            submissionID, position, caseResult.caseSpec.name, caseResult.instance, caseResult.label,
            caseResult.caseSpec.visibility.rawValue, outcome.termination.reportCode, detail, exitCode, signal,
            outcome.wallSeconds, outcome.cpuSeconds, outcome.peakMemoryBytes, outcome.standardOutputBytes,
            outcome.standardErrorBytes, outcome.outputTruncated, outcome.standardOutputTail, outcome.standardErrorTail,
            caseResult.run.problem,
        ]
        try db.execute(
            sql: """
                INSERT INTO runs (submission_id, position, case_name, instance, case_label, visibility, termination,
                    termination_detail, exit_code, signal, wall_seconds, cpu_seconds, peak_memory_bytes, stdout_bytes,
                    stderr_bytes, output_truncated, stdout_tail, stderr_tail, output_problem)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(runValues))
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO check_results (submission_id, run_position, position, check_id, passed, awaits_manual, score,
                    points, max_points, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (index, check) in caseResult.checks.enumerated() {
            try statement.execute(arguments: [
                submissionID, position, index, check.checkID, check.outcome.passed, check.outcome.awaitsManualGrading,
                check.outcome.score, check.points, check.maximumPoints, check.outcome.explanation,
            ])
        }
    }
}
