import Foundation
import JSONSupport

extension RubricSpec {
    /// The comparators a rubric may name (DESIGN.md, "Comparators").
    public static var comparatorNames: [String] { ComparatorKind.allCases.map(\.rawValue) }

    /// Loads `rubrics/<exercise.id>.toml` and checks it against `exercise`: fields it reads
    /// must be output fields, cases it names must exist, points must add up to `total`.
    public static func load(path: String, exercise: ExerciseSpec) throws -> RubricSpec {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SpecError(path: path, line: nil, message: "no rubric for exercise '\(exercise.id)'; write \(path) (see rubrics/README.md)")
        }
        return try parse(SpecFile.load(path: path), exercise: exercise)
    }

    public static func parse(text: String, path: String, exercise: ExerciseSpec) throws -> RubricSpec {
        try parse(SpecFile(path: path, text: text), exercise: exercise)
    }

    static func parse(_ file: SpecFile, exercise: ExerciseSpec) throws -> RubricSpec {
        let root = file.rootTable
        try root.rejectUnknownKeys(allowed: ["exercise", "total", "check"])
        let name = try root.string("exercise", required: true) ?? ""
        guard name == exercise.id else {
            throw root.error("exercise", "'exercise' is \"\(name)\" but this rubric is for \"\(exercise.id)\"; they must be the same")
        }
        let total = try root.number("total", in: 0.001...100_000, required: true) ?? 0
        let tables = try root.tables("check")
        guard !tables.isEmpty else { throw root.error(nil, "a rubric needs at least one [[check]]") }
        var seen = Set<String>()
        let checks = try tables.map { try parseCheck($0, exercise: exercise, seen: &seen) }
        let sum = checks.reduce(0) { $0 + $1.points }
        guard abs(sum - total) <= 1e-9 * max(1, total) else {
            let listing = checks.map { "\($0.id) \(format($0.points))" }.joined(separator: ", ")
            throw root.error("total", "the checks' points add up to \(format(sum)), not total = \(format(total)) (\(listing)); make them agree")
        }
        return RubricSpec(exercise: name, total: total, checks: checks)
    }

    private static func parseCheck(_ table: SpecTable, exercise: ExerciseSpec, seen: inout Set<String>) throws -> CheckSpec {
        try table.rejectUnknownKeys(allowed: ["id", "title", "field", "comparator", "points", "cases", "hint", "options"])
        let id = try table.string("id", required: true) ?? ""
        guard id.wholeMatch(of: ExerciseSpec.caseNamePattern) != nil else {
            throw table.error("id", "check 'id' must be lowercase letters, digits and '-' (got \"\(id)\")")
        }
        guard seen.insert(id).inserted else { throw table.error("id", "check '\(id)' is defined twice; check ids must be unique") }
        let comparator = try table.string("comparator", required: true) ?? ""
        guard comparatorNames.contains(comparator) else {
            let hint = closestName(to: comparator, among: comparatorNames).map { "; did you mean '\($0)'?" } ?? ""
            throw table.error("comparator", "unknown comparator '\(comparator)'\(hint) (known: \(comparatorNames.joined(separator: ", ")))")
        }
        let field = try table.string("field", required: comparator != "manual") ?? ""
        if comparator != "manual" {
            let root = String(field.prefix { $0 != "." && $0 != "[" })
            guard exercise.outputFields.isEmpty || exercise.outputFields.contains(where: { $0.name == root }) else {
                throw table.error("field", "field '\(field)' is not an output field of \(exercise.id) (its fields: \(exercise.outputFields.map(\.name).joined(separator: ", ")))")
            }
        }
        let fieldPath: JSONPath
        do {
            fieldPath = field.isEmpty ? .root : try JSONPath(field)
        } catch {
            throw table.error("field", "\(error)")
        }
        let points = try table.number("points", in: 0...100_000, required: true) ?? 0
        guard points > 0 else { throw table.error("points", "'points' must be > 0 (got \(format(points))); drop the check instead") }
        let optionsJSON = try table.table("options")?.table.convert(to: .json) ?? "{}"
        let spec: ComparatorSpec
        do {
            let options = try JSONValue(parsing: optionsJSON).objectValue ?? [:]
            spec = try ComparatorSpec(kind: comparator, options: options)
        } catch {
            throw table.error(table.contains("options") ? "options" : "comparator", "check '\(id)': \(error)")
        }
        return CheckSpec(
            id: id, title: try table.string("title") ?? id, field: field, fieldPath: fieldPath, comparator: comparator, spec: spec,
            optionsJSON: optionsJSON, points: points,
            cases: try parseCases(table, exercise: exercise), hint: try table.string("hint") ?? "",
            line: table.file.index.line(of: table.keyPath))
    }

    private static func parseCases(_ table: SpecTable, exercise: ExerciseSpec) throws -> CheckSpec.CaseSelection {
        guard let value = table.table["cases"] else { return .all }
        if let word = value.string {
            switch word {
            case "all": return .all
            case "public": return .publicOnly
            case "hidden": return .hiddenOnly
            default:
                throw table.error("cases", "'cases' must be \"all\", \"public\", \"hidden\" or a list of case names (got \"\(word)\")")
            }
        }
        let names = try table.strings("cases") ?? []
        let known = exercise.cases.map(\.name)
        for name in names where !known.contains(name) {
            throw table.error("cases", "case '\(name)' is not a case of \(exercise.id) (its cases: \(known.joined(separator: ", ")))")
        }
        guard !names.isEmpty else { throw table.error("cases", "'cases' is an empty list; name at least one case or write \"all\"") }
        return .named(names)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
