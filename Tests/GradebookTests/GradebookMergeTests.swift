import Foundation
import Gradebook
import GradebookTestSupport
import Grading
import Testing

/// Shards graded apart and merged: the same file as one run; conflicts resolved and reported.
struct GradebookMergeTests {
    /// Records the grades of `students` (two exercises each, every tenth unusable, a manual
    /// score for every seventh) into `path`, as one shard of a batch would.
    static func grade(_ students: [Int], into path: String) throws {
        let gradebook = try Gradebook.open(path: path)
        for (exerciseID, week) in [("w06-crystal-graphs", 6), ("w07-soap", 7)] {
            let exercise = try GradebookFixtures.exercise(id: exerciseID, week: week)
            let rubric = try GradebookFixtures.rubric(exercise)
            for index in students {
                let student = "s\(index)"
                let grade = index % 10 == 9
                    ? GradebookFixtures.unusable(student: student, contentHash: ContentHash.hex(of: "\(student) empty"))
                    : GradebookFixtures.grade(student: student, exercise: exercise, rubric: rubric, variant: index)
                try gradebook.record(grade, exercise: exercise, submittedAt: Date(timeIntervalSince1970: 1_779_000_000 + Double(index)), revision: "r")
                if index % 7 == 0 {
                    try gradebook.setManualScore(
                        student: student, exercise: exercise, item: "talk", points: Double(index % 3), comment: "ok", enteredBy: "prof",
                        enteredAt: Date(timeIntervalSince1970: 1_781_000_000))
                }
            }
        }
        try gradebook.setStudent(id: "s4", name: "Student Four", email: "four@example.org")
        try gradebook.close()
    }

    @Test("three shards (students by index mod 3) merged equal the single-process gradebook, row for row")
    func threeShardsEqualOne() throws {
        let scratch = try ScratchFolder()
        let all = Array(0..<30)
        try Self.grade(all, into: scratch.path("single.sqlite"))
        // Shards grade in different orders, so local submission ids differ from the single file's.
        let shards = try (0..<3).map { shard in
            let path = scratch.path("shard-\(shard).sqlite")
            try Self.grade(all.filter { $0 % 3 == shard }.reversed(), into: path)
            return URL(fileURLWithPath: path)
        }
        let merged = scratch.file("merged.sqlite")
        let report = try Gradebook.merge(sources: shards, into: merged)
        #expect(report.submissionsAdded == 60 && report.duplicatesSkipped == 0 && report.regradesApplied == 0)
        #expect(report.conflicts.isEmpty)
        #expect(report.sources == shards.map(\.path))
        let expected = try TableDump.of(scratch.path("single.sqlite"))
        #expect(try TableDump.of(merged.path) == expected)
        #expect(expected["runs"]?.count == 2 * 27 * 3 && expected["manual_scores"]?.count == 2 * 5, "the comparison covers real rows")
        let mergedGradebook = try Gradebook.open(path: merged.path)
        #expect(try mergedGradebook.integrityCheck() == ["ok"])
        #expect(try mergedGradebook.csvExport() == Gradebook.open(path: scratch.path("single.sqlite")).csvExport())

        // Merging a shard again adds nothing.
        let again = try Gradebook.merge(sources: [shards[1]], into: merged)
        #expect(again.submissionsAdded == 0 && again.duplicatesSkipped == 20 && again.manualScoresMerged == 0)
        #expect(try TableDump.of(merged.path) == expected)
    }

    struct ConflictCase: CustomTestStringConvertible, Sendable {
        let name: String
        let submittedA: Double?
        let submittedB: Double?
        let gradedA: Double
        let gradedB: Double
        let keptIsB: Bool
        var testDescription: String { name }
    }

    static let conflictCases = [
        ConflictCase(name: "B handed in later", submittedA: 100, submittedB: 200, gradedA: 2000, gradedB: 1000, keptIsB: true),
        ConflictCase(name: "A handed in later", submittedA: 300, submittedB: 200, gradedA: 1000, gradedB: 2000, keptIsB: false),
        ConflictCase(name: "no hand-in times: B graded later", submittedA: nil, submittedB: nil, gradedA: 1000, gradedB: 2000, keptIsB: true),
        ConflictCase(name: "same hand-in time: A graded later", submittedA: 100, submittedB: 100, gradedA: 3000, gradedB: 2000, keptIsB: false),
        ConflictCase(name: "only A has a hand-in time", submittedA: 100, submittedB: nil, gradedA: 1000, gradedB: 2000, keptIsB: false),
    ]

    @Test("one student, different contents in two shards: both kept, the later counts, the conflict is reported", arguments: conflictCases)
    func conflict(_ testCase: ConflictCase) throws {
        let scratch = try ScratchFolder()
        let exercise = try GradebookFixtures.exercise()
        let rubric = try GradebookFixtures.rubric(exercise)
        var sources: [URL] = []
        for (name, variant, submitted, graded) in [("a", 1, testCase.submittedA, testCase.gradedA), ("b", 2, testCase.submittedB, testCase.gradedB)] {
            let path = scratch.path("\(name).sqlite")
            let gradebook = try Gradebook.open(path: path)
            try gradebook.record(
                GradebookFixtures.grade(student: "alice", exercise: exercise, rubric: rubric, variant: variant, gradedAt: Date(timeIntervalSince1970: 1_780_000_000 + graded)),
                exercise: exercise, submittedAt: submitted.map { Date(timeIntervalSince1970: 1_779_000_000 + $0) }, revision: "r")
            try gradebook.record(GradebookFixtures.grade(student: "bob-\(name)", exercise: exercise, rubric: rubric), exercise: exercise, submittedAt: nil, revision: "r")
            sources.append(URL(fileURLWithPath: path))
        }
        let hashA = ContentHash.hex(of: "alice variant 1"), hashB = ContentHash.hex(of: "alice variant 2")
        let report = try Gradebook.merge(sources: sources, into: scratch.file("merged.sqlite"))
        #expect(report.conflicts.count == 1)
        let conflict = try #require(report.conflicts.first)
        #expect(conflict.kept.studentID == "alice")
        #expect(conflict.kept.contentHash == (testCase.keptIsB ? hashB : hashA))
        #expect(conflict.superseded.contentHash == (testCase.keptIsB ? hashA : hashB))
        #expect(conflict.keptSource == sources[testCase.keptIsB ? 1 : 0].path)
        #expect(report.description.contains("conflict: alice w06-crystal-graphs: kept \(conflict.kept.contentHash?.prefix(12) ?? "")"), "\(report)")
        let merged = try Gradebook.open(path: scratch.path("merged.sqlite"))
        #expect(try merged.grades(exercise: exercise.id).first { $0.studentID == "alice" }?.contentHash == conflict.kept.contentHash)
        #expect(try merged.submissions(student: "alice", exercise: exercise.id).count == 2, "nothing is lost")
    }

    @Test("the same content graded in two shards: one submission, the grade graded last")
    func regradeAcrossShards() throws {
        let scratch = try ScratchFolder()
        let exercise = try GradebookFixtures.exercise()
        let rubric = try GradebookFixtures.rubric(exercise)
        let early = GradebookFixtures.grade(student: "alice", exercise: exercise, rubric: rubric, variant: 0, contentHash: "same")
        let late = GradebookFixtures.grade(student: "alice", exercise: exercise, rubric: rubric, variant: 4, contentHash: "same",
                                           gradedAt: early.gradedAt.addingTimeInterval(60))
        for (name, grade) in [("late", late), ("early", early)] {
            try Gradebook.open(path: scratch.path("\(name).sqlite")).record(grade, exercise: exercise, submittedAt: nil, revision: "r")
        }
        let report = try Gradebook.merge(sources: [scratch.file("early.sqlite"), scratch.file("late.sqlite")], into: scratch.file("merged.sqlite"))
        #expect(report.submissionsAdded == 1 && report.regradesApplied == 1 && report.conflicts.isEmpty)
        #expect(try TableDump.of(scratch.path("merged.sqlite")) == TableDump.of(scratch.path("late.sqlite")))
        let reversed = try Gradebook.merge(sources: [scratch.file("late.sqlite"), scratch.file("early.sqlite")], into: scratch.file("reversed.sqlite"))
        #expect(reversed.duplicatesSkipped == 1)
        #expect(try TableDump.of(scratch.path("reversed.sqlite")) == TableDump.of(scratch.path("late.sqlite")))
    }

    @Test("a missing source, a text file or the destination itself stops the merge with the file's name")
    func badSources() throws {
        let scratch = try ScratchFolder()
        let text = scratch.file("notes.txt")
        try Data("not a gradebook".utf8).write(to: text)
        let missing = scratch.file("shard-9.sqlite")
        #expect(throws: GradebookError.cannotOpen(path: missing.path, reason: "no such file")) {
            try Gradebook.merge(sources: [missing], into: scratch.file("merged.sqlite"))
        }
        let error = #expect(throws: GradebookError.self) { try Gradebook.merge(sources: [text], into: scratch.file("merged.sqlite")) }
        #expect(error?.description.hasPrefix("\(text.path): not a matgrade gradebook") == true, "\(String(describing: error))")
        #expect(throws: GradebookError.self) { try Gradebook.merge(sources: [scratch.file("merged.sqlite")], into: scratch.file("merged.sqlite")) }
    }
}
