import Crystal
import Foundation
import Testing
import TestSupport

@Suite("Formats: POSCAR reader")
struct FormatsPOSCARTests {
    /// A file and what it must give: lattice rows and fractional coordinates, worked out by
    /// hand from the VASP conventions.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let species: [String]
        let lattice: [[Double]]
        let fractional: [[Double]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "VASP 5, Direct, scale 1",
            text: "FeO\n1.0\n4 0 0\n0 4 0\n0 0 4\nFe O\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n",
            species: ["Fe", "O"], lattice: [[4, 0, 0], [0, 4, 0], [0, 0, 4]], fractional: [[0, 0, 0], [0.5, 0.5, 0.5]]),
        Case(
            name: "Cartesian positions are scaled too (scale 2)",
            text: "x\n2.0\n1 0 0\n0 1 0\n0 0 1\nNa Cl\n1 1\nCartesian\n0 0 0\n0.5 0.25 0.5\n",
            species: ["Na", "Cl"], lattice: [[2, 0, 0], [0, 2, 0], [0, 0, 2]], fractional: [[0, 0, 0], [0.5, 0.25, 0.5]]),
        Case(
            name: "negative scale is the cell volume (-8 A^3 makes a 2 A cube)",
            text: "x\n-8\n1 0 0\n0 1 0\n0 0 1\nSi\n1\nDirect\n0.25 0.25 0.25\n",
            species: ["Si"], lattice: [[2, 0, 0], [0, 2, 0], [0, 0, 2]], fractional: [[0.25, 0.25, 0.25]]),
        Case(
            name: "three scale factors scale x, y and z",
            text: "x\n1 2 3\n1 0 0\n0 1 0\n0 0 1\nSi\n1\nKartesian\n0.5 1 1.5\n",
            species: ["Si"], lattice: [[1, 0, 0], [0, 2, 0], [0, 0, 3]], fractional: [[0.5, 1, 1.5]]),
        Case(
            name: "Selective dynamics flags, POTCAR symbols, comments and a velocity block",
            text: """
                CONTCAR from a relaxation
                   1.00000000000000
                     3.0000000000000000    0.0000000000000000    0.0000000000000000
                     0.0000000000000000    3.0000000000000000    0.0000000000000000
                     0.0000000000000000    0.0000000000000000    3.0000000000000000
                   Li_sv   Fe/a1b2c3
                     2     1   ! counts
                Selective dynamics
                Direct
                  0.0000000000000000  0.0000000000000000  0.0000000000000000   F   F   F
                  0.5000000000000000  0.5000000000000000  0.0000000000000000   T   T   T
                  0.2500000000000000  0.2500000000000000  0.5000000000000000   T   T   F   # Fe

                  0.00000000E+00  0.00000000E+00  0.00000000E+00
                  0.00000000E+00  0.00000000E+00  0.00000000E+00
                  0.00000000E+00  0.00000000E+00  0.00000000E+00

                """,
            species: ["Li", "Li", "Fe"], lattice: [[3, 0, 0], [0, 3, 0], [0, 0, 3]],
            fractional: [[0, 0, 0], [0.5, 0.5, 0], [0.25, 0.25, 0.5]]),
        Case(
            name: "a species repeated in two groups, empty comment line",
            text: "\n1\n5 0 0\n0 5 0\n0 0 5\nO Fe O\n1 1 1\nd\n0 0 0\n0.5 0 0\n0 0.5 0\n",
            species: ["O", "Fe", "O"], lattice: [[5, 0, 0], [0, 5, 0], [0, 0, 5]], fractional: [[0, 0, 0], [0.5, 0, 0], [0, 0.5, 0]]),
    ]

    @Test("reads", arguments: cases)
    func reads(_ testCase: Case) throws {
        let structure = try Structure(poscar: testCase.text, path: "POSCAR")
        #expect(structure.species.map(\.symbol) == testCase.species)
        #expect(structure.labels == testCase.species)
        let lattice = compare(structure.lattice.matrix.flatMap { $0 }, testCase.lattice.flatMap { $0 }, atol: 1e-12, rtol: 0)
        #expect(lattice.isWithinTolerance, "lattice: \(lattice)")
        let coordinates = compare(flattened(structure.fractionalCoordinates), testCase.fractional.flatMap { $0 }, atol: 1e-12, rtol: 0)
        #expect(coordinates.isWithinTolerance, "coordinates: \(coordinates)")
    }

    @Test("a VASP 4 file (no symbol line) reads with species:")
    func vasp4WithSpecies() throws {
        let text = "old file\n1.0\n4 0 0\n0 4 0\n0 0 4\n1 2\nDirect\n0 0 0\n0.5 0.5 0.5\n0.5 0 0\n"
        let species = try [Element(symbol: "Ti"), Element(symbol: "O")]
        let structure = try Structure(poscar: text, path: "POSCAR", species: species)
        #expect(structure.species.map(\.symbol) == ["Ti", "O", "O"])
        // The file's own symbol line wins over the argument.
        let vasp5 = "x\n1.0\n4 0 0\n0 4 0\n0 0 4\nSr O\n1 2\nDirect\n0 0 0\n0.5 0.5 0.5\n0.5 0 0\n"
        #expect(try Structure(poscar: vasp5, path: "POSCAR", species: species).species.map(\.symbol) == ["Sr", "O", "O"])
    }

    @Test("the writer emits VASP 5 Direct with symbols")
    func writerShape() throws {
        let text = try bundledStructure("LiFePO4").poscarString()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "Li4 Fe4 P4 O16")
        #expect(lines[1] == "1.0")
        #expect(lines[5] == "Li Fe P O")
        #expect(lines[6] == "4 4 4 16")
        #expect(lines[7] == "Direct")
        #expect(lines.count == 8 + 28 + 1)
        #expect(try bundledStructure("Si").poscarString(comment: "silicon\nsecond line").hasPrefix("silicon second line\n"))
    }
}
