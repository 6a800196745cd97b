import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` on every week-7 sample submission, in the real sandbox. Each
/// sample's public score and the checks it fails are pinned here (public total 80: the two
/// invariance checks, 20 points, run on hidden cases only). The SOAP samples need DScribe
/// (scripts/requirements-submissions.txt). The hostile samples answer wrongly in ways specific to
/// week 7 (NaN in the SOAP answers, wrong shapes) or snoop, and must be graded, not crash.
@Suite("matgrade check, week 7 (end to end)")
struct Week07CommandTests {
    static let titles = [
        "cutoff": "Coordination by cutoff",
        "voronoi": "Voronoi coordination: faces of weight above voronoi_min_weight",
        "weighted": "Weighted Voronoi coordination",
        "vectors": "Averaged SOAP vectors in DScribe's layout",
        "kernel": "Normalised SOAP similarity matrix",
        "ranking": "Pairs of structures ranked from most to least alike",
    ]

    /// Sample folder, expected score line, checks failed in at least one public case, and what
    /// the report must say (the failure's reason).
    static let samples: [(String, String, Set<String>, says: [String])] = [
        ("correct", "score 80/80 on the public cases: all checks passed", [], []),
        ("plain-count", "score 70/80", ["voronoi"], []),
        ("area-weights", "score 60/80", ["voronoi", "weighted"], []),
        ("minimum-image", "score 60/80", ["cutoff"], []),
        ("no-periodic-images", "score 53.33/80", ["vectors", "kernel", "ranking"], []),
        ("wrong-species-order", "score 65/80", ["vectors"], []),
        ("unnormalised-kernel", "score 66.67/80", ["kernel", "ranking"], []),
        ("lmax-off-by-one", "score 55/80", ["vectors", "kernel"], []),
        // NaN and infinities in the SOAP vectors and kernel: 0 on those checks, named.
        ("hostile-nan-soap", "score 55/80", ["vectors", "kernel"], ["NaN"]),
        // Transposed vectors, a ragged kernel, a ranking of non-pairs: 0 with reasons.
        ("hostile-wrong-shapes", "score 50/80", ["vectors", "kernel", "ranking"],
         ["(transposed?)", "the array is ragged", "the student must rank the same items as the reference: missing 6 of 6"]),
        // Spins only on the supercell copy, which `check` never runs (invariance: hidden cases).
        ("hostile-slow-invariance", "score 80/80 on the public cases: all checks passed", [], []),
        // Answers nothing if it finds a grader file: full marks mean it found none.
        ("hostile-reads-grader-files", "score 80/80 on the public cases: all checks passed", [], []),
    ]

    @Test("each sample gets its pinned score and fails exactly its flaw's checks", arguments: samples.map(\.0))
    func sample(_ name: String) throws {
        let (_, score, failing, says) = try #require(Self.samples.first { $0.0 == name })
        let result = try SampleExpectations.check("w07-soap-similarity", sample: name, score: score, failing: failing, titles: Self.titles)
        for words in says {
            #expect(result.standardOutput.contains(words), "\(name): the report should say '\(words)'\n\(result)")
        }
        #expect(!result.standardOutput.contains("LEAKED"), "\(result)")
    }
}
