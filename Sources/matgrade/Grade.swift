import ArgumentParser
import Foundation
import Frontend

struct Grade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade a folder of submissions (one folder per student) on all cases, and write reports.",
        discussion: """
            Hidden cases are generated for each student from MATGRADE_SECRET and the student id (the \
            folder's name); without the secret, use --public-only. Writes OUTPUT/students/<id>.md and \
            .json, OUTPUT/junit.xml, grades.csv and summary.md, and records every grade in an SQLite \
            gradebook as it finishes (an interrupted batch resumes where it stopped); progress on stderr. Exit code 0 when \
            every submission passed every check, 1 when some check failed or a submission could not be \
            run, 2 on a usage or input error.
            """)

    @Argument(help: "The exercise: its id (w06-crystal-graphs) or its week (6).")
    var exercise: String

    @Argument(help: "The folder holding one folder per student, named by the student id.")
    var submissions: String

    @Option(name: .shortAndLong, help: "Where to write the reports (default: matgrade-reports/<exercise id>).")
    var output: String?

    @Option(name: .shortAndLong, help: "Submissions graded at the same time (default 1; at most the number of cores is sensible).")
    var jobs: Int = 1

    @Flag(help: "Grade only the public cases (no MATGRADE_SECRET needed).")
    var publicOnly = false

    @Option(name: .customLong("student"), help: "Grade only this student (repeatable).")
    var students: [String] = []

    @Option(help: "Lower the exercise's wall-clock limit to at most this many seconds for this batch.")
    var maxWallSeconds: Double?

    @Option(help: "Lower the exercise's CPU-time limit to at most this many seconds for this batch.")
    var maxCpuSeconds: Double?

    @Option(help: "Folder of cached reference outputs (default: $XDG_CACHE_HOME/matgrade/references or ~/.cache/...).")
    var cache: String?

    @Option(help: "The SQLite gradebook (default: gradebook.sqlite in the output folder); what it holds already (same files, same matgrade build) is skipped.")
    var gradebook: String?

    @Flag(help: "Grade again the submissions the gradebook already holds.")
    var regrade = false

    @OptionGroup var courseOption: CourseOption

    func run() async throws {
        var request = GradeRequest(exerciseName: exercise, submissionsPath: submissions)
        request.outputPath = output
        request.jobs = jobs
        request.publicOnly = publicOnly
        request.students = students
        request.maximumWallSeconds = maxWallSeconds
        request.maximumCPUSeconds = maxCpuSeconds
        request.cachePath = cache
        request.gradebookPath = gradebook
        request.regrade = regrade
        let summary = try await Frontend.grade(
            course: courseOption.locate(), request: request, environment: ProcessInfo.processInfo.environment,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        print(summary.text, terminator: "")
        if !summary.allPassed { throw ExitCode(1) }
    }
}
