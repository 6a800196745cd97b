import Foundation
import GRDB
import Gradebook
import GradebookTestSupport
import Grading
import Testing

/// The grade sheet every report and export reads: current grades with their late penalty,
/// manual scores and runs, the students (with roster names) and exercises.
@Suite("gradebook grade sheet")
struct GradebookGradeSheetTests {
    @Test("entries carry the late penalty, manual scores and runs; final points = points x (1 - penalty) + manual")
    func entries() throws {
        let fresh = try FreshGradebook()
        let gradebook = fresh.gradebook, exercise = fresh.exercise
        let alice = fresh.grade("alice", contentHash: "a1")
        try gradebook.record(alice, exercise: exercise, submittedAt: nil, revision: "r")
        try gradebook.record(GradebookFixtures.unusable(student: "bob", contentHash: "b1"), exercise: exercise, submittedAt: nil, revision: "r")
        try gradebook.setManualScore(student: "alice", exercise: exercise, item: "talk", points: 2, enteredBy: "prof")
        try gradebook.setStudent(id: "alice", name: "Åsa Lindqvist, \"Ali\"", email: "asa@example.org")
        // No API writes penalties in this branch (the deadlines work will): a row of the test's own.
        let queue = try DatabaseQueue(path: fresh.path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO late_penalties (submission_id, days_late, penalty_fraction) SELECT id, 3, 0.3 FROM submissions WHERE student_id = 'alice'")
        }
        try queue.close()

        let sheet = try gradebook.gradeSheet(includingRuns: true)
        #expect(sheet.map(\.studentID) == ["alice", "bob"])
        let first = try #require(sheet.first)
        #expect(first.latePenalty == GradeSheetLatePenalty(daysLate: 3, penaltyFraction: 0.3))
        #expect(first.manualScores.map(\.item) == ["talk"])
        #expect(first.runs.count == alice.result?.cases.count, "one run per case")
        let expected = alice.points * 0.7 + 2
        #expect(abs(first.finalPoints - expected) < 1e-9, "final \(first.finalPoints), expected \(expected)")
        #expect(sheet[1].finalPoints == 0 && sheet[1].runs.isEmpty && sheet[1].latePenalty == nil)
        #expect(try gradebook.gradeSheet(exercises: ["w99-nothing"]).isEmpty)
        #expect(try gradebook.gradeSheet().allSatisfy { $0.runs.isEmpty }, "runs only when asked for")

        #expect(try gradebook.students() == [
            StudentRecord(id: "alice", name: "Åsa Lindqvist, \"Ali\"", email: "asa@example.org"), StudentRecord(id: "bob", name: nil, email: nil),
        ])
        #expect(try gradebook.student(id: "nobody") == nil)
        #expect(try gradebook.exercises().map(\.id) == [exercise.id])
        let single = try #require(try gradebook.gradeSheetEntry(student: "alice", exercise: exercise.id, contentHash: "a1"))
        #expect(single == first)
        #expect(try gradebook.gradeSheetEntry(student: "alice", exercise: exercise.id, contentHash: "other") == nil)
    }
}
