import ArgumentParser
import Foundation
import Frontend
import Grading

/// `--course DIR`, shared by the commands that read the course folder.
struct CourseOption: ParsableArguments {
    @Option(help: "The course folder (holding exercises/ and rubrics/); default: MATGRADE_COURSE, else the nearest such folder above the working directory.")
    var course: String?

    func locate() throws -> Course {
        try Course.locate(
            explicit: course, environment: ProcessInfo.processInfo.environment,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the course's exercises: week, due date, cases, points.")

    @OptionGroup var courseOption: CourseOption

    @Option(help: "Output format: json or table.")
    var format: OutputFormat = .table

    func run() throws {
        print(try Frontend.listExercises(course: courseOption.locate(), format: format), terminator: "")
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an exercise: the task, how it is run, its output fields, cases and checks.")

    @Argument(help: "The exercise: its id (w06-crystal-graphs) or its week (6).")
    var exercise: String

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        print(try Frontend.showExercise(course: courseOption.locate(), name: exercise), terminator: "")
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy an exercise's starter files into a folder to work in.")

    @Argument(help: "The exercise: its id (w06-crystal-graphs) or its week (6).")
    var exercise: String

    @Argument(help: "Where to put the files (default: a folder named after the exercise).")
    var directory: String?

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        print(
            try Frontend.initExercise(
                course: courseOption.locate(), name: exercise, destination: directory,
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            terminator: "")
    }
}
