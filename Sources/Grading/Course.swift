import Foundation

/// A course folder: `exercises/wNN-slug/` (one per week, each with exercise.toml, README.md,
/// starter/), `rubrics/wNN-slug.toml`, `submissions/`. Found from `--course`, else
/// `MATGRADE_COURSE`, else the nearest folder at or above the working directory that holds
/// both `exercises/` and `rubrics/`.
public struct Course: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public var exercisesFolder: URL { root.appendingPathComponent("exercises") }
    public var rubricsFolder: URL { root.appendingPathComponent("rubrics") }

    /// Finds the course folder (see the type's documentation).
    public static func locate(explicit: String?, environment: [String: String], workingDirectory: URL) throws -> Course {
        if let explicit = explicit ?? environment["MATGRADE_COURSE"] {
            let course = Course(root: URL(fileURLWithPath: explicit, relativeTo: workingDirectory))
            guard course.looksLikeCourse else {
                throw SpecError(
                    path: course.root.path, line: nil,
                    message: "not a course folder: it needs exercises/ and rubrics/ (given by \(explicit == environment["MATGRADE_COURSE"] ? "MATGRADE_COURSE" : "--course"))")
            }
            return course
        }
        var folder = workingDirectory.standardizedFileURL
        while true {
            let candidate = Course(root: folder)
            if candidate.looksLikeCourse { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw SpecError(
            path: workingDirectory.path, line: nil,
            message: "no course folder here or above (one holding exercises/ and rubrics/); run matgrade inside the course repository, pass --course DIR or set MATGRADE_COURSE")
    }

    var looksLikeCourse: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: exercisesFolder.path, isDirectory: &isFolder) && isFolder.boolValue
            && FileManager.default.fileExists(atPath: rubricsFolder.path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// The folders of `exercises/` that are exercises (`wNN-...`), sorted by name.
    public func exerciseFolders() throws -> [URL] {
        let names = try FileManager.default.contentsOfDirectory(atPath: exercisesFolder.path)
        return names.filter { $0.wholeMatch(of: ExerciseSpec.idPattern) != nil }.sorted()
            .map { exercisesFolder.appendingPathComponent($0) }
    }

    /// Every exercise, validated; the first invalid one stops with its error.
    public func exercises() throws -> [ExerciseSpec] {
        try exerciseFolders().map { try ExerciseSpec.load(folder: $0) }
    }

    /// The exercise named `name`: its full id (`w06-crystal-graphs`), or its week (`6`,
    /// `w06`) when that is unambiguous.
    public func exercise(named name: String) throws -> ExerciseSpec {
        let folders = try exerciseFolders()
        let ids = folders.map(\.lastPathComponent)
        if let exact = folders.first(where: { $0.lastPathComponent == name }) { return try ExerciseSpec.load(folder: exact) }
        let week = Int(name.hasPrefix("w") ? String(name.dropFirst()) : name)
        let matches = folders.filter { folder in week.map { folder.lastPathComponent.hasPrefix(String(format: "w%02d-", $0)) } ?? false }
        if matches.count == 1 { return try ExerciseSpec.load(folder: matches[0]) }
        throw SpecError(
            path: exercisesFolder.path, line: nil,
            message: "no exercise '\(name)'; known: \(ids.isEmpty ? "none yet" : ids.joined(separator: ", ")) (give the full id or the week number)")
    }

    public func folder(of exercise: ExerciseSpec) -> URL { exercisesFolder.appendingPathComponent(exercise.id) }
    public func rubricPath(of exercise: ExerciseSpec) -> String { rubricsFolder.appendingPathComponent("\(exercise.id).toml").path }

    public func rubric(for exercise: ExerciseSpec) throws -> RubricSpec {
        try RubricSpec.load(path: rubricPath(of: exercise), exercise: exercise)
    }
}
