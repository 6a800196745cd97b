import Foundation

/// A small CSV file read by header (RFC 4180: comma-separated, fields in double quotes may
/// hold commas, newlines and doubled quotes; a UTF-8 byte-order mark is ignored), for the
/// instructor's `students.csv` and `submissions.csv`.
public struct CSVTable: Sendable {
    public let path: String
    /// Header names, lower-cased and trimmed.
    public let header: [String]
    /// Data rows with the line each starts on (1-based, the header is line 1).
    public let rows: [(line: Int, fields: [String])]

    /// - Throws: ``GradingError/invalidSubmissions(path:reason:)`` naming the line for an
    ///   unterminated quote or a row with the wrong number of fields.
    public init(path: String, text: String) throws(GradingError) {
        self.path = path
        var records: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return characters.next()
        }
        var first = true
        while let scalar = next() {
            if first { first = false; if scalar == "\u{FEFF}" { continue } }
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: inQuotes = true
            case ",": fields.append(field); field = ""
            case "\r": continue
            case "\n":
                fields.append(field); field = ""
                if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty) { records.append((recordLine, fields)) }
                fields = []
                line += 1
                recordLine = line
            default: field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw .invalidSubmissions(path: path, reason: "line \(recordLine): a quoted field is never closed; add the closing \"") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        guard let head = records.first else { throw .invalidSubmissions(path: path, reason: "is empty; it needs a header line") }
        header = head.1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        rows = records.dropFirst().map { (line: $0.0, fields: $0.1.map { $0.trimmingCharacters(in: .whitespaces) }) }
        for row in rows where row.fields.count != header.count {
            throw .invalidSubmissions(path: path, reason: "line \(row.line) has \(row.fields.count) fields but the header has \(header.count) (\(header.joined(separator: ","))); quote fields that contain commas")
        }
    }

    public static func load(_ url: URL) throws(GradingError) -> CSVTable {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .invalidSubmissions(path: url.path, reason: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        return try CSVTable(path: url.path, text: text)
    }

    /// The index of the first of `names` in the header.
    public func column(_ names: [String]) -> Int? {
        names.lazy.compactMap { self.header.firstIndex(of: $0) }.first
    }
}

/// The class list, `students.csv`: one row per student with their id (`id` or `student_id`)
/// and optionally `name`, `email` and `lms_id` (the number Canvas or Moodle puts in its
/// download's file names; also read from `canvas_id`, `moodle_id`, `user_id`).
public struct StudentRoster: Sendable {
    public struct Student: Sendable, Equatable {
        public let id: String
        public let name: String?
        public let email: String?
        public let lmsID: String?
    }

    public let students: [Student]
    private let byLMS: [String: Int]
    private let byID: [String: Int]

    public init(students: [Student]) {
        self.students = students
        var lms: [String: Int] = [:]
        var ids: [String: Int] = [:]
        for (index, student) in students.enumerated() {
            ids[student.id] = index
            if let key = student.lmsID { lms[key] = index }
        }
        byLMS = lms
        byID = ids
    }

    public static func load(_ url: URL) throws(GradingError) -> StudentRoster {
        let table = try CSVTable.load(url)
        guard let idColumn = table.column(["id", "student_id", "student"]) else {
            throw .invalidSubmissions(path: url.path, reason: "has no 'id' column (header: \(table.header.joined(separator: ","))); the first line must name the columns id,name,email,lms_id")
        }
        let name = table.column(["name", "full_name"])
        let email = table.column(["email", "e-mail"])
        let lms = table.column(["lms_id", "canvas_id", "moodle_id", "user_id"])
        var students: [Student] = []
        var seen: [String: Int] = [:]
        var seenLMS: [String: Int] = [:]
        func value(_ column: Int?, _ fields: [String]) -> String? {
            column.flatMap { fields[$0].isEmpty ? nil : fields[$0] }
        }
        for row in table.rows {
            let id = row.fields[idColumn]
            guard !id.isEmpty else { throw .invalidSubmissions(path: url.path, reason: "line \(row.line): the id is empty") }
            if let earlier = seen[id] {
                throw .invalidSubmissions(path: url.path, reason: "line \(row.line): student id '\(id)' is already on line \(earlier); ids must be unique")
            }
            seen[id] = row.line
            let lmsID = value(lms, row.fields)
            if let lmsID {
                if let earlier = seenLMS[lmsID] {
                    throw .invalidSubmissions(path: url.path, reason: "line \(row.line): lms_id '\(lmsID)' is already on line \(earlier); each LMS id belongs to one student")
                }
                seenLMS[lmsID] = row.line
            }
            students.append(Student(id: id, name: value(name, row.fields), email: value(email, row.fields), lmsID: lmsID))
        }
        return StudentRoster(students: students)
    }

    public func student(id: String) -> Student? { byID[id].map { students[$0] } }
    public func student(lmsID: String) -> Student? { byLMS[lmsID].map { students[$0] } }
}
