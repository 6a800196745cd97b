import CSQLite
import Foundation
import Testing

/// Proof that the CSQLite shim links and that the features the gradebook relies on work on
/// this machine: a file database in WAL mode, a transaction with bound parameters, and
/// data that survives closing and reopening.
@Suite("SQLite through CSQLite")
struct SQLiteTests {
    /// One row of the test table; `score` may be NULL, `log` holds arbitrary bytes.
    struct ResultRow: Equatable {
        let student: String
        let week: Int64
        let score: Double?
        let log: [UInt8]
    }

    static let rows: [ResultRow] = [
        ResultRow(student: "s001", week: 1, score: 9.5, log: Array("ok\n".utf8)),
        ResultRow(student: "Zoë 学生 'quoted'", week: 14, score: nil, log: [0, 255, 10, 0, 7]),
        ResultRow(student: "s003", week: -3, score: 1e-300, log: []),
        ResultRow(student: "", week: Int64.max, score: .greatestFiniteMagnitude, log: Array(0...255)),
    ]

    @Test func walTransactionBoundParametersAndReopen() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("gradebook.sqlite").path
            let writer = try SQLiteTestConnection(path: path)
            #expect(try writer.textColumn("PRAGMA journal_mode=WAL") == ["wal"])
            try writer.execute("CREATE TABLE results (student TEXT NOT NULL, week INTEGER NOT NULL, score REAL, log BLOB NOT NULL)")
            try Self.insert(Self.rows, into: writer)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"), "WAL mode writes a -wal file")
            try writer.close()

            let reader = try SQLiteTestConnection(path: path)
            #expect(try reader.textColumn("PRAGMA journal_mode") == ["wal"], "WAL mode persists in the file")
            #expect(try Self.readAll(from: reader) == Self.rows)
            #expect(try reader.textColumn("SELECT count(*) FROM results WHERE score IS NULL") == ["1"])
            try reader.close()
        }
    }

    @Test func rolledBackTransactionLeavesNoRows() throws {
        try withTemporaryDirectory { directory in
            let connection = try SQLiteTestConnection(path: directory.appendingPathComponent("t.sqlite").path)
            try connection.execute("CREATE TABLE t (x INTEGER)")
            try connection.execute("BEGIN; INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); ROLLBACK;")
            #expect(try connection.textColumn("SELECT count(*) FROM t") == ["0"])
            try connection.close()
        }
    }

    /// Inserts `rows` in one transaction through one prepared statement with ?1...?4.
    static func insert(_ rows: [ResultRow], into connection: SQLiteTestConnection) throws {
        try connection.execute("BEGIN IMMEDIATE")
        let statement = try connection.prepare("INSERT INTO results (student, week, score, log) VALUES (?1, ?2, ?3, ?4)")
        defer { sqlite3_finalize(statement) }
        for row in rows {
            try connection.check(sqlite3_bind_text(statement, 1, row.student, -1, SQLiteTestConnection.transient), "bind student")
            try connection.check(sqlite3_bind_int64(statement, 2, row.week), "bind week")
            if let score = row.score {
                try connection.check(sqlite3_bind_double(statement, 3, score), "bind score")
            } else {
                try connection.check(sqlite3_bind_null(statement, 3), "bind NULL score")
            }
            // A zero-length blob must still be a blob, not NULL: bind zeroblob(0) for it.
            if row.log.isEmpty {
                try connection.check(sqlite3_bind_zeroblob(statement, 4, 0), "bind empty log")
            } else {
                try row.log.withUnsafeBytes { bytes in
                    try connection.check(
                        sqlite3_bind_blob(statement, 4, bytes.baseAddress, Int32(bytes.count), SQLiteTestConnection.transient),
                        "bind log")
                }
            }
            try connection.check(sqlite3_step(statement), "insert \(row.student)", expected: SQLITE_DONE)
            try connection.check(sqlite3_reset(statement), "reset")
            try connection.check(sqlite3_clear_bindings(statement), "clear bindings")
        }
        try connection.execute("COMMIT")
    }

    /// Every row of `results` in insertion order.
    static func readAll(from connection: SQLiteTestConnection) throws -> [ResultRow] {
        let statement = try connection.prepare("SELECT student, week, score, log FROM results ORDER BY rowid")
        defer { sqlite3_finalize(statement) }
        var rows: [ResultRow] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            let student = sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "<NULL>"
            let score = sqlite3_column_type(statement, 2) == SQLITE_NULL ? nil : sqlite3_column_double(statement, 2)
            let byteCount = Int(sqlite3_column_bytes(statement, 3))
            let log = sqlite3_column_blob(statement, 3).map {
                Array(UnsafeRawBufferPointer(start: $0, count: byteCount))
            } ?? []
            rows.append(ResultRow(student: student, week: sqlite3_column_int64(statement, 1), score: score, log: log))
        }
        return rows
    }
}
