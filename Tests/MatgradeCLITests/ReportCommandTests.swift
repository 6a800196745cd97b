import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// End-to-end: two sample submissions graded into a gradebook, then `matgrade report` in
/// every format; the numbers must be the gradebook's (`gradebook export`), errors exit 2.
@Suite("matgrade report (end to end)")
struct ReportCommandTests {
    @Test("html, csv, canvas, moodle, gradescope and junit from one gradebook; bad input exits 2 naming the fix")
    func everyFormat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-report-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let submissions = folder.appendingPathComponent("submissions")
        try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
        for sample in ["correct", "no-periodic-images"] {
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("submissions/w06-crystal-graphs/\(sample)"), to: submissions.appendingPathComponent(sample))
        }
        let gradebook = folder.appendingPathComponent("course.sqlite").path
        let graded = try MatgradeProcess.run([
            "grade", "6", submissions.path, "--public-only", "-o", folder.appendingPathComponent("grades").path,
            "--cache", folder.appendingPathComponent("cache").path, "--gradebook", gradebook,
        ])
        #expect(graded.status == 1, "one sample fails checks: \(graded)")
        let studentPage = try String(contentsOf: folder.appendingPathComponent("grades/students/no-periodic-images.html"), encoding: .utf8)
        #expect(studentPage.hasPrefix("<!DOCTYPE html>") && studentPage.contains("15 / 85 points"), "grade writes the HTML page beside .md and .json")
        #expect(studentPage.contains("hint: Loop over periodic images"), "the failed check's hint")

        // The reference numbers: the gradebook's own CSV export.
        let export = try MatgradeProcess.run(["gradebook", "export", gradebook])
        #expect(export.standardOutput == "student,exercise,points,total\ncorrect,w06-crystal-graphs,85,85\nno-periodic-images,w06-crystal-graphs,15,85\n", "\(export)")

        let html = try MatgradeProcess.run(["report", "--gradebook", gradebook, "-o", folder.appendingPathComponent("report").path])
        #expect(html.status == 0 && html.standardOutput.contains("2 student pages"), "\(html)")
        let dashboard = try String(contentsOf: folder.appendingPathComponent("report/index.html"), encoding: .utf8)
        #expect(dashboard.components(separatedBy: "<svg ").count - 1 == 4, "score histogram, failed checks, wall time, memory")
        #expect(dashboard.contains("Loop over periodic images"), "most-failed checks come with their hints")
        #expect(dashboard.contains("href=\"students/w06-crystal-graphs/no-periodic-images.html\">15</a>"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report/students/w06-crystal-graphs/correct.html").path))

        let csv = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--format", "csv"])
        let rows = csv.standardOutput.split(separator: "\n")
        #expect(rows.first == "student,exercise,points,total,late_days,penalty_fraction,manual_points,final_points,status,content_sha256,graded_at", "\(csv)")
        #expect(rows.count == 3 && rows[1].hasPrefix("correct,w06-crystal-graphs,85,85,0,0,0,85,passed,"), "\(csv)")
        #expect(rows.count == 3 && rows[2].hasPrefix("no-periodic-images,w06-crystal-graphs,15,85,0,0,0,15,failed,"), "\(csv)")

        let canvasFile = folder.appendingPathComponent("lms/canvas.csv")
        let canvas = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--format", "canvas", "--exercise", "w06", "-o", canvasFile.path])
        #expect(canvas.status == 0, "\(canvas)")
        #expect(try String(contentsOf: canvasFile, encoding: .utf8) == """
            Student,ID,SIS User ID,SIS Login ID,Section,w06-crystal-graphs
            Points Possible,,,,,85
            ,,correct,,,85
            ,,no-periodic-images,,,15

            """)
        let moodle = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--format", "moodle"])
        #expect(moodle.standardOutput == "ID number,Email address,Full name,w06-crystal-graphs\ncorrect,,,85\nno-periodic-images,,,15\n", "\(moodle)")

        let one = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--format", "gradescope", "--student", "no-periodic-images", "--exercise", "6"])
        let results = try #require(try JSONSerialization.jsonObject(with: Data(one.standardOutput.utf8)) as? [String: Any], "\(one)")
        #expect(results["score"] as? Double == 15)
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.count == 3 * 4 && tests.allSatisfy { $0["visibility"] as? String == "visible" }, "4 checks on each of 3 public cases")
        #expect(abs(tests.compactMap { $0["score"] as? Double }.reduce(0, +) - 15) < 1e-6, "the tests add up to the score (no penalty here)")
        let many = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--format", "gradescope", "-o", folder.appendingPathComponent("gs").path])
        #expect(many.status == 0, "\(many)")
        for student in ["correct", "no-periodic-images"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("gs/w06-crystal-graphs/\(student)/results.json").path))
        }

        let junit = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--format", "junit"])
        let parser = XMLParser(data: Data(junit.standardOutput.utf8))
        #expect(parser.parse(), "\(junit)")
        #expect(junit.standardOutput.contains("<testsuite name=\"w06-crystal-graphs.no-periodic-images\" tests=\"12\" failures=\"9\""), "\(junit)")

        let missing = try MatgradeProcess.run(["report", "--gradebook", folder.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 2 && missing.standardError.contains("none.sqlite") && missing.standardError.contains("no such file"), "\(missing)")
        let unknown = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--exercise", "w09"])
        #expect(unknown.status == 2 && unknown.standardError.contains("no such exercise") && unknown.standardError.contains("w06-crystal-graphs"), "\(unknown)")
        let noFolder = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--format", "gradescope"])
        #expect(noFolder.status == 2 && noFolder.standardError.contains("give a folder with -o"), "\(noFolder)")
        let badFormat = try MatgradeProcess.run(["report", "--gradebook", gradebook, "--format", "pdf"])
        #expect(badFormat.status == 2, "\(badFormat)")
    }
}
