import Foundation
import Gradebook
import Grading

/// One student's graded submission as a self-contained HTML page (`students/<id>.html` of
/// `matgrade grade`, and the per-student pages of `matgrade report --format html`): the final
/// score with how it was made (automatic points, late penalty, manual scores), a table of
/// checks summed over cases with the hint of each failed one, then per case how the run
/// ended (time, memory), every check with its points and worst mismatch, and the ends of the
/// program's standard output and error. Built from the gradebook's records, so the page
/// is the same whether written right after grading or later from a merged gradebook.
///
/// Everything the student's program wrote, and every name, is escaped: output holding
/// `</pre><script>...` shows as text. The page has no scripts at all.
public struct StudentReportHTML: Sendable {
    public let entry: GradeSheetEntry
    /// The exercise's title and deadline; the id alone when nil.
    public let exercise: ExerciseRecord?
    /// The student's name; the id alone when nil.
    public let student: StudentRecord?
    /// Check titles and hints; without the rubric the check ids are shown and hints are missing.
    public let rubric: RubricSpec?

    public init(entry: GradeSheetEntry, exercise: ExerciseRecord?, student: StudentRecord?, rubric: RubricSpec?) {
        self.entry = entry
        self.exercise = exercise
        self.student = student
        self.rubric = rubric
    }

    /// The status word and badge class of a grade: `passed` (every automatic check),
    /// `failed`, `unusable`, `grader-error`.
    static func status(_ grade: RecordedGrade, runs: [RecordedRun]?) -> String {
        switch grade.status {
        case .unusable: return "unusable"
        case .graderError: return "grader-error"
        case .graded:
            if let runs, !runs.isEmpty {
                return runs.allSatisfy { $0.checks.allSatisfy { $0.passed || $0.awaitsManualGrading } } ? "passed" : "failed"
            }
            return abs(grade.points - grade.totalPoints) < 1e-9 ? "passed" : "failed"
        }
    }

    /// The HTML document.
    public func render() -> String {
        let grade = entry.grade
        let h = HTMLDocument.escape
        let who = student?.name.map { "\($0) (\(grade.studentID))" } ?? grade.studentID
        var body = "<h1>\(h(grade.exerciseID)): \(h(who))</h1>\n"
        if let exercise { body += "<p class=\"subtitle\">\(h(exercise.title)) — week \(exercise.week)</p>\n" }
        let status = Self.status(grade, runs: entry.runs)
        body += "<p><span class=\"score\">\(HTMLDocument.points(entry.finalPoints)) / \(HTMLDocument.points(grade.totalPoints)) points</span> "
            + "<span class=\"badge \(status)\">\(status)</span>"
        if let late = entry.latePenalty, late.daysLate > 0 || late.penaltyFraction > 0 { body += " <span class=\"badge late\">late</span>" }
        body += "</p>\n" + scoreBreakdown() + facts()
        switch grade.status {
        case .unusable:
            body += "<h2>Problem</h2>\n<p>The submission could not be run:</p>\n<pre>\(h(grade.problem ?? "no reason recorded"))</pre>\n"
        case .graderError:
            body += "<h2>Grader error</h2>\n<p>The grader failed on this submission; this is not the student's fault. The instructor must fix it and regrade.</p>\n"
                + "<pre>\(h(grade.problem ?? "no message recorded"))</pre>\n"
        case .graded:
            body += checksTable() + caseSections()
        }
        body += manualSection()
        body += "<p class=\"muted\">Written by matgrade \(h(grade.revision.split(separator: " ").first.map(String.init) ?? "")) from the gradebook.</p>\n"
        return HTMLDocument.page(title: "\(grade.exerciseID): \(who)", body: body)
    }

    /// Automatic points, the late penalty and manual points, when there is more than one part.
    private func scoreBreakdown() -> String {
        let grade = entry.grade
        guard entry.latePenalty != nil || !entry.manualScores.isEmpty else { return "" }
        var rows = [["automatic checks", HTMLDocument.points(grade.points)]]
        if let late = entry.latePenalty {
            let lost = grade.points * late.penaltyFraction
            rows.append([
                "late penalty: \(late.daysLate) day\(late.daysLate == 1 ? "" : "s") late, \(HTMLDocument.points(late.penaltyFraction * 100))% of the automatic points",
                "−" + HTMLDocument.points(lost),
            ])
        }
        if !entry.manualScores.isEmpty { rows.append(["manual items", "+" + HTMLDocument.points(entry.manualPoints)]) }
        rows.append(["<b>final points</b>", "<b>\(HTMLDocument.points(entry.finalPoints))</b>"])
        return HTMLDocument.table(headers: ["part", "points"], rows: rows, numericColumns: [1])
    }

    private func facts() -> String {
        let grade = entry.grade
        var items = ["graded \(HTMLDocument.time(grade.gradedAt)) in \(HTMLDocument.seconds(grade.gradingSeconds))"]
        if let submitted = grade.submittedAt { items.append("handed in \(HTMLDocument.time(submitted))") }
        if let due = exercise?.due { items.append("due \(HTMLDocument.time(due))") }
        if let hash = grade.contentHash { items.append("submission SHA-256 <code>\(HTMLDocument.escape(String(hash.prefix(16))))…</code>") }
        return "<ul>\n" + items.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
    }

    private func title(of checkID: String) -> String { rubric?.checks.first { $0.id == checkID }?.title ?? checkID }
    private func hint(of checkID: String) -> String? { rubric?.checks.first { $0.id == checkID }.map(\.hint).flatMap { $0.isEmpty ? nil : $0 } }

    /// Each check summed over the cases it ran on, in the order first seen.
    private func checksTable() -> String {
        var order: [String] = []
        var totals: [String: (points: Double, maximum: Double, passed: Int, run: Int, manual: Bool)] = [:]
        for run in entry.runs {
            for check in run.checks {
                if totals[check.checkID] == nil { order.append(check.checkID) }
                var total = totals[check.checkID] ?? (0, 0, 0, 0, false)
                total.points += check.points
                total.maximum += check.maximumPoints
                total.run += 1
                if check.passed { total.passed += 1 }
                if check.awaitsManualGrading { total.manual = true }
                totals[check.checkID] = total
            }
        }
        guard !order.isEmpty else { return "" }
        let h = HTMLDocument.escape
        let rows = order.map { id -> [String] in
            let total = totals[id] ?? (0, 0, 0, 0, false)
            let mark: String
            if total.manual {
                mark = "<span class=\"badge manual\">manual</span>"
            } else {
                mark = total.passed == total.run ? "<span class=\"badge passed\">passed</span>" : "<span class=\"badge failed\">failed</span>"
            }
            let hintText = !total.manual && total.passed < total.run ? hint(of: id).map { "<span class=\"hint\">\(h($0))</span>" } ?? "" : ""
            return [h(title(of: id)), mark, "\(HTMLDocument.points(total.points)) / \(HTMLDocument.points(total.maximum))",
                    "\(total.passed) / \(total.run)", hintText]
        }
        return "<h2>Checks</h2>\n" + HTMLDocument.table(headers: ["check", "result", "points", "cases passed", "hint"], rows: rows, numericColumns: [2, 3])
    }

    private func caseSections() -> String {
        guard !entry.runs.isEmpty else { return "" }
        let h = HTMLDocument.escape
        var out = "<h2>Cases</h2>\n"
        for run in entry.runs {
            out += "<h3>\(h(run.caseLabel)) <span class=\"muted\">(\(run.visibility.rawValue))</span></h3>\n"
            out += "<p>Run: \(h(HTMLDocument.runStatus(run.termination))); wall time \(HTMLDocument.seconds(run.wallSeconds)), "
                + "CPU \(HTMLDocument.seconds(run.cpuSeconds)), peak memory \(HTMLDocument.mebibytes(run.peakMemoryBytes)).</p>\n"
            if let problem = run.outputProblem { out += "<p class=\"explanation\">No output to check: \(h(problem))</p>\n" }
            out += "<ul class=\"checks\">\n"
            for check in run.checks {
                let score = "\(HTMLDocument.points(check.points)) / \(HTMLDocument.points(check.maximumPoints))"
                if check.awaitsManualGrading {
                    out += "<li><span class=\"badge manual\">…</span> \(h(title(of: check.checkID))): graded by the instructor</li>\n"
                } else if check.passed {
                    out += "<li><span class=\"badge passed\">✔</span> \(h(title(of: check.checkID))) (\(score))</li>\n"
                } else {
                    out += "<li><span class=\"badge failed\">✘</span> \(h(title(of: check.checkID))) (\(score))"
                    // Without output every check fails for the reason already shown above.
                    if check.explanation != run.outputProblem { out += "<br><span class=\"explanation\">\(h(check.explanation))</span>" }
                    if let hint = hint(of: check.checkID) { out += "<br><span class=\"hint\">hint: \(h(hint))</span>" }
                    out += "</li>\n"
                }
            }
            out += "</ul>\n"
            let truncated = run.outputTruncated ? ", truncated" : ""
            if !run.standardOutputTail.isEmpty {
                out += "<p>End of standard output (\(run.standardOutputBytes) bytes\(truncated)):</p>\n<pre>\(h(run.standardOutputTail))</pre>\n"
            }
            if !run.standardErrorTail.isEmpty {
                out += "<p>End of standard error (\(run.standardErrorBytes) bytes\(truncated)):</p>\n<pre>\(h(run.standardErrorTail))</pre>\n"
            }
        }
        return out
    }

    private func manualSection() -> String {
        guard !entry.manualScores.isEmpty else { return "" }
        let h = HTMLDocument.escape
        let rows = entry.manualScores.map { score in
            [h(title(of: score.item)), HTMLDocument.points(score.points), h(score.comment), h(score.enteredBy), HTMLDocument.time(score.enteredAt)]
        }
        return "<h2>Manual items</h2>\n" + HTMLDocument.table(headers: ["item", "points", "comment", "entered by", "when"], rows: rows, numericColumns: [1])
    }
}
