import Foundation
import Gradebook
import Grading
import JSONSupport
import Reports
import Sandbox

/// What `matgrade grade EX SUBMISSIONS` (or `grade --all SUBMISSIONS`) was asked to do.
public struct GradeRequest: Sendable {
    /// The exercise; nil with ``allExercises``.
    public var exerciseName: String?
    /// Grade every exercise of the course: SUBMISSIONS holds one folder (or archive) per
    /// student with one folder (or archive) per exercise.
    public var allExercises = false
    /// The folder or archive of submissions (see ``SubmissionIntake``).
    public var submissionsPath: String
    /// Where reports go; default `matgrade-reports/<exercise id>` (`matgrade-reports/course`
    /// with ``allExercises``, one subfolder per exercise) in the working directory.
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
    /// Grade only this deterministic slice of the students (`--shard k/n`).
    public var shard: Shard?

    /// Sets ``shard`` from `k/n`.
    /// - Throws: ``FrontendError/invalidOption(name:value:reason:)`` for anything else.
    public mutating func setShard(_ text: String) throws {
        do {
            shard = try Shard(parsing: text)
        } catch {
            throw FrontendError.invalidOption(name: "--shard", value: text, reason: "give k/n with 1 <= k <= n <= 10000, such as 2/4")
        }
    }
    /// The class list (`students.csv`); nil: the one beside the submissions, if any.
    public var rosterPath: String?

    public init(exerciseName: String, submissionsPath: String) {
        self.exerciseName = exerciseName
        self.submissionsPath = submissionsPath
    }

    /// `grade --all SUBMISSIONS`.
    public init(allExercisesIn submissionsPath: String) {
        self.exerciseName = nil
        self.allExercises = true
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
    /// `matgrade grade EX SUBMISSIONS` and `grade --all SUBMISSIONS`: takes in the
    /// submissions (folders, archives, Canvas or Moodle downloads; ``SubmissionIntake``),
    /// grades each on all cases (public and, seeded from `MATGRADE_SECRET` and the student id,
    /// hidden), `jobs` at a time, applies the course's late policy (`course.toml`) from the
    /// submission times, records every grade in the gradebook as it finishes, and writes per
    /// student `<id>.md` and `<id>.json`, and per exercise `junit.xml`, `grades.csv` and
    /// `summary.md`. Progress goes to standard error; skipped entries and notes too.
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
        let exercises: [ExerciseSpec]
        if request.allExercises {
            exercises = try course.exercises()
        } else {
            guard let name = request.exerciseName else {
                throw FrontendError.invalidOption(name: "EXERCISE", value: "", reason: "give the exercise, or --all to grade every exercise")
            }
            exercises = [try course.exercise(named: name)]
        }
        let cappedExercises = exercises.map { $0.cappingLimits(wallSeconds: request.maximumWallSeconds, cpuSeconds: request.maximumCPUSeconds) }
        let rubrics = try cappedExercises.map { try course.rubric(for: $0) }
        let latePolicy = try LatePolicy.load(course: course)
        let secret = request.publicOnly ? nil : try CourseSecret.from(environment: environment)

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-grade-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let staging = work.appendingPathComponent("intake")
        let source = URL(fileURLWithPath: request.submissionsPath, relativeTo: workingDirectory).standardizedFileURL
        let roster = request.rosterPath.map { URL(fileURLWithPath: $0, relativeTo: workingDirectory).standardizedFileURL }
        var intake: [String: SubmissionIntake.Result]
        if request.allExercises {
            intake = try SubmissionIntake.collectCourse(source, exercises: cappedExercises, staging: staging, roster: roster)
        } else {
            let exercise = cappedExercises[0]
            let program = exercise.command.count > 1 ? exercise.command[1] : exercise.command[0]
            intake = [exercise.id: try SubmissionIntake.collect(source, program: program, exercise: exercise.id, staging: staging, roster: roster)]
        }
        let anyIntake = intake.values.first
        for entry in anyIntake?.skipped ?? [] {
            FileHandle.standardError.write(Data("matgrade grade: skipping \(entry.name): \(entry.reason)\n".utf8))
        }
        if !request.students.isEmpty {
            let known = Set(intake.values.flatMap { $0.submissions.map(\.studentID) })
            let unknown = Set(request.students).subtracting(known)
            guard unknown.isEmpty else {
                throw FrontendError.invalidOption(
                    name: "--student", value: unknown.sorted().joined(separator: ","),
                    reason: "no such submission in \(source.path)")
            }
        }

        let output = URL(fileURLWithPath: request.outputPath ?? (request.allExercises ? "matgrade-reports/course" : "matgrade-reports/\(cappedExercises[0].id)"), relativeTo: workingDirectory).standardizedFileURL
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // One transaction per graded submission; what is already there (same content, same
        // matgrade build) is skipped, so an interrupted batch resumes where it stopped.
        let gradebookURL = URL(fileURLWithPath: request.gradebookPath ?? output.appendingPathComponent("gradebook.sqlite").path, relativeTo: workingDirectory).standardizedFileURL
        let gradebook = try Gradebook.open(path: gradebookURL.path)
        let revision = executableRevision
        let runner = try CaseRunner(sandbox: Sandbox(), workRoot: work.appendingPathComponent("cases"))
        let cache = try ReferenceCache(folder: referenceCacheFolder(request.cachePath, environment: environment, workingDirectory: workingDirectory), revision: revision)

        var texts: [String] = []
        var allPassed = true
        var graderErrors = false
        for (exercise, rubric) in zip(cappedExercises, rubrics) {
            let found = intake[exercise.id] ?? SubmissionIntake.Result(submissions: [], skipped: [], notes: [], roster: nil)
            for note in found.notes where !(request.shard != nil && note.contains("(missing)")) {
                FileHandle.standardError.write(Data("matgrade grade: \(exercise.id): \(note)\n".utf8))
            }
            var everyone = found.submissions
            if let shard = request.shard { everyone = everyone.filter { shard.contains(studentID: $0.studentID) } }
            if !request.students.isEmpty { everyone = everyone.filter { request.students.contains($0.studentID) } }
            var submissions = everyone
            if !request.regrade {
                submissions = try gradebook.ungraded(everyone, exercise: exercise.id, revision: revision)
                if submissions.count < everyone.count {
                    FileHandle.standardError.write(Data(
                        "matgrade grade: \(exercise.id): \(everyone.count - submissions.count) of \(everyone.count) submissions already graded in \(gradebookURL.path) (same files, same matgrade build): skipped; --regrade grades them again\n".utf8))
                }
            }
            let folder = request.allExercises ? output.appendingPathComponent(exercise.id) : output
            let studentsFolder = folder.appendingPathComponent("students")
            try FileManager.default.createDirectory(at: studentsFolder, withIntermediateDirectories: true)
            let grader = try Grader(course: course, exercise: exercise, rubric: rubric, runner: runner)
            let batch = BatchGrader(grader: grader, secret: secret, referenceCache: cache, jobs: request.jobs)

            let start = Date()
            let cpuAtStart = ProcessCPUTime.now()
            let progress = BatchProgress(total: submissions.count, label: request.allExercises ? exercise.id : nil)
            let grades = await batch.grade(submissions) { grade, done in
                // Recorded and reported as each submission finishes, so an interrupted batch keeps them.
                let late = latePolicy.penalty(submittedAt: grade.submission.submittedAt, due: exercise.due, student: grade.studentID, exercise: exercise.id)
                do {
                    try gradebook.record(grade, exercise: exercise, submittedAt: grade.submission.submittedAt, revision: revision, late: late)
                } catch {
                    FileHandle.standardError.write(Data("matgrade grade: \(grade.studentID) was graded but not recorded: \(error)\n".utf8))
                }
                try? writeStudentReports(grade, exercise: exercise, rubric: rubric, late: late, folder: studentsFolder)
                try? writeStudentHTML(grade, gradebook: gradebook, exercise: exercise, rubric: rubric, folder: studentsFolder)
                progress.finished(grade, done: done)
            }
            let seconds = Date().timeIntervalSince(start)
            let cpu = ProcessCPUTime.now().since(cpuAtStart)
            try Data(JUnitReport.render(grades, exercise: exercise, rubric: rubric).utf8).write(to: folder.appendingPathComponent("junit.xml"))
            // grades.csv: everyone the gradebook holds for the exercise; the exit code: the
            // students of this invocation (graded now or skipped as already graded).
            let allRecorded = try gradebook.grades(exercise: exercise.id)
            let ids = Set(everyone.map(\.studentID))
            let recorded = allRecorded.filter { ids.contains($0.studentID) }
            try Data(gradesCSV(allRecorded).utf8).write(to: folder.appendingPathComponent("grades.csv"))
            let table = summaryTable(grades)
            let lateCount = grades.filter { latePolicy.penalty(submittedAt: $0.submission.submittedAt, due: exercise.due, student: $0.studentID, exercise: exercise.id) != nil }.count
            let cacheNote = "reference outputs: \(await cache.misses) computed, \(await cache.hits) from the cache"
            let shardNote = request.shard.map { " (shard \($0) of the students)" } ?? ""
            let footer = """
                \(grades.count) submission\(grades.count == 1 ? "" : "s") of \(exercise.id) graded in \(NumberFormat.compact(seconds)) s\(shardNote) \
                with \(request.jobs) job\(request.jobs == 1 ? "" : "s") (\(secret == nil ? "public cases only" : "public and hidden cases"); \
                \(runner.sandbox.isolation.summary)); \(cacheNote)\(lateCount > 0 ? "; \(lateCount) late" : "").
                \(cpuNote(cpu, submissions: grades.count))
                Reports: \(folder.path) (students/<id>.md, .json and .html, junit.xml, grades.csv, summary.md); gradebook: \(gradebookURL.path)

                """
            try Data(("# \(exercise.id): batch summary\n\n```\n" + table + "```\n\n" + footer).utf8).write(to: folder.appendingPathComponent("summary.md"))
            graderErrors = graderErrors || grades.contains { if case .graderError = $0.status { return true } else { return false } }
            // Everyone's current grade counts, also those skipped as already graded.
            allPassed = allPassed && grades.allSatisfy(\.allPassed)
                && recorded.allSatisfy { $0.status == .graded && abs($0.points - $0.totalPoints) < 1e-9 }
            texts.append((request.allExercises ? "\(exercise.id)\n" : "") + table + "\n" + footer)
        }
        return GradeSummary(text: texts.joined(separator: "\n"), allPassed: allPassed, graderErrors: graderErrors)
    }

    /// The batch's CPU time, split between matgrade itself (the engine's overhead) and the
    /// students' programs, for instructors sizing a machine and for the cohort benchmark.
    static func cpuNote(_ cpu: ProcessCPUTime, submissions: Int) -> String {
        let perSubmission = submissions > 0 ? " (\(NumberFormat.compact(cpu.ownSeconds / Double(submissions) * 1000)) ms per submission)" : ""
        return "CPU time: matgrade \(NumberFormat.compact(cpu.ownSeconds)) s\(perSubmission) for inputs, references, checks, reports and the gradebook; "
            + "the programs \(NumberFormat.compact(cpu.childrenSeconds)) s."
    }

    static func writeStudentReports(_ grade: StudentGrade, exercise: ExerciseSpec, rubric: RubricSpec, late: LatePenalty?, folder: URL) throws {
        let name = safeFileName(grade.studentID)
        var markdown = StudentReportMarkdown.render(grade, exercise: exercise, rubric: rubric)
        if let late {
            markdown += "\n**Late:** submitted \(late.daysLate) day\(late.daysLate == 1 ? "" : "s") after the deadline (\(ISO8601DateFormatter().string(from: late.deadline))); "
                + "the course's late policy takes \(NumberFormat.compact(late.fraction * 100, significantDigits: 4)) % of the points: "
                + "\(NumberFormat.compact(late.apply(to: grade.points), significantDigits: 6)) of \(NumberFormat.compact(grade.totalPoints, significantDigits: 6)) count.\n"
        }
        try Data(markdown.utf8).write(to: folder.appendingPathComponent("\(name).md"))
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
