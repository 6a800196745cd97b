import Foundation
import GRDB
import Glibc

/// The course's gradebook: one SQLite file in WAL mode (DESIGN.md, "Gradebook and reports").
/// Every graded submission is written in one transaction, so a batch killed at any moment
/// leaves each submission either whole or absent; regrading the same content replaces its
/// grade; shards graded on different machines merge into one file
/// (``merge(sources:into:)``). Safe to share between tasks: writes are serialized, reads
/// run beside them.
///
/// ```swift
/// let gradebook = try Gradebook.open(path: "course.sqlite")
/// if try !gradebook.isGraded(student: "alice", exercise: spec.id, contentHash: hash, revision: build) {
///     try gradebook.record(grade, exercise: spec, submittedAt: nil, revision: build)
/// }
/// ```
public final class Gradebook: Sendable {
    /// The file's path as given to ``open(path:)``.
    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens the gradebook at `path`, creating it when the file does not exist and bringing
    /// an older schema up to date.
    /// - Throws: ``GradebookError/notAGradebook(path:reason:)`` for a file that is not a
    ///   matgrade gradebook (a text file, another program's SQLite database, which is left
    ///   untouched); ``GradebookError/newerSchema(path:unknownMigrations:)`` for a gradebook
    ///   of a newer matgrade; ``GradebookError/cannotOpen(path:reason:)`` otherwise.
    public static func open(path: String) throws(GradebookError) -> Gradebook {
        // Two processes opening a new file at once (shards, or a batch and `gradebook set`)
        // would both see no migration applied and both create the tables, and one could read
        // the other's half-made file as "another program's database". An exclusive flock on the
        // file (independent of SQLite's own fcntl locks), held from the first look at the file
        // until the schema is in place, makes the second wait and then find a whole gradebook.
        // An empty file is what SQLite makes a new database of.
        let lock = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if lock >= 0 { _ = flock(lock, LOCK_EX) }
        defer { if lock >= 0 { _ = flock(lock, LOCK_UN); Glibc.close(lock) } }
        try validateExistingFile(path: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Several processes may share one gradebook (a batch and `gradebook set`): wait for the lock.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // In WAL mode, FULL syncs the log at each commit: a committed grade survives a power cut too.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw .database(path: path, operation: "opening (another process held the file for 30 s)", message: Self.message(of: error))
        } catch {
            throw .cannotOpen(path: path, reason: Self.message(of: error))
        }
        let gradebook = Gradebook(path: path, pool: pool)
        try gradebook.migrate()
        return gradebook
    }

    /// Closes the file. Later calls on this value fail; open it again to go on.
    public func close() throws(GradebookError) {
        try perform("closing the gradebook") { try pool.close() }
    }

    /// The file's journal mode as SQLite reports it (`wal` for every gradebook).
    public func journalMode() throws(GradebookError) -> String {
        try perform("reading the journal mode") { try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } }
    }

    /// SQLite's own consistency check of the whole file: `["ok"]` when sound.
    public func integrityCheck() throws(GradebookError) -> [String] {
        try perform("checking integrity") { try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } }
    }

    private func migrate() throws(GradebookError) {
        let migrator = GradebookSchema.migrator
        let unknown: [String] = try perform("reading the schema version") {
            try pool.read { db in
                let applied = try migrator.appliedIdentifiers(db)
                return applied.subtracting(migrator.migrations).sorted()
            }
        }
        guard unknown.isEmpty else { throw .newerSchema(path: path, unknownMigrations: unknown) }
        // ``open(path:)`` holds the file's flock, so only one process migrates a new file.
        try perform("migrating the schema") { try migrator.migrate(pool) }
    }

    /// Refuses, before anything writes to it, a file that is not a gradebook: not SQLite at
    /// all, or an SQLite database of another program (application id and tables tell).
    static func validateExistingFile(path: String) throws(GradebookError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue { throw .cannotOpen(path: path, reason: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .cannotOpen(path: path, reason: "it cannot be read") }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }  // an empty file becomes a new gradebook
        guard header == Data("SQLite format 3\u{0}".utf8) else {
            let start = String(decoding: header.prefix(12), as: UTF8.self).unicodeScalars
                .map { $0.properties.isWhitespace || $0.value < 32 ? " " : String($0) }.joined()
            throw .notAGradebook(path: path, reason: "not an SQLite database; it starts with '\(start)'")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let identity: (applicationID: Int32, tables: [String])
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            identity = try queue.read { db in
                (
                    try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                    try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                )
            }
            try queue.close()
        } catch {
            throw .notAGradebook(path: path, reason: "SQLite cannot read it: \(message(of: error))")
        }
        if identity.applicationID == GradebookSchema.applicationID || (identity.applicationID == 0 && identity.tables.isEmpty) { return }
        let tables = identity.tables.isEmpty ? "no tables" : "tables " + identity.tables.prefix(6).joined(separator: ", ")
        throw .notAGradebook(
            path: path, reason: "an SQLite database of another program: application id \(identity.applicationID), \(tables)")
    }

    /// Runs `body`, turning any error into ``GradebookError/database(path:operation:message:)``.
    func perform<T>(_ operation: String, _ body: () throws -> T) throws(GradebookError) -> T {
        do {
            return try body()
        } catch let error as GradebookError {
            throw error
        } catch {
            throw .database(path: path, operation: operation, message: Self.message(of: error))
        }
    }

    static func message(of error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
