import Foundation
import Grading
import Reports
import Sandbox

extension Frontend {
    /// `matgrade check EX [PATH]`: a student's self-check. Runs the submission in PATH (a
    /// folder, default the working directory) on the exercise's public cases in the sandbox
    /// and reports per check. Returns the report and whether every check passed.
    public static func check(course: Course, exerciseName: String, submissionPath: String, workingDirectory: URL, colors: Bool) async throws -> (report: String, passed: Bool) {
        let exercise = try course.exercise(named: exerciseName)
        let rubric = try course.rubric(for: exercise)
        let submission = URL(fileURLWithPath: submissionPath, relativeTo: workingDirectory).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: submission.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw FrontendError.invalidOption(name: "PATH", value: submissionPath, reason: "not a folder; give the folder that holds your solution")
        }
        let program = exercise.command.dropFirst().first ?? exercise.command[0]
        guard FileManager.default.fileExists(atPath: submission.appendingPathComponent(program).path) || exercise.command.count == 1 else {
            throw FrontendError.invalidOption(
                name: "PATH", value: submission.path, reason: "it has no \(program); write your solution there (matgrade init \(exercise.id) copies a starter)")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let runner = try CaseRunner(sandbox: Sandbox(allowsOwnUser: true), workRoot: work)
        let grader = try Grader(course: course, exercise: exercise, rubric: rubric, runner: runner)
        let result = try await grader.grade(submission: submission, instances: grader.publicInstances)
        let report = TerminalReport(result: result, colors: colors, publicOnly: true).render()
        return (report, result.allPassed)
    }
}
