import Foundation
import Gradebook
import Grading

/// The class dashboard (`matgrade report --format html`): one self-contained HTML page built
/// from the gradebook, so it works the same on one batch's gradebook and on shards merged
/// with `matgrade gradebook merge`. Plots come first (users look before they read):
///
/// - Course overview: students x exercises, final points (``GradeSheetEntry/finalPoints``),
///   each cell linked to the student's page, late and unusable submissions marked.
/// - Per exercise: summary numbers; a histogram of final points over [0, total]; the checks
///   most students failed (bar chart, and a table with fail counts and the rubric's hints);
///   histograms of every run's wall time and peak memory (log axis when they spread over
///   more than a factor 30); how runs ended; late submissions (days late, penalty); the
///   unusable submissions and grader errors with their reasons.
public struct ClassDashboardHTML: Sendable {
    /// Current grades with their runs (``Gradebook/gradeSheet(exercises:includingRuns:)``).
    public let entries: [GradeSheetEntry]
    /// The exercises shown, in order.
    public let exercises: [ExerciseRecord]
    /// Everyone in the overview (students without any submission included), with names when known.
    public let students: [StudentRecord]
    /// Rubrics by exercise id, for check titles and hints; an exercise without one shows check ids.
    public let rubrics: [String: RubricSpec]
    /// Relative links to the per-student pages, by ``linkKey(exercise:student:)``.
    public let studentPages: [String: String]
    /// Where the data came from, shown in the header.
    public let source: String
    public let generatedAt: Date

    public init(
        entries: [GradeSheetEntry], exercises: [ExerciseRecord], students: [StudentRecord], rubrics: [String: RubricSpec],
        studentPages: [String: String], source: String, generatedAt: Date = Date()
    ) {
        self.entries = entries
        self.exercises = exercises
        self.students = students
        self.rubrics = rubrics
        self.studentPages = studentPages
        self.source = source
        self.generatedAt = generatedAt
    }

    public static func linkKey(exercise: String, student: String) -> String { "\(exercise)/\(student)" }

    /// The HTML document.
    public func render() -> String {
        let h = HTMLDocument.escape
        var body = "<h1>Class dashboard</h1>\n"
        body += "<p class=\"subtitle\">\(students.count) student\(students.count == 1 ? "" : "s"), \(exercises.count) exercise\(exercises.count == 1 ? "" : "s"); "
            + "from \(h(source)), \(HTMLDocument.time(generatedAt)). Points are final points: automatic points less the late penalty, plus manual items.</p>\n"
        if !exercises.isEmpty {
            body += "<p>Exercises: " + exercises.map { "<a href=\"#\(anchor($0.id))\">\(h($0.id))</a>" }.joined(separator: " · ") + "</p>\n"
        }
        body += overview()
        for exercise in exercises {
            body += ExerciseSection(
                exercise: exercise, entries: entries.filter { $0.exerciseID == exercise.id }, rubric: rubrics[exercise.id],
                studentPages: studentPages, anchor: anchor(exercise.id)
            ).render()
        }
        return HTMLDocument.page(title: "matgrade class dashboard", body: body)
    }

    private func anchor(_ id: String) -> String {
        "ex-" + String(id.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" })
    }

    /// Students x exercises, final points, and each student's sum.
    private func overview() -> String {
        let h = HTMLDocument.escape
        var byKey: [String: GradeSheetEntry] = [:]
        for entry in entries { byKey[Self.linkKey(exercise: entry.exerciseID, student: entry.studentID)] = entry }
        let totals = exercises.map { exercise in entries.first { $0.exerciseID == exercise.id }?.grade.totalPoints ?? 0 }
        let headers = ["student", "name"] + exercises.map { "\($0.id)" } + ["sum"]
        var rows: [[String]] = []
        for student in students {
            var row = [h(student.id), h(student.name ?? "")]
            var sum = 0.0
            for exercise in exercises {
                let key = Self.linkKey(exercise: exercise.id, student: student.id)
                guard let entry = byKey[key] else {
                    row.append("<span class=\"muted\">—</span>")
                    continue
                }
                sum += entry.finalPoints
                var cell = HTMLDocument.points(entry.finalPoints)
                if let link = studentPages[key] { cell = "<a href=\"\(h(link))\">\(cell)</a>" }
                if entry.grade.status != .graded { cell += " <span class=\"badge \(entry.grade.status.rawValue)\">\(entry.grade.status.rawValue)</span>" }
                if entry.latePenalty != nil { cell += " <span class=\"badge late\">late</span>" }
                row.append(cell)
            }
            row.append(HTMLDocument.points(sum))
            rows.append(row)
        }
        let numeric = Set(2..<(3 + exercises.count))
        let caption = "Course overview: final points (out of " + zip(exercises, totals).map { "\($0.id) \(HTMLDocument.points($1))" }.joined(separator: ", ") + ")"
        return "<h2>Course overview</h2>\n" + HTMLDocument.table(headers: headers, rows: rows, numericColumns: numeric, caption: caption)
    }
}

/// One exercise's part of the dashboard.
struct ExerciseSection {
    let exercise: ExerciseRecord
    let entries: [GradeSheetEntry]
    let rubric: RubricSpec?
    let studentPages: [String: String]
    let anchor: String

    /// A failed check across the class.
    struct FailedCheck {
        let checkID: String
        /// Students with the check failed on at least one case.
        var students: Set<String> = []
        /// Case runs on which it failed.
        var caseRuns = 0
    }

    func render() -> String {
        let h = HTMLDocument.escape
        var out = "<h2 id=\"\(anchor)\">\(h(exercise.id)): \(h(exercise.title))</h2>\n"
        if let due = exercise.due { out += "<p class=\"subtitle\">week \(exercise.week), due \(HTMLDocument.time(due))</p>\n" }
        let total = entries.map(\.grade.totalPoints).max() ?? rubric?.total ?? 0
        out += summary(total: total)
        let runs = entries.flatMap(\.runs)
        let failed = failedChecks()
        let wall = runs.map(\.wallSeconds)
        let memory = runs.map { Double($0.peakMemoryBytes) / 1_048_576 }
        out += "<div class=\"plots\">\n"
        out += HistogramPlot(
            title: "Final points (\(entries.count) students)", xLabel: "points of \(HTMLDocument.points(total))", yLabel: "students",
            values: entries.map(\.finalPoints), range: 0...max(total, 1e-9), binCount: 10
        ).render()
        out += BarChartPlot(
            title: "Most-failed checks", valueLabel: "students who failed it (of \(entries.count))",
            bars: failed.prefix(10).map { check in
                BarChartPlot.Bar(
                    label: title(of: check.checkID), value: Double(check.students.count),
                    detail: "\(title(of: check.checkID)): failed by \(check.students.count) students on \(check.caseRuns) case runs")
            }
        ).render()
        out += HistogramPlot(
            title: "Run wall time (\(runs.count) runs)", xLabel: "seconds", yLabel: "runs", values: wall, binCount: 12,
            scale: AxisScale.suggested(for: wall)
        ).render()
        out += HistogramPlot(
            title: "Run peak memory (\(runs.count) runs)", xLabel: "MiB", yLabel: "runs", values: memory, binCount: 12,
            scale: AxisScale.suggested(for: memory)
        ).render()
        out += "</div>\n"
        out += failedChecksTable(failed) + runEndings(runs) + lateTable() + problemsTable()
        return out
    }

    private func title(of checkID: String) -> String { rubric?.checks.first { $0.id == checkID }?.title ?? checkID }

    private func link(_ studentID: String) -> String {
        let h = HTMLDocument.escape
        guard let page = studentPages[ClassDashboardHTML.linkKey(exercise: exercise.id, student: studentID)] else { return h(studentID) }
        return "<a href=\"\(h(page))\">\(h(studentID))</a>"
    }

    private func summary(total: Double) -> String {
        let points = entries.map(\.finalPoints).sorted()
        let mean = points.isEmpty ? 0 : points.reduce(0, +) / Double(points.count)
        let median: Double
        if points.isEmpty {
            median = 0
        } else if points.count % 2 == 1 {
            median = points[points.count / 2]
        } else {
            median = (points[points.count / 2 - 1] + points[points.count / 2]) / 2
        }
        let full = entries.filter { $0.grade.status == .graded && abs($0.grade.points - $0.grade.totalPoints) < 1e-9 }.count
        let items: [(String, String)] = [
            ("students", "\(entries.count)"),
            ("mean points", "\(HTMLDocument.points(mean)) / \(HTMLDocument.points(total))"),
            ("median points", HTMLDocument.points(median)),
            ("all checks passed", "\(full)"),
            ("late", "\(entries.filter { $0.latePenalty != nil }.count)"),
            ("unusable", "\(entries.filter { $0.grade.status == .unusable }.count)"),
            ("grader errors", "\(entries.filter { $0.grade.status == .graderError }.count)"),
        ]
        return "<div class=\"summary\">" + items.map { "<div><b>\($1)</b>\($0)</div>" }.joined() + "</div>\n"
    }

    /// Automatic checks that failed on some case, most students first (then by id).
    func failedChecks() -> [FailedCheck] {
        var byID: [String: FailedCheck] = [:]
        for entry in entries {
            for run in entry.runs {
                for check in run.checks where !check.passed && !check.awaitsManualGrading {
                    byID[check.checkID, default: FailedCheck(checkID: check.checkID)].students.insert(entry.studentID)
                    byID[check.checkID, default: FailedCheck(checkID: check.checkID)].caseRuns += 1
                }
            }
        }
        return byID.values.sorted { ($0.students.count, $1.checkID) > ($1.students.count, $0.checkID) }
    }

    private func failedChecksTable(_ failed: [FailedCheck]) -> String {
        let h = HTMLDocument.escape
        guard !failed.isEmpty else { return "<p>No automatic check failed.</p>\n" }
        let rows = failed.map { check -> [String] in
            let hint = rubric?.checks.first { $0.id == check.checkID }?.hint ?? ""
            return [h(title(of: check.checkID)), "<code>\(h(check.checkID))</code>", "\(check.students.count)", "\(check.caseRuns)",
                    "<span class=\"hint\">\(h(hint.isEmpty ? (rubric == nil ? "(no rubric found)" : "") : hint))</span>"]
        }
        return "<h3>Most-failed checks</h3>\n"
            + HTMLDocument.table(headers: ["check", "id", "students failed", "case runs failed", "hint shown to students"], rows: rows, numericColumns: [2, 3])
    }

    /// How many runs ended each way (normal, exit code, timeout, memory, ...).
    private func runEndings(_ runs: [RecordedRun]) -> String {
        guard !runs.isEmpty else { return "" }
        var counts: [String: Int] = [:]
        for run in runs { counts[run.termination.reportCode, default: 0] += 1 }
        let rows = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ["<code>\(HTMLDocument.escape($0.key))</code>", "\($0.value)"] }
        return "<h3>How the runs ended</h3>\n" + HTMLDocument.table(headers: ["ending", "runs"], rows: rows, numericColumns: [1])
    }

    private func lateTable() -> String {
        let late = entries.filter { $0.latePenalty != nil }
        guard !late.isEmpty else { return "<h3>Late submissions</h3>\n<p>None.</p>\n" }
        let rows = late.map { entry -> [String] in
            let penalty = entry.latePenalty ?? GradeSheetLatePenalty(daysLate: 0, penaltyFraction: 0)
            return [link(entry.studentID), entry.grade.submittedAt.map(HTMLDocument.time) ?? "", "\(penalty.daysLate)",
                    HTMLDocument.points(penalty.penaltyFraction * 100) + "%", HTMLDocument.points(entry.grade.points * penalty.penaltyFraction),
                    HTMLDocument.points(entry.finalPoints)]
        }
        return "<h3>Late submissions</h3>\n"
            + HTMLDocument.table(headers: ["student", "handed in", "days late", "penalty", "points lost", "final points"], rows: rows, numericColumns: [2, 3, 4, 5])
    }

    private func problemsTable() -> String {
        let problems = entries.filter { $0.grade.status != .graded }
        guard !problems.isEmpty else { return "<h3>Unusable submissions and grader errors</h3>\n<p>None.</p>\n" }
        let h = HTMLDocument.escape
        let rows = problems.map { entry in
            [link(entry.studentID), "<span class=\"badge \(entry.grade.status.rawValue)\">\(entry.grade.status.rawValue)</span>",
             h(String((entry.grade.problem ?? "").prefix(400)))]
        }
        return "<h3>Unusable submissions and grader errors</h3>\n"
            + "<p>A grader error is the instructor's to fix (then regrade); an unusable submission is the student's.</p>\n"
            + HTMLDocument.table(headers: ["student", "status", "reason"], rows: rows)
    }
}
