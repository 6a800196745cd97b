import Exercises
import Foundation
import Grading
import JSONSupport
import MaterialsDB

extension Frontend {
    /// Where `matgrade db` keeps the database when `--db` is not given: `MATGRADE_DB`, else
    /// `$XDG_CACHE_HOME/matgrade/materials.sqlite` (`~/.cache/...`).
    public static func defaultDatabasePath(environment: [String: String]) -> String {
        if let path = environment["MATGRADE_DB"], !path.isEmpty { return path }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache")
        return cache + "/matgrade/materials.sqlite"
    }

    /// `matgrade db build`: adds (or refreshes) the course data's entries; entries imported
    /// with `db import` stay.
    public static func buildDatabase(course: Course, path: String) throws -> String {
        let start = Date()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let entries = try CourseMaterials.entries(dataFolder: course.exercisesFolder.appendingPathComponent("data"))
        let database = try MaterialsDatabase(path: path)
        try database.insert(entries)
        return "built \(path): \(entries.count) entries from exercises/data in \(String(format: "%.1f", Date().timeIntervalSince(start))) s\n"
            + (try databaseInfo(path: path))
    }

    /// Opens the database, building it first when the file does not exist yet.
    static func openDatabase(course: () throws -> Course, path: String, log: (String) -> Void) throws -> MaterialsDatabase {
        if !FileManager.default.fileExists(atPath: path) {
            log("matgrade: no materials database at \(path) yet; building it from the course data (once)\n")
            _ = try buildDatabase(course: try course(), path: path)
        }
        return try MaterialsDatabase(path: path)
    }

    /// `matgrade db query FILTER`: the matching entries as an aligned table, JSON or CSV.
    public static func queryDatabase(
        course: () throws -> Course, path: String, filter: String, fields: [String], sort: String?, limit: Int?, format: String,
        repetitions: Int = 1, log: (String) -> Void
    ) throws -> String {
        guard ["table", "json", "csv"].contains(format) else {
            throw FrontendError.invalidOption(name: "--format", value: format, reason: "use table, json or csv")
        }
        let database = try openDatabase(course: course, path: path, log: log)
        let columns = fields.isEmpty ? ["id", "chemical_formula_reduced", "formation_energy_per_atom", "band_gap", "e_above_hull", "experimental_band_gap", "space_group_it_number"] : fields
        var rows = try database.query(filter: filter, fields: columns, sort: sort, limit: limit)
        if repetitions > 1 {
            // For benchmarks/db: the query alone (parse, SQL, fetch), timed in this process.
            var times: [Double] = []
            for _ in 0..<repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                rows = try database.query(filter: filter, fields: columns, sort: sort, limit: limit)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            log("query time: median \(String(format: "%.3f", times.sorted()[times.count / 2])) ms over \(repetitions) runs, \(rows.count) rows\n")
        }
        func cell(_ value: JSONValue?) -> String {
            switch value {
            case .none, .null?: return ""
            case let .number(number)?: return format == "csv" ? JSONWriter.text(of: .number(number)) : Self.format(number, digits: 4)
            case let .string(text)?: return text
            case let .array(items)?: return items.compactMap(\.stringValue).joined(separator: format == "csv" ? " " : ",")
            case let value?: return JSONWriter.text(of: value)
            }
        }
        switch format {
        case "json":
            return JSONWriter.text(of: .object(["filter": .string(filter), "count": .number(Double(rows.count)), "data": .array(rows.map(JSONValue.object))])) + "\n"
        case "csv":
            // Numbers as they are (a leading '-' is a sign here, not a spreadsheet formula).
            return ([columns.joined(separator: ",")] + rows.map { row in
                columns.map { name in row[name]?.numberValue != nil ? cell(row[name]) : csvField(cell(row[name])) }.joined(separator: ",")
            })
                .joined(separator: "\n") + "\n"
        default:
            var table = TextTable(headers: columns)
            for row in rows { table.add(columns.map { cell(row[$0]) }) }
            return table.rendered() + "\(rows.count) entr\(rows.count == 1 ? "y" : "ies")\(limit.map { rows.count == $0 ? " (--limit \($0))" : "" } ?? "")\n"
        }
    }

    /// `matgrade db info`: entries per source and how many know each property.
    public static func databaseInfo(path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw FrontendError.invalidData(file: path, field: nil, problem: "does not exist", fix: "run matgrade db build first")
        }
        let info = try MaterialsDatabase(path: path).info()
        var out = "\(path): \(info.total) entries\n\nsource                         entries\n"
        for (source, count) in info.sources { out += source.padding(toLength: 30, withPad: " ", startingAt: 0) + " " + String(count) + "\n" }
        out += "\nproperty                       known  meaning\n"
        let known = Dictionary(uniqueKeysWithValues: info.known)
        for property in MaterialProperty.all {
            let count = property.kind == .list ? info.total : known[property.name] ?? 0
            out += property.name.padding(toLength: 30, withPad: " ", startingAt: 0) + " " + String(count).padding(toLength: 6, withPad: " ", startingAt: 0) + " " + property.summary + "\n"
        }
        return out
    }

    /// `matgrade db import FILE`: adds the entries of an OPTIMADE JSON response (a course's
    /// own Materials Project or OQMD download) or of a CSV with a formula column.
    /// A database that does not exist yet is created holding only the imported entries (a
    /// course that uses its own download alone); `db build` adds the course data.
    public static func importIntoDatabase(path: String, file: String) throws -> String {
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let database = try MaterialsDatabase(path: path)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw FrontendError.invalidData(file: file, field: nil, problem: "cannot be read (\(error.localizedDescription))", fix: "check the path")
        }
        let source = URL(fileURLWithPath: file).lastPathComponent
        let entries = file.lowercased().hasSuffix(".csv")
            ? try MaterialImport.csv(data, file: file, source: source)
            : try MaterialImport.optimade(data, file: file, source: source)
        try database.insert(entries)
        return "imported \(entries.count) entries from \(file) into \(path) (source \"\(source)\")\n"
    }
}
