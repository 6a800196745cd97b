import Foundation
import Gradebook
import Grading

extension Frontend {
    /// `matgrade gradebook merge A B ... -o ALL`: joins shard gradebooks into one; returns the
    /// merge report (conflicts named).
    public static func mergeGradebooks(sources: [String], output: String, workingDirectory: URL) throws -> String {
        guard !sources.isEmpty else {
            throw FrontendError.invalidOption(name: "SOURCES", value: "", reason: "give the shard gradebooks to merge")
        }
        let urls = sources.map { URL(fileURLWithPath: $0, relativeTo: workingDirectory).standardizedFileURL }
        for url in urls where !FileManager.default.fileExists(atPath: url.path) {
            throw FrontendError.invalidOption(name: "SOURCES", value: url.path, reason: "no such file")
        }
        let destination = URL(fileURLWithPath: output, relativeTo: workingDirectory).standardizedFileURL
        let report = try Gradebook.merge(sources: urls, into: destination)
        return "\(report)\nmerged \(urls.count) gradebook\(urls.count == 1 ? "" : "s") into \(destination.path)\n"
    }

    /// `matgrade gradebook export GRADEBOOK [-o FILE]`: the CSV of every current grade.
    public static func exportGradebook(path: String, output: String?, workingDirectory: URL) throws -> String {
        let gradebook = try openExisting(path, workingDirectory: workingDirectory)
        guard let output else { return try gradebook.csvExport() }
        let url = URL(fileURLWithPath: output, relativeTo: workingDirectory).standardizedFileURL
        try gradebook.exportCSV(to: url)
        return "wrote \(url.path)\n"
    }

    /// `matgrade gradebook set STUDENT EX ITEM POINTS --comment C`: a manual score (a rubric
    /// item of kind `manual`), kept with who entered it and when.
    public static func setManualScore(
        course: Course, gradebookPath: String, student: String, exerciseName: String, item: String, points: Double,
        comment: String, enteredBy: String, workingDirectory: URL
    ) throws -> String {
        let exercise = try course.exercise(named: exerciseName)
        let rubric = try course.rubric(for: exercise)
        let manual = rubric.checks.filter { $0.spec.kind == .manual }
        guard let check = manual.first(where: { $0.id == item }) else {
            let known = manual.map(\.id)
            throw FrontendError.invalidOption(
                name: "ITEM", value: item,
                reason: known.isEmpty ? "\(exercise.id)'s rubric has no manual items" : "not a manual item of \(exercise.id)'s rubric (its manual items: \(known.joined(separator: ", ")))")
        }
        guard points >= 0, points <= check.points else {
            throw FrontendError.invalidOption(name: "POINTS", value: "\(points)", reason: "must be in 0...\(check.points) (the item's points)")
        }
        let gradebook = try Gradebook.open(path: URL(fileURLWithPath: gradebookPath, relativeTo: workingDirectory).standardizedFileURL.path)
        try gradebook.setManualScore(student: student, exercise: exercise, item: item, points: points, comment: comment, enteredBy: enteredBy)
        return "\(student) \(exercise.id) \(item): \(points) of \(check.points) points, entered by \(enteredBy)\n"
    }

    private static func openExisting(_ path: String, workingDirectory: URL) throws -> Gradebook {
        let url = URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FrontendError.invalidOption(name: "GRADEBOOK", value: url.path, reason: "no such file; matgrade grade writes OUTPUT/gradebook.sqlite")
        }
        return try Gradebook.open(path: url.path)
    }
}
