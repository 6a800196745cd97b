import ArgumentParser
import Frontend

@main
struct Matgrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matgrade",
        abstract: "Autograder and exercise runner of the Materials Genomics course.",
        version: "0.1.0")
}
