import Crystal
import Foundation
import Testing
import TestSupport

/// One structure as pymatgen's CifParser read it (Tests/Fixtures/cif/pymatgen-parsed.json,
/// made by scripts/fixtures/cif_pymatgen.py).
struct PymatgenParsedCIF: Decodable, Sendable {
    let lattice: [[Double]]
    let species: [String]
    let frac_coords: [[Double]]
    let labels: [String]
}

private struct PymatgenParsedFixture: Decodable {
    let pymatgen_version: String
    let structures: [String: PymatgenParsedCIF]
}

private func pymatgenFixture() throws -> PymatgenParsedFixture {
    let url = RepositoryPaths.fixtures.appendingPathComponent("cif/pymatgen-parsed.json")
    return try JSONDecoder().decode(PymatgenParsedFixture.self, from: Data(contentsOf: url))
}

private func fixtureFileNames() -> [String] {
    ((try? pymatgenFixture().structures.keys.sorted()) ?? []).map { $0 }
}

private func readFixtureCIF(_ relativePath: String) throws -> Structure {
    let url = RepositoryPaths.fixtures.appendingPathComponent("cif/\(relativePath)")
    return try Structure(cif: try String(contentsOf: url, encoding: .utf8), path: relativePath)
}

@Suite("Formats: CIF reader")
struct FormatsCIFTests {
    /// Guards the parameterized test below, which would pass vacuously with no fixture.
    @Test("the 14 golden CIF fixtures load")
    func fixtureInventory() {
        #expect(fixtureFileNames().count == 14)
    }

    /// pymatgen sorts the sites by electronegativity after expanding them; within one element
    /// its order is the expansion order, which matgrade keeps. So the lattice must agree, and
    /// for each element the sequence of coordinates and labels must agree, in order.
    @Test("agrees with pymatgen's CifParser on the golden fixtures", arguments: fixtureFileNames())
    func agreesWithPymatgen(file: String) throws {
        let expected = try #require(try pymatgenFixture().structures[file])
        let structure = try readFixtureCIF(file)

        let lattice = compare(structure.lattice.matrix.flatMap { $0 }, expected.lattice.flatMap { $0 }, atol: 1e-9, rtol: 0)
        #expect(lattice.isWithinTolerance, "lattice: \(lattice)")
        #expect(structure.atomCount == expected.species.count)
        #expect(structure.species.map(\.symbol).sorted() == expected.species.sorted())

        for symbol in Set(expected.species).sorted() {
            let ours = structure.species.indices.filter { structure.species[$0].symbol == symbol }
            let theirs = expected.species.indices.filter { expected.species[$0] == symbol }
            #expect(ours.map { structure.labels[$0] } == theirs.map { expected.labels[$0] }, "labels of \(symbol)")
            let expectedCoordinates = theirs.map { SIMD3(expected.frac_coords[$0][0], expected.frac_coords[$0][1], expected.frac_coords[$0][2]) }
            let offsets = periodicDifferences(ours.map { structure.fractionalCoordinates[$0] }, expectedCoordinates)
            let coordinates = compare(offsets, [Double](repeating: 0, count: expectedCoordinates.count * 3), atol: 1e-9, rtol: 0)
            #expect(coordinates.isWithinTolerance, "coordinates of \(symbol) in order: \(coordinates)")
        }
    }

    @Test("rutile: 16 operations on 2 sites give 6 atoms in expansion order")
    func rutile() throws {
        let structure = try readFixtureCIF("hand-written/rutile-TiO2-P4_2mnm.cif")
        #expect(structure.species.map(\.symbol) == ["Ti", "Ti", "O", "O", "O", "O"])
        #expect(structure.labels == ["Ti1", "Ti1", "O1", "O1", "O1", "O1"])
        let x = 0.30478
        // Images of (x, x, 0) under operations 1-4; operations 5-16 repeat them.
        let expected: [SIMD3<Double>] = [
            SIMD3(0, 0, 0), SIMD3(0.5, 0.5, 0.5),
            SIMD3(x, x, 0), SIMD3(1 - x, 1 - x, 0), SIMD3(0.5 - x, 0.5 + x, 0.5), SIMD3(0.5 + x, 0.5 - x, 0.5),
        ]
        let comparison = compare(flattened(structure.fractionalCoordinates), flattened(expected), atol: 1e-12, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
        let lengths = compare([structure.lattice.lengths.x, structure.lattice.lengths.z], [4.5937, 2.9587], atol: 1e-12, rtol: 0)
        #expect(lengths.isWithinTolerance, "\(lengths)")
    }

    @Test("CsCl: every operation maps each site onto itself, so 8 images merge into 1")
    func cesiumChloride() throws {
        let structure = try readFixtureCIF("hand-written/CsCl-Pm-3m-some-operations.cif")
        #expect(structure.species.map(\.symbol) == ["Cs", "Cl"])
        #expect(structure.fractionalCoordinates == [SIMD3(0, 0, 0), SIMD3(0.5, 0.5, 0.5)])
    }

    @Test("wurtzite: 0.3333 and 0.6667 are read as thirds, so hexagonal images merge")
    func wurtzite() throws {
        let structure = try readFixtureCIF("hand-written/wurtzite-ZnO-P6_3mc.cif")
        #expect(structure.species.map(\.symbol) == ["Zn", "Zn", "O", "O"])
        #expect(structure.fractionalCoordinates[0] == SIMD3(1.0 / 3.0, 2.0 / 3.0, 0))
        #expect(abs(structure.lattice.angles.z - 120) < 1e-10)
    }

    @Test("syntax: second data block, text field, quotes, comments, ?, . and charged symbols")
    func syntax() throws {
        let structure = try readFixtureCIF("hand-written/monoclinic-P2_1c-two-blocks.cif")
        #expect(structure.atomCount == 14)
        #expect(structure.composition.amounts == [try Element(symbol: "Ca"): 2, try Element(symbol: "W"): 4, try Element(symbol: "O"): 8])
        #expect(structure.labels.filter { $0 == "Ca1" }.count == 2)
        #expect(abs(structure.lattice.angles.y - 103.52) < 1e-10)
    }

    /// Small inline files for one rule each.
    struct InlineCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let symbols: [String]
        let labels: [String]
        var testDescription: String { name }
    }

    static let cell = """
        _cell_length_a 4
        _cell_length_b 4
        _cell_length_c 4
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90

        """

    static let inlineCases: [InlineCase] = [
        InlineCase(
            name: "species from labels (Fe1 -> Fe, O2a -> O), case-insensitive like pymatgen (FE3 -> Fe)",
            text: "data_x\n\(cell)loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nFe1 0 0 0\nO2a 0.5 0.5 0.5\nFE3 0.5 0 0\n",
            symbols: ["Fe", "O", "Fe"], labels: ["Fe1", "O2a", "FE3"]),
        InlineCase(
            name: "type symbols with charges; '?' type symbol falls back to the label",
            text: "data_x\n\(cell)loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nA1 Fe2+ 0 0 0\nB1 O2- 0.5 0.5 0.5\nCl1 ? 0.5 0 0\n",
            symbols: ["Fe", "O", "Cl"], labels: ["A1", "B1", "Cl1"]),
        InlineCase(
            name: "one site given as items instead of a loop, no label",
            text: "data_x\n\(cell)_atom_site_type_symbol Cu\n_atom_site_fract_x 0.1\n_atom_site_fract_y 0.2\n_atom_site_fract_z 0.3\n",
            symbols: ["Cu"], labels: ["Cu"]),
        InlineCase(
            name: "occupancy 0 is skipped, 0.9995 counts as 1, ? and . as 1",
            text: "data_x\n\(cell)loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\nNa1 0 0 0 0.9995\nK1 0.5 0.5 0.5 0\nCl1 0.5 0 0 ?\nBr1 0 0.5 0 .\n",
            symbols: ["Na", "Cl", "Br"], labels: ["Na1", "Cl1", "Br1"]),
        InlineCase(
            name: "quoted labels with spaces and an apostrophe; tags in any case",
            text: "data_x\n\(cell)LOOP_\n_Atom_Site_Label\n_atom_site_type_symbol\n_ATOM_SITE_FRACT_X\n_atom_site_fract_y\n_atom_site_fract_z\n'Fe one' Fe 0 0 0\n'O's' O 0.5 0.5 0.5\n\"O two\" O 0.25 0.25 0.25\n",
            symbols: ["Fe", "O", "O"], labels: ["Fe one", "O's", "O two"]),
        InlineCase(
            name: "P1 named 'P 1' without operations; coordinates outside [0, 1) wrapped",
            text: "data_x\n_symmetry_space_group_name_H-M 'P 1'\n\(cell)loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nSi1 1.25 -0.25 2.0\n",
            symbols: ["Si"], labels: ["Si1"]),
        InlineCase(
            name: "Windows line endings and a byte-order mark",
            text: "\u{FEFF}data_x\r\n\(cell.replacingOccurrences(of: "\n", with: "\r\n"))loop_\r\n_atom_site_label\r\n_atom_site_fract_x\r\n_atom_site_fract_y\r\n_atom_site_fract_z\r\nMg1 0 0 0\r\n",
            symbols: ["Mg"], labels: ["Mg1"]),
    ]

    @Test("inline files", arguments: inlineCases)
    func inline(_ testCase: InlineCase) throws {
        let structure = try Structure(cif: testCase.text, path: "inline.cif")
        #expect(structure.species.map(\.symbol) == testCase.symbols)
        #expect(structure.labels == testCase.labels)
        #expect(structure.fractionalCoordinates.allSatisfy { $0.min() >= 0 && $0.max() < 1 })
    }

    @Test("symmetry operations in several spellings give the same images")
    func operationSpellings() throws {
        let spellings = [
            ("x,y,z", "-x+1/2, y, -z+3/4"),
            ("X, Y, Z", "1/2-X, +Y, 3/4-Z"),
            ("x, y, z", "0.5-x, y, 0.75-z"),
            ("+x,+y,+z", "-x+1/2,y+0,-z+3/4"),
        ]
        var results: [[SIMD3<Double>]] = []
        for (first, second) in spellings {
            let text = "data_x\n\(Self.cell)loop_\n_space_group_symop_operation_xyz\n'\(first)'\n'\(second)'\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nAu1 0.1 0.2 0.3\n"
            results.append(try Structure(cif: text, path: "ops.cif").fractionalCoordinates)
        }
        let expected = [SIMD3(0.1, 0.2, 0.3), SIMD3(0.4, 0.2, 0.45)]
        for result in results {
            let comparison = compare(flattened(result), flattened(expected), atol: 1e-12, rtol: 0)
            #expect(comparison.isWithinTolerance, "\(comparison)")
        }
        // A hexagonal operation mixing x and y.
        let hexagonal = "data_x\n\(Self.cell)loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\nx-y,x,z+1/2\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nAu1 0.7 0.2 0.3\n"
        let images = try Structure(cif: hexagonal, path: "hex.cif").fractionalCoordinates
        let comparison = compare(flattened(images), flattened([SIMD3(0.7, 0.2, 0.3), SIMD3(0.5, 0.7, 0.8)]), atol: 1e-12, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }

    @Test("the written CIF is P1 with one x, y, z operation and occupancy 1")
    func writerShape() throws {
        let text = try bundledStructure("LiFePO4").cifString()
        #expect(text.contains("data_Li4Fe4P4O16\n"))
        #expect(text.contains("_symmetry_space_group_name_H-M   'P 1'\n"))
        #expect(text.contains("_chemical_formula_sum   'Li4 Fe4 P4 O16'\n"))
        #expect(text.contains("  1  'x, y, z'\n"))
        let siteLines = text.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.hasSuffix("  1") }
        #expect(siteLines.count == 28)
    }
}
