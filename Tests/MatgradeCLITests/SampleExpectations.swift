import Foundation
import Testing
import TestSupport

/// The two end-to-end checks every week's sample submissions get: `matgrade check` on one
/// sample (public cases) and `matgrade grade` on a batch of them with the test secret.
enum SampleExpectations {
    /// One graded sample: its points out of 100 and the ids of the checks it fails in at least one case.
    typealias Graded = (name: String, points: Double, failed: Set<String>)

    /// Runs `matgrade check EXERCISE submissions/EXERCISE/SAMPLE` and expects exit 0 when
    /// nothing fails (1 otherwise), the score line, and each titled check shown failing
    /// exactly when its key is in `failing` (and shown passing otherwise).
    /// - Returns: the run, for checks of its own.
    @discardableResult
    static func check(
        _ exercise: String, sample: String, score: String, failing: Set<String>, titles: [String: String]
    ) throws -> MatgradeProcess.Result {
        let result = try MatgradeProcess.run(["check", exercise, "submissions/\(exercise)/\(sample)"])
        #expect(result.status == (failing.isEmpty ? 0 : 1), "\(result)")
        #expect(result.standardOutput.contains(score), "\(result)")
        for (key, title) in titles {
            let failed = result.standardOutput.contains("✘ \(title)")
            #expect(failed == failing.contains(key), "\(sample): check \(key) failed = \(failed)\n\(result)")
            if !failing.contains(key) {
                #expect(result.standardOutput.contains("✔ \(title)"), "\(sample): check \(key) never shown passing\n\(result)")
            }
        }
        return result
    }

    /// Copies the `expected` samples of `exercise` into one batch, grades it with the test
    /// secret and expects exit 1 (some checks fail), each sample's points and failed checks,
    /// and its cases' visibilities in order.
    /// - Returns: the run, for checks of its own.
    @discardableResult
    static func grade(_ exercise: String, expected: [Graded], visibilities: [String]) throws -> MatgradeProcess.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-\(exercise)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let submissions = folder.appendingPathComponent("submissions")
        try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
        for sample in expected {
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("submissions/\(exercise)/\(sample.name)"),
                to: submissions.appendingPathComponent(sample.name))
        }
        let output = folder.appendingPathComponent("reports")
        let result = try MatgradeProcess.run(
            ["grade", exercise, submissions.path, "--jobs", "2", "-o", output.path, "--cache", folder.appendingPathComponent("cache").path],
            environment: ["MATGRADE_SECRET": GradeCommandTests.secret])
        #expect(result.status == 1, "some checks failed, so exit 1: \(result)")
        #expect(result.standardOutput.contains("\(expected.count) submissions of \(exercise) graded"), "\(result)")
        for sample in expected {
            let report = try SampleReport.load(output.appendingPathComponent("students/\(sample.name).json"))
            #expect(abs(report.points - sample.points) < 0.001, "\(sample.name): \(report.points) points, expected \(sample.points)")
            #expect(report.failedChecks == sample.failed, "\(sample.name): failed \(report.failedChecks.sorted()), expected \(sample.failed.sorted())")
            #expect(report.cases?.map(\.visibility) == visibilities, "\(sample.name)")
        }
        return result
    }
}
