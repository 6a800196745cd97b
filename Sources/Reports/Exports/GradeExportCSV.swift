import Foundation
import Gradebook

/// The grade exports of `matgrade report`: a detailed CSV, and the CSV files the Canvas and
/// Moodle gradebooks import. All of them show ``GradeSheetEntry/finalPoints``.
public enum GradeExportCSV {
    /// `--format csv`: one row per student and exercise, for a spreadsheet or a script:
    ///
    ///     student,exercise,points,total,late_days,penalty_fraction,manual_points,final_points,status,content_sha256,graded_at
    ///
    /// `points` are the automatic checks' points; `final_points` = points x (1 -
    /// penalty_fraction) + manual_points. `status`: `passed`, `failed`, `unusable`,
    /// `grader-error`, or `missing` for a student the gradebook knows who has no graded
    /// submission to that exercise (every other column of such a row is empty). `graded_at` in
    /// ISO 8601, UTC. Rows by exercise (in `exercises` order), then student id.
    public static func detailed(entries: [GradeSheetEntry], students: [StudentRecord], exercises: [ExerciseRecord]) -> String {
        var out = CSVText.line([
            "student", "exercise", "points", "total", "late_days", "penalty_fraction", "manual_points", "final_points", "status",
            "content_sha256", "graded_at",
        ])
        let formatter = ISO8601DateFormatter()
        let byKey = index(entries)
        for exercise in exercises {
            for student in students {
                guard let entry = byKey[key(exercise.id, student.id)] else {
                    out += CSVText.line([student.id, exercise.id, "", "", "", "", "", "", "missing", "", ""])
                    continue
                }
                let grade = entry.grade
                out += CSVText.line([
                    grade.studentID, grade.exerciseID, CSVText.number(grade.points), CSVText.number(grade.totalPoints),
                    entry.latePenalty.map { "\($0.daysLate)" } ?? "0", CSVText.number(entry.latePenalty?.penaltyFraction ?? 0),
                    CSVText.number(entry.manualPoints), CSVText.number(entry.finalPoints), StudentReportHTML.status(grade, runs: entry.runs.isEmpty ? nil : entry.runs),
                    grade.contentHash ?? "", formatter.string(from: grade.gradedAt),
                ])
            }
        }
        return out
    }

    /// `--format canvas`: the CSV Canvas' gradebook import reads (Grades > Import): the
    /// columns `Student`, `ID`, `SIS User ID`, `SIS Login ID`, `Section`, then one column per
    /// assignment named by the exercise id, one row per student with the final points, and a
    /// second row `Points Possible` with each exercise's total, as in Canvas' own export.
    /// Canvas matches a row to a student by `ID` (Canvas' internal number, unknown here and
    /// left empty), `SIS User ID` or the name: the matgrade student id goes into `SIS User
    /// ID`, the roster name (if entered) into `Student`. A column whose header matches no
    /// assignment becomes a new assignment. An empty cell leaves the Canvas grade as it is.
    public static func canvas(entries: [GradeSheetEntry], students: [StudentRecord], exercises: [ExerciseRecord]) -> String {
        var out = CSVText.line(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + exercises.map(\.id))
        out += CSVText.line(["Points Possible", "", "", "", ""] + exercises.map { CSVText.number(total(of: $0.id, entries: entries)) })
        let byKey = index(entries)
        for student in students {
            let cells = exercises.map { exercise in byKey[key(exercise.id, student.id)].map { CSVText.number($0.finalPoints) } ?? "" }
            out += CSVText.line([student.name ?? "", "", student.id, "", ""] + cells)
        }
        return out
    }

    /// `--format moodle`: a CSV for Moodle's grade import (Grades > Import > CSV file): the
    /// identifier columns `ID number` (the matgrade student id) and `Email address`, the
    /// `Full name` for reading, then one column per grade item named by the exercise id with
    /// the final points. At import, map "ID number" (or "Email address") to the user field of
    /// the same name, and each exercise column to its grade item; empty cells are skipped.
    public static func moodle(entries: [GradeSheetEntry], students: [StudentRecord], exercises: [ExerciseRecord]) -> String {
        var out = CSVText.line(["ID number", "Email address", "Full name"] + exercises.map(\.id))
        let byKey = index(entries)
        for student in students {
            let cells = exercises.map { exercise in byKey[key(exercise.id, student.id)].map { CSVText.number($0.finalPoints) } ?? "" }
            out += CSVText.line([student.id, student.email ?? "", student.name ?? ""] + cells)
        }
        return out
    }

    /// The exercise's total points: the largest total among its grades (a public-only grade has less).
    static func total(of exercise: String, entries: [GradeSheetEntry]) -> Double {
        entries.filter { $0.exerciseID == exercise }.map(\.grade.totalPoints).max() ?? 0
    }

    private static func key(_ exercise: String, _ student: String) -> String { "\(exercise)\u{0}\(student)" }

    private static func index(_ entries: [GradeSheetEntry]) -> [String: GradeSheetEntry] {
        var byKey: [String: GradeSheetEntry] = [:]
        for entry in entries { byKey[key(entry.exerciseID, entry.studentID)] = entry }
        return byKey
    }
}
