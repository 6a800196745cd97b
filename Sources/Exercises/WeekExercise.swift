import Foundation
import JSONSupport

/// What the grading engine asks of one week's exercise: make case inputs, solve them, and
/// make the transformed copies that invariance checks rerun a student's program on.
///
/// Every method is a pure function of its arguments: the same generator, parameters, seed and
/// data give byte-identical input documents, so public cases are the same for every student
/// and hidden cases can be regenerated from the course secret. The engine owns everything
/// else (where seeds come from, caching reference outputs by input hash, running programs).
public protocol WeekExercise: Sendable {
    /// The exercise id, as in `exercise.toml` (`"w06-crystal-graphs"`).
    var id: String { get }

    /// The `input.json` document of one case.
    /// - Parameters:
    ///   - generator: the case's `generator` in `exercise.toml`.
    ///   - parametersJSON: the case's `params` table as JSON text (`{}` when it has none).
    ///   - seed: the case's seed (public) or one derived from the course secret (hidden).
    ///   - data: where the course data live.
    /// - Throws: ``ExercisesError/unknownGenerator(exercise:generator:known:)``,
    ///   ``ExercisesError/badParameter(name:value:fix:)``, ``ExercisesError/dataAccess(path:reason:)``.
    func input(generator: String, parametersJSON: String, seed: UInt64, data: CourseData) throws -> JSONValue

    /// The reference `output.json` for an input document (one this exercise generated, or an
    /// instructor's own that follows the README).
    /// - Throws: ``ExercisesError/badInput(field:reason:)``.
    func referenceOutput(for input: JSONValue) throws -> JSONValue

    /// Copies of `input` that a correct program must answer equivalently: the same crystal
    /// rotated, translated, with its sites permuted, ... Which outputs must stay put, and up
    /// to what, is the rubric's business.
    /// - Throws: ``ExercisesError/badInput(field:reason:)``.
    func invarianceVariants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant]
}

/// One transformed copy of a case input, for an `invariance` check.
public struct InvarianceVariant: Hashable, Sendable {
    /// What was done: `"rotated"`, `"translated"`, `"permuted"`.
    public let name: String
    /// The transformed `input.json` document.
    public let input: JSONValue
    /// For a permutation of the atoms: new atom k is old atom `siteOrder[k]`, `[atomCount]`;
    /// nil when atom indices are unchanged.
    public let siteOrder: [Int]?

    public init(name: String, input: JSONValue, siteOrder: [Int]? = nil) {
        self.name = name
        self.input = input
        self.siteOrder = siteOrder
    }
}

/// The course's shared data that generators read.
public struct CourseData: Hashable, Sendable {
    /// The `exercises/data` folder of the repository.
    public let dataFolder: URL

    public init(dataFolder: URL) {
        self.dataFolder = dataFolder
    }
}

/// Every week's exercise, by id.
public enum ExerciseRegistry {
    private static let all: [any WeekExercise] = [
        Week01Database(), Week02SimulationMethods(), Week03SimulationAssumptions(), Week04Stability(), Week05Descriptors(),
        Week06CrystalGraphs(), Week07SOAPSimilarity(),
    ]

    /// The ids of the exercises with week code, in week order.
    public static var ids: [String] { all.map(\.id) }

    /// The exercise with this id, nil when no week code exists for it.
    public static func exercise(id: String) -> (any WeekExercise)? {
        all.first { $0.id == id }
    }
}
