import Crystal
import Foundation
import Testing
import TestSupport

// Helpers shared by the Formats*Tests files.

/// The 21 bundled pymatgen structures, `exercises/data/pymatgen-core/structures/*.json`.
func bundledStructureNames() -> [String] {
    let folder = RepositoryPaths.exercisesData.appendingPathComponent("pymatgen-core/structures")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
}

/// The bundled structures that are ordered (all but Li10GeP2S12, which has partial occupancy).
func orderedBundledStructureNames() -> [String] {
    bundledStructureNames().filter { $0 != "Li10GeP2S12" }
}

func bundledStructureText(_ name: String) throws -> String {
    let url = RepositoryPaths.exercisesData.appendingPathComponent("pymatgen-core/structures/\(name).json")
    return try String(contentsOf: url, encoding: .utf8)
}

func bundledStructure(_ name: String) throws -> Structure {
    try Structure(pymatgenJSON: try bundledStructureText(name), path: "\(name).json")
}

/// The flattened components of coordinates, for ``compare(_:_:atol:rtol:)``.
func flattened(_ vectors: [SIMD3<Double>]) -> [Double] { vectors.flatMap { [$0.x, $0.y, $0.z] } }

/// `observed - expected` moved by whole numbers to the periodic image nearest 0, per
/// component; compared with zeros this checks fractional coordinates modulo 1.
func periodicDifferences(_ observed: [SIMD3<Double>], _ expected: [SIMD3<Double>]) -> [Double] {
    guard observed.count == expected.count else { return flattened(observed) }
    return flattened(zip(observed, expected).map { pair in
        let difference = pair.0 - pair.1
        return difference - difference.rounded(.toNearestOrAwayFromZero)
    })
}

/// The error a throwing call raised, as a ``CrystalError``, or nil.
func crystalError(_ body: () throws -> Any) -> CrystalError? {
    do {
        _ = try body()
        return nil
    } catch let error as CrystalError {
        return error
    } catch {
        return nil
    }
}

/// 1/3 or 2/3 for values within 1e-4 (relative) of them: the rule pymatgen's CifParser applies
/// to the coordinates of a CIF (`frac_tolerance`), written here independently of the reader.
func pymatgenSnappedThird(_ value: Double) -> Double {
    if abs(value * 3 - 1) <= 1e-4 { return 1.0 / 3.0 }
    if abs(value * 1.5 - 1) <= 1e-4 { return 2.0 / 3.0 }
    return value
}

@Suite("Formats: write then read gives the same structure")
struct FormatsRoundTripTests {
    @Test("pymatgen JSON round trip is exact", arguments: orderedBundledStructureNames())
    func pymatgenJSON(name: String) throws {
        let original = try bundledStructure(name)
        let back = try Structure(pymatgenJSON: try original.pymatgenJSONString(), path: "\(name).json")
        #expect(back == original)
    }

    @Test("POSCAR round trip keeps lattice, species and coordinates", arguments: orderedBundledStructureNames())
    func poscar(name: String) throws {
        let original = try bundledStructure(name)
        let back = try Structure(poscar: original.poscarString(), path: "POSCAR")
        #expect(back.species == original.species)
        let lattice = compare(back.lattice.matrix.flatMap { $0 }, original.lattice.matrix.flatMap { $0 }, atol: 1e-10, rtol: 0)
        #expect(lattice.isWithinTolerance, "\(lattice)")
        let coordinates = compare(flattened(back.fractionalCoordinates), flattened(original.fractionalCoordinates), atol: 1e-10, rtol: 0)
        #expect(coordinates.isWithinTolerance, "\(coordinates)")
    }

    @Test("extended XYZ round trip keeps lattice, species and coordinates", arguments: orderedBundledStructureNames())
    func extendedXYZ(name: String) throws {
        let original = try bundledStructure(name)
        let back = try Structure(extendedXYZ: original.extendedXYZString(), path: "\(name).xyz")
        #expect(back.species == original.species)
        let lattice = compare(back.lattice.matrix.flatMap { $0 }, original.lattice.matrix.flatMap { $0 }, atol: 1e-10, rtol: 0)
        #expect(lattice.isWithinTolerance, "\(lattice)")
        let coordinates = compare(flattened(back.fractionalCoordinates), flattened(original.fractionalCoordinates), atol: 1e-10, rtol: 0)
        #expect(coordinates.isWithinTolerance, "\(coordinates)")
    }

    /// A CIF stores the cell as lengths and angles, so the lattice comes back in pymatgen's
    /// orientation: lengths, angles and fractional coordinates (modulo 1, with pymatgen's
    /// snapping of near-thirds) are what survives.
    @Test("CIF round trip keeps cell parameters, species, labels and coordinates", arguments: orderedBundledStructureNames())
    func cif(name: String) throws {
        let original = try bundledStructure(name)
        let back = try Structure(cif: original.cifString(), path: "\(name).cif")
        #expect(back.species == original.species)
        #expect(back.labels == original.labels)
        let parameters = compare(
            [back.lattice.lengths.x, back.lattice.lengths.y, back.lattice.lengths.z,
             back.lattice.angles.x, back.lattice.angles.y, back.lattice.angles.z],
            [original.lattice.lengths.x, original.lattice.lengths.y, original.lattice.lengths.z,
             original.lattice.angles.x, original.lattice.angles.y, original.lattice.angles.z],
            atol: 1e-10, rtol: 0)
        #expect(parameters.isWithinTolerance, "\(parameters)")
        let expected = original.fractionalCoordinates.map { f in
            SIMD3(pymatgenSnappedThird(f.x), pymatgenSnappedThird(f.y), pymatgenSnappedThird(f.z))
        }
        let offsets = periodicDifferences(back.fractionalCoordinates, expected)
        let coordinates = compare(offsets, [Double](repeating: 0, count: offsets.count), atol: 1e-10, rtol: 0)
        #expect(coordinates.isWithinTolerance, "\(coordinates)")
        #expect(back.fractionalCoordinates.allSatisfy { $0.min() >= 0 && $0.max() < 1 })
    }

    /// Labels that need quoting in CIF survive every format that stores labels.
    @Test("unusual labels survive CIF and JSON")
    func unusualLabels() throws {
        let labels = ["Fe 1", "O'a", "_x", "#1", "data_x", "loop_", "?", "", "Fe\"b c", "semi;colon"]
        let lattice = try Lattice(a: SIMD3(5, 0, 0), b: SIMD3(0, 6, 0), c: SIMD3(0, 0, 7))
        let species = try labels.indices.map { try Element(symbol: $0.isMultiple(of: 2) ? "Fe" : "O") }
        let coordinates = labels.indices.map { SIMD3(Double($0) / 10, 0.5, 0.25) }
        let structure = try Structure(lattice: lattice, species: species, fractionalCoordinates: coordinates, labels: labels)
        #expect(try Structure(cif: structure.cifString(), path: "labels.cif").labels == labels)
        #expect(try Structure(pymatgenJSON: structure.pymatgenJSONString(), path: "labels.json").labels == labels)
    }

    /// A structure whose species alternate keeps its site order in POSCAR (repeated groups).
    @Test("POSCAR keeps alternating species in order")
    func alternatingSpecies() throws {
        let lattice = try Lattice(a: SIMD3(4, 0, 0), b: SIMD3(0, 4, 0), c: SIMD3(1, 0, 4))
        let species = try ["Fe", "O", "Fe", "O", "O"].map { try Element(symbol: $0) }
        let coordinates = (0..<5).map { SIMD3(Double($0) / 5, 0.1, 0.9) }
        let structure = try Structure(lattice: lattice, species: species, fractionalCoordinates: coordinates)
        let text = structure.poscarString()
        #expect(text.contains("\nFe O Fe O\n1 1 1 2\n"))
        let back = try Structure(poscar: text, path: "POSCAR")
        #expect(back.species == species)
    }
}
