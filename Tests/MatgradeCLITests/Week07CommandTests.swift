import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` on the week-7 sample submissions (coordination part), in the
/// real sandbox. Each sample's expected outcome is pinned here.
@Suite("matgrade check, week 7 (end to end)")
struct Week07CommandTests {
    @Test("the correct numpy + scipy solution passes every public check: exit 0, full marks")
    func correctSolution() throws {
        let result = try MatgradeProcess.run(["check", "w07-soap-similarity", "submissions/w07-soap-similarity/correct"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("score 85/85 on the public cases: all checks passed"), "\(result)")
    }

    @Test("the plain count of Voronoi faces fails the minimum-weight check only; exit 1")
    func plainCount() throws {
        let result = try MatgradeProcess.run(["check", "7", "submissions/w07-soap-similarity/plain-count"])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("✘ Voronoi coordination: faces of weight above voronoi_min_weight"), "\(result)")
        #expect(result.standardOutput.contains("✔ Weighted Voronoi coordination"), "\(result)")
        #expect(result.standardOutput.contains("✔ Coordination by cutoff"), "\(result)")
    }

    @Test("the minimum-image convention fails coordination by cutoff only; exit 1")
    func minimumImage() throws {
        let result = try MatgradeProcess.run(["check", "7", "submissions/w07-soap-similarity/minimum-image"])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("✘ Coordination by cutoff"), "\(result)")
        #expect(result.standardOutput.contains("✔ Weighted Voronoi coordination"), "\(result)")
    }
}
