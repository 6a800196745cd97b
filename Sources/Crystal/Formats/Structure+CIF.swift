import Foundation

extension Structure {
    /// Reads a crystal from CIF text, as pymatgen's `CifParser(...).parse_structures(primitive=False)`
    /// does, without its final sort of the sites by electronegativity.
    ///
    /// - The structure is the first data block that has `_atom_site_fract_x`; later blocks are
    ///   ignored. Tags are case-insensitive; `#` comments, quoted strings, `;` text fields and
    ///   `?` / `.` values are understood.
    /// - Cell: `_cell_length_a/b/c` (Angstrom, > 0) and `_cell_angle_alpha/beta/gamma`
    ///   (degrees, in (0, 180)); uncertainties such as `5.4307(2)` are dropped. The lattice has
    ///   pymatgen's orientation (``Lattice/init(a:b:c:alpha:beta:gamma:)``).
    /// - Symmetry: the operations of a `_symmetry_equiv_pos_as_xyz` or
    ///   `_space_group_symop_operation_xyz` loop (or single item) are applied to every
    ///   asymmetric site; without them the file must be P1 (or name no space group).
    /// - Sites: fractional coordinates from `_atom_site_fract_x/y/z`; values within 1e-4
    ///   (relative) of 1/3 or 2/3 become exactly 1/3 or 2/3, as in pymatgen. Each image is
    ///   wrapped into [0, 1); images of one site closer than 1e-4 in every periodic fractional
    ///   component (pymatgen's `site_tolerance`) are one
    ///   site, and the images of two different sites must not coincide.
    /// - Order: asymmetric sites in file order, each followed by its distinct images in the
    ///   order of the operations. pymatgen then stably sorts the sites by the electronegativity
    ///   of their element; within one element the two orders agree.
    /// - Species: `_atom_site_type_symbol` with any charge dropped (`Fe2+`, `O2-`), else the
    ///   start of `_atom_site_label` (`Fe1` -> Fe); read case-insensitively like pymatgen.
    ///   Labels come from `_atom_site_label`, the element symbol when absent.
    /// - Occupancy: `_atom_site_occupancy` within 1e-3 of 1, or absent, is a full site; 0 is
    ///   skipped (as pymatgen does); anything else is rejected, since ``Structure`` is ordered.
    ///
    /// - Parameters:
    ///   - cif: the file's text.
    ///   - path: the file's name, used only in error messages.
    /// - Throws: ``CrystalError/malformedFile(path:line:reason:)`` naming the line and the fix.
    public init(cif: String, path: String) throws {
        let document = try CIFDocument(text: cif, path: path)
        self = try CIFStructureReader(path: path).structure(from: document)
    }

    /// The structure as a P1 CIF (one `x, y, z` operation, every site listed with occupancy
    /// 1) that ``init(cif:path:)`` and pymatgen's `CifParser` read back. Numbers carry 16
    /// decimals, so lengths, angles and fractional coordinates survive a round trip to 1e-10.
    /// The cell is written as lengths and angles, so a reader rebuilds it in pymatgen's
    /// orientation: fractional coordinates are kept, Cartesian ones may come back rotated.
    /// Coordinates within 1e-4 (relative) of 1/3 or 2/3 come back as exact thirds, in this
    /// reader as in pymatgen's.
    public func cifString() -> String {
        let formula = formulaInSiteOrder(separator: "")
        var text = "# Written by matgrade: P1, every site listed.\n"
        text += "data_\(formula)\n"
        text += "_symmetry_space_group_name_H-M   'P 1'\n"
        let lengths = lattice.lengths, angles = lattice.angles
        for (tag, value) in [("_cell_length_a", lengths.x), ("_cell_length_b", lengths.y), ("_cell_length_c", lengths.z),
                             ("_cell_angle_alpha", angles.x), ("_cell_angle_beta", angles.y), ("_cell_angle_gamma", angles.z)] {
            text += "\(tag)   \(NumberSyntax.fixed(value))\n"
        }
        text += "_symmetry_Int_Tables_number   1\n"
        text += "_chemical_formula_sum   '\(formulaInSiteOrder(separator: " "))'\n"
        text += "_cell_volume   \(NumberSyntax.fixed(lattice.volume))\n"
        text += "loop_\n _symmetry_equiv_pos_site_id\n _symmetry_equiv_pos_as_xyz\n  1  'x, y, z'\n"
        text += "loop_\n _atom_site_type_symbol\n _atom_site_label\n _atom_site_symmetry_multiplicity\n"
        text += " _atom_site_fract_x\n _atom_site_fract_y\n _atom_site_fract_z\n _atom_site_occupancy\n"
        for site in 0..<atomCount {
            let f = fractionalCoordinates[site]
            let columns = [species[site].symbol, Self.cifQuoted(labels[site]), "1",
                           NumberSyntax.fixed(f.x), NumberSyntax.fixed(f.y), NumberSyntax.fixed(f.z), "1"]
            text += "  " + columns.joined(separator: "  ") + "\n"
        }
        return text
    }

    /// The element counts in order of first appearance, e.g. `Fe4O6` or `Fe4 O6`.
    func formulaInSiteOrder(separator: String) -> String {
        var order: [Element] = []
        var counts: [Element: Int] = [:]
        for element in species {
            if counts[element] == nil { order.append(element) }
            counts[element, default: 0] += 1
        }
        return order.map { "\($0.symbol)\(counts[$0] ?? 0)" }.joined(separator: separator)
    }

    /// `text` as one CIF value: bare when that is unambiguous, else quoted. Line breaks become
    /// spaces (a label is one line).
    static func cifQuoted(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 })
        let lowered = flat.lowercased()
        let needsQuotes = flat.isEmpty || flat == "?" || flat == "."
            || flat.contains(where: { $0.isWhitespace })
            || flat.first.map({ "_#$'\"[];".contains($0) }) == true
            || lowered.hasPrefix("data_") || lowered.hasPrefix("save_")
            || ["loop_", "global_", "stop_"].contains(lowered)
        guard needsQuotes else { return flat }
        // A quote closes a CIF string only when whitespace follows it.
        if !flat.contains("' ") && flat.last != "'" { return "'\(flat)'" }
        if !flat.contains("\" ") && flat.last != "\"" { return "\"\(flat)\"" }
        return "'" + flat.replacingOccurrences(of: "' ", with: "'_") + "'"
    }
}
