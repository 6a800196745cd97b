import ArgumentParser
import Frontend

@main
struct Matgrade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matgrade",
        abstract: "Autograder and exercise runner of the Materials Genomics course.",
        discussion: "Exit codes: 0 success, 1 checks failed, 2 usage or input error (message on stderr).",
        version: Frontend.version,
        subcommands: [List.self, Show.self, Init.self, Check.self, Grade.self, Report.self, GradebookCommand.self, Inputs.self, Reference.self, Compute.self, DatabaseCommand.self, Doctor.self])

    /// Runs the command, mapping every error to a message and an exit code in one place
    /// (ErrorReporting.swift) so that usage and input errors exit 2 with the message on stderr.
    static func main() async {
        await ErrorReporting.run(Self.self)
    }
}
