import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` on the week-6 sample submissions, in the real sandbox (CI runs
/// as root). Each sample's expected outcome is pinned here.
@Suite("matgrade check (end to end)")
struct CheckCommandTests {
    @Test("the correct numpy solution passes every public check: exit 0, full marks")
    func correctSolution() throws {
        let result = try MatgradeProcess.run(["check", "w06-crystal-graphs", "submissions/w06-crystal-graphs/correct"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("score 85/85 on the public cases: all checks passed"), "\(result)")
        #expect(!result.standardOutput.contains("✘"), "\(result)")
        #expect(!result.standardOutput.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test("without periodic images: edges and MEGNet edges fail with the missing rows named, atom features pass; exit 1")
    func noPeriodicImages() throws {
        let result = try MatgradeProcess.run(["check", "6", "submissions/w06-crystal-graphs/no-periodic-images"])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("✘ CGCNN edges"), "\(result)")
        #expect(result.standardOutput.contains("no student row has its key columns"), "\(result)")
        #expect(result.standardOutput.contains("✔ One-hot atom features"), "\(result)")
        #expect(result.standardOutput.contains("score 15/85"), "\(result)")
    }

    @Test("a folder without solution.py is an input error that says what to do")
    func missingSolution() throws {
        let result = try MatgradeProcess.run(["check", "6", "exercises"])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("it has no solution.py"), "\(result)")
    }
}
