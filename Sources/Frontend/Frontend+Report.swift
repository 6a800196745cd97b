import Foundation
import Gradebook
import Grading
import JSONSupport
import Reports

/// What `matgrade report` writes (README.md, "matgrade report").
public enum ReportFormat: String, CaseIterable, Sendable {
    /// The class dashboard `OUT/index.html` and a page per student and exercise in `OUT/students/`.
    case html
    /// One row per student and exercise with every number behind the final points.
    case csv
    /// The CSV Canvas' gradebook import reads.
    case canvas
    /// The CSV Moodle's grade import reads.
    case moodle
    /// Gradescope's autograder `results.json`, one per student and exercise.
    case gradescope
    /// JUnit XML for CI.
    case junit
}

/// What `matgrade report` was asked to do.
public struct ReportRequest: Sendable {
    /// The gradebook to report on; it must exist.
    public var gradebookPath: String
    /// Exercises to include, by id or week (all in the gradebook when empty).
    public var exercises: [String] = []
    /// Students to include (all when empty).
    public var students: [String] = []
    public var format: ReportFormat = .html
    /// A folder (html, gradescope for several submissions) or a file; standard output for the
    /// single-file formats when nil; `matgrade-report` for html.
    public var outputPath: String?

    public init(gradebookPath: String) { self.gradebookPath = gradebookPath }
}

extension Frontend {
    /// `matgrade report`: reads the gradebook's current grades (late penalties and manual
    /// scores applied, ``GradeSheetEntry/finalPoints``) and writes them in `request.format`.
    /// Check titles and hints come from the course's rubrics when `course` is given (else the
    /// reports show check ids). Returns what to print: the document itself for a single-file
    /// format without `-o`, else a line naming what was written.
    public static func report(request: ReportRequest, course: Course?, workingDirectory: URL) throws -> String {
        let url = URL(fileURLWithPath: request.gradebookPath, relativeTo: workingDirectory).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FrontendError.invalidOption(
                name: "--gradebook", value: url.path, reason: "no such file; give the gradebook matgrade grade wrote (OUTPUT/gradebook.sqlite, or its --gradebook)")
        }
        let gradebook = try Gradebook.open(path: url.path)
        defer { try? gradebook.close() }
        let known = try gradebook.exercises()
        guard !known.isEmpty else {
            throw FrontendError.invalidData(file: url.path, field: nil, problem: "holds no graded exercise yet", fix: "grade a batch into it with matgrade grade --gradebook \(url.path)")
        }
        let exercises = try request.exercises.isEmpty ? known : request.exercises.map { try resolveExercise($0, known: known, gradebook: url.path) }
        var students = try gradebook.students()
        if !request.students.isEmpty {
            let unknown = Set(request.students).subtracting(students.map(\.id))
            guard unknown.isEmpty else {
                throw FrontendError.invalidOption(
                    name: "--student", value: unknown.sorted().joined(separator: ","), reason: "no such student in \(url.path) (\(students.count) students there)")
            }
            students = students.filter { request.students.contains($0.id) }
        }
        let ids = Set(students.map(\.id))
        let needsRuns = [.html, .gradescope, .junit].contains(request.format)
        let entries = try gradebook.gradeSheet(exercises: exercises.map(\.id), includingRuns: needsRuns).filter { ids.contains($0.studentID) }
        let rubrics = loadRubrics(course: course, exercises: exercises)
        let output = request.outputPath.map { URL(fileURLWithPath: $0, relativeTo: workingDirectory).standardizedFileURL }

        switch request.format {
        case .html:
            return try writeDashboard(
                entries: entries, exercises: exercises, students: students, rubrics: rubrics, source: url.path,
                folder: output ?? workingDirectory.appendingPathComponent("matgrade-report"))
        case .csv:
            return try emit(GradeExportCSV.detailed(entries: entries, students: students, exercises: exercises), to: output)
        case .canvas:
            return try emit(GradeExportCSV.canvas(entries: entries, students: students, exercises: exercises), to: output)
        case .moodle:
            return try emit(GradeExportCSV.moodle(entries: entries, students: students, exercises: exercises), to: output)
        case .junit:
            return try emit(JUnitReport.render(entries: entries, rubrics: rubrics, name: "matgrade " + exercises.map(\.id).joined(separator: " ")), to: output)
        case .gradescope:
            return try writeGradescope(entries: entries, rubrics: rubrics, output: output, singleRequested: request.students.count == 1 && exercises.count == 1)
        }
    }

    /// An exercise of the gradebook by id, or by week (`6`, `w06`) when that is unambiguous.
    static func resolveExercise(_ name: String, known: [ExerciseRecord], gradebook: String) throws -> ExerciseRecord {
        if let exact = known.first(where: { $0.id == name }) { return exact }
        let week = Int(name.hasPrefix("w") ? String(name.dropFirst()) : name)
        let matches = known.filter { $0.week == week }
        if matches.count == 1, let match = matches.first { return match }
        throw FrontendError.invalidOption(
            name: "--exercise", value: name, reason: "no such exercise in \(gradebook); it has \(known.map(\.id).joined(separator: ", ")) (give the id or the week)")
    }

    /// The rubric of each exercise the course has one for.
    static func loadRubrics(course: Course?, exercises: [ExerciseRecord]) -> [String: RubricSpec] {
        guard let course else { return [:] }
        var rubrics: [String: RubricSpec] = [:]
        for exercise in exercises {
            if let spec = try? course.exercise(named: exercise.id), let rubric = try? course.rubric(for: spec) { rubrics[exercise.id] = rubric }
        }
        return rubrics
    }

    /// `text` to `url` (folders created), or returned to be printed when there is no `url`.
    private static func emit(_ text: String, to url: URL?) throws -> String {
        guard let url else { return text }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
        return "wrote \(url.path)\n"
    }

    private static func writeDashboard(
        entries: [GradeSheetEntry], exercises: [ExerciseRecord], students: [StudentRecord], rubrics: [String: RubricSpec], source: String,
        folder: URL
    ) throws -> String {
        let byID = Dictionary(students.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var links: [String: String] = [:]
        for entry in entries {
            let relative = "students/\(safeFileName(entry.exerciseID))/\(safeFileName(entry.studentID)).html"
            let page = folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
            let html = StudentReportHTML(
                entry: entry, exercise: exercises.first { $0.id == entry.exerciseID }, student: byID[entry.studentID], rubric: rubrics[entry.exerciseID]
            ).render()
            try Data(html.utf8).write(to: page, options: .atomic)
            links[ClassDashboardHTML.linkKey(exercise: entry.exerciseID, student: entry.studentID)] = relative
        }
        let dashboard = ClassDashboardHTML(
            entries: entries, exercises: exercises, students: students, rubrics: rubrics, studentPages: links, source: source)
        let index = folder.appendingPathComponent("index.html")
        try Data(dashboard.render().utf8).write(to: index, options: .atomic)
        let missing = exercises.map(\.id).filter { rubrics[$0] == nil }
        let note = missing.isEmpty ? "" : "note: no rubric found for \(missing.joined(separator: ", ")) (run inside the course or pass --course): check ids shown, hints missing\n"
        return "wrote \(index.path) and \(entries.count) student page\(entries.count == 1 ? "" : "s") in \(folder.appendingPathComponent("students").path)\n" + note
    }

    /// One `results.json`: to `output` or standard output when one student and exercise were
    /// asked for; else `OUT/<exercise>/<student>/results.json` for each.
    private static func writeGradescope(entries: [GradeSheetEntry], rubrics: [String: RubricSpec], output: URL?, singleRequested: Bool) throws -> String {
        if singleRequested {
            guard let entry = entries.first else {
                throw FrontendError.invalidOption(name: "--student", value: "", reason: "that student has no graded submission to this exercise")
            }
            return try emit(GradescopeResults.render(entry: entry, rubric: rubrics[entry.exerciseID]), to: output)
        }
        guard let folder = output else {
            throw FrontendError.invalidOption(
                name: "-o", value: "", reason: "--format gradescope writes one results.json per student: give a folder with -o, or one --student and one --exercise")
        }
        for entry in entries {
            let file = folder.appendingPathComponent("\(safeFileName(entry.exerciseID))/\(safeFileName(entry.studentID))/results.json")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(GradescopeResults.render(entry: entry, rubric: rubrics[entry.exerciseID]).utf8).write(to: file, options: .atomic)
        }
        return "wrote \(entries.count) results.json file\(entries.count == 1 ? "" : "s") in \(folder.path)/<exercise>/<student>/\n"
    }
}
