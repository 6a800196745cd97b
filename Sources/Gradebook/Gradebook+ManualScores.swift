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

    /// The current grades as CSV: `student,exercise,points,total`, one row per student and
    /// exercise. `points` is ``GradeSheetEntry/finalPoints`` (the automatic points less the
    /// late penalty, plus the manual scores entered). `matgrade report --format csv` writes
    /// the same numbers with more columns.
    public func csvExport() throws(GradebookError) -> String {
        var lines = ["student,exercise,points,total"]
        for entry in try gradeSheet() {
            lines.append([entry.studentID, entry.exerciseID, Self.number(entry.finalPoints), Self.number(entry.grade.totalPoints)]
                .map(Self.csvField).joined(separator: ","))
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
