import Foundation
import Testing
import TestSupport

/// End-to-end: week 2's samples through `matgrade check` (public cases) and one
/// `matgrade grade` batch with the test secret (hidden cases too), in the real sandbox.
/// numpy only.
@Suite("matgrade check and grade, week 2 (end to end)")
struct Week02CommandTests {
    static let structured = ["method-li-diffusivity", "bias-li-diffusivity", "method-bracket-stress", "bias-bracket-stress",
                             "method-order-disorder", "bias-order-disorder", "bias-formation-enthalpy",
                             "method-thermal-expansion", "bias-thermal-expansion"]

    /// Sample, public score line, points with the test secret, checks failed.
    static let samples: [(name: String, score: String, points: Double, failed: Set<String>)] = [
        ("correct", "score 100/100 on the public cases: all checks passed", 100, []),
        ("dft-for-everything", "score 60/100", 60, Set(structured)),
        ("error-sign-flipped", "score 92/100", 92, ["gap-mean-signed-error"]),
        ("regression-reversed", "score 90/100", 90, ["gap-correction"]),
        ("linear-scaling-fit", "score 86/100", 86, ["scaling-exponent", "predicted-seconds"]),
    ]

    @Test("each sample's public score is pinned", arguments: samples.map(\.name))
    func check(_ name: String) throws {
        let sample = try #require(Self.samples.first { $0.name == name })
        let result = try MatgradeProcess.run(["check", "w02-simulation-methods", "submissions/w02-simulation-methods/\(name)"])
        #expect(result.status == (sample.failed.isEmpty ? 0 : 1), "\(result)")
        #expect(result.standardOutput.contains(sample.score), "\(result)")
        if name == "dft-for-everything" {
            // A wrong answer from the vocabulary hears only that it earns no credit.
            #expect(result.standardOutput.contains("answer \"band-gap-underestimation\" earns no credit"), "\(result)")
            #expect(!result.standardOutput.contains("is not one of the options"), "\(result)")
            #expect(result.standardOutput.contains("answer \"DFT\" earns 0.5 credit"), "\(result)")
        }
    }


    @Test("matgrade grade: the five samples with the test secret; pinned points and failed checks")
    func gradeBatch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-w02-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("reports")
        let result = try MatgradeProcess.run(
            ["grade", "w02-simulation-methods", RepositoryPaths.root.appendingPathComponent("submissions/w02-simulation-methods").path,
             "--jobs", "2", "-o", output.path, "--gradebook", folder.appendingPathComponent("gradebook.sqlite").path],
            environment: ["MATGRADE_SECRET": GradeCommandTests.secret])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("5 submissions of w02-simulation-methods graded"), "\(result)")
        for sample in Self.samples {
            let report = try SampleReport.load(output.appendingPathComponent("students/\(sample.name).json"))
            #expect(abs(report.points - sample.points) < 0.001, "\(sample.name): \(report.points)")
            #expect(report.failedChecks == sample.failed, "\(sample.name): \(report.failedChecks.sorted())")
            #expect(report.cases?.map(\.visibility) == ["public", "public", "hidden", "hidden"], "\(sample.name)")
        }
    }
}
