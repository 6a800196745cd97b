import Crystal
import Foundation
import Testing
import TestSupport

/// Where matgrade deliberately differs from pymatgen on a formula, and what it does instead.
struct DeliberateFormulaDifference: CustomTestStringConvertible, Sendable {
    enum Behaviour: Sendable {
        /// We read the input as this other formula, which pymatgen reads too: our values
        /// must equal pymatgen's values for it.
        case sameAs(String)
        /// We reject the input with an invalid-formula error whose message contains this.
        case rejected(messageContaining: String)
    }

    let input: String
    /// True when pymatgen rejects the input (and we accept it), false when pymatgen accepts it.
    let pymatgenRejects: Bool
    let ours: Behaviour
    let reason: String
    var testDescription: String { "'\(input)'" }
}

@Suite("Golden: lattices, compositions, supercells and densities agree with pymatgen")
struct GoldenBasicsTests {
    typealias Fixture = PymatgenBasicsFixture

    static let deliberateDifferences: [DeliberateFormulaDifference] = [
        DeliberateFormulaDifference(
            input: "CuSO4·5H2O", pymatgenRejects: true, ours: .sameAs("CuSO4(H2O)5"),
            reason: "the middle dot is how chemists write hydrates; pymatgen rejects it, we read it as the adduct"),
        DeliberateFormulaDifference(
            input: "Xx", pymatgenRejects: false, ours: .rejected(messageContaining: "unknown element symbol 'Xx'"),
            reason: "pymatgen makes a massless dummy species; a typo must not pass silently as an element"),
        DeliberateFormulaDifference(
            input: "D2O", pymatgenRejects: false, ours: .rejected(messageContaining: "unknown element symbol 'D'"),
            reason: "pymatgen writes D as H but weighs it as deuterium; our elements carry no isotopes, so we refuse rather than give H2O's weight"),
    ]

    static var latticesFromParameters: [Fixture.LatticeRecord] { Fixture.fixture?.lattices_from_parameters ?? [] }
    static var latticesFromMatrix: [Fixture.LatticeRecord] { Fixture.fixture?.lattices_from_matrix ?? [] }
    static var agreeingFormulas: [String] {
        let deliberate = Set(deliberateDifferences.map(\.input))
        return (Fixture.fixture?.compositions ?? []).map(\.input).filter { !deliberate.contains($0) }
    }
    static var supercellNames: [String] { (Fixture.fixture?.supercells ?? []).map(\.name) }
    static var densityFiles: [String] { (Fixture.fixture?.bundled_density ?? []).map(\.file) }

    /// Guards the parameterized tests below, which would pass vacuously with no cases.
    @Test("the basics fixture loads with every section populated")
    func inventory() throws {
        let fixture = try Fixture.loaded.get()
        #expect(fixture.pymatgen_version == "2026.10.24")
        #expect(fixture.lattices_from_parameters.count == 13)
        #expect(fixture.lattices_from_parameters.contains { !$0.valid }, "the impossible angle triple must be present")
        #expect(fixture.lattices_from_matrix.count == 3)
        #expect(fixture.compositions.count == 51)
        #expect(Self.agreeingFormulas.count == 51 - Self.deliberateDifferences.count)
        #expect(fixture.supercells.count == 7)
        #expect(fixture.bundled_density.count == 21)
        #expect(fixture.bundled_density.contains { !$0.is_ordered }, "the disordered file must be present")
    }

    // MARK: Lattices

    /// Matrix within 1e-12 A absolute (cos 90 deg leaves 3e-16 residues in both), volume,
    /// lengths and angles, `reciprocalLattice` (2 pi) and `reciprocalVectors` (no 2 pi).
    private func expectLatticeAgreement(_ lattice: Lattice, with record: Fixture.LatticeRecord) {
        let matrix = compare(lattice.matrix.flatMap { $0 }, record.matrix.flatMap { $0 }, atol: 1e-12, rtol: 0)
        #expect(matrix.isWithinTolerance, "matrix: \(matrix)")
        let volume = compare([lattice.volume], [record.volume], atol: 0, rtol: 1e-12)
        #expect(volume.isWithinTolerance, "volume: \(volume)")
        let lengths = compare([lattice.lengths.x, lattice.lengths.y, lattice.lengths.z], record.abc, atol: 1e-12, rtol: 0)
        #expect(lengths.isWithinTolerance, "lengths: \(lengths)")
        let angles = compare([lattice.angles.x, lattice.angles.y, lattice.angles.z], record.angles ?? [], atol: 1e-9, rtol: 0)
        #expect(angles.isWithinTolerance, "angles, degrees: \(angles)")
        let reciprocal = compare(lattice.reciprocalLattice.matrix.flatMap { $0 }, (record.reciprocal_lattice ?? []).flatMap { $0 }, atol: 1e-12, rtol: 0)
        #expect(reciprocal.isWithinTolerance, "reciprocalLattice (2 pi) vs reciprocal_lattice: \(reciprocal)")
        let crystallographic = compare(
            lattice.reciprocalVectors.flatMap { [$0.x, $0.y, $0.z] }, (record.reciprocal_lattice_crystallographic ?? []).flatMap { $0 },
            atol: 1e-12, rtol: 0)
        #expect(crystallographic.isWithinTolerance, "reciprocalVectors (no 2 pi) vs reciprocal_lattice_crystallographic: \(crystallographic)")
    }

    @Test("Lattice(a:b:c:alpha:beta:gamma:) is pymatgen's from_parameters; impossible angles are rejected", arguments: latticesFromParameters)
    func latticeFromParameters(_ record: Fixture.LatticeRecord) throws {
        let p = try #require(record.parameters, "fixture row without parameters")
        try #require(p.count == 6)
        guard record.valid else {
            // pymatgen clips the impossible triple into a flat cell (volume ~1e-15 A^3); we refuse it.
            let error = crystalError { try Lattice(a: p[0], b: p[1], c: p[2], alpha: p[3], beta: p[4], gamma: p[5]) }
            guard case .invalidLattice = error else {
                Issue.record("expected CrystalError.invalidLattice, got \(String(describing: error))")
                return
            }
            let message = error?.description ?? ""
            for (name, angle) in zip(["alpha", "beta", "gamma"], p[3...]) {
                #expect(message.contains("\(name) = \(angle)"), "the message must name \(name): \(message)")
            }
            return
        }
        expectLatticeAgreement(try Lattice(a: p[0], b: p[1], c: p[2], alpha: p[3], beta: p[4], gamma: p[5]), with: record)
    }

    @Test("Lattice(matrix:) agrees with pymatgen's Lattice(matrix)", arguments: latticesFromMatrix)
    func latticeFromMatrix(_ record: Fixture.LatticeRecord) throws {
        let rows = try #require(record.input_matrix, "fixture row without input_matrix")
        try #require(record.valid, "every matrix case is a valid cell")
        expectLatticeAgreement(try Lattice(matrix: rows), with: record)
    }

    // MARK: Compositions

    /// pymatgen's values where it has them; where it rejects the input, so must we.
    @Test("Composition(formula:) agrees with pymatgen's Composition", arguments: agreeingFormulas)
    func composition(_ input: String) throws {
        let record = try Fixture.composition(input)
        guard let pymatgenError = record.error else {
            expectCompositionAgreement(try Composition(formula: input), with: record)
            return
        }
        let error = crystalError { try Composition(formula: input) }
        #expect(error != nil, "pymatgen rejects '\(input)' (\(pymatgenError.type): \(pymatgenError.message)); so must we")
    }

    @Test("deliberate differences from pymatgen behave as documented", arguments: deliberateDifferences)
    func deliberateDifference(_ difference: DeliberateFormulaDifference) throws {
        // The fixture must still show pymatgen doing what the table says it does.
        let record = try Fixture.composition(difference.input)
        #expect((record.error != nil) == difference.pymatgenRejects, "pymatgen's behaviour changed: \(String(describing: record.error))")
        switch difference.ours {
        case let .sameAs(equivalent):
            let ours = try Composition(formula: difference.input)
            #expect(ours == (try Composition(formula: equivalent)), "'\(difference.input)' must read as '\(equivalent)'")
            expectCompositionAgreement(ours, with: try Fixture.composition(equivalent))
        case let .rejected(fragment):
            let error = crystalError { try Composition(formula: difference.input) }
            guard case .invalidFormula = error else {
                Issue.record("expected CrystalError.invalidFormula, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains(fragment) == true, "\(error?.description ?? "")")
        }
    }

    // MARK: Supercells

    /// Lattice within 1e-10 A, species in pymatgen's site order, fractional coordinates
    /// equal modulo 1 within 1e-10 (pymatgen wraps with numpy.mod, which can give 1 - 1e-16
    /// where we give 0).
    @Test("supercell(matrix:) agrees with pymatgen's make_supercell, site for site", arguments: supercellNames)
    func supercell(_ name: String) throws {
        let record = try #require(try Fixture.loaded.get().supercells.first { $0.name == name })
        let supercell = try record.structure.structure().supercell(matrix: record.scaling_matrix)
        let expected = record.result
        let lattice = compare(supercell.lattice.matrix.flatMap { $0 }, expected.lattice.flatMap { $0 }, atol: 1e-10, rtol: 0)
        #expect(lattice.isWithinTolerance, "lattice: \(lattice)")
        #expect(supercell.species.map(\.symbol) == expected.species, "species in site order")
        let coordinates = try expected.frac_coords.map(vector)
        let offsets = periodicDifferences(supercell.fractionalCoordinates, coordinates)
        let c = compare(offsets, [Double](repeating: 0, count: coordinates.count * 3), atol: 1e-10, rtol: 0)
        #expect(c.isWithinTolerance, "fractional coordinates modulo 1, site-by-site (index / 3 is the site): \(c)")
    }

    // MARK: Bundled structures

    @Test("density uses pymatgen's unit constants (amu -> g, A -> cm)")
    func densityUnits() throws {
        let parameters = try Fixture.loaded.get().parameters
        let units = compare([Structure.gramsPerAtomicMassUnit, 1e-8], [parameters.amu_to_g, parameters.angstrom_to_cm], atol: 0, rtol: 1e-15)
        #expect(units.isWithinTolerance, "[grams per amu, cm per Angstrom]: \(units)")
    }

    @Test("bundled structures: volume, weight and density as pymatgen's; the disordered one is rejected", arguments: densityFiles)
    func bundledDensity(_ file: String) throws {
        let record = try #require(try Fixture.loaded.get().bundled_density.first { $0.file == file })
        let path = RepositoryPaths.root.appendingPathComponent(file).path
        guard record.is_ordered else {
            let error = crystalError { try Structure.read(contentsOf: path) }
            guard case .malformedFile = error else {
                Issue.record("a partially occupied file must be rejected as malformed, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("partial occupancy is unsupported") == true, "\(error?.description ?? "")")
            return
        }
        let structure = try Structure.read(contentsOf: path)
        let aligned = alignedBySymbol(structure.composition.amounts, record.element_amounts)
        let amounts = compare(aligned.observed, aligned.expected, atol: 0, rtol: 0)
        #expect(amounts.isWithinTolerance, "element amounts of \(aligned.symbols): \(amounts)")
        let volume = compare([structure.lattice.volume], [record.volume], atol: 0, rtol: 1e-12)
        #expect(volume.isWithinTolerance, "volume, A^3: \(volume)")
        let weight = compare([structure.composition.weight], [record.weight_amu], atol: 0, rtol: 1e-9)
        #expect(weight.isWithinTolerance, "weight, amu: \(weight)")
        let density = compare([structure.density], [record.density], atol: 0, rtol: 1e-9)
        #expect(density.isWithinTolerance, "density, g/cm^3: \(density)")
    }
}
