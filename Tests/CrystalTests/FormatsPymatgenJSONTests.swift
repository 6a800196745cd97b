import Crystal
import Foundation
import Testing
import TestSupport

@Suite("Formats: pymatgen JSON reader")
struct FormatsPymatgenJSONTests {
    @Test("the 21 bundled structures are all there")
    func inventory() {
        #expect(bundledStructureNames().count == 21)
        #expect(orderedBundledStructureNames().count == 20)
    }

    /// Each bundled file is checked against its own numbers, read with JSONSerialization (not
    /// the reader under test): the matrix, every site's `abc`, element and label, and the
    /// `xyz` pymatgen computed, which pins the `cartesian = fractional · matrix` convention.
    /// JSONSerialization on Linux rounds some 17-digit numbers 1 ulp off (JSONDecoder, which
    /// the reader uses, does not: the round trip test is exact), hence the 1e-15 tolerance.
    @Test("reads every ordered bundled structure as pymatgen wrote it", arguments: orderedBundledStructureNames())
    func bundled(name: String) throws {
        let structure = try bundledStructure(name)
        let object = try JSONSerialization.jsonObject(with: Data(try bundledStructureText(name).utf8))
        let document = try #require(object as? [String: Any])
        let latticeObject = try #require(document["lattice"] as? [String: Any])
        let matrix = try #require(latticeObject["matrix"] as? [[Double]])
        let sites = try #require(document["sites"] as? [[String: Any]])

        let lattice = compare(structure.lattice.matrix.flatMap { $0 }, matrix.flatMap { $0 }, atol: 1e-15, rtol: 1e-15)
        #expect(lattice.isWithinTolerance, "matrix: \(lattice)")
        #expect(structure.atomCount == sites.count)
        var abc: [Double] = [], xyz: [Double] = []
        for (index, site) in sites.enumerated() {
            abc += try #require(site["abc"] as? [Double])
            xyz += site["xyz"] as? [Double] ?? []
            let species = try #require(site["species"] as? [[String: Any]])
            #expect(structure.species[index].symbol == species.first?["element"] as? String)
            #expect(structure.labels[index] == (site["label"] as? String ?? structure.species[index].symbol))
        }
        let fractional = compare(flattened(structure.fractionalCoordinates), abc, atol: 1e-15, rtol: 1e-15)
        #expect(fractional.isWithinTolerance, "abc: \(fractional)")
        if !xyz.isEmpty {  // TiO2 and VO2 (TransformedStructure dicts) give no xyz.
            let cartesian = compare(flattened(structure.cartesianCoordinates), xyz, atol: 1e-9, rtol: 1e-12)
            #expect(cartesian.isWithinTolerance, "xyz: \(cartesian)")
        }
    }

    @Test("Li10GeP2S12 is disordered and is rejected with a clear message")
    func disorderedBundledStructure() throws {
        let error = crystalError { try bundledStructure("Li10GeP2S12") }
        #expect(
            error?.description
                == "Li10GeP2S12.json: sites[0] (label 'Li:0.691') is partially occupied (Li:0.691): partial occupancy is unsupported; order the structure first (e.g. with pymatgen's OrderDisorderedStructureTransformation) so that every site holds one element with occu 1")
    }

    @Test("oxidation states are dropped, xyz is used when abc is absent, labels default to symbols")
    func variants() throws {
        let text = """
            {"lattice": {"matrix": [[2, 0, 0], [0, 4, 0], [0, 0, 5]]},
             "sites": [
               {"species": [{"element": "Fe", "oxidation_state": 3.0, "occu": 1.0}], "abc": [0, 0, 0], "label": "Fe3+"},
               {"species": [{"element": "O", "oxidation_state": -2}], "xyz": [1, 2, 2.5]}
             ]}
            """
        let structure = try Structure(pymatgenJSON: text, path: "x.json")
        #expect(structure.species.map(\.symbol) == ["Fe", "O"])
        #expect(structure.labels == ["Fe3+", "O"])
        #expect(structure.fractionalCoordinates[1] == SIMD3(0.5, 0.5, 0.5))
    }

    @Test("the writer emits pymatgen's as_dict keys")
    func writerShape() throws {
        let text = try bundledStructure("Li2O").pymatgenJSONString()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["@module"] as? String == "pymatgen.core.structure")
        #expect(document["@class"] as? String == "Structure")
        let lattice = try #require(document["lattice"] as? [String: Any])
        #expect((lattice["matrix"] as? [[Double]])?.count == 3)
        let sites = try #require(document["sites"] as? [[String: Any]])
        #expect(sites.count == 3)
        for site in sites {
            #expect((site["abc"] as? [Double])?.count == 3)
            #expect((site["xyz"] as? [Double])?.count == 3)
            #expect(site["label"] is String)
            #expect((site["properties"] as? [String: Any])?.isEmpty == true)
            let species = try #require(site["species"] as? [[String: Any]])
            #expect(species.count == 1)
            #expect(species.first?["occu"] as? Int == 1)
        }
    }
}
