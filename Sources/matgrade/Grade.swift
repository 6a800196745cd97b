import ArgumentParser
import Foundation
import Frontend

struct Grade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade submissions (folders, archives, Canvas or Moodle downloads) on all cases, and write reports.",
        usage: "matgrade grade EXERCISE SUBMISSIONS [options]\n       matgrade grade --all SUBMISSIONS [options]",
        discussion: """
            SUBMISSIONS is a folder with one folder (or .zip/.tar/.tar.gz) per student named by the student \
            id, an archive of such a folder, or a Canvas or Moodle "download all submissions" zip or folder; \
            students.csv beside it (id,name,email,lms_id) maps LMS numbers to ids, submissions.csv \
            (student,exercise,submitted_at) gives submission times (otherwise the files' modification \
            times). With --all, each student's folder holds one folder or archive per exercise (named by \
            its id or week, w06). Archives are unpacked safely; an unsafe one is graded zero with the reason. \
            Late penalties follow course.toml. Hidden cases are generated for each student from MATGRADE_SECRET and the student id (the \
            folder's name); without the secret, use --public-only. Writes OUTPUT/students/<id>.md and \
            .json, OUTPUT/junit.xml, grades.csv and summary.md, and records every grade in an SQLite \
            gradebook as it finishes (an interrupted batch resumes where it stopped); progress on stderr. Exit code 0 when \
            every submission passed every check, 1 when some check failed or a submission could not be \
            run, 2 on a usage or input error.
            """)

    @Argument(help: ArgumentHelp("EXERCISE SUBMISSIONS: the exercise (its id, w06-crystal-graphs, or week, 6) and the submissions; with --all only SUBMISSIONS.", valueName: "EXERCISE SUBMISSIONS"))
    var positional: [String] = []

    @Flag(help: "Grade every exercise of the course; SUBMISSIONS/<student>/<exercise id or wNN>/.")
    var all = false

    @Option(help: "Grade only the k-th of n deterministic slices of the students (k/n, e.g. 2/4); merge the shards' gradebooks with matgrade gradebook merge.")
    var shard: String?

    @Option(name: .customLong("students"), help: "The class list CSV (id,name,email,lms_id); default: students.csv beside the submissions.")
    var studentsFile: String?

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

    func validate() throws {
        if all, positional.count != 1 {
            throw ValidationError("with --all give only SUBMISSIONS (got \(positional.count) arguments: \(positional.joined(separator: " ")))")
        }
        if !all, positional.count != 2 {
            throw ValidationError("give EXERCISE and SUBMISSIONS (got \(positional.count) argument\(positional.count == 1 ? "" : "s")), or --all SUBMISSIONS")
        }
    }

    func run() async throws {
        var request = all ? GradeRequest(allExercisesIn: positional[0]) : GradeRequest(exerciseName: positional[0], submissionsPath: positional[1])
        if let shard { try request.setShard(shard) }
        request.rosterPath = studentsFile
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
