import Crystal
import Foundation
import Testing
import TestSupport

@Suite("Formats: extended XYZ reader")
struct FormatsExtendedXYZTests {
    private struct ASERead: Decodable {
        let cell: [[Double]]
        let symbols: [String]
        let positions: [[Double]]
    }

    /// ASE writes forces, energy and stress and two frames; the reader takes frame 1 and must
    /// agree with ASE's own reading of it.
    @Test("agrees with ASE on an ASE-written two-frame file with extra columns")
    func agreesWithASE() throws {
        let folder = RepositoryPaths.fixtures.appendingPathComponent("extxyz")
        let expected = try JSONDecoder().decode(ASERead.self, from: Data(contentsOf: folder.appendingPathComponent("ase-read.json")))
        let text = try String(contentsOf: folder.appendingPathComponent("ase-two-frames.extxyz"), encoding: .utf8)
        let structure = try Structure(extendedXYZ: text, path: "ase-two-frames.extxyz")
        #expect(structure.species.map(\.symbol) == expected.symbols)
        let lattice = compare(structure.lattice.matrix.flatMap { $0 }, expected.cell.flatMap { $0 }, atol: 1e-12, rtol: 0)
        #expect(lattice.isWithinTolerance, "\(lattice)")
        let positions = compare(flattened(structure.cartesianCoordinates), expected.positions.flatMap { $0 }, atol: 1e-12, rtol: 0)
        #expect(positions.isWithinTolerance, "\(positions)")
    }

    struct CommentCase: CustomTestStringConvertible, Sendable {
        let name: String
        let comment: String
        var testDescription: String { name }
    }

    static let commentCases: [CommentCase] = [
        CommentCase(name: "default Properties", comment: "Lattice=\"3 0 0 0 3 0 0 0 3\""),
        CommentCase(name: "spaces around = and single quotes", comment: "pbc = 'T T T'  Lattice = '3 0 0 0 3 0 0 0 3' Properties = species:S:1:pos:R:3"),
        CommentCase(name: "flags without values, braces, other keys", comment: "relaxed Lattice={3 0 0 0 3 0 0 0 3} config_type=\"bulk phase\" energy=-1.5"),
        CommentCase(name: "species after other columns", comment: "Lattice=\"3 0 0 0 3 0 0 0 3\" Properties=id:I:1:pos:R:3:species:S:1"),
        CommentCase(name: "partial periodicity is read as periodic", comment: "Lattice=\"3 0 0 0 3 0 0 0 3\" pbc=\"T T F\""),
    ]

    @Test("comment line variants", arguments: commentCases)
    func commentVariants(_ testCase: CommentCase) throws {
        let atoms = testCase.comment.contains("id:I:1")
            ? "7 0.0 0.0 0.0 Cu\n8 1.5 1.5 1.5 Au\n" : "Cu 0.0 0.0 0.0\nAu 1.5 1.5 1.5\n"
        let structure = try Structure(extendedXYZ: "2\n\(testCase.comment)\n\(atoms)", path: "x.xyz")
        #expect(structure.species.map(\.symbol) == ["Cu", "Au"])
        let coordinates = compare(flattened(structure.fractionalCoordinates), [0, 0, 0, 0.5, 0.5, 0.5], atol: 1e-15, rtol: 0)
        #expect(coordinates.isWithinTolerance, "\(coordinates)")
    }

    @Test("the writer emits Lattice, Properties and pbc")
    func writerShape() throws {
        let text = try bundledStructure("CsCl").extendedXYZString()
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "2")
        #expect(lines[1].hasPrefix("Lattice=\""))
        #expect(lines[1].hasSuffix("\" Properties=species:S:1:pos:R:3 pbc=\"T T T\""))
        #expect(lines[2].hasPrefix("Cs  "))
    }
}
