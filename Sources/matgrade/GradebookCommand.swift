import ArgumentParser
import Foundation
import Frontend

/// `matgrade gradebook merge|export|set`.
struct GradebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradebook",
        abstract: "Join shard gradebooks, export grades as CSV, enter manual scores.",
        subcommands: [GradebookMerge.self, GradebookExport.self, GradebookSet.self])
}

struct GradebookMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge gradebooks (shards graded with --shard on different machines) into one; conflicts are reported.")

    @Argument(help: "The gradebooks to merge.")
    var sources: [String] = []

    @Option(name: .shortAndLong, help: "The merged gradebook (created, or merged into when it exists).")
    var output: String

    func run() throws {
        print(try Frontend.mergeGradebooks(sources: sources, output: output, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)), terminator: "")
    }
}

struct GradebookExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Every student's current grade per exercise as CSV (manual scores and late penalties applied).")

    @Argument(help: "The gradebook.")
    var gradebook: String

    @Option(name: .shortAndLong, help: "Write the CSV here instead of standard output.")
    var output: String?

    func run() throws {
        print(try Frontend.exportGradebook(path: gradebook, output: output, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)), terminator: "")
    }
}

struct GradebookSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Enter the points of a manual rubric item (a presentation, a report) for a student.")

    @Argument(help: "The student id.")
    var student: String
    @Argument(help: "The exercise: its id or week.")
    var exercise: String
    @Argument(help: "The manual item's check id in the rubric.")
    var item: String
    @Argument(help: "Points, from 0 to the item's points.")
    var points: Double

    @Option(help: "A comment kept with the score.")
    var comment: String = ""

    @Option(help: "The gradebook.")
    var gradebook: String

    @Option(help: "Who enters the score (default: $USER).")
    var enteredBy: String?

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        print(try Frontend.setManualScore(
            course: courseOption.locate(), gradebookPath: gradebook, student: student, exerciseName: exercise, item: item, points: points,
            comment: comment, enteredBy: enteredBy ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown",
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)), terminator: "")
    }
}
