import Foundation

extension ExerciseSpec {
    /// Loads and validates `exercise.toml` in `folder`. Every problem is a ``SpecError``
    /// naming the file, the line, the key, the value seen and the fix.
    public static func load(folder: URL) throws -> ExerciseSpec {
        let path = folder.appendingPathComponent("exercise.toml").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw SpecError(path: path, line: nil, message: "no exercise.toml; every exercise folder needs one (see README.md)")
        }
        return try parse(SpecFile.load(path: path), folderName: folder.lastPathComponent)
    }

    /// Parses exercise.toml text (tests use this with any `path` for messages).
    public static func parse(text: String, path: String, folderName: String) throws -> ExerciseSpec {
        try parse(SpecFile(path: path, text: text), folderName: folderName)
    }

    static var idPattern: Regex<(Substring, Substring, Substring?)> { /w(\d\d)-[a-z0-9]+(-[a-z0-9]+)*/ }
    static var caseNamePattern: Regex<(Substring, Substring?)> { /[a-z0-9]+(-[a-z0-9]+)*/ }

    static func parse(_ file: SpecFile, folderName: String) throws -> ExerciseSpec {
        let root = file.rootTable
        try root.rejectUnknownKeys(allowed: ["id", "week", "title", "due", "command", "limits", "output", "cases"])
        let id = try root.string("id", required: true) ?? ""
        guard let match = id.wholeMatch(of: idPattern) else {
            throw root.error("id", "'id' must look like w06-crystal-graphs: 'w', two digits, '-', lowercase words joined by '-' (got \"\(id)\")")
        }
        guard id == folderName else {
            throw root.error("id", "'id' is \"\(id)\" but the folder is \"\(folderName)\"; they must be the same")
        }
        let week = try root.integer("week", in: 1...14, required: true) ?? 0
        guard Int(match.output.1) == week else {
            throw root.error("week", "'week' is \(week) but the id \"\(id)\" says week \(match.output.1)")
        }
        let title = try root.string("title", required: true) ?? ""
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw root.error("title", "'title' is empty") }
        let command = try root.strings("command") ?? ["python3", "solution.py"]
        guard !command.isEmpty, !command[0].isEmpty else {
            throw root.error("command", "'command' must name a program, such as [\"python3\", \"solution.py\"]")
        }
        return ExerciseSpec(
            id: id, week: week, title: title, due: try root.dateTime("due"), command: command,
            limits: try parseLimits(root.table("limits")), outputFields: try parseOutput(root.tables("output")),
            cases: try parseCases(root.tables("cases"), root: root))
    }

    private static func parseLimits(_ table: SpecTable?) throws -> CaseLimits {
        var limits = CaseLimits()
        guard let table else { return limits }
        try table.rejectUnknownKeys(allowed: ["wall_seconds", "cpu_seconds", "memory_mb", "output_kb"])
        limits.wallSeconds = try table.number("wall_seconds", in: 0.001...3600) ?? limits.wallSeconds
        limits.cpuSeconds = try table.number("cpu_seconds", in: 0.001...3600) ?? limits.cpuSeconds
        limits.memoryMegabytes = try table.integer("memory_mb", in: 64...65536) ?? limits.memoryMegabytes
        limits.outputKilobytes = try table.integer("output_kb", in: 1...1_048_576) ?? limits.outputKilobytes
        return limits
    }

    private static func parseOutput(_ tables: [SpecTable]) throws -> [OutputField] {
        var seen = Set<String>()
        return try tables.map { table in
            try table.rejectUnknownKeys(allowed: ["name", "type", "description"])
            let name = try table.string("name", required: true) ?? ""
            guard !name.isEmpty else { throw table.error("name", "an output field needs a non-empty 'name'") }
            guard seen.insert(name).inserted else { throw table.error("name", "output field '\(name)' is listed twice") }
            let typeName = try table.string("type", required: true) ?? ""
            guard let kind = OutputField.Kind(rawValue: typeName) else {
                throw table.error("type", "'type' must be one of \(OutputField.Kind.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(typeName)\")")
            }
            return OutputField(name: name, kind: kind, description: try table.string("description") ?? "")
        }
    }

    private static func parseCases(_ tables: [SpecTable], root: SpecTable) throws -> [CaseSpec] {
        var seen = Set<String>()
        let cases = try tables.map { table -> CaseSpec in
            try table.rejectUnknownKeys(allowed: ["name", "visibility", "generator", "seed", "count", "params"])
            let name = try table.string("name", required: true) ?? ""
            guard name.wholeMatch(of: caseNamePattern) != nil else {
                throw table.error("name", "case 'name' must be lowercase letters, digits and '-' (got \"\(name)\")")
            }
            guard seen.insert(name).inserted else { throw table.error("name", "case '\(name)' is defined twice; case names must be unique") }
            let visibilityName = try table.string("visibility", required: true) ?? ""
            guard let visibility = CaseSpec.Visibility(rawValue: visibilityName) else {
                throw table.error("visibility", "'visibility' must be \"public\" or \"hidden\" (got \"\(visibilityName)\")")
            }
            let generator = try table.string("generator", required: true) ?? ""
            let seed = try table.integer("seed", in: 0...Int.max)
            switch visibility {
            case .public where seed == nil:
                throw table.error(nil, "public case '\(name)' needs a 'seed' so every student sees the same input")
            case .hidden where seed != nil:
                throw table.error("seed", "hidden case '\(name)' must not have a 'seed': hidden inputs are seeded per student from MATGRADE_SECRET")
            default: break
            }
            let count = try table.integer("count", in: 1...100) ?? 1
            if visibility == .public && table.contains("count") {
                throw table.error("count", "'count' is for hidden cases (instances per student); a public case is one input")
            }
            let parameters = try table.table("params")
            return CaseSpec(
                name: name, visibility: visibility, generator: generator, seed: seed.map(UInt64.init), count: count,
                parametersJSON: parameters?.table.convert(to: .json) ?? "{}")
        }
        guard cases.contains(where: { $0.visibility == .public }) else {
            throw root.error("cases", "an exercise needs at least one public case ([[cases]] with visibility = \"public\") for `matgrade check`")
        }
        return cases
    }
}
