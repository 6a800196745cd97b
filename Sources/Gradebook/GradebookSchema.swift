import GRDB

/// The gradebook's tables, built by named migrations. Migrations are append-only: a shipped
/// one is never edited or removed; a schema change is a new migration at the end of
/// ``migrator``. A file that has a migration this build does not know was written by a newer
/// matgrade and is refused (``GradebookError/newerSchema(path:unknownMigrations:)``).
///
/// Keys: a submission is one student's content (SHA-256 of its files) for one exercise and
/// has a local integer id; everything graded about it (its grade, runs, check results, late
/// penalty) hangs off that id and is replaced whole by a regrade. Runs and check results have
/// natural keys (their position in the grade), so regrading the same content yields the same
/// rows. Times are UTC text, `YYYY-MM-DD HH:MM:SS.SSS` (millisecond precision), so the file
/// reads well in any SQLite tool.
public enum GradebookSchema {
    /// `PRAGMA application_id` of a matgrade gradebook: "MGGB" in ASCII.
    public static let applicationID: Int32 = 0x4D47_4742

    /// The migrations, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-gradebook", migrate: createVersion1)
        return migrator
    }

    /// The tables of a gradebook, in the order a merge copies them.
    public static let tables = [
        "students", "exercises", "submissions", "grades", "runs", "check_results", "late_penalties", "manual_scores",
    ]

    static func createVersion1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: """
            CREATE TABLE students (
                id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                name TEXT,
                email TEXT
            ) STRICT;

            CREATE TABLE exercises (
                id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
                week INTEGER NOT NULL,
                title TEXT NOT NULL,
                due TEXT
            ) STRICT;

            CREATE TABLE submissions (
                id INTEGER PRIMARY KEY,
                student_id TEXT NOT NULL REFERENCES students(id),
                exercise_id TEXT NOT NULL REFERENCES exercises(id),
                content_sha256 TEXT,
                submitted_at TEXT,
                source_path TEXT NOT NULL
            ) STRICT;
            -- One row per student, exercise and content; an unreadable submission (no hash) counts as one content.
            CREATE UNIQUE INDEX submissions_by_student ON submissions(student_id, exercise_id, ifnull(content_sha256, ''));
            CREATE INDEX submissions_by_exercise ON submissions(exercise_id, student_id);

            CREATE TABLE grades (
                submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
                status TEXT NOT NULL CHECK (status IN ('graded', 'unusable', 'grader-error')),
                problem TEXT,
                points REAL NOT NULL,
                total REAL NOT NULL,
                graded_at TEXT NOT NULL,
                grading_seconds REAL NOT NULL,
                matgrade_revision TEXT NOT NULL
            ) STRICT;

            CREATE TABLE runs (
                submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                case_name TEXT NOT NULL,
                instance INTEGER NOT NULL,
                case_label TEXT NOT NULL,
                visibility TEXT NOT NULL CHECK (visibility IN ('public', 'hidden')),
                termination TEXT NOT NULL,
                termination_detail TEXT,
                exit_code INTEGER,
                signal INTEGER,
                wall_seconds REAL NOT NULL,
                cpu_seconds REAL NOT NULL,
                peak_memory_bytes INTEGER NOT NULL,
                stdout_bytes INTEGER NOT NULL,
                stderr_bytes INTEGER NOT NULL,
                output_truncated INTEGER NOT NULL,
                stdout_tail TEXT NOT NULL,
                stderr_tail TEXT NOT NULL,
                output_problem TEXT,
                PRIMARY KEY (submission_id, position)
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE check_results (
                submission_id INTEGER NOT NULL,
                run_position INTEGER NOT NULL,
                position INTEGER NOT NULL,
                check_id TEXT NOT NULL,
                passed INTEGER NOT NULL,
                awaits_manual INTEGER NOT NULL,
                score REAL NOT NULL,
                points REAL NOT NULL,
                max_points REAL NOT NULL,
                explanation TEXT NOT NULL,
                PRIMARY KEY (submission_id, run_position, position),
                FOREIGN KEY (submission_id, run_position) REFERENCES runs(submission_id, position) ON DELETE CASCADE
            ) STRICT, WITHOUT ROWID;
            -- Class reports: the most-failed checks of an exercise.
            CREATE INDEX check_results_by_check ON check_results(check_id, passed);

            CREATE TABLE late_penalties (
                submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
                days_late INTEGER NOT NULL CHECK (days_late >= 0),
                penalty_fraction REAL NOT NULL CHECK (penalty_fraction >= 0 AND penalty_fraction <= 1)
            ) STRICT;

            CREATE TABLE manual_scores (
                student_id TEXT NOT NULL REFERENCES students(id),
                exercise_id TEXT NOT NULL REFERENCES exercises(id),
                item TEXT NOT NULL CHECK (item <> ''),
                points REAL NOT NULL,
                comment TEXT NOT NULL,
                entered_by TEXT NOT NULL,
                entered_at TEXT NOT NULL,
                PRIMARY KEY (student_id, exercise_id, item)
            ) STRICT;
            CREATE INDEX manual_scores_by_exercise ON manual_scores(exercise_id, student_id);
            """)
    }
}
