import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// End-to-end: `matgrade grade` on batches of the week-6 sample submissions, in the real
/// sandbox (CI runs as root), with a fixed test secret so the hidden cases are the same at
/// every run. Each sample's expected outcome is pinned here (submissions/README.md).
@Suite("matgrade grade (end to end)")
struct GradeCommandTests {
    static let secret = "matgrade-test-secret-not-for-courses"

    /// What a student's JSON report says, as far as these tests look.
    struct Report: Decodable {
        struct Case: Decodable {
            struct Run: Decodable {
                let termination: String
                let explanation: String
                let stdout_tail: String
            }
            struct Check: Decodable { let id: String; let passed: Bool }
            let label: String
            let visibility: String
            let run: Run
            let checks: [Check]
        }
        let student: String
        let status: String
        let points: Double
        let total: Double
        let problem: String?
        let cases: [Case]?

        var failedChecks: Set<String> { Set((cases ?? []).flatMap { $0.checks.filter { !$0.passed }.map(\.id) }) }
    }

    /// Copies the named sample submissions into a fresh folder (one folder per "student").
    static func batch(_ names: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-grade-test-\(UUID().uuidString)")
        let submissions = folder.appendingPathComponent("submissions")
        try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("submissions/w06-crystal-graphs/\(name)"),
                to: submissions.appendingPathComponent(name))
        }
        return folder
    }

    static func reports(in output: URL) throws -> [String: Report] {
        let folder = output.appendingPathComponent("students")
        var reports: [String: Report] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            reports[report.student] = report
        }
        return reports
    }

    /// The correct solutions get full marks; each typical mistake loses exactly the checks
    /// its flaw should cost (points out of 100: edges 35, edge features 20, atom features
    /// 15, MEGNet edges 15, invariance 15 on the hidden cases).
    @Test("correct, pymatgen-style and the five typical mistakes: pinned points and failed checks")
    func mistakes() throws {
        let expected: [(name: String, points: Double, failed: Set<String>)] = [
            ("correct", 100, []),
            ("pymatgen-style", 100, []),
            // Not translation-invariant either: wrapping the translated copy moves atoms across
            // the cell boundary, which changes cell-only distances (one hidden case of three).
            ("no-periodic-images", 25, ["edges", "edge-features", "megnet-edges", "edges-invariant"]),
            // Right for a cell wider than twice the radius: with this secret one hidden case is
            // such a mineral supercell, and passes everything there.
            ("minimum-image", 125.0 / 3, ["edges", "edge-features", "megnet-edges"]),
            ("off-by-one-neighbors", 45, ["edges", "edge-features"]),
            // Invariance cannot see this flaw: fractional coordinates do not change under rotation.
            ("fractional-distances", 30, ["edges", "edge-features", "megnet-edges"]),
            // Which 12 are kept depends on atom order: the permuted copy breaks invariance on
            // some hidden cases (with this secret, two of three).
            ("unsorted-neighbors", 40, ["edges", "edge-features", "edges-invariant"]),
        ]
        let folder = try Self.batch(expected.map(\.name))
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("reports")
        let arguments = ["grade", "w06-crystal-graphs", folder.appendingPathComponent("submissions").path, "--jobs", "2",
                         "-o", output.path, "--cache", folder.appendingPathComponent("cache").path]
        let result = try MatgradeProcess.run(arguments, environment: ["MATGRADE_SECRET": Self.secret])
        #expect(result.status == 1, "some checks failed, so exit 1: \(result)")
        #expect(result.standardOutput.contains("7 submissions of w06-crystal-graphs graded"), "\(result)")
        #expect(result.standardOutput.contains("public and hidden cases"), "\(result)")
        #expect(result.standardError.contains("[7/7]"), "plain progress lines when stderr is not a terminal: \(result)")
        let reports = try Self.reports(in: output)
        for (name, points, failed) in expected {
            let report = try #require(reports[name], "no report for \(name)")
            #expect(abs(report.points - points) < 1e-6, "\(name): \(report.points) points, expected \(points)")
            #expect(report.failedChecks == failed, "\(name): failed \(report.failedChecks.sorted()), expected \(failed.sorted())")
            #expect(report.cases?.map(\.visibility) == ["public", "public", "public", "hidden", "hidden", "hidden"], "\(name)")
        }
        let csv = try String(contentsOf: output.appendingPathComponent("grades.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("student,points,total,status,content_sha256,graded_at\n"))
        #expect(csv.contains("\ncorrect,100,100,passed,"), "\(csv)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("students/off-by-one-neighbors.md").path))

        // The same batch again: the gradebook holds every grade (same files, same build), so
        // nothing is graded and grades.csv still lists everyone; exit 1 as before.
        let resumed = try MatgradeProcess.run(arguments, environment: ["MATGRADE_SECRET": Self.secret])
        #expect(resumed.status == 1, "\(resumed)")
        #expect(resumed.standardError.contains("7 of 7 submissions already graded"), "\(resumed)")
        #expect(try String(contentsOf: output.appendingPathComponent("grades.csv"), encoding: .utf8) == csv)
        // A regrade of one student: every reference from the cache, the same points.
        let again = try MatgradeProcess.run(arguments + ["--student", "correct", "--regrade"], environment: ["MATGRADE_SECRET": Self.secret])
        #expect(again.status == 0, "\(again)")
        #expect(again.standardOutput.contains("reference outputs: 0 computed, 6 from the cache"), "\(again)")
        #expect(again.standardOutput.contains("correct  100 / 100"), "\(again)")
        #expect(try String(contentsOf: output.appendingPathComponent("grades.csv"), encoding: .utf8).split(separator: "\n").count == 8,
                "grades.csv keeps every student of the gradebook")
    }

    /// Hostile programs are contained and reported in plain words while the batch goes on.
    @Test("thirteen hostile submissions: contained, reported, nothing leaks or outlives the batch")
    func hostile() throws {
        // Limits are lowered (10 s wall, 2 s CPU) to keep the test short; under load a spinning
        // program may reach the wall-clock limit before the CPU limit, and both contain it.
        let stopped: Set<String> = ["cpu-time-limit", "wall-clock-timeout"]
        let expected: [(name: String, points: Double, termination: Set<String>, says: String)] = [
            ("hostile-infinite-loop", 0, stopped, "Is there an infinite loop"),
            ("hostile-memory-hog", 0, ["memory-limit"], "ran out of memory"),
            ("hostile-fork-bomb", 0, stopped, "Is there an infinite loop"),
            ("hostile-huge-stdout", 0, ["output-limit"], "printed more than 1 MiB"),
            ("hostile-malformed-json", 0, ["ok"], "output.json is not valid JSON: line 1, column 50"),
            ("hostile-parser-bomb", 0, ["ok"], "nested more than 512 levels deep"),
            ("hostile-nan-output", 15, ["ok"], "finished normally"),
            ("hostile-reads-rubric", 0, ["ok"], "finished normally"),
            ("hostile-searches-filesystem", 0, ["ok"], "finished normally"),
            ("hostile-reads-environments", 0, ["ok"], "finished normally"),
            ("hostile-network", 0, ["ok"], "finished normally"),
            ("hostile-writes-outside", 0, ["ok"], "finished normally"),
            ("hostile-background-process", 0, ["ok"], "finished normally"),
        ]
        let folder = try Self.batch(expected.map(\.name))
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("reports")
        let result = try MatgradeProcess.run(
            ["grade", "6", folder.appendingPathComponent("submissions").path, "--jobs", "2", "-o", output.path,
             "--max-wall-seconds", "10", "--max-cpu-seconds", "2", "--cache", folder.appendingPathComponent("cache").path],
            environment: ["MATGRADE_SECRET": Self.secret])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("13 submissions of w06-crystal-graphs graded"), "the batch went on: \(result)")
        let reports = try Self.reports(in: output)
        for (name, points, termination, says) in expected {
            let report = try #require(reports[name], "no report for \(name)")
            let first = try #require(report.cases?.first, "\(name) has no cases")
            #expect(abs(report.points - points) < 1e-6, "\(name): \(report.points) points, expected \(points)")
            #expect(termination.contains(first.run.termination), "\(name): \(first.run.termination), expected \(termination.sorted())")
            let markdown = try String(contentsOf: output.appendingPathComponent("students/\(name).md"), encoding: .utf8)
            #expect(markdown.contains(says), "\(name)'s report should say '\(says)'")
            for caseReport in report.cases ?? [] {
                #expect(!caseReport.run.stdout_tail.contains("LEAKED"), "\(name) \(caseReport.label): \(caseReport.run.stdout_tail)")
            }
        }
        // The snoopers tried and were refused, in their own words.
        for name in ["hostile-reads-rubric", "hostile-searches-filesystem", "hostile-reads-environments", "hostile-network"] {
            #expect(reports[name]?.cases?.first?.run.stdout_tail.contains("BLOCKED") == true, "\(name) printed no BLOCKED line")
        }
        #expect(reports["hostile-reads-environments"]?.cases?.first?.run.stdout_tail.contains("2 processes visible") == true)
        // Nothing written outside lands on the machine; nothing started outlives the batch.
        for path in ["/tmp/matgrade-escape-w06", "/var/tmp/matgrade-escape-w06", "/dev/shm/matgrade-escape-w06", "/root/matgrade-escape-w06",
                     RepositoryPaths.root.appendingPathComponent("rubrics/matgrade-escape-w06").path,
                     folder.appendingPathComponent("submissions/matgrade-escape-w06").path] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) was written by a sandboxed program")
        }
        #expect(try Self.processesMentioning("matgrade-background-marker").isEmpty, "a background process outlived its case")
    }

    /// Command lines of running processes that contain `text`.
    static func processesMentioning(_ text: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return line.contains(text) && !line.contains("processesMentioning") ? "\(pid): \(line)" : nil
        }
    }

    @Test("without MATGRADE_SECRET hidden cases cannot be graded: exit 2 and what to do; --public-only grades the public cases")
    func secretRequired() throws {
        let folder = try Self.batch(["correct"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let submissions = folder.appendingPathComponent("submissions").path
        let missing = try MatgradeProcess.run(["grade", "6", submissions, "-o", folder.appendingPathComponent("r").path], environment: ["MATGRADE_SECRET": nil])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.standardError.contains("MATGRADE_SECRET is not set"), "\(missing)")
        #expect(missing.standardError.contains("--public-only"), "\(missing)")
        let weak = try MatgradeProcess.run(["grade", "6", submissions, "-o", folder.appendingPathComponent("r").path], environment: ["MATGRADE_SECRET": "short"])
        #expect(weak.status == 2, "\(weak)")
        #expect(weak.standardError.contains("has 5 characters, fewer than 16"), "\(weak)")
        let publicOnly = try MatgradeProcess.run(
            ["grade", "6", submissions, "--public-only", "-o", folder.appendingPathComponent("r").path, "--cache", folder.appendingPathComponent("c").path],
            environment: ["MATGRADE_SECRET": nil])
        #expect(publicOnly.status == 0, "\(publicOnly)")
        #expect(publicOnly.standardOutput.contains("public cases only"), "\(publicOnly)")
        #expect(publicOnly.standardOutput.contains("correct  85 / 85"), "\(publicOnly)")
    }

    @Test("bad batches are input errors naming the folder and the fix; stray files and empty submissions are reported, not fatal")
    func badBatches() throws {
        let folder = try Self.batch(["correct"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let submissions = folder.appendingPathComponent("submissions")
        let single = try MatgradeProcess.run(["grade", "6", submissions.appendingPathComponent("correct").path, "--public-only"])
        #expect(single.status == 2, "\(single)")
        #expect(single.standardError.contains("holds solution.py itself, so it is one submission"), "\(single)")
        let absent = try MatgradeProcess.run(["grade", "6", folder.appendingPathComponent("nothing-here").path, "--public-only"])
        #expect(absent.status == 2, "\(absent)")
        #expect(absent.standardError.contains("nothing-here: does not exist; give the folder or archive of submissions"), "\(absent)")
        let jobs = try MatgradeProcess.run(["grade", "6", submissions.path, "--public-only", "--jobs", "0"])
        #expect(jobs.status == 2, "\(jobs)")

        try FileManager.default.createDirectory(at: submissions.appendingPathComponent("empty-student"), withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: submissions.appendingPathComponent("notes.txt"))
        let output = folder.appendingPathComponent("reports")
        let result = try MatgradeProcess.run(
            ["grade", "6", submissions.path, "--public-only", "-o", output.path, "--cache", folder.appendingPathComponent("c").path])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("skipping notes.txt: a loose file; a submission is a folder or an archive named by the student id"), "\(result)")
        let report = try #require(try Self.reports(in: output)["empty-student"])
        #expect(report.status == "unusable")
        #expect(report.problem == "there is no solution.py in the submission (the submission is empty); the program must be named solution.py")
        let junit = try Data(contentsOf: output.appendingPathComponent("junit.xml"))
        let counter = JUnitCounter()
        let parser = XMLParser(data: junit)
        parser.delegate = counter
        #expect(parser.parse(), "junit.xml is not well-formed XML")
        #expect(counter.suites == 2 && counter.errors == 1 && counter.failures == 0, "suites \(counter.suites), errors \(counter.errors), failures \(counter.failures)")
    }
}

/// Counts the elements of a JUnit document.
final class JUnitCounter: NSObject, XMLParserDelegate {
    var suites = 0, failures = 0, errors = 0
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "testsuite": suites += 1
        case "failure": failures += 1
        case "error": errors += 1
        default: break
        }
    }
}
