import Foundation
import Gradebook
import Markup
import Reports
import Testing

/// The HTML pages: self-contained, and inert whatever a student's program printed.
@Suite("HTML reports")
struct HTMLReportTests {
    @Test("markup escaping: the five characters as entities, line breaks kept or as references, control characters replaced")
    func escaping() {
        #expect(MarkupText.escaped("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(MarkupText.escaped("x\ny\u{1B}[31m") == "x\ny\u{FFFD}[31m")
        #expect(MarkupText.escaped("x\ny\tz", lineBreaks: .characterReferences) == "x&#10;y&#9;z")
        #expect(MarkupText.escaped("Jörg → Å") == "Jörg → Å", "non-ASCII kept as is (the pages are UTF-8)")
    }

    @Test("a student's stdout holding </script><img onerror=...> comes out as text; the page has no scripts or external resources")
    func studentPageIsInert() throws {
        let entry = ReportFixtures.entry(manual: [
            ManualScore(studentID: "alice", exerciseID: "w06-crystal-graphs", item: "talk", points: 3, comment: "<i>clear</i>", enteredBy: "prof", enteredAt: Date()),
        ])
        let page = StudentReportHTML(
            entry: entry, exercise: ReportFixtures.exercise, student: StudentRecord(id: "alice", name: "Alice <Admin>", email: nil),
            rubric: try ReportFixtures.rubric()
        ).render()
        #expect(!page.contains("<script") && !page.contains("<img") && !page.contains("<i>"), "no markup from the student's output or names")
        #expect(page.contains("&lt;/pre&gt;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;"))
        #expect(page.contains("Alice &lt;Admin&gt; (alice)"))
        for external in ["src=\"http", "href=\"http", "<link", "@import", "url("] { #expect(!page.contains(external), "\(external)") }
        #expect(page.contains("<style>") && page.hasPrefix("<!DOCTYPE html>"))
        // Per check: passed/failed, points, the worst mismatch, the hint; per run: status, time, memory.
        #expect(page.contains("Edges with &lt;periodic&gt; images (0 / 6)"))
        #expect(page.contains("row [0, 1] has no match; worst |diff| 0.5 &lt;at&gt; i=3"))
        #expect(page.contains("hint: A neighbor may sit in the next cell &amp; beyond."))
        #expect(page.contains("Run: finished normally; wall time 0.4 s, CPU 0.3 s, peak memory 40 MiB."))
        #expect(page.contains("warning &lt;b&gt;"), "stderr tail escaped")
        #expect(page.contains("<span class=\"score\">7 / 10 points</span>"), "4 automatic + 3 manual")
        #expect(page.contains("Manual items") && page.contains("&lt;i&gt;clear&lt;/i&gt;"))
    }

    @Test("a late penalty is shown with days, percentage and the points it took")
    func latePenalty() throws {
        let page = StudentReportHTML(
            entry: ReportFixtures.entry(points: 4, late: GradeSheetLatePenalty(daysLate: 2, penaltyFraction: 0.25)), exercise: nil, student: nil, rubric: nil
        ).render()
        #expect(page.contains("late penalty: 2 days late, 25% of the automatic points"), "\(page)")
        #expect(page.contains("−1") && page.contains("<span class=\"score\">3 / 10 points</span>"))
        #expect(page.contains("edges (0 / 6)"), "without the rubric the check id is shown")
    }

    @Test("an unusable submission shows its reason, escaped")
    func unusable() {
        let page = StudentReportHTML(entry: ReportFixtures.entry(status: .unusable), exercise: nil, student: nil, rubric: nil).render()
        #expect(page.contains("badge unusable") && page.contains("no solution.py &lt;here&gt;"))
    }

    @Test("the class dashboard: overview, plots as inline SVG, most-failed checks with hints, late and unusable tables")
    func dashboard() throws {
        let entries = [
            ReportFixtures.entry(student: "alice", points: 4, late: GradeSheetLatePenalty(daysLate: 1, penaltyFraction: 0.1), wallSeconds: 0.05, memory: 20 << 20),
            ReportFixtures.entry(student: "bob", points: 4, wallSeconds: 9.5, memory: 1900 << 20),
            ReportFixtures.entry(student: "carol<script>", status: .unusable),
        ]
        let students = ["alice", "bob", "carol<script>", "dave"].map { StudentRecord(id: $0, name: $0 == "alice" ? "Alice A." : nil, email: nil) }
        let html = ClassDashboardHTML(
            entries: entries, exercises: [ReportFixtures.exercise], students: students, rubrics: ["w06-crystal-graphs": try ReportFixtures.rubric()],
            studentPages: ["w06-crystal-graphs/alice": "students/w06/alice.html"], source: "course.sqlite"
        ).render()
        #expect(!html.contains("<script"), "the student id is escaped")
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4, "scores, failed checks, wall time, memory")
        #expect(html.contains("Run wall time (2 runs)") && html.contains("seconds (log scale)"), "0.05 s to 9.5 s spreads over a factor 190")
        #expect(html.contains("A neighbor may sit in the next cell &amp; beyond."), "the failed check's hint")
        #expect(html.contains("<a href=\"students/w06/alice.html\">3.6</a>"), "alice: 4 x 0.9 linked to her page")
        #expect(html.contains("<td>dave</td><td></td><td class=\"num\"><span class=\"muted\">—</span></td>"), "no submission")
        #expect(html.contains("Late submissions") && html.contains("<td class=\"num\">10%</td>"))
        #expect(html.contains("no solution.py &lt;here&gt;"))
    }
}
