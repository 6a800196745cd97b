import Foundation
import GRDB

extension Gradebook {
    /// Every student the gradebook knows (graded, or entered from a roster), by id.
    public func students() throws(GradebookError) -> [StudentRecord] {
        try perform("reading the students") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT id, name, email FROM students ORDER BY id").map { row in
                    StudentRecord(id: row["id"], name: row["name"], email: row["email"])
                }
            }
        }
    }

    /// The student with `id`, with name and e-mail when a roster entered them; nil when unknown.
    public func student(id: String) throws(GradebookError) -> StudentRecord? {
        try perform("reading student \(id)") {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT id, name, email FROM students WHERE id = ?", arguments: [id]).map { row in
                    StudentRecord(id: row["id"], name: row["name"], email: row["email"])
                }
            }
        }
    }

    /// Every exercise the gradebook has grades or manual scores for, by week then id.
    public func exercises() throws(GradebookError) -> [ExerciseRecord] {
        try perform("reading the exercises") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT id, week, title, due FROM exercises ORDER BY week, id").map { row in
                    ExerciseRecord(id: row["id"], week: row["week"], title: row["title"], due: row["due"])
                }
            }
        }
    }

    /// Each student's current grade on each of `exercises` (all when nil) with its late
    /// penalty and manual scores, sorted by exercise then student: what the reports and
    /// exports show. With `includingRuns`, each entry also carries its runs and checks (the
    /// class dashboard's run times and most-failed checks; one more query per entry).
    public func gradeSheet(exercises: [String]? = nil, includingRuns: Bool = false) throws(GradebookError) -> [GradeSheetEntry] {
        let wanted = exercises.map(Set.init)
        let grades = try latestGrades().filter { wanted?.contains($0.exerciseID) ?? true }
        let (penaltyRows, manualRows): ([Row], [Row]) = try perform("reading late penalties and manual scores") {
            try pool.read { db in
                (
                    try Row.fetchAll(db, sql: """
                        SELECT s.student_id, s.exercise_id, s.content_sha256, p.days_late, p.penalty_fraction
                        FROM late_penalties p JOIN submissions s ON s.id = p.submission_id
                        """),
                    try Row.fetchAll(db, sql: "SELECT * FROM manual_scores ORDER BY student_id, exercise_id, item")
                )
            }
        }
        var penalties: [String: GradeSheetLatePenalty] = [:]
        for row in penaltyRows {
            let key = Self.key(student: row["student_id"], exercise: row["exercise_id"], contentHash: row["content_sha256"])
            penalties[key] = GradeSheetLatePenalty(daysLate: row["days_late"], penaltyFraction: row["penalty_fraction"])
        }
        var manual: [String: [ManualScore]] = [:]
        for row in manualRows {
            let score = ManualScore(
                studentID: row["student_id"], exerciseID: row["exercise_id"], item: row["item"], points: row["points"],
                comment: row["comment"], enteredBy: row["entered_by"], enteredAt: row["entered_at"])
            manual[Self.key(student: score.studentID, exercise: score.exerciseID, contentHash: nil), default: []].append(score)
        }
        var entries: [GradeSheetEntry] = []
        for grade in grades {
            let runs = includingRuns ? try runs(student: grade.studentID, exercise: grade.exerciseID, contentHash: grade.contentHash) : []
            entries.append(GradeSheetEntry(
                grade: grade,
                latePenalty: penalties[Self.key(student: grade.studentID, exercise: grade.exerciseID, contentHash: grade.contentHash)],
                manualScores: manual[Self.key(student: grade.studentID, exercise: grade.exerciseID, contentHash: nil)] ?? [],
                runs: runs))
        }
        return entries
    }

    /// One submission of `student` to `exercise` (the one with `contentHash`) with its late
    /// penalty, manual scores and runs; nil when the gradebook has no grade for it. What
    /// `matgrade grade` renders a student's HTML page from right after recording the grade.
    public func gradeSheetEntry(student: String, exercise: String, contentHash: String?) throws(GradebookError) -> GradeSheetEntry? {
        guard let grade = try submissions(student: student, exercise: exercise).last(where: { $0.contentHash == contentHash }) else {
            return nil
        }
        let penalty: GradeSheetLatePenalty? = try perform("reading \(student)'s late penalty") {
            try pool.read { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT p.days_late, p.penalty_fraction FROM late_penalties p JOIN submissions s ON s.id = p.submission_id
                        WHERE s.student_id = ? AND s.exercise_id = ? AND ifnull(s.content_sha256, '') = ?
                        """,
                    arguments: [student, exercise, contentHash ?? ""]
                ).map { row in GradeSheetLatePenalty(daysLate: row["days_late"], penaltyFraction: row["penalty_fraction"]) }
            }
        }
        return GradeSheetEntry(
            grade: grade, latePenalty: penalty, manualScores: try manualScores(exercise: exercise).filter { $0.studentID == student },
            runs: try runs(student: student, exercise: exercise, contentHash: contentHash))
    }

    private static func key(student: String, exercise: String, contentHash: String?) -> String {
        "\(student)\u{0}\(exercise)\u{0}\(contentHash ?? "")"
    }
}
