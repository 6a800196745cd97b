import Foundation
import Testing
import TestSupport

/// `matgrade grade` on what instructors are handed: archives, a zip slip, a whole cohort with
/// `--all`, late hand-ins under course.toml, and shards merged back into one gradebook.
@Suite("matgrade grade: archives, cohorts, late penalties and shards", .serialized)
struct IngestCommandTests {
    static let secret = "matgrade-test-secret-not-for-courses"

    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-ingest-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func shell(_ command: String, in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(command) failed")
    }

    @Test("a folder, a tar.gz and the zip-slip sample: graded side by side; the slip is refused with its reason and writes nothing")
    func archives() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = RepositoryPaths.root.appendingPathComponent("submissions/w06-crystal-graphs").path
        try Self.shell("""
            mkdir subs && cp -r '\(samples)/correct' subs/alice && \
            tar czf subs/bob.tar.gz -C '\(samples)' minimum-image && \
            cp '\(samples)/hostile-zip-slip.zip' subs/mallory.zip
            """, in: folder)
        let result = try MatgradeProcess.run(
            ["grade", "6", folder.appendingPathComponent("subs").path, "--public-only", "-o", folder.appendingPathComponent("out").path,
             "--cache", folder.appendingPathComponent("cache").path])
        #expect(result.status == 1, "\(result)")
        let reports = try GradeCommandTests.reports(in: folder.appendingPathComponent("out"))
        #expect(reports["alice"]?.points == 85)
        #expect(reports["bob"]?.points == 15, "the minimum-image sample, from its tar.gz")
        #expect(reports["mallory"]?.status == "unusable")
        #expect(reports["mallory"]?.problem?.contains("mallory.zip: entry '../../../../../../tmp/matgrade-escape-w06-zip-slip.py': climbs out of the archive with '..' (path traversal)") == true,
                "\(String(describing: reports["mallory"]?.problem))")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/matgrade-escape-w06-zip-slip.py"))
    }

    /// A generated cohort (every student with week 6, some missing, late, zipped, duplicated or
    /// zip-slipped) graded once whole and once as three shard processes at the same time whose
    /// gradebooks are merged: the same grades, late penalties as the hand-in times say.
    @Test("a cohort with --all: three shard processes merged equal one process; late days follow submissions.csv and course.toml")
    func cohortShards() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = folder.appendingPathComponent("cohort")
        try Self.shell(
            "python3 '\(RepositoryPaths.root.appendingPathComponent("scripts/cohort/make_cohort.py").path)' cohort --students 14 --exercises w06-crystal-graphs --hostile-share 0 --seed 11",
            in: folder)
        let common = ["--all", cohort.path, "--public-only", "--cache", folder.appendingPathComponent("cache").path]
        let single = try MatgradeProcess.run(["grade"] + common + ["-o", folder.appendingPathComponent("single").path])
        #expect(single.status == 1 || single.status == 0, "\(single)")

        let shards = try (1...3).map { index -> Process in
            let process = Process()
            process.executableURL = MatgradeProcess.binary
            process.arguments = ["grade"] + common + ["--shard", "\(index)/3", "-o", folder.appendingPathComponent("shard\(index)").path]
            process.currentDirectoryURL = RepositoryPaths.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        shards.forEach { $0.waitUntilExit() }
        #expect(shards.allSatisfy { $0.terminationStatus <= 1 })
        let merged = folder.appendingPathComponent("merged.sqlite").path
        let merge = try MatgradeProcess.run(["gradebook", "merge"] + (1...3).map { folder.appendingPathComponent("shard\($0)/gradebook.sqlite").path } + ["-o", merged])
        #expect(merge.status == 0, "\(merge)")
        let whole = try MatgradeProcess.run(["gradebook", "export", folder.appendingPathComponent("single/gradebook.sqlite").path])
        let joined = try MatgradeProcess.run(["gradebook", "export", merged])
        #expect(whole.status == 0 && joined.status == 0, "\(whole) \(joined)")
        #expect(whole.standardOutput == joined.standardOutput, "merged shards differ from the single run")

        // Every student with a week-6 hand-in has a grade; the missing ones none; the late ones
        // exactly their days (the generator hands in 1 to 7 days late, well past the grace).
        let expected = try String(contentsOf: cohort.appendingPathComponent(".expected.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Seed 11 makes a cohort with every case this test checks (so none passes vacuously).
        #expect(expected.contains { $0[2] == "missing" } && expected.contains { $0[2] == "zip-slip" }
                && expected.filter { $0[4] != "0" }.count >= 2 && expected.contains { $0[2].contains("tar.gz") }, "\(expected)")
        let exportedStudents = Set(whole.standardOutput.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(exportedStudents == Set(expected.filter { $0[2] != "missing" }.map { $0[0] }))
        let late = try TableQuery.rows(
            folder.appendingPathComponent("single/gradebook.sqlite").path,
            "SELECT s.student_id, p.days_late, p.penalty_fraction FROM late_penalties p JOIN submissions s ON s.id = p.submission_id ORDER BY s.student_id")
        let expectedLate = expected.filter { $0[4] != "0" }.map { [$0[0], $0[4]] }.sorted { $0[0] < $1[0] }
        #expect(late.map { [$0[0], $0[1]] } == expectedLate)
        for row in late {
            let days = Double(row[1])!
            #expect(abs(Double(row[2])! - (days > 5 ? 1 : days * 0.1)) < 1e-9, "\(row)")
        }
        let slipped = expected.filter { $0[2] == "zip-slip" }.map { $0[0] }
        let reports = try GradeCommandTests.reports(in: folder.appendingPathComponent("single/w06-crystal-graphs"))
        for student in slipped {
            #expect(reports[student]?.status == "unusable" && reports[student]?.problem?.contains("path traversal") == true, "\(student)")
        }
    }
}

/// Rows of an SQLite query through the sqlite3 shell-free route: the gradebook is plain SQLite.
enum TableQuery {
    static func rows(_ path: String, _ sql: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3, sys\nfor row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print('\\t'.join(str(v) for v in row))", path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
