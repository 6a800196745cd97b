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
        try SampleExpectations.check("w03-simulation-assumptions", sample: name, score: score, failing: failing, titles: Self.titles)
    }

    /// Hidden cases (an Ising temperature drawn in 1.5...3.5 for each student) only run in
    /// `grade`; with the test secret the correct sample passes them too, and the missing
    /// 1/T² fails the heat capacity on every case.
    @Test("matgrade grade: hidden cases with the test secret; pinned points and failed checks")
    func gradeBatch() throws {
        let expected: [SampleExpectations.Graded] = [
            ("correct", 100, []),
            ("missing-factor", 90, ["ising-heat-capacity"]),
        ]
        try SampleExpectations.grade("w03-simulation-assumptions", expected: expected, visibilities: ["public", "public", "hidden", "hidden"])
    }
}
