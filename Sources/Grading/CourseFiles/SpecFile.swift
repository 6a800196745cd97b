import Foundation
import TOMLKit

/// A parsed TOML file of the course (exercise.toml, a rubric, course.toml) with what is
/// needed to say where a problem is: its path and the line of every key.
struct SpecFile {
    let path: String
    let root: TOMLTable
    let index: TOMLLineIndex

    /// Reads and parses `path`; syntax errors name the line and column.
    static func load(path: String) throws -> SpecFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SpecError(path: path, line: nil, message: "cannot read the file (\(error.localizedDescription)); check the path")
        }
        return try SpecFile(path: path, text: text)
    }

    init(path: String, text: String) throws {
        self.path = path
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SpecError(
                path: path, line: error.source.begin.line,
                message: "TOML syntax error at column \(error.source.begin.column): \(error.description)")
        }
        index = TOMLLineIndex(text: text)
    }

    var rootTable: SpecTable { SpecTable(file: self, table: root, keyPath: "") }
}

/// A table of a ``SpecFile`` with typed, validating getters. Every getter throws a
/// ``SpecError`` naming the file, the line, the key path, the value seen and the fix.
struct SpecTable {
    let file: SpecFile
    let table: TOMLTable
    /// Where this table sits: "" for the root, "limits", "cases[2]", "check[0].options".
    let keyPath: String

    func path(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    /// How the table is named in messages: `[limits]`, `[[cases]] #3`, or "the top level".
    var displayName: String {
        if keyPath.isEmpty { return "the top level" }
        if let open = keyPath.lastIndex(of: "["), keyPath.hasSuffix("]"),
           let number = Int(keyPath[keyPath.index(after: open)..<keyPath.index(before: keyPath.endIndex)]) {
            return "[[\(keyPath[..<open])]] #\(number + 1)"
        }
        return "[\(keyPath)]"
    }

    func error(_ key: String?, _ message: String) -> SpecError {
        SpecError(path: file.path, line: file.index.line(of: key.map(path) ?? keyPath), message: message)
    }

    var keys: [String] { table.keys }

    func contains(_ key: String) -> Bool { table[key] != nil }

    /// Rejects keys not in `allowed`, suggesting the closest known one (typos in rubrics
    /// otherwise silently change grades).
    func rejectUnknownKeys(allowed: [String]) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let hint = closestName(to: key, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
            throw error(key, "unknown key '\(key)' in \(displayName)\(hint) (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    private func typeName(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .int: return "integer \(value.int.map(String.init) ?? "")"
        case .double: return "number \(value.double.map { String($0) } ?? "")"
        case .string: return "string \"\(value.string ?? "")\""
        case .bool: return "boolean \(value.bool.map(String.init) ?? "")"
        case .array: return "an array"
        case .table: return "a table"
        default: return "a \(value.type.rawValue)"
        }
    }

    func string(_ key: String, required: Bool = false) throws -> String? {
        guard let value = table[key] else {
            if required { throw error(nil, "missing required key '\(key)' in \(displayName)") }
            return nil
        }
        guard let string = value.string else { throw error(key, "'\(key)' must be a string (got \(typeName(value)))") }
        return string
    }

    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = false) throws -> Int? {
        guard let value = table[key] else {
            if required { throw error(nil, "missing required key '\(key)' in \(displayName)") }
            return nil
        }
        guard let integer = value.int else { throw error(key, "'\(key)' must be an integer (got \(typeName(value)))") }
        guard range.contains(integer) else {
            throw error(key, "'\(key)' must be in [\(range.lowerBound), \(range.upperBound)] (got \(integer))")
        }
        return integer
    }

    /// A number (TOML integers are accepted as numbers).
    func number(_ key: String, in range: ClosedRange<Double>, required: Bool = false) throws -> Double? {
        guard let value = table[key] else {
            if required { throw error(nil, "missing required key '\(key)' in \(displayName)") }
            return nil
        }
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw error(key, "'\(key)' must be a number (got \(typeName(value)))")
        }
        guard number.isFinite, range.contains(number) else {
            throw error(key, "'\(key)' must be in [\(range.lowerBound), \(range.upperBound)] (got \(number))")
        }
        return number
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw error(key, "'\(key)' must be true or false (got \(typeName(value)))") }
        return flag
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "'\(key)' must be an array of strings (got \(typeName(value)))") }
        return try array.enumerated().map { offset, element in
            guard let string = element.string else {
                throw error(key, "'\(key)'[\(offset)] must be a string (got \(typeName(element)))")
            }
            return string
        }
    }

    func table(_ key: String) throws -> SpecTable? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else { throw error(key, "'\(key)' must be a table (got \(typeName(value)))") }
        return SpecTable(file: file, table: inner, keyPath: path(key))
    }

    /// An array of tables (`[[key]]`), possibly empty.
    func tables(_ key: String) throws -> [SpecTable] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else { throw error(key, "'\(key)' must be an array of tables [[\(key)]] (got \(typeName(value)))") }
        return try array.enumerated().map { offset, element in
            guard let inner = element.table else {
                throw error(key, "'\(key)'[\(offset)] must be a table (got \(typeName(element)))")
            }
            return SpecTable(file: file, table: inner, keyPath: "\(path(key))[\(offset)]")
        }
    }

    /// An offset date-time (`2026-05-19T23:59:00+02:00`); a date-time without a time zone is
    /// rejected, since a deadline must name one.
    func dateTime(_ key: String) throws -> Date? {
        guard let value = table[key] else { return nil }
        guard let dateTime = value.dateTime else {
            throw error(key, "'\(key)' must be a date-time with a time zone, such as 2026-05-19T23:59:00+02:00 (got \(typeName(value)))")
        }
        guard let offset = dateTime.offset else {
            let written = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d", dateTime.date.year, dateTime.date.month, dateTime.date.day,
                dateTime.time.hour, dateTime.time.minute, dateTime.time.second)
            throw error(key, "'\(key)' has no time zone; write it with an offset, such as \(written)+02:00 or Z for UTC")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(
            year: dateTime.date.year, month: dateTime.date.month, day: dateTime.date.day,
            hour: dateTime.time.hour, minute: dateTime.time.minute, second: dateTime.time.second,
            nanosecond: dateTime.time.nanoSecond)
        guard let local = calendar.date(from: components) else {
            throw error(key, "'\(key)' is not a valid date-time (got \(dateTime.debugDescription))")
        }
        return local.addingTimeInterval(-Double(offset.offset) * 60)
    }
}
