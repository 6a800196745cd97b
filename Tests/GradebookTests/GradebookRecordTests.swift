import Foundation
import GRDB
import Gradebook
import GradebookTestSupport
import Grading
import Sandbox
import Testing

/// Recording grades: every field back, regrades, new content, all-or-nothing transactions.
struct GradebookRecordTests {
    static let submittedAt = Date(timeIntervalSince1970: 1_779_000_000.5)

    /// What the gradebook should give back for the runs of `grade`, field by field.
    static func expectedRuns(_ grade: StudentGrade) -> [RecordedRun] {
        (grade.result?.cases ?? []).enumerated().map { position, caseResult in
            let outcome = caseResult.run.sandbox
            return RecordedRun(
                position: position, caseName: caseResult.caseSpec.name, instance: caseResult.instance, caseLabel: caseResult.label,
                visibility: caseResult.caseSpec.visibility, termination: outcome.termination, wallSeconds: outcome.wallSeconds,
                cpuSeconds: outcome.cpuSeconds, peakMemoryBytes: outcome.peakMemoryBytes, standardOutputBytes: outcome.standardOutputBytes,
                standardErrorBytes: outcome.standardErrorBytes, outputTruncated: outcome.outputTruncated,
                standardOutputTail: outcome.standardOutputTail, standardErrorTail: outcome.standardErrorTail, outputProblem: caseResult.run.problem,
                checks: caseResult.checks.map { check in
                    RecordedCheck(
                        checkID: check.checkID, passed: check.outcome.passed, awaitsManualGrading: check.outcome.awaitsManualGrading,
                        score: check.outcome.score, points: check.points, maximumPoints: check.maximumPoints, explanation: check.outcome.explanation)
                })
        }
    }

    /// Ten variants put every termination (exit code, signal, the reason a program did not
    /// start, ...) in every case position.
    @Test("record, then read back every field of the grade, its runs and its checks", arguments: 0..<10)
    func readBack(variant: Int) throws {
        let fresh = try FreshGradebook()
        let gradebook = fresh.gradebook, exercise = fresh.exercise
        let grade = fresh.grade("alice", variant: variant)
        try gradebook.record(grade, exercise: exercise, submittedAt: Self.submittedAt, revision: "build-7")

        let recorded = try gradebook.submissions(student: "alice", exercise: exercise.id)
        #expect(recorded == [RecordedGrade(
            studentID: "alice", exerciseID: exercise.id, contentHash: grade.contentHash, submittedAt: Self.submittedAt,
            sourcePath: "/handins/alice", status: .graded, problem: nil, points: grade.points, totalPoints: 10,
            gradedAt: grade.gradedAt, gradingSeconds: grade.wallSeconds, revision: "build-7")])
        let runs = try gradebook.runs(student: "alice", exercise: exercise.id, contentHash: grade.contentHash)
        #expect(runs == Self.expectedRuns(grade))
        #expect(runs.count == 3 && runs.allSatisfy { $0.checks.count == 2 })
    }

    @Test("unusable submissions and grader errors keep their reason; an unreadable one has no hash",
          arguments: [
            (StudentGrade.Status.unusable(reason: "no solution.py in the submission folder"), RecordedGrade.Status.unusable),
            (.graderError(message: "rubrics/w06.toml:14: unknown comparator 'allclos'"), .graderError),
          ])
    func notGraded(status: StudentGrade.Status, expected: RecordedGrade.Status) throws {
        let fresh = try FreshGradebook()
        let gradebook = fresh.gradebook, exercise = fresh.exercise
        let grade = StudentGrade(
            submission: StudentSubmission(studentID: "bob", folder: URL(fileURLWithPath: "/handins/bob")), contentHash: nil,
            status: status, totalPoints: 10, gradedAt: Date(timeIntervalSince1970: 1_780_000_000), wallSeconds: 0.5)
        try gradebook.record(grade, exercise: exercise, submittedAt: nil, revision: "r")
        try gradebook.record(grade, exercise: exercise, submittedAt: nil, revision: "r")
        let recorded = try gradebook.submissions(student: "bob", exercise: exercise.id)
        #expect(recorded.count == 1, "an unreadable submission recorded twice is still one submission")
        #expect(recorded.first?.status == expected)
        #expect(recorded.first?.contentHash == nil && recorded.first?.submittedAt == nil && recorded.first?.points == 0)
        if case .unusable(let reason) = status { #expect(recorded.first?.problem == reason) }
        if case .graderError(let message) = status { #expect(recorded.first?.problem == message) }
        #expect(try gradebook.runs(student: "bob", exercise: exercise.id, contentHash: nil).isEmpty)
    }

    @Test("regrading the same content gives the same tables but for graded_at, and replaces a changed result")
    func idempotentRegrade() throws {
        let fresh = try FreshGradebook()
        let path = fresh.path, gradebook = fresh.gradebook, exercise = fresh.exercise
        for student in ["alice", "bob"] {
            try gradebook.record(fresh.grade(student), exercise: exercise, submittedAt: Self.submittedAt, revision: "r")
        }
        try gradebook.setManualScore(student: "alice", exercise: exercise, item: "talk", points: 3, enteredBy: "prof", enteredAt: Self.submittedAt)
        let first = try TableDump.of(path)
        let firstWithoutGradedAt = try TableDump.of(path, ignoring: ["graded_at"])

        let alice = fresh.grade("alice")
        try gradebook.record(alice, exercise: exercise, submittedAt: Self.submittedAt, revision: "r")
        #expect(try TableDump.of(path) == first, "recording the identical grade again changes nothing")

        let later = GradebookFixtures.grade(student: "alice", exercise: exercise, rubric: fresh.rubric, gradedAt: alice.gradedAt.addingTimeInterval(3600))
        try gradebook.record(later, exercise: exercise, submittedAt: Self.submittedAt, revision: "r")
        #expect(try TableDump.of(path, ignoring: ["graded_at"]) == firstWithoutGradedAt)
        #expect(try TableDump.of(path) != first, "graded_at moved")

        // Same content, another result (a rubric fixed in between): replaced, not added.
        let fixed = fresh.grade("alice", variant: 3, contentHash: alice.contentHash)
        try gradebook.record(fixed, exercise: exercise, submittedAt: Self.submittedAt, revision: "r")
        #expect(try TableDump.counts(path) == first.mapValues(\.count))
        #expect(try gradebook.runs(student: "alice", exercise: exercise.id, contentHash: alice.contentHash) == GradebookRecordTests.expectedRuns(fixed))
        #expect(try gradebook.grades(exercise: exercise.id).map(\.points) == [fixed.points, alice.points])
    }

    @Test("new content adds a submission; the later one is the student's grade")
    func newContent() throws {
        let fresh = try FreshGradebook()
        let gradebook = fresh.gradebook, exercise = fresh.exercise
        let first = fresh.grade("alice", variant: 1)
        let second = fresh.grade("alice", variant: 0)
        #expect(first.contentHash != second.contentHash && first.points != second.points)
        try gradebook.record(second, exercise: exercise, submittedAt: Self.submittedAt.addingTimeInterval(86_400), revision: "r")
        try gradebook.record(first, exercise: exercise, submittedAt: Self.submittedAt, revision: "r")
        let history = try gradebook.submissions(student: "alice", exercise: exercise.id)
        #expect(history.map(\.contentHash) == [first.contentHash, second.contentHash], "earliest first")
        #expect(try gradebook.grades(exercise: exercise.id).map(\.contentHash) == [second.contentHash])
        #expect(try gradebook.latestGrades().map(\.contentHash) == [second.contentHash])
    }

    @Test("a grade of another exercise is refused, naming both exercises")
    func wrongExercise() throws {
        let fresh = try FreshGradebook()
        let other = try GradebookFixtures.exercise(id: "w07-soap", week: 7)
        #expect(throws: GradebookError.invalidValue(
            path: fresh.path, field: "exercise of alice's grade", value: "w06-crystal-graphs", reason: "must be the exercise it is recorded under, w07-soap")) {
            try fresh.gradebook.record(fresh.grade("alice"), exercise: other, submittedAt: nil, revision: "r")
        }
        #expect(try fresh.gradebook.latestGrades().isEmpty)
    }

    @Test("a failure in the middle of a record leaves the gradebook exactly as it was")
    func allOrNothing() throws {
        let fresh = try FreshGradebook()
        let path = fresh.path, gradebook = fresh.gradebook, exercise = fresh.exercise
        let alice = fresh.grade("alice")
        try gradebook.record(alice, exercise: exercise, submittedAt: Self.submittedAt, revision: "r")
        let before = try TableDump.of(path)
        // A NaN in the last case's check results: the submission, two runs with their checks
        // and the third run are written before SQLite refuses that check (points NOT NULL),
        // so the transaction must undo them all.
        for (student, hash) in [("alice", alice.contentHash), ("bob", nil)] {
            let broken = fresh.grade(student, variant: 5, contentHash: hash, nanInLastCase: true)
            let error = #expect(throws: GradebookError.self) {
                try gradebook.record(broken, exercise: exercise, submittedAt: Self.submittedAt.addingTimeInterval(60), revision: "r2")
            }
            #expect(error?.description.contains("check_results.points") == true, "\(String(describing: error))")
            #expect(error?.description.contains("nothing of this operation was written") == true)
            #expect(try TableDump.of(path) == before, "\(student): nothing half-written")
        }
        #expect(try gradebook.isGraded(student: "alice", exercise: exercise.id, contentHash: alice.contentHash, revision: "r"))
    }

    @Test("isGraded matches student, exercise, content and build; a grader error is tried again",
          arguments: [
            ("alice", "w06-crystal-graphs", "h1", "r1", true),
            ("alice", "w06-crystal-graphs", "h1", "r2", false),
            ("alice", "w06-crystal-graphs", "h2", "r1", false),
            ("alice", "w07-soap", "h1", "r1", false),
            ("bob", "w06-crystal-graphs", "h1", "r1", false),
            ("carol", "w06-crystal-graphs", "h3", "r1", false),
          ])
    func isGraded(student: String, exercise: String, hash: String, revision: String, expected: Bool) throws {
        let fresh = try FreshGradebook()
        let gradebook = fresh.gradebook, spec = fresh.exercise
        try gradebook.record(fresh.grade("alice", contentHash: "h1"), exercise: spec, submittedAt: nil, revision: "r1")
        try gradebook.record(StudentGrade(
            submission: StudentSubmission(studentID: "carol", folder: URL(fileURLWithPath: "/handins/carol")), contentHash: "h3",
            status: .graderError(message: "reference failed"), totalPoints: 10, gradedAt: Date(), wallSeconds: 1), exercise: spec, submittedAt: nil, revision: "r1")
        #expect(try gradebook.isGraded(student: student, exercise: exercise, contentHash: hash, revision: revision) == expected)
    }

    @Test("manual scores are kept with who and when, replaced per item, counted in the CSV export")
    func manualScoresAndExport() throws {
        let fresh = try FreshGradebook()
        let gradebook = fresh.gradebook, exercise = fresh.exercise
        let alice = fresh.grade("alice")
        try gradebook.record(alice, exercise: exercise, submittedAt: nil, revision: "r")
        try gradebook.record(GradebookFixtures.unusable(student: "bob, jr.", contentHash: "x"), exercise: exercise, submittedAt: nil, revision: "r")
        let when = Date(timeIntervalSince1970: 1_781_000_000)
        try gradebook.setManualScore(student: "alice", exercise: exercise, item: "talk", points: 1, comment: "draft", enteredBy: "ta", enteredAt: when)
        try gradebook.setManualScore(student: "alice", exercise: exercise, item: "talk", points: 2.5, comment: "clear slides", enteredBy: "prof", enteredAt: when)
        try gradebook.setManualScore(student: "dave", exercise: exercise, item: "talk", points: 1, enteredBy: "prof", enteredAt: when)
        #expect(try gradebook.manualScores(exercise: exercise.id) == [
            ManualScore(studentID: "alice", exerciseID: exercise.id, item: "talk", points: 2.5, comment: "clear slides", enteredBy: "prof", enteredAt: when),
            ManualScore(studentID: "dave", exerciseID: exercise.id, item: "talk", points: 1, comment: "", enteredBy: "prof", enteredAt: when),
        ])
        #expect(abs(alice.points - (2 + 8.0 / 3)) < 1e-12, "edges on the one clean run, count on two of three")
        #expect(try gradebook.csvExport() == """
            student,exercise,points,total
            alice,w06-crystal-graphs,7.166667,10
            "bob, jr.",w06-crystal-graphs,0,10

            """)
        #expect(throws: GradebookError.self) {
            try gradebook.setManualScore(student: "alice", exercise: exercise, item: "talk", points: .infinity, enteredBy: "prof")
        }
    }

    @Test("a late penalty recorded for the current submission scales its automatic points, not the manual ones")
    func latePenaltyInExport() throws {
        let fresh = try FreshGradebook()
        let path = fresh.path, gradebook = fresh.gradebook, exercise = fresh.exercise
        try gradebook.record(fresh.grade("alice"), exercise: exercise, submittedAt: nil, revision: "r")
        try gradebook.setManualScore(student: "alice", exercise: exercise, item: "talk", points: 1.333333, enteredBy: "prof")
        // No API writes penalties yet (the deadlines work will): a row of the test's own.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO late_penalties (submission_id, days_late, penalty_fraction) SELECT id, 2, 0.25 FROM submissions")
        }
        try queue.close()
        #expect(try gradebook.csvExport() == "student,exercise,points,total\nalice,w06-crystal-graphs,4.833333,10\n", "4.666667 x 0.75 + 1.333333")
        #expect(abs(GradeSheetEntry.finalPoints(automaticPoints: 8, penaltyFraction: 0.25, manualPoints: 2) - 8) < 1e-12)
    }
}
