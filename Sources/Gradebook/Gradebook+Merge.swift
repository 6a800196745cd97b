import Foundation
import GRDB

/// What ``Gradebook/merge(sources:into:)`` did.
public struct MergeReport: Sendable, Equatable, CustomStringConvertible {
    /// Two contents of one student's submission to one exercise, graded in different files.
    /// Both are kept (nothing is lost); `kept` counts as the student's grade because it
    /// ``RecordedGrade/supersedes(_:)`` the other: handed in later, else graded later.
    public struct Conflict: Sendable, Equatable {
        public var kept: RecordedGrade
        /// The file `kept` came from.
        public var keptSource: String
        public var superseded: RecordedGrade
        public var supersededSource: String
    }

    /// The files merged, in order.
    public var sources: [String] = []
    /// Submissions new to the merged gradebook.
    public var submissionsAdded = 0
    /// Submissions already there whose grade a later grading of the same content replaced.
    public var regradesApplied = 0
    /// Submissions already there with a grade as recent or more: left as they were.
    public var duplicatesSkipped = 0
    /// Manual scores added or replaced by a later entry.
    public var manualScoresMerged = 0
    public var conflicts: [Conflict] = []

    public var description: String {
        var lines = [
            "merged \(sources.count) gradebooks: \(submissionsAdded) submissions added, \(regradesApplied) regrades applied, "
                + "\(duplicatesSkipped) duplicates skipped, \(manualScoresMerged) manual scores, \(conflicts.count) conflicts"
        ]
        for conflict in conflicts {
            lines.append(
                "conflict: \(conflict.kept.studentID) \(conflict.kept.exerciseID): kept \(conflict.kept.contentHash?.prefix(12) ?? "unreadable") "
                    + "from \(conflict.keptSource) over \(conflict.superseded.contentHash?.prefix(12) ?? "unreadable") from \(conflict.supersededSource)")
        }
        return lines.joined(separator: "\n")
    }
}

extension Gradebook {
    /// Joins shard gradebooks into `destination` (created if it does not exist; an existing
    /// gradebook keeps its rows). Each source is merged in one transaction. The same
    /// submission (student, exercise, content hash) in several files is kept once, with the
    /// grade graded last; different contents for one student and exercise are all kept and
    /// reported as ``MergeReport/Conflict``s, the later handed in (else graded) counting.
    /// Manual scores: the later entry wins. Sources are only read (a shard of an older
    /// matgrade has its schema brought up to date first, as any open does).
    public static func merge(sources: [URL], into destination: URL) throws(GradebookError) -> MergeReport {
        let target = try open(path: destination.path)
        defer { try? target.close() }
        var report = MergeReport()
        var origins: [String: String] = [:]  // submission key -> file it came from
        for grade in try target.allGrades() { origins[key(grade)] = destination.path }
        for source in sources {
            guard source.standardizedFileURL.path != destination.standardizedFileURL.path else {
                throw .invalidValue(path: source.path, field: "merge source", value: source.path, reason: "is the destination itself")
            }
            guard FileManager.default.fileExists(atPath: source.path) else {
                throw .cannotOpen(path: source.path, reason: "no such file")
            }
            try open(path: source.path).close()  // the same checks and schema as any gradebook
            try target.mergeOne(source: source.path, report: &report, origins: &origins)
            report.sources.append(source.path)
        }
        report.conflicts = try target.conflicts(origins: origins)
        return report
    }

    static func key(_ grade: RecordedGrade) -> String {
        "\(grade.studentID)\u{0}\(grade.exerciseID)\u{0}\(grade.contentHash ?? "")"
    }

    func allGrades() throws(GradebookError) -> [RecordedGrade] {
        let rows: [Row] = try perform("reading the grades") { try pool.read { db in try Row.fetchAll(db, sql: Self.gradeSelect) } }
        return try rows.map { row throws(GradebookError) in try recordedGrade(row) }
    }

    private func mergeOne(source: String, report: inout MergeReport, origins: inout [String: String]) throws(GradebookError) {
        try perform("merging \(source)") {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [source])
                defer { try? db.execute(sql: "DETACH DATABASE shard") }
                // Counted on copies, kept only when the transaction commits.
                var local = report
                var localOrigins = origins
                try db.inTransaction {
                    try Self.copyRows(from: source, db, report: &local, origins: &localOrigins)
                    return .commit
                }
                report = local
                origins = localOrigins
            }
        }
    }

    private static func copyRows(from source: String, _ db: Database, report: inout MergeReport, origins: inout [String: String]) throws {
        try db.execute(sql: """
            INSERT INTO main.students (id, name, email) SELECT id, name, email FROM shard.students WHERE true
                ON CONFLICT (id) DO UPDATE SET name = coalesce(excluded.name, name), email = coalesce(excluded.email, email);
            INSERT INTO main.exercises (id, week, title, due) SELECT id, week, title, due FROM shard.exercises WHERE true
                ON CONFLICT (id) DO NOTHING;
            """)
        let dependents = ["grades", "runs", "check_results", "late_penalties"]
        var copies: [String: String] = [:]
        for table in dependents {
            let columns = try db.columns(in: table, in: "main").map(\.name).filter { $0 != "submission_id" }
            let list = columns.joined(separator: ", ")
            copies[table] = "INSERT INTO main.\(table) (submission_id, \(list)) SELECT ?, \(list) FROM shard.\(table) WHERE submission_id = ?"
        }
        let submissions = try Row.fetchAll(db, sql: """
            SELECT s.id, s.student_id, s.exercise_id, s.content_sha256, s.submitted_at, s.source_path, g.graded_at
            FROM shard.submissions s LEFT JOIN shard.grades g ON g.submission_id = s.id ORDER BY s.id
            """)
        for row in submissions {
            let sourceID: Int64 = row["id"]
            let hash: String? = row["content_sha256"]
            let gradedAt: Date? = row["graded_at"]
            let existing = try Row.fetchOne(
                db,
                sql: """
                    SELECT s.id, g.graded_at FROM main.submissions s LEFT JOIN main.grades g ON g.submission_id = s.id
                    WHERE s.student_id = ? AND s.exercise_id = ? AND ifnull(s.content_sha256, '') = ?
                    """,
                arguments: [row["student_id"], row["exercise_id"], hash ?? ""])
            let targetID: Int64
            if let existing {
                let existingGradedAt: Date? = existing["graded_at"]
                guard let gradedAt, existingGradedAt.map({ gradedAt > $0 }) ?? true else {
                    report.duplicatesSkipped += 1
                    continue
                }
                targetID = existing["id"]
                for table in ["runs", "grades", "late_penalties"] {
                    try db.execute(sql: "DELETE FROM main.\(table) WHERE submission_id = ?", arguments: [targetID])
                }
                try db.execute(
                    sql: "UPDATE main.submissions SET submitted_at = ?, source_path = ? WHERE id = ?",
                    arguments: [row["submitted_at"], row["source_path"], targetID])
                report.regradesApplied += 1
            } else {
                try db.execute(
                    sql: "INSERT INTO main.submissions (student_id, exercise_id, content_sha256, submitted_at, source_path) VALUES (?, ?, ?, ?, ?)",
                    arguments: [row["student_id"], row["exercise_id"], hash, row["submitted_at"], row["source_path"]])
                targetID = db.lastInsertedRowID
                report.submissionsAdded += 1
            }
            for table in dependents {
                try db.execute(sql: copies[table] ?? "", arguments: [targetID, sourceID])
            }
            origins["\(row["student_id"] as String)\u{0}\(row["exercise_id"] as String)\u{0}\(hash ?? "")"] = source
        }
        try db.execute(sql: """
            INSERT INTO main.manual_scores (student_id, exercise_id, item, points, comment, entered_by, entered_at)
            SELECT student_id, exercise_id, item, points, comment, entered_by, entered_at FROM shard.manual_scores WHERE true
            ON CONFLICT (student_id, exercise_id, item) DO UPDATE SET points = excluded.points, comment = excluded.comment,
                entered_by = excluded.entered_by, entered_at = excluded.entered_at
            WHERE excluded.entered_at > manual_scores.entered_at
            """)
        report.manualScoresMerged += db.changesCount
    }

    /// Each student and exercise with contents from different files: the current grade
    /// against every other content that came from another file.
    private func conflicts(origins: [String: String]) throws(GradebookError) -> [MergeReport.Conflict] {
        var byStudent: [String: [RecordedGrade]] = [:]
        for grade in try allGrades() { byStudent["\(grade.studentID)\u{0}\(grade.exerciseID)", default: []].append(grade) }
        var conflicts: [MergeReport.Conflict] = []
        for key in byStudent.keys.sorted() {
            guard let grades = byStudent[key], grades.count > 1 else { continue }
            let current = grades.reduce(grades[0]) { $1.supersedes($0) ? $1 : $0 }
            let currentSource = origins[Self.key(current)] ?? path
            for other in grades where other.contentHash != current.contentHash {
                let otherSource = origins[Self.key(other)] ?? path
                guard otherSource != currentSource else { continue }
                conflicts.append(.init(kept: current, keptSource: currentSource, superseded: other, supersededSource: otherSource))
            }
        }
        return conflicts
    }
}
