import Crystal
import Foundation
import Testing
import TestSupport

/// A broken file and the exact message its reader must give: path, line, what is wrong, the
/// value seen and the fix.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let format: StructureFileFormat
    let path: String
    let text: String
    let message: String
    var testDescription: String { "\(format): \(name)" }
}

/// A valid CIF (lines numbered in the comments) that the cases below break one line at a time.
private let goodCIF = [
    "data_x",  // 1
    "_cell_length_a 4",  // 2
    "_cell_length_b 4",  // 3
    "_cell_length_c 4",  // 4
    "_cell_angle_alpha 90",  // 5
    "_cell_angle_beta 90",  // 6
    "_cell_angle_gamma 90",  // 7
    "loop_",  // 8
    "_atom_site_label",  // 9
    "_atom_site_type_symbol",  // 10
    "_atom_site_fract_x",  // 11
    "_atom_site_fract_y",  // 12
    "_atom_site_fract_z",  // 13
    "_atom_site_occupancy",  // 14
    "Fe1 Fe 0 0 0 1",  // 15
    "O1 O 0.5 0.5 0.5 1",  // 16
]

/// `goodCIF` with line `number` (1-based) replaced by `replacement` (several lines allowed,
/// none to delete it).
private func cif(_ edits: [Int: String]) -> String {
    var lines: [String] = []
    for (index, line) in goodCIF.enumerated() {
        if let replacement = edits[index + 1] {
            if !replacement.isEmpty { lines.append(replacement) }
        } else {
            lines.append(line)
        }
    }
    return lines.joined(separator: "\n") + "\n"
}

private let goodPOSCAR = ["Fe O", "1.0", "4 0 0", "0 4 0", "0 0 4", "Fe O", "1 1", "Direct", "0 0 0", "0.5 0.5 0.5"]

private func poscar(_ edits: [Int: String], keepingLines count: Int? = nil) -> String {
    var lines = goodPOSCAR.enumerated().map { edits[$0.offset + 1] ?? $0.element }
    if let count { lines = Array(lines.prefix(count)) }
    return lines.joined(separator: "\n") + "\n"
}

private let goodXYZ = ["2", "Lattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:pos:R:3", "Fe 0 0 0", "O 2 2 2"]

private func xyz(_ edits: [Int: String], keepingLines count: Int? = nil) -> String {
    var lines = goodXYZ.enumerated().map { edits[$0.offset + 1] ?? $0.element }
    if let count { lines = Array(lines.prefix(count)) }
    return lines.joined(separator: "\n") + "\n"
}

private let matrixJSON = "\"lattice\": {\"matrix\": [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}"

private func json(sites: String, lattice: String = matrixJSON) -> String {
    "{\(lattice.isEmpty ? "" : lattice + ", ")\"sites\": [\(sites)]}"
}

private let feSite = "{\"species\": [{\"element\": \"Fe\", \"occu\": 1}], \"abc\": [0, 0, 0], \"label\": \"Fe1\"}"

private let cifCases: [MalformedCase] = [
    MalformedCase(
        name: "bad number", format: .cif, path: "x.cif", text: cif([2: "_cell_length_a 5.43x"]),
        message: "x.cif:2: _cell_length_a '5.43x' is not a number; write a decimal like 5.4307 (an uncertainty like 5.4307(2) is fine)"),
    MalformedCase(
        name: "angle out of range", format: .cif, path: "x.cif", text: cif([6: "_cell_angle_beta -90"]),
        message: "x.cif:6: _cell_angle_beta '-90' must be in (0, 180)"),
    MalformedCase(
        name: "zero length", format: .cif, path: "x.cif", text: cif([3: "_cell_length_b 0.0(1)"]),
        message: "x.cif:3: _cell_length_b '0.0(1)' must be a positive length in Angstrom"),
    MalformedCase(
        name: "angles that close no cell", format: .cif, path: "x.cif",
        text: cif([5: "_cell_angle_alpha 60", 6: "_cell_angle_beta 60", 7: "_cell_angle_gamma 150"]),
        message: "x.cif:5: cell angles alpha 60.0, beta 60.0, gamma 150.0 degrees do not form a cell (each angle must be less than the sum of the other two, and all three less than 360 together); check them"),
    MalformedCase(
        name: "unknown cell length", format: .cif, path: "x.cif", text: cif([4: "_cell_length_c ?"]),
        message: "x.cif:4: _cell_length_c is '?' (unknown); give the length in Angstrom"),
    MalformedCase(
        name: "missing cell parameter", format: .cif, path: "x.cif", text: cif([4: ""]),
        message: "x.cif: no _cell_length_c in data block 'x' (line 1); give all six cell parameters _cell_length_a/b/c (Angstrom) and _cell_angle_alpha/beta/gamma (degrees)"),
    MalformedCase(
        name: "missing loop column", format: .cif, path: "x.cif",
        text: cif([13: "", 15: "Fe1 Fe 0 0 1", 16: "O1 O 0.5 0.5 1"]),
        message: "x.cif:8: the atom-site loop has no _atom_site_fract_z column; add it (matgrade needs fractional x, y and z for every site)"),
    MalformedCase(
        name: "partial occupancy", format: .cif, path: "x.cif", text: cif([16: "O1 O 0.5 0.5 0.5 0.5(1)"]),
        message: "x.cif:16: site 'O1' has _atom_site_occupancy 0.5(1): partial occupancy is unsupported; order the structure first (e.g. with pymatgen's OrderDisorderedStructureTransformation) so that every site has occupancy 1"),
    MalformedCase(
        name: "occupancy above 1", format: .cif, path: "x.cif", text: cif([16: "O1 O 0.5 0.5 0.5 1.5"]),
        message: "x.cif:16: site 'O1' has _atom_site_occupancy 1.5, above 1; a site holds at most one atom: write 1"),
    MalformedCase(
        name: "unknown element 'Xx'", format: .cif, path: "x.cif", text: cif([16: "O1 Xx 0.5 0.5 0.5 1"]),
        message: "x.cif:16: site 'O1': unknown element 'Xx' in _atom_site_type_symbol; use a symbol of elements 1-103 (H ... Lr), optionally with a charge like Fe2+"),
    MalformedCase(
        name: "label that is no element and no type symbol", format: .cif, path: "x.cif",
        text: cif([10: "", 15: "Fe1 0 0 0 1", 16: "Q1 0.5 0.5 0.5 1"]),
        message: "x.cif:15: site 'Q1': the label does not start with an element symbol and there is no _atom_site_type_symbol; add an _atom_site_type_symbol column (e.g. Fe)"),
    MalformedCase(
        name: "coordinate not a number", format: .cif, path: "x.cif", text: cif([16: "O1 O 0.5 half 0.5 1"]),
        message: "x.cif:16: site 'O1' has _atom_site_fract_y 'half', not a number; write a decimal like 0.25 (an uncertainty like 0.2500(3) is fine)"),
    MalformedCase(
        name: "unknown coordinate", format: .cif, path: "x.cif", text: cif([16: "O1 O 0.5 ? 0.5 1"]),
        message: "x.cif:16: site 'O1' has _atom_site_fract_y '?'; give its fractional coordinate as a number"),
    MalformedCase(
        name: "only Cartesian coordinates", format: .cif, path: "x.cif",
        text: cif([11: "_atom_site_Cartn_x", 12: "_atom_site_Cartn_y", 13: "_atom_site_Cartn_z"]),
        message: "x.cif: no _atom_site_fract_x loop; matgrade needs fractional coordinates (data block 'x' gives only Cartesian _atom_site_Cartn_x; convert them to fractional)"),
    MalformedCase(
        name: "no atom sites at all", format: .cif, path: "x.cif", text: "data_empty\n_cell_length_a 4\n",
        message: "x.cif: no _atom_site_fract_x loop; matgrade needs fractional coordinates"),
    MalformedCase(
        name: "no data block", format: .cif, path: "x.cif", text: "# nothing but a comment\n",
        message: "x.cif: no data_ block; a CIF holds its structure after a line data_NAME"),
    MalformedCase(
        name: "tag before any data block", format: .cif, path: "x.cif", text: "_cell_length_a 4\n" + cif([:]),
        message: "x.cif:1: '_cell_length_a' comes before any data_ block; start the structure with a line data_NAME"),
    MalformedCase(
        name: "tag without value", format: .cif, path: "x.cif", text: cif([2: "_cell_length_a"]),
        message: "x.cif:2: tag _cell_length_a has no value; give one after it (? if unknown)"),
    MalformedCase(
        name: "loop row with a missing value", format: .cif, path: "x.cif", text: cif([16: "O1 O 0.5 0.5 1"]),
        message: "x.cif:16: the loop_ of line 8 has 6 columns but 11 values, not a multiple of 6; check for a missing value or an unquoted value with spaces"),
    MalformedCase(
        name: "unquoted label with a space", format: .cif, path: "x.cif", text: cif([15: "Fe 1 Fe 0 0 0 1"]),
        message: "x.cif:16: the loop_ of line 8 has 6 columns but 13 values, not a multiple of 6; check for a missing value or an unquoted value with spaces"),
    MalformedCase(
        name: "unclosed quote", format: .cif, path: "x.cif", text: cif([1: "data_x\n_chemical_name_common 'rock salt"]),
        message: "x.cif:2: the quoted value 'rock salt is not closed on its line; end it with ' followed by a space or the end of the line"),
    MalformedCase(
        name: "unclosed text field", format: .cif, path: "x.cif", text: cif([16: "O1 O 0.5 0.5 0.5 1\n_publ_section_title\n;\nA title"]),
        message: "x.cif:18: the text field opened with ';' here is never closed; end it with a line that starts with ';'"),
    MalformedCase(
        name: "repeated tag", format: .cif, path: "x.cif", text: cif([7: "_cell_angle_gamma 90\n_cell_length_a 5"]),
        message: "x.cif:8: _cell_length_a is given again (first on line 2); a data block defines each tag once: remove one"),
    MalformedCase(
        name: "symmetry operation with two parts", format: .cif, path: "x.cif",
        text: cif([7: "_cell_angle_gamma 90\nloop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n'x, y'"]),
        message: "x.cif:11: symmetry operation 'x, y' has 2 comma-separated components; expected 3 like 'x, -y, z+1/2'"),
    MalformedCase(
        name: "symmetry operation with a stray letter", format: .cif, path: "x.cif",
        text: cif([7: "_cell_angle_gamma 90\nloop_\n_space_group_symop_operation_xyz\n'x, y, z'\n'-x, y+1/2, q'"]),
        message: "x.cif:11: symmetry operation '-x, y+1/2, q' has 'q' where a number or x, y, z was expected in 'q'"),
    MalformedCase(
        name: "space group named without operations", format: .cif, path: "x.cif",
        text: cif([7: "_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'F m -3 m'"]),
        message: "x.cif:8: space group 'F m -3 m' is named without its symmetry operations; matgrade needs them listed in a _symmetry_equiv_pos_as_xyz or _space_group_symop_operation_xyz loop (write the file with pymatgen's CifWriter, or expand it to P1)"),
    MalformedCase(
        name: "two sites on one position", format: .cif, path: "x.cif", text: cif([16: "O1 O 0.00002 0 1.0 1"]),
        message: "x.cif:16: site 'O1' at (0.0000, 0.0000, 1.0000) lands on site 'Fe1' (line 15): two atoms closer than 0.0001 in every fractional coordinate cannot share a position; remove the duplicate row or correct its coordinates"),
]

private let poscarCases: [MalformedCase] = [
    MalformedCase(
        name: "atom count that is not a number", format: .poscar, path: "POSCAR", text: poscar([7: "1 abc"]),
        message: "POSCAR:7: expected 2 atom counts for species Fe O, got '1 abc'"),
    MalformedCase(
        name: "wrong number of atom counts", format: .poscar, path: "POSCAR", text: poscar([7: "2"]),
        message: "POSCAR:7: expected 2 atom counts for species Fe O, got '2'"),
    MalformedCase(
        name: "fewer positions than atoms", format: .poscar, path: "POSCAR", text: poscar([7: "2 1"]),
        message: "POSCAR:11: the file ends after 2 of 3 atom positions; expected 3 lines after 'Direct' on line 8 (atom counts on line 7): add the missing positions or fix the counts"),
    MalformedCase(
        name: "truncated in the lattice", format: .poscar, path: "POSCAR", text: poscar([:], keepingLines: 4),
        message: "POSCAR:5: the file ends before this line; expected lattice vector c (three numbers, Angstrom)"),
    MalformedCase(
        name: "truncated before the coordinate mode", format: .poscar, path: "POSCAR", text: poscar([:], keepingLines: 7),
        message: "POSCAR:8: the file ends before this line; expected 'Direct' or 'Cartesian' (or 'Selective dynamics')"),
    MalformedCase(
        name: "empty file", format: .poscar, path: "POSCAR", text: "",
        message: "POSCAR:2: the file ends before this line; expected the scale factor (one number; negative = cell volume in Angstrom^3)"),
    MalformedCase(
        name: "VASP 4 without species", format: .poscar, path: "POSCAR", text: poscar([6: "1 1", 7: "Direct", 8: "0 0 0", 9: "0.5 0.5 0.5", 10: ""]),
        message: "POSCAR:6: no element symbols (VASP 4 format): line 6 holds the atom counts '1 1'; add a line with the symbols (e.g. 'Fe O') above it, as VASP 5 writes, or pass species: to the reader"),
    MalformedCase(
        name: "scale that is not a number", format: .poscar, path: "POSCAR", text: poscar([2: "one"]),
        message: "POSCAR:2: expected the scale factor (one number; negative = cell volume in Angstrom^3), got 'one'"),
    MalformedCase(
        name: "zero scale", format: .poscar, path: "POSCAR", text: poscar([2: "0.0"]),
        message: "POSCAR:2: the scale factor is 0; use 1.0, or a negative number for the cell volume in Angstrom^3"),
    MalformedCase(
        name: "unknown element 'Xx'", format: .poscar, path: "POSCAR", text: poscar([6: "Fe Xx"]),
        message: "POSCAR:6: unknown element symbol 'Xx': expected a symbol of elements 1-103 (H ... Lr); line 6 lists the element symbols, e.g. 'Fe O'"),
    MalformedCase(
        name: "lower-case symbol", format: .poscar, path: "POSCAR", text: poscar([6: "fe O"]),
        message: "POSCAR:6: unknown element symbol 'fe': element symbols are case-sensitive; did you mean 'Fe'?; line 6 lists the element symbols, e.g. 'Fe O'"),
    MalformedCase(
        name: "short lattice vector", format: .poscar, path: "POSCAR", text: poscar([3: "4 0"]),
        message: "POSCAR:3: expected lattice vector a as three numbers (Angstrom), got '4 0'"),
    MalformedCase(
        name: "coplanar lattice vectors", format: .poscar, path: "POSCAR", text: poscar([5: "4 4 0"]),
        message: "POSCAR:3: the lattice vectors on lines 3-5 are invalid: the lattice vectors are (nearly) coplanar, volume 0.0 A^3; give three independent vectors"),
    MalformedCase(
        name: "bad coordinate", format: .poscar, path: "POSCAR", text: poscar([10: "0.5 x 0.5"]),
        message: "POSCAR:10: expected three coordinates for atom 2, got '0.5 x 0.5'"),
    MalformedCase(
        name: "Cartesian position that overflows when scaled", format: .poscar, path: "POSCAR",
        text: poscar([2: "10", 8: "Cartesian", 10: "1e308 0 0"]),
        message: "POSCAR:10: the position of atom 2 overflows once scaled and converted (got '1e308 0 0'); check it and the scale on line 2"),
    MalformedCase(
        name: "no atoms", format: .poscar, path: "POSCAR", text: poscar([7: "0 0"]),
        message: "POSCAR:7: the atom counts add up to 0; a structure needs at least one atom"),
]

private let extendedXYZCases: [MalformedCase] = [
    MalformedCase(
        name: "plain XYZ without Lattice", format: .extendedXYZ, path: "x.xyz", text: xyz([2: "a molecule"]),
        message: "x.xyz:2: no Lattice=\"...\" on the comment line; matgrade needs a periodic cell: write the file with ASE from Atoms with a cell and pbc=True (ase.io.write(..., format='extxyz'))"),
    MalformedCase(
        name: "lattice key in the wrong case", format: .extendedXYZ, path: "x.xyz", text: xyz([2: "lattice=\"4 0 0 0 4 0 0 0 4\""]),
        message: "x.xyz:2: no Lattice=\"...\" on the comment line (keys are case-sensitive: found 'lattice'); matgrade needs a periodic cell: write the file with ASE from Atoms with a cell and pbc=True (ase.io.write(..., format='extxyz'))"),
    MalformedCase(
        name: "non-periodic frame", format: .extendedXYZ, path: "x.xyz", text: xyz([2: "Lattice=\"4 0 0 0 4 0 0 0 4\" pbc=\"F F F\""]),
        message: "x.xyz:2: pbc=\"F F F\" marks the frame as non-periodic; matgrade needs a periodic crystal: set pbc=\"T T T\" with its Lattice"),
    MalformedCase(
        name: "Lattice with 8 numbers", format: .extendedXYZ, path: "x.xyz", text: xyz([2: "Lattice=\"4 0 0 0 4 0 0 0\""]),
        message: "x.xyz:2: Lattice=\"4 0 0 0 4 0 0 0\" should hold 9 numbers (the vectors a, b, c one after the other, Angstrom)"),
    MalformedCase(
        name: "unclosed quote", format: .extendedXYZ, path: "x.xyz", text: xyz([2: "Lattice=\"4 0 0 0 4 0 0 0 4"]),
        message: "x.xyz:2: a quote or bracket on the comment line is never closed; close it"),
    MalformedCase(
        name: "atom count that is not a number", format: .extendedXYZ, path: "x.xyz", text: xyz([1: "two"]),
        message: "x.xyz:1: expected the number of atoms on the first line, got 'two'"),
    MalformedCase(
        name: "fewer atom lines than atoms", format: .extendedXYZ, path: "x.xyz", text: xyz([:], keepingLines: 3),
        message: "x.xyz:4: the file ends after 1 of 2 atoms; add the missing atom lines or fix the count on line 1"),
    MalformedCase(
        name: "missing column", format: .extendedXYZ, path: "x.xyz", text: xyz([3: "Fe 0 0"]),
        message: "x.xyz:3: expected 4 columns (species:S:1:pos:R:3), got 3: 'Fe 0 0'"),
    MalformedCase(
        name: "unknown element 'Xx'", format: .extendedXYZ, path: "x.xyz", text: xyz([4: "Xx 2 2 2"]),
        message: "x.xyz:4: unknown element symbol 'Xx': expected a symbol of elements 1-103 (H ... Lr); the species column holds element symbols like Fe"),
    MalformedCase(
        name: "coordinate that is not a number", format: .extendedXYZ, path: "x.xyz", text: xyz([4: "O 2 two 2"]),
        message: "x.xyz:4: expected three Cartesian coordinates (Angstrom) for atom 2, got '2 two 2'"),
    MalformedCase(
        name: "Properties without pos", format: .extendedXYZ, path: "x.xyz",
        text: xyz([2: "Lattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:positions:R:3"]),
        message: "x.xyz:2: Properties=species:S:1:positions:R:3 lacks pos:R:3; matgrade needs element symbols and Cartesian positions"),
]

private let jsonCases: [MalformedCase] = [
    MalformedCase(
        name: "missing lattice", format: .pymatgenJSON, path: "x.json", text: json(sites: feSite, lattice: ""),
        message: "x.json: no \"lattice\" object; a pymatgen Structure.as_dict() has {\"lattice\": {\"matrix\": [[...], [...], [...]]}, \"sites\": [...]}"),
    MalformedCase(
        name: "lattice without matrix", format: .pymatgenJSON, path: "x.json", text: json(sites: feSite, lattice: "\"lattice\": {\"a\": 4}"),
        message: "x.json: \"lattice\" has no \"matrix\"; give the three lattice vectors as rows, Angstrom"),
    MalformedCase(
        name: "matrix with two rows", format: .pymatgenJSON, path: "x.json", text: json(sites: feSite, lattice: "\"lattice\": {\"matrix\": [[4, 0, 0], [0, 4, 0]]}"),
        message: "x.json: lattice.matrix is invalid: expected a 3x3 matrix (rows are lattice vectors), got shape 2x[3, 3]"),
    MalformedCase(
        name: "number written as a string", format: .pymatgenJSON, path: "x.json",
        text: json(sites: feSite, lattice: "\"lattice\": {\"matrix\": [[4, 0, 0], [0, 4, \"0\"], [0, 0, 4]]}"),
        message: "x.json: lattice.matrix[1][2] should be a number (Expected to decode Double but found a string instead.); compare with pymatgen's Structure.as_dict()"),
    MalformedCase(
        name: "partial occupancy", format: .pymatgenJSON, path: "x.json",
        text: json(sites: "{\"species\": [{\"element\": \"Ge\", \"occu\": 0.5}, {\"element\": \"P\", \"occu\": 0.5}], \"abc\": [0, 0, 0], \"label\": \"Ge:0.5, P:0.5\"}"),
        message: "x.json: sites[0] (label 'Ge:0.5, P:0.5') is partially occupied (Ge:0.5, P:0.5): partial occupancy is unsupported; order the structure first (e.g. with pymatgen's OrderDisorderedStructureTransformation) so that every site holds one element with occu 1"),
    MalformedCase(
        name: "unknown element 'Xx'", format: .pymatgenJSON, path: "x.json",
        text: json(sites: feSite + ", {\"species\": [{\"element\": \"Xx\", \"occu\": 1}], \"abc\": [0.5, 0.5, 0.5]}"),
        message: "x.json: sites[1].species[0].element: unknown element symbol 'Xx': expected a symbol of elements 1-103 (H ... Lr)"),
    MalformedCase(
        name: "site without coordinates", format: .pymatgenJSON, path: "x.json",
        text: json(sites: "{\"species\": [{\"element\": \"Fe\", \"occu\": 1}]}"),
        message: "x.json: sites[0] has neither \"abc\" (fractional) nor \"xyz\" (Cartesian) coordinates; give \"abc\": [x, y, z]"),
    MalformedCase(
        name: "no sites", format: .pymatgenJSON, path: "x.json", text: json(sites: ""),
        message: "x.json: \"sites\" is empty; a structure needs at least one site"),
    MalformedCase(
        name: "a molecule", format: .pymatgenJSON, path: "x.json",
        text: "{\"@module\": \"pymatgen.core.structure\", \"@class\": \"Molecule\", \"sites\": []}",
        message: "x.json: \"@class\" is 'Molecule': a molecule has no lattice; matgrade needs a periodic pymatgen Structure (Structure.as_dict())"),
    MalformedCase(
        name: "syntax error, located by line", format: .pymatgenJSON, path: "x.json",
        text: "{\n  \"lattice\": {\"matrix\": [[4, 0, 0], [0, 4, 0], [0, 0, 4]]},\n  \"sites\": [,]\n}\n",
        message: "x.json:3: not valid JSON (Invalid value around character 74.); fix the JSON syntax (pymatgen writes it with json.dump(structure.as_dict(), f))"),
    MalformedCase(
        name: "an array instead of an object", format: .pymatgenJSON, path: "x.json", text: "[1, 2]",
        message: "x.json: the document should be an object (Expected to decode Dictionary<String, Any> but found an array instead.); compare with pymatgen's Structure.as_dict()"),
]

@Suite("Formats: malformed files give path:line, the problem and the fix")
struct FormatsMalformedInputTests {
    @Test("exact messages", arguments: cifCases + poscarCases + extendedXYZCases + jsonCases)
    func message(_ testCase: MalformedCase) {
        let error = crystalError { try Structure(contents: testCase.text, format: testCase.format, path: testCase.path) }
        #expect(error?.description == testCase.message)
    }

    /// Every prefix of a valid file of each format, and seeded random line edits of it, must
    /// give a structure or a CrystalError: never a crash, never another kind of error.
    @Test("truncated and scrambled files never crash", arguments: StructureFileFormat.allCases)
    func neverCrashes(format: StructureFileFormat) throws {
        let valid = try bundledStructure("LiFePO4").contents(format: format)
        let characters = Array(valid)
        var inputs: [String] = stride(from: 0, to: characters.count, by: 7).map { String(characters[..<$0]) }
        var generator = SeededGenerator(seed: 20261125)
        let lines = valid.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let noise = ["", "?", ".", "loop_", "data_y", "{", "]", "'", ";", "-1e400", "nan", "inf", "0x1p3", "Xx 1 2 3", "99999999999999999999", "\u{0}"]
        for _ in 0..<400 {
            var edited = lines
            for _ in 0..<(1 + Int(generator.next() % 3)) where !edited.isEmpty {
                let line = Int(generator.next() % UInt64(edited.count))
                switch generator.next() % 4 {
                case 0: edited.remove(at: line)
                case 1: edited.insert(edited[line], at: line)
                case 2: edited[line] = noise[Int(generator.next() % UInt64(noise.count))]
                default:
                    var words = edited[line].split(separator: " ").map(String.init)
                    if !words.isEmpty { words[Int(generator.next() % UInt64(words.count))] = noise[Int(generator.next() % UInt64(noise.count))] }
                    edited[line] = words.joined(separator: " ")
                }
            }
            inputs.append(edited.joined(separator: "\n"))
        }
        for input in inputs {
            do {
                _ = try Structure(contents: input, format: format, path: "fuzz")
            } catch is CrystalError {
            } catch {
                Issue.record("not a CrystalError: \(error) for input \(input.prefix(200))")
            }
        }
    }
}

