import Foundation
import GRDB
import Gradebook
import GradebookTestSupport
import Grading

/// A fresh folder for one test's gradebooks, removed by nobody (the system's temporary folder).
struct ScratchFolder {
    let url: URL

    init(_ name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        url = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-gradebook-\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ file: String) -> String { url.appendingPathComponent(file).path }
    func file(_ file: String) -> URL { url.appendingPathComponent(file) }
}

/// Every row of every gradebook table, read with a connection of the test's own. Submission
/// ids (local to each file) are replaced by the submission's student, exercise and content
/// hash, so files written in different orders compare equal when they hold the same grades.
enum TableDump {
    static func of(_ path: String, ignoring ignored: Set<String> = []) throws -> [String: [[String]]] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var dump: [String: [[String]]] = [:]
            for table in GradebookSchema.tables {
                let columns = try db.columns(in: table).map(\.name).filter { !ignored.contains($0) }
                let sql: String
                if columns.contains("submission_id") {
                    let others = columns.filter { $0 != "submission_id" }.map { "t.\($0)" }
                    sql = "SELECT s.student_id, s.exercise_id, s.content_sha256, \(others.joined(separator: ", ")) FROM \(table) t "
                        + "JOIN submissions s ON s.id = t.submission_id"
                } else {
                    sql = "SELECT \(columns.filter { $0 != "id" || table != "submissions" }.joined(separator: ", ")) FROM \(table)"
                }
                dump[table] = try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(\.description) }.sorted { $0.lexicographicallyPrecedes($1) }
            }
            return dump
        }
    }

    /// Row counts per table.
    static func counts(_ path: String) throws -> [String: Int] {
        try of(path).mapValues(\.count)
    }
}

/// A new gradebook (`course.sqlite` in a scratch folder) with the fixture exercise and rubric.
struct FreshGradebook {
    let scratch: ScratchFolder
    let path: String
    let gradebook: Gradebook
    let exercise: ExerciseSpec
    let rubric: RubricSpec

    init(_ name: String = #function) throws {
        scratch = try ScratchFolder(name)
        path = scratch.path("course.sqlite")
        gradebook = try Gradebook.open(path: path)
        exercise = try GradebookFixtures.exercise()
        rubric = try GradebookFixtures.rubric(exercise)
    }

    /// The fixture grade of `student` for this exercise.
    func grade(_ student: String, variant: Int = 0, contentHash: String? = nil, nanInLastCase: Bool = false) -> StudentGrade {
        GradebookFixtures.grade(student: student, exercise: exercise, rubric: rubric, variant: variant, contentHash: contentHash, nanInLastCase: nanInLastCase)
    }
}
