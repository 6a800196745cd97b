import ArgumentParser
import Foundation
import Frontend
import Reports

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check your solution on the exercise's public cases, as the grader will (exit 0 only when every check passes).")

    @Argument(help: "The exercise: its id (w06-crystal-graphs) or its week (6).")
    var exercise: String

    @Argument(help: "The folder with your solution (default: the working directory).")
    var path: String = "."

    @OptionGroup var courseOption: CourseOption

    func run() async throws {
        let (report, passed) = try await Frontend.check(
            course: courseOption.locate(), exerciseName: exercise, submissionPath: path,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            colors: TerminalReport.standardOutputWantsColor)
        print(report, terminator: "")
        if !passed { throw ExitCode(1) }
    }
}
