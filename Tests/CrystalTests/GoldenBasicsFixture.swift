import Crystal
import Foundation
import Testing
import TestSupport

/// `Tests/Fixtures/crystal/pymatgen_basics.json`, made by
/// `scripts/fixtures/structure_basics.py` with pymatgen 2026.10.24: lattices, compositions,
/// supercells and the bundled structures' densities, as pymatgen computes them.
struct PymatgenBasicsFixture: Decodable, Sendable {
    struct Parameters: Decodable, Sendable {
        let amu_to_g: Double
        let angstrom_to_cm: Double
    }

    /// `Lattice.from_parameters(*parameters)` or `Lattice(input_matrix)`. `valid` is false for
    /// a flat cell (volume <= 1e-6 abc); its reciprocals and angles are then null.
    struct LatticeRecord: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let parameters: [Double]?
        let input_matrix: [[Double]]?
        let matrix: [[Double]]
        let volume: Double
        let valid: Bool
        let abc: [Double]
        let angles: [Double]?
        let reciprocal_lattice: [[Double]]?
        let reciprocal_lattice_crystallographic: [[Double]]?
        var testDescription: String { name }
    }

    struct ErrorRecord: Decodable, Sendable {
        let type: String
        let message: String
    }

    struct ReducedFormulaAndFactor: Decodable, Sendable {
        let formula: String
        let factor: Double
    }

    /// `Composition(input)`: either `error` (pymatgen rejected the input) or the values;
    /// `field_errors` lists values pymatgen could not compute (a dummy species' weight).
    struct CompositionRecord: Decodable, Sendable {
        let input: String
        let error: ErrorRecord?
        let element_amounts: [String: Double]?
        let num_atoms: Double?
        let weight_amu: Double?
        let fractional_composition: [String: Double]?
        let formula: String?
        let alphabetical_formula: String?
        let reduced_formula: String?
        let reduced_formula_and_factor: ReducedFormulaAndFactor?
        let field_errors: [String: ErrorRecord]?
    }

    /// `structure.make_supercell(scaling_matrix, to_unit_cell=True)`.
    struct SupercellRecord: Decodable, Sendable {
        let name: String
        let structure: StructureRecord
        let scaling_matrix: [[Int]]
        let result: StructureRecord
    }

    /// `Structure.from_file(file)`: composition, volume (A^3), density (g/cm^3).
    struct DensityRecord: Decodable, Sendable {
        let file: String
        let is_ordered: Bool
        let element_amounts: [String: Double]
        let weight_amu: Double
        let volume: Double
        let density: Double
    }

    let pymatgen_version: String
    let parameters: Parameters
    let lattices_from_parameters: [LatticeRecord]
    let lattices_from_matrix: [LatticeRecord]
    let compositions: [CompositionRecord]
    let supercells: [SupercellRecord]
    let bundled_density: [DensityRecord]

    static let loaded = decodeFixture(Self.self, "crystal/pymatgen_basics.json")

    static var fixture: PymatgenBasicsFixture? { try? loaded.get() }

    static func composition(_ input: String) throws -> CompositionRecord {
        guard let found = try loaded.get().compositions.first(where: { $0.input == input }) else {
            throw FixtureError.missingCase(input)
        }
        return found
    }
}

/// A fixture dictionary `{symbol: value}` and ours as two arrays in the same (sorted symbol)
/// order, for ``compare(_:_:atol:rtol:)``; a symbol missing on one side becomes NaN there.
func alignedBySymbol(_ observed: [Element: Double], _ expected: [String: Double]) -> (observed: [Double], expected: [Double], symbols: [String]) {
    let ours = Dictionary(uniqueKeysWithValues: observed.map { ($0.key.symbol, $0.value) })
    let symbols = Set(ours.keys).union(expected.keys).sorted()
    return (symbols.map { ours[$0] ?? .nan }, symbols.map { expected[$0] ?? .nan }, symbols)
}

/// Checks every value of `record` (pymatgen's) against `composition` (ours): amounts,
/// atom count, weight (1e-9 relative: both sum amount x mass from the same table),
/// fractions, and the four formula strings (pymatgen's `formula` and
/// `alphabetical_formula` have spaces between tokens; ours do not).
func expectCompositionAgreement(_ composition: Composition, with record: PymatgenBasicsFixture.CompositionRecord, sourceLocation: SourceLocation = #_sourceLocation) {
    let label = "'\(record.input)'"
    #expect(record.error == nil && record.field_errors == nil, "\(label): pymatgen computed no value to compare", sourceLocation: sourceLocation)
    if let amounts = record.element_amounts {
        let aligned = alignedBySymbol(composition.amounts, amounts)
        let c = compare(aligned.observed, aligned.expected, atol: 1e-12, rtol: 1e-12)
        #expect(c.isWithinTolerance, "\(label) amounts of \(aligned.symbols): \(c)", sourceLocation: sourceLocation)
    }
    if let fractions = record.fractional_composition {
        let aligned = alignedBySymbol(composition.fractions, fractions)
        let c = compare(aligned.observed, aligned.expected, atol: 1e-14, rtol: 1e-12)
        #expect(c.isWithinTolerance, "\(label) fractions of \(aligned.symbols): \(c)", sourceLocation: sourceLocation)
    }
    if let atoms = record.num_atoms {
        let c = compare([composition.atomCount], [atoms], atol: 0, rtol: 1e-12)
        #expect(c.isWithinTolerance, "\(label) atomCount: \(c)", sourceLocation: sourceLocation)
    }
    if let weight = record.weight_amu {
        let c = compare([composition.weight], [weight], atol: 0, rtol: 1e-9)
        #expect(c.isWithinTolerance, "\(label) weight, amu: \(c)", sourceLocation: sourceLocation)
    }
    let withoutSpaces = { (text: String?) in text?.replacingOccurrences(of: " ", with: "") }
    #expect(composition.formula == withoutSpaces(record.formula), "\(label) formula", sourceLocation: sourceLocation)
    #expect(composition.alphabeticalFormula == withoutSpaces(record.alphabetical_formula), "\(label) alphabetical formula", sourceLocation: sourceLocation)
    #expect(composition.reducedFormula == record.reduced_formula, "\(label) reduced formula", sourceLocation: sourceLocation)
    let reduced = composition.reducedFormulaAndFactor
    #expect(reduced.formula == record.reduced_formula_and_factor?.formula, "\(label) reducedFormulaAndFactor.formula", sourceLocation: sourceLocation)
    let factor = compare([reduced.factor], [record.reduced_formula_and_factor?.factor ?? .nan], atol: 0, rtol: 0)
    #expect(factor.isWithinTolerance, "\(label) reduction factor: \(factor)", sourceLocation: sourceLocation)
}
