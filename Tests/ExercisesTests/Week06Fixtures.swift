import Crystal
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

/// The public and hidden cases of `exercises/w06-crystal-graphs/exercise.toml`, as the engine
/// hands them over (params as JSON text).
struct Week06Case: CustomTestStringConvertible, Sendable {
    let name: String
    let generator: String
    let parametersJSON: String
    let seed: UInt64
    var testDescription: String { name }

    static let publicCases = [
        Week06Case(name: "silicon", generator: "bundled-structure", parametersJSON: #"{"structure": "Si"}"#, seed: 1),
        Week06Case(name: "strontium-titanate", generator: "bundled-structure", parametersJSON: #"{"structure": "SrTiO3"}"#, seed: 2),
        Week06Case(
            name: "skewed-rutile", generator: "bundled-structure",
            parametersJSON: #"{"structure": "TiO2", "cell_transformation": [[1, 0, 0], [1, 1, 0], [0, 0, 1]]}"#, seed: 3),
    ]
    static let hiddenCases = [
        Week06Case(
            name: "rattled-supercell", generator: "random-bundled-structure",
            parametersJSON: #"{"max_atoms": 40, "rattle_angstrom": 0.05, "skew": false}"#, seed: 11),
        Week06Case(
            name: "skewed-cell", generator: "random-bundled-structure",
            parametersJSON: #"{"max_atoms": 30, "rattle_angstrom": 0.02, "skew": true}"#, seed: 12),
    ]

    func input(seed override: UInt64? = nil) throws -> JSONValue {
        try Week06CrystalGraphs().input(
            generator: generator, parametersJSON: parametersJSON, seed: override ?? seed, data: courseData)
    }
}

let courseData = CourseData(dataFolder: RepositoryPaths.exercisesData)

/// The numbers of a JSON array of arrays, `[rows][columns]`.
func numberRows(_ value: JSONValue?) -> [[Double]] {
    (value?.arrayValue ?? []).map { ($0.arrayValue ?? []).map { $0.numberValue ?? .nan } }
}
