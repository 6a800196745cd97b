import Foundation
import Gradebook
import GradebookTestSupport
import Grading
import Testing

/// The gradebook under a batch, with real processes (`gradebook-crash-helper`): `kill -9` in
/// the middle loses nothing committed and the next run resumes without duplicating anything;
/// two writers share one file; shard processes merge to the single run; many grades.
@Suite(.serialized)
struct GradebookBatchTests {
    /// The helper built beside the test bundle (`swift build --build-tests` builds it there).
    static var helper: URL {
        let directory = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        return directory.appendingPathComponent("gradebook-crash-helper")
    }

    /// Starts the helper; returns it and a reader of its standard output lines.
    static func start(_ path: String, count: Int, shard: String? = nil) throws -> (Process, FileHandle) {
        let process = Process()
        process.executableURL = helper
        process.arguments = [path, String(count)] + (shard.map { [$0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        return (process, output.fileHandleForReading)
    }

    @Test("SIGKILL mid-batch loses nothing committed; the rerun skips exactly those and finishes the rest")
    func killAndResume() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("course.sqlite")
        let count = 5000
        let (process, reader) = try Self.start(path, count: count)
        var text = ""
        var committed: [Int] = []
        while committed.count < 150 {
            let data = reader.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            committed = text.split(separator: "\n").compactMap { $0.hasPrefix("committed ") ? Int($0.dropFirst(10)) : nil }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // What it printed between our last read and the kill is still in the pipe.
        text += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        committed = text.split(separator: "\n").compactMap { $0.hasPrefix("committed ") ? Int($0.dropFirst(10)) : nil }
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        #expect(!text.contains("done"), "killed before the end of the batch")

        let gradebook = try Gradebook.open(path: path)
        #expect(try gradebook.integrityCheck() == ["ok"])
        let exercise = try GradebookFixtures.exercise()
        let grades = try gradebook.grades(exercise: exercise.id)
        let recorded = Set(grades.map(\.studentID))
        #expect(Set(committed.map { "s\($0)" }).isSubset(of: recorded), "every reported commit is there")
        #expect(grades.count <= committed.count + 1, "at most the one committed before its line was printed")
        #expect(grades.count < count)
        // Every committed grade is whole: 3 runs with 2 checks each, as the helper wrote them.
        let counts = try TableDump.counts(path)
        #expect(counts["runs"] == 3 * grades.count && counts["check_results"] == 6 * grades.count && counts["submissions"] == grades.count)
        let rubric = try GradebookFixtures.rubric(exercise)
        for grade in grades.prefix(20) {
            let index = Int(grade.studentID.dropFirst()) ?? -1
            let expected = GradebookFixtures.grade(student: grade.studentID, exercise: exercise, rubric: rubric, variant: index, contentHash: grade.contentHash)
            #expect(try gradebook.runs(student: grade.studentID, exercise: exercise.id, contentHash: grade.contentHash)
                == GradebookRecordTests.expectedRuns(expected))
        }
        try gradebook.close()

        // Resume: the same batch again, smaller so the test stays quick.
        let resumeCount = grades.count + 40
        let (rerun, rerunReader) = try Self.start(path, count: resumeCount)
        let rerunText = String(decoding: rerunReader.readDataToEndOfFile(), as: UTF8.self)
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let lines = rerunText.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("skipped ") }.count == grades.count)
        #expect(lines.filter { $0.hasPrefix("committed ") }.count == 40)
        #expect(lines.last == "done")
        let final = try Gradebook.open(path: path)
        #expect(try final.grades(exercise: exercise.id).count == resumeCount)
        #expect(try TableDump.counts(path)["runs"] == 3 * resumeCount, "no duplicates")
        #expect(try final.integrityCheck() == ["ok"])
    }

    @Test("two processes grading the same batch into one file at once: each submission once and whole")
    func concurrentWriters() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("course.sqlite")
        let count = 150
        let runs = try (0..<2).map { _ in try Self.start(path, count: count) }
        let outputs = runs.map { String(decoding: $0.1.readDataToEndOfFile(), as: UTF8.self) }
        for (process, _) in runs { process.waitUntilExit() }
        #expect(runs.map { $0.0.terminationStatus } == [0, 0], "a busy file is waited for, not an error")
        #expect(outputs.allSatisfy { $0.hasSuffix("done\n") })
        let gradebook = try Gradebook.open(path: path)
        #expect(try gradebook.integrityCheck() == ["ok"])
        let counts = try TableDump.counts(path)
        #expect(counts["submissions"] == count && counts["grades"] == count && counts["runs"] == 3 * count && counts["check_results"] == 6 * count)
    }

    @Test("three shard processes side by side, merged, equal one process grading the whole batch")
    func shardProcessesMergeToTheSingleRun() throws {
        let scratch = try ScratchFolder()
        let count = 90
        let shards = try (0..<3).map { shard in
            (scratch.file("shard-\(shard).sqlite"), try Self.start(scratch.path("shard-\(shard).sqlite"), count: count, shard: "\(shard)/3"))
        }
        let single = try Self.start(scratch.path("single.sqlite"), count: count)
        for (_, (process, reader)) in shards + [(scratch.file("single.sqlite"), single)] {
            _ = reader.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let report = try Gradebook.merge(sources: shards.map(\.0), into: scratch.file("merged.sqlite"))
        #expect(report.submissionsAdded == count && report.conflicts.isEmpty)
        let expected = try TableDump.of(scratch.path("single.sqlite"))
        #expect(expected["check_results"]?.count == 6 * count)
        #expect(try TableDump.of(scratch.path("merged.sqlite")) == expected)
    }

    @Test("ungraded keeps the submissions whose current files have no grade from this build")
    func ungradedSubmissions() throws {
        let scratch = try ScratchFolder()
        let handins = scratch.file("handins")
        var submissions: [StudentSubmission] = []
        for student in ["alice", "bob", "carol"] {
            let folder = handins.appendingPathComponent(student)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("print('\(student)')\n".utf8).write(to: folder.appendingPathComponent("solution.py"))
            submissions.append(StudentSubmission(studentID: student, folder: folder))
        }
        let fresh = try FreshGradebook()
        let gradebook = fresh.gradebook, exercise = fresh.exercise
        for submission in submissions.prefix(2) {
            let hash = try ContentHash.ofFolder(submission.folder)
            try gradebook.record(fresh.grade(submission.studentID, contentHash: hash), exercise: exercise, submittedAt: nil, revision: "r1")
        }
        #expect(try gradebook.ungraded(submissions, exercise: exercise.id, revision: "r1").map(\.studentID) == ["carol"])
        #expect(try gradebook.ungraded(submissions, exercise: exercise.id, revision: "r2").map(\.studentID) == ["alice", "bob", "carol"])
        // Bob hands in again: new content, graded anew.
        try Data("print('bob, fixed')\n".utf8).write(to: submissions[1].folder.appendingPathComponent("solution.py"))
        #expect(try gradebook.ungraded(submissions, exercise: exercise.id, revision: "r1").map(\.studentID) == ["bob", "carol"])
    }

    /// Many grades in one file, one transaction each, all read back (speed belongs in
    /// benchmarks/, not in a test: no timing here).
    @Test("400 grades recorded one after another are all there")
    func manyGrades() throws {
        let fresh = try FreshGradebook()
        let gradebook = fresh.gradebook, exercise = fresh.exercise
        let grades = (0..<400).map { fresh.grade("s\($0)", variant: $0) }
        for grade in grades { try gradebook.record(grade, exercise: exercise, submittedAt: nil, revision: "r") }
        #expect(try gradebook.latestGrades().count == grades.count)
        #expect(try gradebook.integrityCheck() == ["ok"])
    }
}
