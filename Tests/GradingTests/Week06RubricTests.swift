import Foundation
import Testing
import TestSupport
@testable import Grading

@Suite("week 6 rubric")
struct Week06RubricTests {
    @Test("rubrics/w06-crystal-graphs.toml loads against its exercise.toml; points add up to 100")
    func loads() throws {
        let exercise = try ExerciseSpec.load(folder: RepositoryPaths.root.appendingPathComponent("exercises/w06-crystal-graphs"))
        let rubric = try RubricSpec.load(
            path: RepositoryPaths.root.appendingPathComponent("rubrics/w06-crystal-graphs.toml").path, exercise: exercise)
        #expect(rubric.total == 100)
        #expect(rubric.checks.map(\.id) == ["edges", "edge-features", "atom-features", "megnet-edges", "edges-invariant"])
        #expect(rubric.checks.map(\.comparator) == ["permutation", "allclose", "equal", "permutation", "invariance"])
    }
}
