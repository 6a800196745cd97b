import Foundation
import GRDB
import Grading

extension Gradebook {
    /// Enters (or replaces) the points of a `manual` rubric item for one student, with who
    /// entered them and when (`matgrade gradebook set STUDENT EX ITEM POINTS --comment`).
    /// The student and exercise are created if the gradebook has not seen them yet.
    /// - Parameters:
    ///   - item: the rubric item, a `manual` check's id; not empty.
    ///   - points: finite; the rubric's limits are the caller's to check.
    public func setManualScore(
        student: String, exercise: ExerciseSpec, item: String, points: Double, comment: String = "",
        enteredBy: String, enteredAt: Date = Date()
    ) throws(GradebookError) {
        guard points.isFinite else {
            throw .invalidValue(path: path, field: "manual score '\(item)'", value: "\(points)", reason: "must be a finite number")
        }
        guard !item.isEmpty else {
            throw .invalidValue(path: path, field: "manual score item", value: "''", reason: "must name a manual rubric item")
        }
        guard !student.isEmpty else {
            throw .invalidValue(path: path, field: "student id", value: "''", reason: "must not be empty")
        }
        try perform("entering \(student)'s \(item) of \(exercise.id)") {
            try pool.write { db in
                try Self.upsert(exercise: exercise, db)
                try db.execute(sql: "INSERT INTO students (id) VALUES (?) ON CONFLICT (id) DO NOTHING", arguments: [student])
                try db.execute(
                    sql: """
                        INSERT INTO manual_scores (student_id, exercise_id, item, points, comment, entered_by, entered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (student_id, exercise_id, item) DO UPDATE SET points = excluded.points,
                            comment = excluded.comment, entered_by = excluded.entered_by, entered_at = excluded.entered_at
                        """,
                    arguments: [student, exercise.id, item, points, comment, enteredBy, enteredAt])
            }
        }
    }

    /// Sets a student's name and e-mail (from a `students.csv` mapping), creating the student if new.
    public func setStudent(id: String, name: String?, email: String?) throws(GradebookError) {
        guard !id.isEmpty else { throw .invalidValue(path: path, field: "student id", value: "''", reason: "must not be empty") }
        try perform("entering student \(id)") {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO students (id, name, email) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email",
                    arguments: [id, name, email])
            }
        }
    }

    /// The current grades as CSV for an LMS import: `student,exercise,points,total`, one row
    /// per student and exercise. `points` is the automatic points plus the manual scores
    /// entered, less the late penalty when one is recorded.
    public func csvExport() throws(GradebookError) -> String {
        let grades = try latestGrades()
        let adjustments: [Row] = try perform("reading manual scores and late penalties") {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT student_id, exercise_id, sum(points) AS manual, NULL AS content_sha256, NULL AS penalty
                            FROM manual_scores GROUP BY student_id, exercise_id
                        UNION ALL
                        SELECT s.student_id, s.exercise_id, NULL, s.content_sha256, p.penalty_fraction
                            FROM late_penalties p JOIN submissions s ON s.id = p.submission_id
                        """)
            }
        }
        var manual: [String: Double] = [:]
        var penalty: [String: Double] = [:]
        for row in adjustments {
            let key = "\(row["student_id"] as String)\u{0}\(row["exercise_id"] as String)"
            if let points: Double = row["manual"] { manual[key] = points }
            if let fraction: Double = row["penalty"] { penalty[key + "\u{0}" + ((row["content_sha256"] as String?) ?? "")] = fraction }
        }
        var lines = ["student,exercise,points,total"]
        for grade in grades {
            let key = "\(grade.studentID)\u{0}\(grade.exerciseID)"
            let earned = (grade.points + (manual[key] ?? 0)) * (1 - (penalty[key + "\u{0}" + (grade.contentHash ?? "")] ?? 0))
            lines.append([grade.studentID, grade.exerciseID, Self.number(earned), Self.number(grade.totalPoints)].map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``csvExport()`` to `url`.
    public func exportCSV(to url: URL) throws(GradebookError) {
        let text = try csvExport()
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw .cannotOpen(path: url.path, reason: "the CSV cannot be written: \(error.localizedDescription)")
        }
    }

    /// Points to 6 decimals without trailing zeros: `85`, `12.5`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
