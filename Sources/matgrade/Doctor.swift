import ArgumentParser
import Frontend

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check this machine: course folder, sandbox isolation in use, Python for submissions.")

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        print(Frontend.doctor(courseLookup: courseOption.locate), terminator: "")
    }
}
