import Foundation
import GRDB
@testable import Gradebook
import Testing

/// The file a new gradebook gets: tables, keys, indexes, WAL; and the files it refuses.
struct GradebookSchemaTests {
    static let expectedColumns: [(table: String, columns: [String])] = [
        ("students", ["id", "name", "email"]),
        ("exercises", ["id", "week", "title", "due"]),
        ("submissions", ["id", "student_id", "exercise_id", "content_sha256", "submitted_at", "source_path"]),
        ("grades", ["submission_id", "status", "problem", "points", "total", "graded_at", "grading_seconds", "matgrade_revision"]),
        ("runs", [
            "submission_id", "position", "case_name", "instance", "case_label", "visibility", "termination", "termination_detail",
            "exit_code", "signal", "wall_seconds", "cpu_seconds", "peak_memory_bytes", "stdout_bytes", "stderr_bytes",
            "output_truncated", "stdout_tail", "stderr_tail", "output_problem",
        ]),
        ("check_results", ["submission_id", "run_position", "position", "check_id", "passed", "awaits_manual", "score", "points", "max_points", "explanation"]),
        ("late_penalties", ["submission_id", "days_late", "penalty_fraction"]),
        ("manual_scores", ["student_id", "exercise_id", "item", "points", "comment", "entered_by", "entered_at"]),
    ]

    @Test("a new gradebook has every table with its columns", arguments: expectedColumns.map(\.table))
    func tablesAndColumns(table: String) throws {
        let scratch = try ScratchFolder()
        let gradebook = try Gradebook.open(path: scratch.path("course.sqlite"))
        let columns = try gradebook.pool.read { db in try db.columns(in: table).map(\.name) }
        #expect(columns == Self.expectedColumns.first { $0.table == table }?.columns)
    }

    @Test("foreign keys are declared and enforced; indexes serve per-exercise and per-student queries")
    func keysAndIndexes() throws {
        let scratch = try ScratchFolder()
        let gradebook = try Gradebook.open(path: scratch.path("course.sqlite"))
        try gradebook.pool.read { db in
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            let references = try Row.fetchAll(db, sql: "SELECT m.name AS child, f.\"table\" AS parent FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'")
                .map { "\($0["child"] as String)->\($0["parent"] as String)" }
            for edge in ["submissions->students", "submissions->exercises", "grades->submissions", "runs->submissions",
                         "check_results->runs", "late_penalties->submissions", "manual_scores->students", "manual_scores->exercises"] {
                #expect(references.contains(edge), "\(edge) in \(references)")
            }
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
            #expect(Set(indexes) == ["submissions_by_student", "submissions_by_exercise", "check_results_by_check", "manual_scores_by_exercise"])
            #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == GradebookSchema.applicationID)
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == ["v1-gradebook"])
        }
        #expect(try gradebook.journalMode() == "wal")
        #expect(try gradebook.integrityCheck() == ["ok"])
        // Enforced on the gradebook's own connection: a run of a submission that does not exist is refused.
        #expect(throws: DatabaseError.self) {
            try gradebook.pool.write { db in
                try db.execute(sql: "INSERT INTO late_penalties (submission_id, days_late, penalty_fraction) VALUES (42, 1, 0.1)")
            }
        }
    }

    @Test("opening again keeps the rows and runs no migration twice")
    func reopen() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("course.sqlite")
        try Gradebook.open(path: path).setStudent(id: "alice", name: "Alice Liddell", email: nil)
        let again = try Gradebook.open(path: path)
        #expect(try again.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM students") } == ["Alice Liddell"])
        #expect(try again.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") } == 1)
    }

    @Test("a text file is refused by name, and left as it was")
    func textFile() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("grades.csv")
        try Data("student,points\nalice,85\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: GradebookError.self) { try Gradebook.open(path: path) }
        guard case .notAGradebook(let reported, let reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(reported == path)
        #expect(reason.contains("not an SQLite database") && reason.contains("student,poin"), "\(reason)")
        #expect(error?.description.contains("give a gradebook file or a new file name") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "student,points\nalice,85\n")
    }

    @Test("another program's SQLite database is refused, named with its tables, and not touched")
    func foreignDatabase() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("notes.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: GradebookError.self) { try Gradebook.open(path: path) }
        #expect(error?.description.contains("\(path): not a matgrade gradebook (an SQLite database of another program: application id 0, tables notes)") == true,
                "\(String(describing: error))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "not switched to WAL")
    }

    @Test("a gradebook of a newer matgrade is refused with the migrations this build lacks")
    func newerSchema() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("course.sqlite")
        try Gradebook.open(path: path).close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-future')") }
        try queue.close()
        #expect(throws: GradebookError.newerSchema(path: path, unknownMigrations: ["v2-future"])) { try Gradebook.open(path: path) }
    }

    @Test("a folder, or a file in a missing folder, cannot be opened")
    func unopenable() throws {
        let scratch = try ScratchFolder()
        #expect(throws: GradebookError.cannotOpen(path: scratch.url.path, reason: "it is a folder")) { try Gradebook.open(path: scratch.url.path) }
        let missing = scratch.path("no-such-folder/course.sqlite")
        let error = #expect(throws: GradebookError.self) { try Gradebook.open(path: missing) }
        guard case .cannotOpen(let reported, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(reported == missing)
    }

    @Test("an empty file becomes a new gradebook")
    func emptyFile() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(try Gradebook.open(path: path).journalMode() == "wal")
    }
}
