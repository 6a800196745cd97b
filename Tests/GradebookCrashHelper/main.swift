import Foundation
import Gradebook
import GradebookTestSupport
import Grading

// gradebook-crash-helper GRADEBOOK COUNT [K/N]: records the grades of students s0 ... s(COUNT-1)
// (with K/N only those whose index is K mod N: one shard of the batch), skipping those already
// graded, printing "committed i" or "skipped i" after each and "done" at the end.
// GradebookTests kills it with SIGKILL mid-batch and runs it again to resume, runs two at once
// on one file, and runs shards side by side to merge them.

/// One line on standard output, written at once (no buffer to lose on SIGKILL).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let arguments = CommandLine.arguments
let shard = arguments.count == 4 ? arguments[3].split(separator: "/").compactMap { Int($0) } : [0, 1]
guard arguments.count == 3 || arguments.count == 4, let count = Int(arguments[2]), shard.count == 2, shard[1] > 0 else {
    FileHandle.standardError.write(Data("usage: gradebook-crash-helper GRADEBOOK COUNT [K/N]\n".utf8))
    exit(2)
}
do {
    let gradebook = try Gradebook.open(path: arguments[1])
    let exercise = try GradebookFixtures.exercise()
    let rubric = try GradebookFixtures.rubric(exercise)
    for index in 0..<count where index % shard[1] == shard[0] {
        let student = "s\(index)"
        let hash = ContentHash.hex(of: student)
        if try gradebook.isGraded(student: student, exercise: exercise.id, contentHash: hash, revision: "crash-test") {
            say("skipped \(index)")
            continue
        }
        let grade = GradebookFixtures.grade(student: student, exercise: exercise, rubric: rubric, variant: index, contentHash: hash)
        try gradebook.record(grade, exercise: exercise, submittedAt: nil, revision: "crash-test")
        say("committed \(index)")
    }
    say("done")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
