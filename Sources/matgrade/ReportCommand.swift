import ArgumentParser
import Foundation
import Frontend

extension ReportFormat: ExpressibleByArgument {}

/// `matgrade report`: reports and LMS exports from the gradebook.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reports and grade exports from the gradebook: class dashboard, CSV, Canvas, Moodle, Gradescope, JUnit.",
        discussion: """
            html: OUT/index.html (the class dashboard: plots, most-failed checks with hints, run times and \
            memory, late and unusable submissions, a students x exercises table) and OUT/students/<exercise>/<id>.html. \
            csv: one row per student and exercise. canvas, moodle: CSV files their gradebook imports read. \
            gradescope: results.json for one --student and --exercise, or a folder of them. junit: JUnit XML. \
            Points are final points: automatic points x (1 - late penalty) + manual scores. Check titles and \
            hints come from the course's rubrics when the course folder is found.
            """)

    @Option(help: "The gradebook (matgrade grade writes OUTPUT/gradebook.sqlite).")
    var gradebook: String = "gradebook.sqlite"

    @Option(name: .customLong("exercise"), help: "Only this exercise: its id or week (repeatable; default: all in the gradebook).")
    var exercises: [String] = []

    @Option(name: .customLong("student"), help: "Only this student (repeatable).")
    var students: [String] = []

    @Option(help: "html, csv, canvas, moodle, gradescope or junit.")
    var format: ReportFormat = .html

    @Option(name: .shortAndLong, help: "A folder (html: default matgrade-report; gradescope) or a file (default: standard output).")
    var output: String?

    @OptionGroup var courseOption: CourseOption

    func run() throws {
        var request = ReportRequest(gradebookPath: gradebook)
        request.exercises = exercises
        request.students = students
        request.format = format
        request.outputPath = output
        // The course only adds titles and hints: without one (a gradebook copied elsewhere) the
        // reports still work, unless --course was given and is wrong.
        let course = courseOption.course == nil ? try? courseOption.locate() : try courseOption.locate()
        print(try Frontend.report(request: request, course: course, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)), terminator: "")
    }
}
