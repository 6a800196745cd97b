import ArgumentParser
import Foundation
import Frontend

struct Inputs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the input.json of each public case (and, with --seed, of each hidden case for that seed) into a folder.")

    @Argument(help: "The exercise: its id (w06-crystal-graphs) or its week (6).")
    var exercise: String

    @Option(help: "Also generate the hidden cases from this seed (a preview; graded hidden inputs come from MATGRADE_SECRET).")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "The folder to write into (one subfolder per case).")
    var output: String

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        print(
            try Frontend.writeInputs(
                course: courseOption.locate(), exerciseName: exercise, seed: seed, outputFolder: output,
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            terminator: "")
    }
}

struct Reference: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the reference output.json for an input.json.")

    @Argument(help: "The exercise: its id (w06-crystal-graphs) or its week (6).")
    var exercise: String

    @Option(help: "An input.json (from `matgrade inputs`, or your own in the same format).")
    var input: String

    @Option(help: "Where to write the reference output.json.")
    var output: String

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        print(
            try Frontend.writeReference(
                course: courseOption.locate(), exerciseName: exercise, inputPath: input, outputPath: output,
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            terminator: "")
    }
}
