import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` on every week-4 sample submission, in the real sandbox. Each
/// sample's public score and the checks it fails are pinned here (public total 90: the
/// invariance check, 10 points, runs on hidden cases only). Most samples use pymatgen
/// (scripts/requirements-submissions.txt), which the reference agrees with to 1e-13 eV/atom;
/// `correct-linprog` and the two hull mistakes build the lower hull with scipy's linprog.
@Suite("matgrade check, week 4 (end to end)")
struct Week04CommandTests {
    static let titles = [
        "formation": "Formation energies per atom",
        "hull": "Energy above the convex hull of every entry",
        "stable": "Entries on the convex hull",
        "metastable": "Entries within metastable_window",
        "decomposition": "Decomposition of the queried entries",
        "displacements": "Truss node displacements",
        "forces": "Truss member axial forces",
    ]

    /// Sample folder, expected score line, checks failed in at least one public case.
    static let samples: [(String, String, Set<String>)] = [
        ("correct", "score 90/90 on the public cases: all checks passed", []),
        ("correct-linprog", "score 90/90 on the public cases: all checks passed", []),
        ("hull-2d-projection", "score 53.33/90", ["hull", "stable", "metastable", "decomposition"]),
        ("no-elemental-references", "score 38.33/90", ["hull", "stable", "metastable", "decomposition"]),
        ("per-formula-unit", "score 20/90", ["formation", "hull", "stable", "metastable", "decomposition"]),
        ("first-polymorph-reference", "score 75/90", ["formation"]),
        ("convex-hull-vertices", "score 68.33/90", ["stable", "metastable"]),
        ("metastable-includes-stable", "score 80/90", ["metastable"]),
        ("truss-forgets-length", "score 80/90", ["displacements"]),
    ]

    @Test("each sample gets its pinned score and fails exactly its flaw's checks", arguments: samples.map(\.0))
    func sample(_ name: String) throws {
        let (_, score, failing) = try #require(Self.samples.first { $0.0 == name })
        try SampleExpectations.check("w04-stability", sample: name, score: score, failing: failing, titles: Self.titles)
    }


    /// Hidden cases (random chemical systems of each student's own) and the invariance check
    /// (reordered entries, shifted elemental energies) only run in `grade`.
    @Test("matgrade grade: hidden cases and the invariance check with the test secret; pinned points and failed checks")
    func gradeBatch() throws {
        let expected: [SampleExpectations.Graded] = [
            ("correct", 100, []),
            ("per-formula-unit", 25, ["formation-energies", "e-above-hull", "stable-set", "metastable-set", "decomposition", "hull-invariant"]),
        ]
        try SampleExpectations.grade("w04-stability", expected: expected, visibilities: ["public", "public", "public", "hidden", "hidden", "hidden"])
    }
}
