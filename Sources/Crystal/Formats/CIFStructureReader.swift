import Foundation

/// Turns a parsed CIF data block into a ``Structure``, following pymatgen's `CifParser`
/// (`parse_structures(primitive=False)`) wherever that is practical; see
/// ``Structure/init(cif:path:)`` for the rules.
struct CIFStructureReader {
    let path: String

    /// Two images closer than this in every periodic fractional component are one site
    /// (pymatgen's `site_tolerance`).
    static let siteTolerance = 1e-4
    /// Occupancies within this of 1 (absolute) count as fully occupied.
    static let occupancyTolerance = 1e-3
    /// Coordinates with `|value / (1/3) - 1| <= 1e-4` (same for 2/3) are replaced by exactly
    /// 1/3 (2/3), as pymatgen's `CifParser` does with its `frac_tolerance`.
    static let thirdsTolerance = 1e-4

    /// Tags that list symmetry operations, in the order they are looked for.
    static let operationTags = [
        "_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz",
        "_space_group_symop.operation_xyz", "_symmetry_equiv.pos_as_xyz",
    ]
    /// Tags that name the space group, checked when no operations are listed.
    static let spaceGroupTags = [
        "_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt", "_symmetry_space_group_name_hall",
        "_space_group_name_hall", "_symmetry_int_tables_number", "_space_group_it_number",
    ]

    func malformed(_ line: Int?, _ reason: String) -> CrystalError {
        CrystalError.malformedFile(path: path, line: line, reason: reason)
    }

    func structure(from document: CIFDocument) throws -> Structure {
        guard !document.blocks.isEmpty else {
            throw malformed(nil, "no data_ block; a CIF holds its structure after a line data_NAME")
        }
        guard let block = document.blocks.first(where: { $0.defines("_atom_site_fract_x") }) else {
            if let cartesian = document.blocks.first(where: { $0.defines("_atom_site_cartn_x") }) {
                throw malformed(
                    nil,
                    "no _atom_site_fract_x loop; matgrade needs fractional coordinates (data block '\(cartesian.name)' gives only Cartesian _atom_site_Cartn_x; convert them to fractional)")
            }
            throw malformed(nil, "no _atom_site_fract_x loop; matgrade needs fractional coordinates")
        }
        let lattice = try lattice(of: block)
        let operations = try operations(of: block)
        let sites = try CIFAtomSiteTable(block: block, reader: self).sites()
        return try expand(sites, with: operations, lattice: lattice)
    }

    /// The item `tag`, checked to be given once.
    func item(_ tag: String, in block: CIFBlock) throws -> CIFValue? {
        if let repeated = block.repeatedTags[tag] {
            throw malformed(
                repeated.second,
                "\(tag) is given again (first on line \(repeated.first)); a data block defines each tag once: remove one")
        }
        return block.items[tag]
    }

    // MARK: Lattice

    private func lattice(of block: CIFBlock) throws -> Lattice {
        var values: [Double] = []
        var lines: [Int] = []
        for (name, isAngle) in [("length_a", false), ("length_b", false), ("length_c", false),
                                ("angle_alpha", true), ("angle_beta", true), ("angle_gamma", true)] {
            let tag = "_cell_" + name
            guard let value = try item(tag, in: block) else {
                let hint = block.loop(containing: tag) != nil ? " (it is in a loop_; give it as a single item)" : ""
                throw malformed(
                    nil,
                    "no \(tag) in data block '\(block.name)' (line \(block.line))\(hint); give all six cell parameters _cell_length_a/b/c (Angstrom) and _cell_angle_alpha/beta/gamma (degrees)")
            }
            lines.append(value.line)
            guard !value.isMissing else {
                throw malformed(value.line, "\(tag) is '\(value.text)' (unknown); give the \(isAngle ? "angle in degrees" : "length in Angstrom")")
            }
            guard let number = NumberSyntax.cifNumber(value.text) else {
                throw malformed(
                    value.line,
                    "\(tag) '\(fileExcerpt(value.text))' is not a number; write a decimal like \(isAngle ? "90.0" : "5.4307") (an uncertainty like \(isAngle ? "90.12(3)" : "5.4307(2)") is fine)")
            }
            if isAngle {
                guard number > 0 && number < 180 else {
                    throw malformed(value.line, "\(tag) '\(value.text)' must be in (0, 180)")
                }
            } else if !(number > 0) {
                throw malformed(value.line, "\(tag) '\(value.text)' must be a positive length in Angstrom")
            }
            values.append(number)
        }
        let cosines = values[3...5].map { cos($0 * .pi / 180) }
        let metric = 1 - cosines[0] * cosines[0] - cosines[1] * cosines[1] - cosines[2] * cosines[2]
            + 2 * cosines[0] * cosines[1] * cosines[2]
        guard metric > 1e-12 else {
            throw malformed(
                lines[3],
                "cell angles alpha \(values[3]), beta \(values[4]), gamma \(values[5]) degrees do not form a cell (each angle must be less than the sum of the other two, and all three less than 360 together); check them")
        }
        do {
            return try Lattice(a: values[0], b: values[1], c: values[2], alpha: values[3], beta: values[4], gamma: values[5])
        } catch let CrystalError.invalidLattice(reason) {
            throw malformed(lines[0], "the cell parameters give an invalid lattice: \(reason)")
        }
    }

    // MARK: Symmetry operations

    private func operations(of block: CIFBlock) throws -> [SymmetryOperation] {
        for tag in Self.operationTags where block.defines(tag) {
            let values: [CIFValue]
            if let loop = block.loop(containing: tag), let column = loop.column(tag) {
                if let repeated = block.repeatedTags[tag] {
                    throw malformed(repeated.second, "\(tag) is given again (first on line \(repeated.first)); list the operations once")
                }
                values = loop.rows.map { $0[column] }
            } else if let value = try item(tag, in: block) {
                values = [value]
            } else {
                continue
            }
            guard !values.isEmpty else { continue }
            return try values.map { value in
                if value.isMissing {
                    throw malformed(value.line, "symmetry operation '\(value.text)' is unknown; write it like 'x, -y, z+1/2'")
                }
                switch SymmetryOperation.parse(value.text) {
                case let .success(operation): return operation
                case let .failure(failure):
                    throw malformed(value.line, "symmetry operation '\(fileExcerpt(value.text))' \(failure.reason)")
                }
            }
        }
        for tag in Self.spaceGroupTags {
            guard let value = try item(tag, in: block), !value.isMissing else { continue }
            let normalized = value.text.filter { !$0.isWhitespace && $0 != "_" }.lowercased()
            let isP1 = tag.hasSuffix("number") ? NumberSyntax.cifNumber(value.text) == 1 : normalized == "p1"
            if !isP1 {
                throw malformed(
                    value.line,
                    "space group '\(fileExcerpt(value.text))' is named without its symmetry operations; matgrade needs them listed in a _symmetry_equiv_pos_as_xyz or _space_group_symop_operation_xyz loop (write the file with pymatgen's CifWriter, or expand it to P1)")
            }
        }
        return [.identity]
    }

    // MARK: Expansion

    /// Applies every operation to every asymmetric site. Sites keep file order; the images of
    /// one site follow the order of the operations; an image within ``siteTolerance`` of an
    /// earlier image of the same site (a special position) is dropped.
    private func expand(_ sites: [CIFAtomSite], with operations: [SymmetryOperation], lattice: Lattice) throws -> Structure {
        var index = PeriodicSiteIndex(tolerance: Self.siteTolerance)
        var owner: [Int] = []
        var species: [Element] = []
        var labels: [String] = []
        for (siteNumber, site) in sites.enumerated() {
            for (operationNumber, operation) in operations.enumerated() {
                let image = operation.apply(site.coordinate)
                if let match = index.firstMatch(image) {
                    if owner[match] == siteNumber { continue }
                    let other = sites[owner[match]]
                    let via = operations.count > 1 ? " under symmetry operation \(operationNumber + 1)" : ""
                    throw malformed(
                        site.line,
                        "site '\(site.label)' at \(Self.formatted(site.coordinate)) lands on site '\(other.label)' (line \(other.line))\(via): two atoms closer than \(Self.siteTolerance) in every fractional coordinate cannot share a position; remove the duplicate row or correct its coordinates")
                }
                index.insert(image)
                owner.append(siteNumber)
                species.append(site.element)
                labels.append(site.label)
            }
        }
        return try reportingInvalidStructure(in: path) {
            try Structure(lattice: lattice, species: species, fractionalCoordinates: index.coordinates, labels: labels)
        }
    }

    static func formatted(_ f: SIMD3<Double>) -> String {
        "(" + [f.x, f.y, f.z].map { String(format: "%.4f", $0) }.joined(separator: ", ") + ")"
    }
}
