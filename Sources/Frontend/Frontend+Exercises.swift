import Foundation
import Grading
import JSONSupport

extension Frontend {
    /// `matgrade list`: every exercise of the course with its week, due date, cases and points.
    public static func listExercises(course: Course, format: OutputFormat) throws -> String {
        let exercises = try course.exercises()
        let rows: [(ExerciseSpec, RubricSpec?)] = exercises.map { ($0, try? course.rubric(for: $0)) }
        switch format {
        case .json:
            var json = JSONWriter()
            json.array(rows) { json, row in
                let (exercise, rubric) = row
                json.raw("{\"id\": "); json.string(exercise.id)
                json.raw(", \"week\": "); json.integer(exercise.week)
                json.raw(", \"title\": "); json.string(exercise.title)
                json.raw(", \"due\": ")
                if let due = exercise.due { json.string(ISO8601DateFormatter().string(from: due)) } else { json.raw("null") }
                json.raw(", \"public_cases\": "); json.integer(exercise.publicCases.count)
                json.raw(", \"hidden_cases\": "); json.integer(exercise.hiddenCases.count)
                json.raw(", \"points\": ")
                if let rubric { json.number(rubric.total) } else { json.raw("null") }
                json.raw("}")
            }
            return json.text + "\n"
        case .table:
            guard !rows.isEmpty else { return "No exercises yet in \(course.exercisesFolder.path).\n" }
            var table = TextTable(headers: ["week", "exercise", "title", "due", "cases", "points"])
            for (exercise, rubric) in rows {
                table.add([
                    String(exercise.week), exercise.id, exercise.title, exercise.due.map(formatDue) ?? "-",
                    "\(exercise.publicCases.count) public, \(exercise.hiddenCases.count) hidden",
                    rubric.map { Self.format($0.total) } ?? "no rubric",
                ])
            }
            return table.rendered()
        }
    }

    /// `matgrade show EX`: the task as students read it, then its cases, output and checks.
    public static func showExercise(course: Course, name: String) throws -> String {
        let exercise = try course.exercise(named: name)
        let folder = course.folder(of: exercise)
        let readme = (try? String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8))
            ?? "(this exercise has no README.md)\n"
        var out = readme.hasSuffix("\n") ? readme : readme + "\n"
        out += "\n---\n\(exercise.id), week \(exercise.week)"
        if let due = exercise.due { out += ", due \(formatDue(due))" }
        out += "\nrun as: \(exercise.command.joined(separator: " ")) input.json output.json"
        out += "\nlimits: \(format(exercise.limits.wallSeconds)) s wall, \(format(exercise.limits.cpuSeconds)) s CPU, \(exercise.limits.memoryMegabytes) MiB memory, \(exercise.limits.outputKilobytes) KiB output\n"
        if !exercise.outputFields.isEmpty {
            out += "\noutput.json fields:\n"
            for field in exercise.outputFields { out += "  \(field.name) (\(field.kind.rawValue)): \(field.description)\n" }
        }
        out += "\ncases: \(exercise.publicCases.map(\.name).joined(separator: ", ")) (public, `matgrade check` runs them)"
        out += exercise.hiddenCases.isEmpty ? "\n" : "; \(exercise.hiddenCases.reduce(0) { $0 + $1.count }) hidden, generated for each student\n"
        if let rubric = try? course.rubric(for: exercise) {
            out += "\nchecks (\(format(rubric.total)) points):\n"
            for check in rubric.checks { out += "  \(format(check.points)) points  \(check.title)\n" }
        }
        return out
    }

    /// `matgrade init EX [DIR]`: copies the exercise's `starter/` into DIR (default: the
    /// exercise id in the working directory); never overwrites a file.
    public static func initExercise(course: Course, name: String, destination: String?, workingDirectory: URL) throws -> String {
        let exercise = try course.exercise(named: name)
        let starter = course.folder(of: exercise).appendingPathComponent("starter")
        let target = URL(fileURLWithPath: destination ?? exercise.id, relativeTo: workingDirectory).standardizedFileURL
        let manager = FileManager.default
        guard manager.fileExists(atPath: starter.path) else {
            throw FrontendError.invalidOption(name: "EX", value: exercise.id, reason: "this exercise has no starter/ folder to copy")
        }
        try manager.createDirectory(at: target, withIntermediateDirectories: true)
        var copied: [String] = []
        let files = manager.enumerator(atPath: starter.path)?.compactMap { $0 as? String }.sorted() ?? []
        for relative in files {
            let source = starter.appendingPathComponent(relative), destinationFile = target.appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            if manager.fileExists(atPath: source.path, isDirectory: &isFolder), isFolder.boolValue {
                try manager.createDirectory(at: destinationFile, withIntermediateDirectories: true)
                continue
            }
            guard !manager.fileExists(atPath: destinationFile.path) else {
                throw FrontendError.invalidOption(
                    name: "DIR", value: target.path, reason: "\(relative) already exists there; matgrade init never overwrites your work (choose another DIR)")
            }
            try manager.copyItem(at: source, to: destinationFile)
            copied.append(relative)
        }
        return """
            Copied \(copied.joined(separator: ", ")) into \(target.path).
            Next: read the task with `matgrade show \(exercise.id)`, write your solution, then run
              cd \(target.path) && matgrade check \(exercise.id)

            """
    }

    static func formatDue(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
