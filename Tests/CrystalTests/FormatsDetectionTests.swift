import Crystal
import Foundation
import Testing
import TestSupport

/// A fresh temporary folder, removed by `remove()`.
private struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

@Suite("Formats: detection, read(contentsOf:) and write(to:)")
struct FormatsDetectionTests {
    static let names: [(String, StructureFileFormat?)] = [
        ("NaCl.cif", .cif), ("/data/run 1/NaCl.CIF", .cif), ("Fe2O3.json", .pymatgenJSON), ("frames.xyz", .extendedXYZ),
        ("frames.extxyz", .extendedXYZ), ("POSCAR", .poscar), ("CONTCAR", .poscar), ("relax/CONTCAR_final", .poscar),
        ("Si.POSCAR", .poscar), ("poscar.Si", .poscar), ("Si.vasp", .poscar), ("structure", nil), ("notes.txt", nil),
        ("POSCAR.cif", .cif),
    ]

    @Test("format from the file name", arguments: names)
    func fromName(name: String, expected: StructureFileFormat?) {
        #expect(StructureFileFormat(fileName: name) == expected)
    }

    static let contents: [(String, StructureFileFormat?)] = [
        ("data_NaCl\n_cell_length_a 5.64\n", .cif),
        ("# made by hand\n\n  #another comment\nDATA_x\n", .cif),
        ("  \n{\"lattice\": {}}", .pymatgenJSON),
        ("2\nLattice=\"4 0 0 0 4 0 0 0 4\"\nFe 0 0 0\nO 2 2 2\n", .extendedXYZ),
        ("2\nwater, no cell\nO 0 0 0\nH 1 0 0\n", .extendedXYZ),
        ("Fe O\n1.0\n4 0 0\n0 4 0\n0 0 4\nFe O\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n", .poscar),
        ("8\n1.0\n4 0 0\n0 4 0\n0 0 4\nSi\n1\nDirect\n0 0 0\n", .poscar),
        ("", nil),
        (" \n\t\n", nil),
    ]

    @Test("format from the content", arguments: contents)
    func fromContent(text: String, expected: StructureFileFormat?) {
        #expect(StructureFileFormat(sniffing: text) == expected)
    }

    /// Each format is written under a telling name and under a bare name (content sniffing),
    /// then read back with `read(contentsOf:)`.
    @Test("read(contentsOf:) finds the format by name and by content", arguments: StructureFileFormat.allCases)
    func readsByNameAndContent(format: StructureFileFormat) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let structure = try bundledStructure("SrTiO3")
        let named = folder.path(["cif": "SrTiO3.cif", "poscar": "POSCAR", "extxyz": "SrTiO3.extxyz", "json": "SrTiO3.json"][format.rawValue] ?? "x")
        let bare = folder.path("structure-\(format.rawValue)")
        try structure.write(to: named)
        try structure.write(to: bare, format: format)
        #expect(try String(contentsOfFile: named, encoding: .utf8) == structure.contents(format: format))

        for path in [named, bare] {
            let back = try Structure.read(contentsOf: path)
            #expect(back.species == structure.species)
            #expect(back.atomCount == 5)
            let offsets = periodicDifferences(back.fractionalCoordinates, structure.fractionalCoordinates)
            #expect(offsets.allSatisfy { abs($0) < 1e-10 })
        }
        #expect(StructureFileFormat(sniffing: try String(contentsOfFile: bare, encoding: .utf8)) == format)
    }

    @Test("an explicit format wins over the name")
    func explicitFormat() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("odd.cif")
        try bundledStructure("Si").write(to: path, format: .poscar)
        #expect(try Structure.read(contentsOf: path, format: .poscar).atomCount == 2)
        #expect(crystalError { try Structure.read(contentsOf: path) } != nil)
    }

    @Test("files that cannot be read or written give clear errors with the path")
    func fileErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.path("missing.cif")
        #expect(crystalError { try Structure.read(contentsOf: missing) } == .fileAccess(path: missing, reason: "no such file; check the path"))
        #expect(
            crystalError { try Structure.read(contentsOf: folder.url.path) }
                == .fileAccess(path: folder.url.path, reason: "is a folder, not a structure file; give the path of a file inside it"))

        let empty = folder.path("empty")
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(
            crystalError { try Structure.read(contentsOf: empty) }?.description
                == "\(empty): the file is empty; expected a CIF, POSCAR, extended XYZ or pymatgen JSON structure")

        let structure = try bundledStructure("CsCl")
        let unknown = folder.path("out.txt")
        #expect(
            crystalError { try structure.write(to: unknown) }?.description
                == "\(unknown): cannot tell the format from the name 'out.txt'; name the file *.cif, *.json, *.xyz, *.extxyz, POSCAR, CONTCAR or *.vasp, or pass format:")
        let nowhere = folder.path("no/such/folder/POSCAR")
        let writeError = crystalError { try structure.write(to: nowhere) }
        guard case let .fileAccess(path, reason)? = writeError else {
            Issue.record("expected fileAccess, got \(String(describing: writeError))")
            return
        }
        #expect(path == nowhere)
        #expect(reason.hasPrefix("cannot write the file ("))
        #expect(reason.hasSuffix("); check that its folder exists and is writable"))
    }

    @Test("binary garbage gives an error, not a crash")
    func binaryGarbage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var generator = SeededGenerator(seed: 7)
        for format in StructureFileFormat.allCases {
            let path = folder.path("garbage-\(format.rawValue)")
            let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(crystalError { try Structure.read(contentsOf: path, format: format) } != nil)
            #expect(crystalError { try Structure.read(contentsOf: path) } != nil)
        }
    }
}
