import Foundation
import Gradebook
import Reports
import Testing

/// The grade exports: CSV quoting, the Canvas and Moodle layouts, Gradescope's results.json.
@Suite("grade exports")
struct ExportTests {
    static let students = [
        StudentRecord(id: "alice", name: "Lindqvist, Åsa \"Ali\"", email: "asa@example.org"),
        StudentRecord(id: "bob", name: nil, email: nil),
        StudentRecord(id: "zoë", name: "Zoë Ñúñez", email: nil),
    ]

    static let entries = [
        ReportFixtures.entry(student: "alice", points: 4, late: GradeSheetLatePenalty(daysLate: 2, penaltyFraction: 0.25)),
        ReportFixtures.entry(student: "zoë", points: 4, manual: [
            ManualScore(studentID: "zoë", exerciseID: "w06-crystal-graphs", item: "talk", points: 1.5, comment: "", enteredBy: "prof", enteredAt: Date()),
        ]),
    ]

    @Test("Canvas: the five identity columns, Points Possible, names with commas and quotes quoted, non-ASCII kept")
    func canvas() {
        let csv = GradeExportCSV.canvas(entries: Self.entries, students: Self.students, exercises: [ReportFixtures.exercise])
        #expect(csv == #"""
            Student,ID,SIS User ID,SIS Login ID,Section,w06-crystal-graphs
            Points Possible,,,,,10
            "Lindqvist, Åsa ""Ali""",,alice,,,3
            ,,bob,,,
            Zoë Ñúñez,,zoë,,,5.5

            """#)
    }

    @Test("Moodle: ID number and e-mail to match users, one column per grade item")
    func moodle() {
        let csv = GradeExportCSV.moodle(entries: Self.entries, students: Self.students, exercises: [ReportFixtures.exercise])
        #expect(csv.hasPrefix("ID number,Email address,Full name,w06-crystal-graphs\nalice,asa@example.org,\"Lindqvist, Åsa \"\"Ali\"\"\",3\nbob,,,\n"), "\(csv)")
    }

    @Test("detailed CSV: every number behind the final points; missing submissions listed")
    func detailed() {
        let csv = GradeExportCSV.detailed(entries: Self.entries, students: Self.students, exercises: [ReportFixtures.exercise])
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "student,exercise,points,total,late_days,penalty_fraction,manual_points,final_points,status,content_sha256,graded_at")
        #expect(lines[1].hasPrefix("alice,w06-crystal-graphs,4,10,2,0.25,0,3,failed,abc123,2026-"), "\(lines[1])")
        #expect(lines[2] == "bob,w06-crystal-graphs,,,,,,,missing,,")
        #expect(lines[3].hasPrefix("zoë,w06-crystal-graphs,4,10,0,0,1.5,5.5,failed,"))
    }

    @Test("Gradescope results.json: score is the final points; one test per check and case with name, score, max_score, status, output, visibility")
    func gradescope() throws {
        let text = GradescopeResults.render(entry: Self.entries[0], rubric: try ReportFixtures.rubric())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["score"] as? Double == 3)
        #expect((json["output"] as? String)?.contains("late by 2 days: -25% of the automatic points") == true, "\(json["output"] ?? "")")
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == 2)
        for test in tests {
            #expect(Set(test.keys) == ["name", "score", "max_score", "status", "output", "visibility"])
            #expect(["visible", "hidden", "after_due_date", "after_published"].contains(test["visibility"] as? String ?? ""))
        }
        #expect(tests[0]["name"] as? String == "silicon: Edges with <periodic> images")
        #expect(tests[0]["status"] as? String == "failed" && tests[0]["max_score"] as? Double == 6)
        #expect((tests[0]["output"] as? String)?.hasSuffix("hint: A neighbor may sit in the next cell & beyond.") == true)
        #expect(tests[1]["status"] as? String == "passed" && tests[1]["score"] as? Double == 4)
        let extra = try #require(json["extra_data"] as? [String: Any])
        #expect(extra["student"] as? String == "alice" && extra["days_late"] as? Double == 2)
    }

    @Test("JUnit from the gradebook: a failure with the hint per failed check, an error for an unusable submission; well-formed")
    func junit() throws {
        let xml = JUnitReport.render(
            entries: Self.entries + [ReportFixtures.entry(student: "carol", status: .unusable)], rubrics: ["w06-crystal-graphs": try ReportFixtures.rubric()])
        #expect(xml.contains("tests=\"5\" failures=\"2\" errors=\"1\""), "\(xml.prefix(300))")
        #expect(xml.contains("hint: A neighbor may sit in the next cell &amp; beyond."))
        #expect(xml.contains("<property name=\"final_points\" value=\"3\"/>"))
    }
}
