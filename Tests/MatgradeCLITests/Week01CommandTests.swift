import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` on every week-1 sample submission, in the real sandbox. Each
/// sample's public score and the checks it fails are pinned here (public total 90: the
/// invariance check, 10 points, runs on hidden cases only).
@Suite("matgrade check, week 1 (end to end)")
struct Week01CommandTests {
    static let titles = [
        "selection": "Entries that satisfy the selection's conditions",
        "lowest-id": "The most stable entry of the chemical system",
        "lowest-energy": "Its formation energy per atom",
        "space-group": "The most common space group of the family",
        "statistics": "Count, mean, median, standard deviation, minimum and maximum of the property",
    ]

    /// Sample folder, expected score line, checks failed in at least one public case.
    static let samples: [(String, String, Set<String>)] = [
        ("correct", "score 90/90 on the public cases: all checks passed", []),
        ("correct-pandas", "score 90/90 on the public cases: all checks passed", []),
        ("unknown-as-zero", "score 31.72/90", ["selection", "lowest-id", "lowest-energy", "space-group", "statistics"]),
        ("has-any-for-has-all", "score 70.45/90", ["selection"]),
        ("subsystems-included", "score 70/90", ["lowest-id", "lowest-energy"]),
        ("population-std", "score 85/90", ["statistics"]),
    ]

    @Test("each sample gets its pinned score and fails exactly its flaw's checks", arguments: samples.map(\.0))
    func sample(_ name: String) throws {
        let (_, score, failing) = try #require(Self.samples.first { $0.0 == name })
        try SampleExpectations.check("w01-materials-database", sample: name, score: score, failing: failing, titles: Self.titles)
    }

    /// Hidden cases (a random element pool per student) and the invariance check (the entries
    /// reordered) only run in `grade`.
    @Test("matgrade grade: hidden cases and the invariance check with the test secret; pinned points and failed checks")
    func gradeBatch() throws {
        let expected: [SampleExpectations.Graded] = [
            ("correct", 100, []),
            ("unknown-as-zero", 36.675, ["selection", "lowest-formation-id", "lowest-formation-energy", "space-group-mode", "property-statistics"]),
        ]
        try SampleExpectations.grade("w01-materials-database", expected: expected, visibilities: ["public", "public", "public", "hidden", "hidden", "hidden"])
    }
}
