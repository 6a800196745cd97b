import Crystal
import Foundation
import TestSupport

// The golden fixture made by scripts/fixtures/magpie.py with matminer 0.10.1 (and pymatgen
// 2026.10.24): ElementProperty.from_preset("magpie") with impute_nan true (the preset's
// default) and false, Stoichiometry(), and MagpieData's per-element values. null in the JSON
// stands for NaN.

struct MagpieFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable {
        let formula: String
        let pymatgen_formula: String?
        let source: String
        let amounts: [String: Double]
        let magpie: [Double]
        let magpie_impute_nan_false: [Double?]
        let stoichiometry: [Double]
    }

    struct ElementValues: Decodable, Sendable {
        let impute_nan_true: [String: [Double]]
        let impute_nan_false: [String: [Double?]]
    }

    struct Parameters: Decodable, Sendable {
        struct Stoichiometry: Decodable, Sendable {
            let p_list: [Int]
            let num_atoms: Bool
        }
        let stoichiometry: Stoichiometry
    }

    let parameters: Parameters
    let magpie_labels: [String]
    let stoichiometry_labels: [String]
    let element_values: ElementValues
    let cases: [Case]

    static let url = RepositoryPaths.fixtures.appendingPathComponent("descriptors/magpie.json")

    static func load() throws -> MagpieFixture { try cached.get() }

    /// Read once per test process.
    private static let cached = Result { try JSONDecoder().decode(MagpieFixture.self, from: Data(contentsOf: url)) }

    /// The fixture's formulas, for parameterized tests. If the fixture cannot be read, one
    /// placeholder name, whose lookup then fails, so the suite cannot pass empty.
    static let formulas: [String] = {
        guard let fixture = try? load() else { return ["<Tests/Fixtures/descriptors/magpie.json unreadable>"] }
        return fixture.cases.map(\.formula)
    }()

    static func namedCase(_ formula: String) throws -> Case {
        guard let found = try load().cases.first(where: { $0.formula == formula }) else {
            throw MagpieFixtureMissing(formula: formula)
        }
        return found
    }
}

struct MagpieFixtureMissing: Error, CustomStringConvertible {
    let formula: String
    var description: String { "no case '\(formula)' in \(MagpieFixture.url.path)" }
}

/// nil (JSON null) as NaN.
func nanForNull(_ values: [Double?]) -> [Double] { values.map { $0 ?? .nan } }
