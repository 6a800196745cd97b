import CSQLite

/// Test helper: the thinnest possible wrapper over a `sqlite3*`, so that the SQLite proof
/// reads as a sequence of C API calls with every result code checked. Not production code:
/// the gradebook uses GRDB.
final class SQLiteTestConnection {
    private(set) var handle: OpaquePointer?

    /// `SQLITE_TRANSIENT`: SQLite copies bound text and blobs before `bind` returns. The C
    /// macro is a cast of -1 to a function pointer, which Swift does not import.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw TestHelperError(description: "sqlite3_open_v2(\(path)) failed with \(code): \(message)")
        }
    }

    deinit { sqlite3_close(handle) }

    /// Closes the connection, checking the result (it fails while statements are open).
    func close() throws {
        try check(sqlite3_close(handle), "sqlite3_close")
        handle = nil
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), sql)
    }

    /// A prepared statement; the caller finalizes it with `sqlite3_finalize`.
    func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v2(handle, sql, -1, &statement, nil), sql)
        return statement
    }

    /// The first column of every row of `sql`, as text.
    func textColumn(_ sql: String) throws -> [String] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        var values: [String] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return values }
            guard code == SQLITE_ROW else { try check(code, sql); return values }
            values.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "NULL")
        }
    }

    /// Throws unless `code` is `SQLITE_OK` (or `expected`), with SQLite's message.
    func check(_ code: Int32, _ context: String, expected: Int32 = SQLITE_OK) throws {
        guard code == expected else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection"
            throw TestHelperError(description: "\(context): SQLite result \(code), expected \(expected): \(message)")
        }
    }
}
