import Foundation
import Testing
import TestSupport

/// `matgrade db` end to end on a small database made by `db import` (building the whole
/// course database takes minutes in a debug build; `CourseMaterialsTests` checks its sources).
@Suite("matgrade db (end to end)")
struct DatabaseCommandTests {
    static let optimadeResponse = #"""
        {"data": [
          {"id": "mp-1", "type": "structures", "attributes": {"chemical_formula_reduced": "Li2O", "nsites": 3, "_mp_band_gap": 4.9, "_mp_formation_energy_per_atom": -2.07}},
          {"id": "mp-2", "type": "structures", "attributes": {"chemical_formula_reduced": "FeLiO2", "nsites": 4, "_mp_band_gap": 2.3}},
          {"id": "oqmd-3", "type": "structures", "attributes": {"chemical_formula_descriptive": "Fe2 O3", "_oqmd_delta_e": -1.7, "_oqmd_stability": 0.0, "space_group_it_number": 167}}
        ]}
        """#

    static let cif = """
        data_NaCl
        _symmetry_space_group_name_H-M   'P 1'
        _symmetry_Int_Tables_number   225
        _cell_length_a   3.98
        _cell_length_b   3.98
        _cell_length_c   3.98
        _cell_angle_alpha   60
        _cell_angle_beta   60
        _cell_angle_gamma   60
        loop_
         _symmetry_equiv_pos_as_xyz
          'x, y, z'
        loop_
         _atom_site_label
         _atom_site_type_symbol
         _atom_site_fract_x
         _atom_site_fract_y
         _atom_site_fract_z
         _atom_site_occupancy
          Na1  Na  0.0  0.0  0.0  1
          Cl1  Cl  0.5  0.5  0.5  1
        """

    @Test("import an OPTIMADE response and a CSV with a CIF column, then query, sort, and get clear errors")
    func importAndQuery() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = folder.appendingPathComponent("materials.sqlite").path
        let response = folder.appendingPathComponent("mp.json")
        try Self.optimadeResponse.write(to: response, atomically: true, encoding: .utf8)
        let csv = folder.appendingPathComponent("own.csv")
        try ("id,band_gap,cif\nnacl-1,5.0,\"" + Self.cif.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n").write(to: csv, atomically: true, encoding: .utf8)

        let first = try MatgradeProcess.run(["db", "import", response.path, "--db", database])
        #expect(first.status == 0 && first.standardOutput.contains("imported 3 entries"), "\(first)")
        let second = try MatgradeProcess.run(["db", "import", csv.path, "--db", database])
        #expect(second.status == 0 && second.standardOutput.contains("imported 1 entries"), "\(second)")

        let query = try MatgradeProcess.run(["db", "query", #"elements HAS ALL "Li","O" AND band_gap > 2"#, "--db", database, "--sort", "band_gap",
                                             "--descending", "--format", "json", "--fields", "id,band_gap,nsites,elements"])
        #expect(query.status == 0, "\(query)")
        #expect(query.standardOutput.contains(#""count":2"#) || query.standardOutput.contains(#""count": 2"#), "\(query)")
        let order = ["mp-1", "mp-2"].compactMap { query.standardOutput.range(of: "\"\($0)\"")?.lowerBound }
        #expect(order.count == 2 && order[0] < order[1], "\(query)")

        let oxides = try MatgradeProcess.run(["db", "query", #"elements HAS ONLY "Fe","O""#, "--db", database, "--format", "csv",
                                              "--fields", "id,chemical_formula_reduced,formation_energy_per_atom,e_above_hull,space_group_it_number"])
        #expect(oxides.standardOutput == "id,chemical_formula_reduced,formation_energy_per_atom,e_above_hull,space_group_it_number\noqmd-3,Fe2O3,-1.7,0,167\n", "\(oxides)")

        let salt = try MatgradeProcess.run(["db", "query", "space_group_it_number = 225 AND nsites = 2", "--db", database, "--fields", "id,chemical_formula_reduced"])
        #expect(salt.status == 0 && salt.standardOutput.contains("nacl-1") && salt.standardOutput.contains("ClNa"), "\(salt)")

        let info = try MatgradeProcess.run(["db", "info", "--db", database])
        #expect(info.status == 0 && info.standardOutput.contains("4 entries") && info.standardOutput.contains("mp.json"), "\(info)")

        let syntax = try MatgradeProcess.run(["db", "query", "band_gap >", "--db", database])
        #expect(syntax.status == 2 && syntax.standardError.contains("position 11") && syntax.standardError.contains("expected a value"), "\(syntax)")
        let unknown = try MatgradeProcess.run(["db", "query", "bandgap > 1", "--db", database])
        #expect(unknown.status == 2 && unknown.standardError.contains("did you mean 'band_gap'"), "\(unknown)")
        let badFile = try MatgradeProcess.run(["db", "import", csv.path.replacingOccurrences(of: "own.csv", with: "mp.json.csv"), "--db", database])
        #expect(badFile.status == 2, "\(badFile)")
    }
}
