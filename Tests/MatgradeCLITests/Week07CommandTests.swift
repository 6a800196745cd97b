import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` on every week-7 sample submission, in the real sandbox. Each
/// sample's public score and the checks it fails are pinned here (public total 80: the two
/// invariance checks, 20 points, run on hidden cases only). The SOAP samples need DScribe
/// (scripts/requirements-submissions.txt).
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

    /// Sample folder, expected score line, checks failed in at least one public case.
    static let samples: [(String, String, Set<String>)] = [
        ("correct", "score 80/80 on the public cases: all checks passed", []),
        ("plain-count", "score 70/80", ["voronoi"]),
        ("area-weights", "score 60/80", ["voronoi", "weighted"]),
        ("minimum-image", "score 60/80", ["cutoff"]),
        ("no-periodic-images", "score 53.33/80", ["vectors", "kernel", "ranking"]),
        ("wrong-species-order", "score 65/80", ["vectors"]),
        ("unnormalised-kernel", "score 66.67/80", ["kernel", "ranking"]),
        ("lmax-off-by-one", "score 55/80", ["vectors", "kernel"]),
    ]

    @Test("each sample gets its pinned score and fails exactly its flaw's checks", arguments: samples.map(\.0))
    func sample(_ name: String) throws {
        let (_, score, failing) = try #require(Self.samples.first { $0.0 == name })
        let result = try MatgradeProcess.run(["check", "w07-soap-similarity", "submissions/w07-soap-similarity/\(name)"])
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
}
