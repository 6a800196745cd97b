import JSONSupport
import Foundation

/// A week's checks as `rubrics/wNN-slug.toml` lists them: which output field, which
/// comparator with which options, how many points, on which cases, and the hint a student
/// sees when the check fails. The points add up to `total`.
///
/// ```toml
/// exercise = "w06-crystal-graphs"
/// total = 100
///
/// [[check]]
/// id = "edges"
/// title = "The 12 nearest neighbors of each atom, with periodic images"
/// field = "edges"
/// comparator = "permutation"
/// points = 30
/// cases = "all"                 # "all", "public", "hidden" or a list of case names
/// hint = "Include periodic images: a neighbor may sit in the next cell."
/// options = { atol = 1e-6, key_columns = [0, 1, 2, 3, 4] }
/// ```
public struct RubricSpec: Sendable, Equatable {
    public let exercise: String
    public let total: Double
    public let checks: [CheckSpec]
}

public struct CheckSpec: Sendable, Equatable {
    /// Which cases a check applies to.
    public enum CaseSelection: Sendable, Equatable {
        case all, publicOnly, hiddenOnly
        case named([String])
    }

    public let id: String
    public let title: String
    /// Dotted path of the output field the check reads (`edges`, `graph.nodes`).
    public let field: String
    /// `field`, parsed (the root for `manual` checks, which read no field).
    public let fieldPath: JSONPath
    /// The comparator's name as the rubric writes it (`allclose`, `permutation`, ...).
    public let comparator: String
    /// The comparator with its validated options.
    public let spec: ComparatorSpec
    /// The comparator's options as JSON text (the TOML `options` table converted).
    public let optionsJSON: String
    public let points: Double
    public let cases: CaseSelection
    public let hint: String
    /// The line of the `[[check]]` header, for messages about this check later on.
    public let line: Int?
}
