import ArgumentParser
import Frontend

struct ComputeHull: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hull",
        abstract: "Convex hull of formation energies: energy above hull, stability, decompositions (pymatgen's PhaseDiagram).",
        discussion: """
            ENTRIES.csv has a header naming the columns id, formula and energy_per_atom (total \
            energy per atom, eV/atom), then one entry per line, elemental references included \
            (the lowest pure entry of each element is its reference). JSON output: elements, and \
            per entry id, formula, formation_energy_per_atom, e_above_hull, stable, decomposition \
            [{id, fraction}] (fractions of atoms; a stable entry decomposes into itself). --svg \
            draws binary and ternary systems.
            """)

    @Argument(help: "The entries (CSV: id,formula,energy_per_atom).")
    var entries: String

    @Option(help: "Write a drawing of the hull (SVG; binary and ternary systems).")
    var svg: String?

    func run() throws {
        print(try Frontend.hull(path: entries, svgPath: svg), terminator: "")
    }
}

struct ComputeTruss: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "truss",
        abstract: "A plane pin-jointed truss by linear finite elements: displacements, member forces, stresses, reactions.",
        discussion: """
            FILE is JSON {"nodes": [{"x", "y", "fixed": [bool, bool], "load": [fx, fy]}, ...], \
            "members": [{"start", "end", "youngs_modulus", "area"}, ...]} in consistent units \
            (m, N, Pa: displacements in m, forces in N, stresses in Pa); fixed and load are \
            optional. JSON output: displacements [[ux, uy]], axial_forces, stresses (tension \
            positive), reactions [[rx, ry]]. A truss the supports leave free to move exits 2.
            """)

    @Argument(help: "The truss (JSON).")
    var file: String

    func run() throws {
        print(try Frontend.truss(path: file), terminator: "")
    }
}
