import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` on every week-3 sample submission, in the real sandbox. Each
/// sample's public score and the checks it fails are pinned here (public total 100: every
/// check runs on the public cases too). The samples use numpy only; the Ising checks are
/// statistical, so a correct sample's pass is a draw with a chance of failure below 1 %
/// per check (Tests/ExercisesTests/Week03TrialTests.swift measures it), and its seeds are the
/// cases' own, so the pinned outcome is reproducible.
@Suite("matgrade check, week 3 (end to end)")
struct Week03CommandTests {
    static let titles = [
        "energy": "Lennard-Jones potential energy of the crystal",
        "forces": "Lennard-Jones forces on every atom",
        "positions": "Positions after the velocity-Verlet steps",
        "velocities": "Velocities after the velocity-Verlet steps",
        "temperatures": "Instantaneous kinetic temperature at every step",
        "magnetisation": "Ising: mean |magnetisation| per spin",
        "ising-energy": "Ising: mean energy per spin",
        "heat-capacity": "Ising: heat capacity per spin from energy fluctuations",
    ]

    /// Sample folder, expected score line, checks failed in at least one public case.
    static let samples: [(String, String, Set<String>)] = [
        ("correct", "score 100/100 on the public cases: all checks passed", []),
        ("wrong-temperature", "score 70/100", ["magnetisation", "ising-energy", "heat-capacity"]),
        ("missing-factor", "score 90/100", ["heat-capacity"]),
        ("no-minimum-image", "score 50/100", ["energy", "forces", "positions", "velocities", "temperatures"]),
        ("euler-integrator", "score 70/100", ["positions", "velocities", "temperatures"]),
    ]

    @Test("each sample gets its pinned score and fails exactly its flaw's checks", arguments: samples.map(\.0))
    func sample(_ name: String) throws {
        let (_, score, failing) = try #require(Self.samples.first { $0.0 == name })
        let result = try MatgradeProcess.run(["check", "w03-simulation-assumptions", "submissions/w03-simulation-assumptions/\(name)"])
        #expect(result.status == (failing.isEmpty ? 0 : 1), "\(result)")
        #expect(result.standardOutput.contains(score), "\(result)")
        for (key, title) in Self.titles {
            let failed = result.standardOutput.contains("✘ \(title)")
            #expect(failed == failing.contains(key), "\(name): check \(key) failed = \(failed)\n\(result)")
            if !failing.contains(key) {
                #expect(result.standardOutput.contains("✔ \(title)"), "\(name): check \(key) never shown passing\n\(result)")
            }
        }
    }

    /// Hidden cases (an Ising temperature drawn in 1.5...3.5 for each student) only run in
    /// `grade`; with the test secret the correct sample passes them too, and the missing
    /// 1/T² fails the heat capacity on every case.
    @Test("matgrade grade: hidden cases with the test secret; pinned points and failed checks")
    func gradeBatch() throws {
        let expected: [(name: String, points: Double, failed: Set<String>)] = [
            ("correct", 100, []),
            ("missing-factor", 90, ["ising-heat-capacity"]),
        ]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-w03-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let submissions = folder.appendingPathComponent("submissions")
        try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
        for (name, _, _) in expected {
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("submissions/w03-simulation-assumptions/\(name)"),
                to: submissions.appendingPathComponent(name))
        }
        let output = folder.appendingPathComponent("reports")
        let result = try MatgradeProcess.run(
            ["grade", "w03-simulation-assumptions", submissions.path, "--jobs", "2", "-o", output.path, "--cache", folder.appendingPathComponent("cache").path],
            environment: ["MATGRADE_SECRET": GradeCommandTests.secret])
        #expect(result.status == 1, "some checks failed, so exit 1: \(result)")
        #expect(result.standardOutput.contains("2 submissions of w03-simulation-assumptions graded"), "\(result)")
        for (name, points, failed) in expected {
            let report = try SampleReport.load(output.appendingPathComponent("students/\(name).json"))
            #expect(abs(report.points - points) < 0.001, "\(name): \(report.points) points, expected \(points)")
            #expect(report.failedChecks == failed, "\(name): failed \(report.failedChecks.sorted()), expected \(failed.sorted())")
            #expect(report.cases?.map(\.visibility) == ["public", "public", "hidden", "hidden"], "\(name)")
        }
    }
}
