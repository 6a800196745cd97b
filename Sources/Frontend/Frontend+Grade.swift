import Foundation
import Gradebook
import Grading
import JSONSupport
import Reports
import Sandbox

/// What `matgrade grade EX SUBMISSIONS` was asked to do.
public struct GradeRequest: Sendable {
    public var exerciseName: String
    /// The folder with one folder per student.
    public var submissionsPath: String
    /// Where reports go; default `matgrade-reports/<exercise id>` in the working directory.
    public var outputPath: String?
    /// Submissions graded at once; >= 1.
    public var jobs: Int = 1
    /// Grade only the public cases (no course secret needed).
    public var publicOnly = false
    /// Only these students (all when empty).
    public var students: [String] = []
    /// Caps on the exercise's limits for this batch, seconds.
    public var maximumWallSeconds: Double?
    public var maximumCPUSeconds: Double?
    /// Where reference outputs are cached between batches; nil: `$XDG_CACHE_HOME/matgrade/references`
    /// (`~/.cache/...`).
    public var cachePath: String?
    /// The SQLite gradebook; nil: `gradebook.sqlite` in the output folder.
    public var gradebookPath: String?
    /// Grade again what the gradebook already holds (same content, same matgrade build).
    public var regrade = false

    public init(exerciseName: String, submissionsPath: String) {
        self.exerciseName = exerciseName
        self.submissionsPath = submissionsPath
    }
}

/// What a batch produced.
public struct GradeSummary: Sendable {
    /// A table of students and scores, and where the reports are.
    public let text: String
    /// True when every submission was graded and passed every check.
    public let allPassed: Bool
    /// True when the grader failed on some submission (the instructor must act).
    public let graderErrors: Bool
}

extension Frontend {
    /// `matgrade grade EX SUBMISSIONS`: grades every student's submission on all cases (public
    /// and, seeded from `MATGRADE_SECRET` and the student id, hidden), `jobs` at a time, and
    /// writes per student `<id>.md` and `<id>.json`, and for the batch `junit.xml`,
    /// `grades.csv` and `summary.md`. Progress goes to standard error; skipped entries are
    /// named there too.
    public static func grade(
        course: Course, request: GradeRequest, environment: [String: String], workingDirectory: URL
    ) async throws -> GradeSummary {
        guard request.jobs >= 1, request.jobs <= 256 else {
            throw FrontendError.invalidOption(name: "--jobs", value: "\(request.jobs)", reason: "must be in 1...256")
        }
        for (name, value) in [("--max-wall-seconds", request.maximumWallSeconds), ("--max-cpu-seconds", request.maximumCPUSeconds)] {
            if let value, !(value > 0 && value <= 3600) {
                throw FrontendError.invalidOption(name: name, value: "\(value)", reason: "must be in (0, 3600] seconds")
            }
        }
        let exercise = try course.exercise(named: request.exerciseName)
            .cappingLimits(wallSeconds: request.maximumWallSeconds, cpuSeconds: request.maximumCPUSeconds)
        let rubric = try course.rubric(for: exercise)
        let secret = request.publicOnly ? nil : try CourseSecret.from(environment: environment)
        let program = exercise.command.count > 1 ? exercise.command[1] : exercise.command[0]
        let folder = URL(fileURLWithPath: request.submissionsPath, relativeTo: workingDirectory).standardizedFileURL
        var (submissions, skipped) = try StudentSubmission.discover(in: folder, program: program)
        if !request.students.isEmpty {
            let unknown = Set(request.students).subtracting(submissions.map(\.studentID))
            guard unknown.isEmpty else {
                throw FrontendError.invalidOption(
                    name: "--student", value: unknown.sorted().joined(separator: ","),
                    reason: "no such submission folder in \(folder.path)")
            }
            submissions = submissions.filter { request.students.contains($0.studentID) }
        }
        for entry in skipped {
            FileHandle.standardError.write(Data("matgrade grade: skipping \(entry.name): \(entry.reason)\n".utf8))
        }

        let output = URL(fileURLWithPath: request.outputPath ?? "matgrade-reports/\(exercise.id)", relativeTo: workingDirectory).standardizedFileURL
        let studentsFolder = output.appendingPathComponent("students")
        try FileManager.default.createDirectory(at: studentsFolder, withIntermediateDirectories: true)

        // One transaction per graded submission; what is already there (same content, same
        // matgrade build) is skipped, so an interrupted batch resumes where it stopped.
        let gradebookURL = URL(fileURLWithPath: request.gradebookPath ?? output.appendingPathComponent("gradebook.sqlite").path, relativeTo: workingDirectory)
        let gradebook = try Gradebook.open(path: gradebookURL.standardizedFileURL.path)
        let revision = executableRevision
        let everyone = submissions
        if !request.regrade {
            submissions = try gradebook.ungraded(submissions, exercise: exercise.id, revision: revision)
            if submissions.count < everyone.count {
                FileHandle.standardError.write(Data(
                    "matgrade grade: \(everyone.count - submissions.count) of \(everyone.count) submissions already graded in \(gradebookURL.path) (same files, same matgrade build): skipped; --regrade grades them again\n".utf8))
            }
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-grade-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let runner = try CaseRunner(sandbox: Sandbox(), workRoot: work)
        let grader = try Grader(course: course, exercise: exercise, rubric: rubric, runner: runner)
        let cache = try ReferenceCache(folder: referenceCacheFolder(request.cachePath, environment: environment, workingDirectory: workingDirectory), revision: revision)
        let batch = BatchGrader(grader: grader, secret: secret, referenceCache: cache, jobs: request.jobs)

        let start = Date()
        let progress = BatchProgress(total: submissions.count)
        let grades = await batch.grade(submissions) { grade, done in
            // Recorded and reported as each submission finishes, so an interrupted batch keeps them.
            do {
                try gradebook.record(grade, exercise: exercise, submittedAt: nil, revision: revision)
            } catch {
                FileHandle.standardError.write(Data("matgrade grade: \(grade.studentID) was graded but not recorded: \(error)\n".utf8))
            }
            try? writeStudentReports(grade, exercise: exercise, rubric: rubric, folder: studentsFolder)
            try? writeStudentHTML(grade, gradebook: gradebook, exercise: exercise, rubric: rubric, folder: studentsFolder)
            progress.finished(grade, done: done)
        }
        let seconds = Date().timeIntervalSince(start)
        try Data(JUnitReport.render(grades, exercise: exercise, rubric: rubric).utf8).write(to: output.appendingPathComponent("junit.xml"))
        // grades.csv: everyone the gradebook holds for the exercise; the exit code: the
        // students of this invocation (graded now or skipped as already graded).
        let allRecorded = try gradebook.grades(exercise: exercise.id)
        let ids = Set(everyone.map(\.studentID))
        let recorded = allRecorded.filter { ids.contains($0.studentID) }
        try Data(gradesCSV(allRecorded).utf8).write(to: output.appendingPathComponent("grades.csv"))
        let table = summaryTable(grades)
        let cacheNote = "reference outputs: \(await cache.misses) computed, \(await cache.hits) from the cache"
        let footer = """
            \(grades.count) submission\(grades.count == 1 ? "" : "s") of \(exercise.id) graded in \(NumberFormat.compact(seconds)) s \
            with \(request.jobs) job\(request.jobs == 1 ? "" : "s") (\(secret == nil ? "public cases only" : "public and hidden cases"); \
            \(runner.sandbox.isolation.summary)); \(cacheNote).
            Reports: \(output.path) (students/<id>.md and .json, junit.xml, grades.csv, summary.md); gradebook: \(gradebookURL.standardizedFileURL.path)

            """
        try Data(("# \(exercise.id): batch summary\n\n```\n" + table + "```\n\n" + footer).utf8).write(to: output.appendingPathComponent("summary.md"))
        let graderErrors = grades.contains { if case .graderError = $0.status { return true } else { return false } }
        // Everyone's current grade counts, also those skipped as already graded.
        let allPassed = grades.allSatisfy(\.allPassed)
            && recorded.allSatisfy { $0.status == .graded && abs($0.points - $0.totalPoints) < 1e-9 }
        return GradeSummary(text: table + "\n" + footer, allPassed: allPassed, graderErrors: graderErrors)
    }

    static func writeStudentReports(_ grade: StudentGrade, exercise: ExerciseSpec, rubric: RubricSpec, folder: URL) throws {
        let name = safeFileName(grade.studentID)
        try Data(StudentReportMarkdown.render(grade, exercise: exercise, rubric: rubric).utf8).write(to: folder.appendingPathComponent("\(name).md"))
        try Data(StudentReportJSON.render(grade, exercise: exercise).utf8).write(to: folder.appendingPathComponent("\(name).json"))
    }

    /// A student id as a file name: letters, digits, `.`, `-`, `_` kept, others `_`.
    static func safeFileName(_ id: String) -> String {
        let kept = id.unicodeScalars.map { scalar -> String in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "._-".unicodeScalars.contains(scalar) ? String(scalar) : "_"
        }.joined()
        return kept.hasPrefix(".") ? "_" + kept.dropFirst() : kept
    }

    /// `grades.csv`: every student's current grade for the exercise, from the gradebook.
    static func gradesCSV(_ grades: [RecordedGrade]) -> String {
        var out = "student,points,total,status,content_sha256,graded_at\n"
        let formatter = ISO8601DateFormatter()
        for grade in grades {
            let status: String
            switch grade.status {
            case .graded: status = abs(grade.points - grade.totalPoints) < 1e-9 ? "passed" : "failed"
            case .unusable: status = "unusable"
            case .graderError: status = "grader-error"
            }
            out += [csvField(grade.studentID), NumberFormat.compact(grade.points, significantDigits: 6), NumberFormat.compact(grade.totalPoints, significantDigits: 6),
                    status, grade.contentHash ?? "", formatter.string(from: grade.gradedAt)].joined(separator: ",") + "\n"
        }
        return out
    }

    static func summaryTable(_ grades: [StudentGrade]) -> String {
        let rows = grades.map { grade -> [String] in
            let failed: String
            switch grade.status {
            case .graded(let result):
                let names = result.checkTotals.filter { $0.casesPassed < $0.casesRun }.map(\.check.id)
                failed = names.isEmpty ? "-" : names.joined(separator: ", ")
            case .unusable(let reason): failed = "not run: " + String(reason.prefix(70))
            case .graderError: failed = "GRADER ERROR (see the report)"
            }
            return [grade.studentID, NumberFormat.compact(grade.points, significantDigits: 4) + " / " + NumberFormat.compact(grade.totalPoints, significantDigits: 4), failed]
        }
        var table = TextTable(headers: ["student", "points", "failed checks"])
        rows.forEach { table.add($0) }
        return table.rendered()
    }

    static func referenceCacheFolder(_ explicit: String?, environment: [String: String], workingDirectory: URL) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit, relativeTo: workingDirectory).standardizedFileURL }
        let base = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("matgrade/references")
    }

    /// Names the running binary's reference code: its version, size and modification time, so
    /// references cached by another build are never reused.
    static var executableRevision: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let attributes = try? FileManager.default.attributesOfItem(atPath: executable)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(version) \(size) \(modified)"
    }
}
