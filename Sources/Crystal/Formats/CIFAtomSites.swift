/// One row of a CIF `_atom_site_` table: an asymmetric-unit site before symmetry expansion.
struct CIFAtomSite {
    let element: Element
    /// `_atom_site_label`, or the element symbol when the file gives no label.
    let label: String
    /// Fractional coordinate as written (after snapping near-thirds; not wrapped).
    let coordinate: SIMD3<Double>
    /// 1-based line of the row's first value.
    let line: Int
}

/// The `_atom_site_` table of a data block: a loop, or single items for a one-site file.
struct CIFAtomSiteTable {
    private let reader: CIFStructureReader
    /// Line of the `loop_` keyword, or of the `_atom_site_fract_x` item.
    private let line: Int
    private let columns: [String: [CIFValue]]
    private let rowCount: Int

    init(block: CIFBlock, reader: CIFStructureReader) throws {
        self.reader = reader
        if let loop = block.loop(containing: "_atom_site_fract_x") {
            if let repeated = block.repeatedTags["_atom_site_fract_x"] {
                throw reader.malformed(
                    repeated.second, "_atom_site_fract_x is given again (first on line \(repeated.first)); list the atom sites in one loop_")
            }
            line = loop.line
            rowCount = loop.rows.count
            var columns: [String: [CIFValue]] = [:]
            for (column, tag) in loop.tags.enumerated() { columns[tag] = loop.rows.map { $0[column] } }
            self.columns = columns
        } else {
            let x = try reader.item("_atom_site_fract_x", in: block)
            line = x?.line ?? block.line
            rowCount = 1
            var columns: [String: [CIFValue]] = [:]
            for (tag, value) in block.items where tag.hasPrefix("_atom_site_") && !tag.hasPrefix("_atom_site_aniso_") {
                columns[tag] = [value]
            }
            self.columns = columns
        }
    }

    /// The sites in file order. Rows with occupancy exactly 0 are skipped, as pymatgen skips
    /// them.
    func sites() throws -> [CIFAtomSite] {
        for tag in ["_atom_site_fract_y", "_atom_site_fract_z"] where columns[tag] == nil {
            throw reader.malformed(
                line, "the atom-site loop has no \(tag) column; add it (matgrade needs fractional x, y and z for every site)")
        }
        guard columns["_atom_site_type_symbol"] != nil || columns["_atom_site_label"] != nil else {
            throw reader.malformed(
                line, "the atom-site loop has neither _atom_site_type_symbol nor _atom_site_label; add one so each site has an element")
        }
        guard rowCount > 0 else {
            throw reader.malformed(line, "the atom-site loop has no rows; list at least one site")
        }
        var sites: [CIFAtomSite] = []
        for row in 0..<rowCount {
            if let site = try site(row: row) { sites.append(site) }
        }
        guard !sites.isEmpty else {
            throw reader.malformed(line, "every site has occupancy 0; give the occupied sites occupancy 1")
        }
        return sites
    }

    private func value(_ tag: String, row: Int) -> CIFValue? {
        guard let column = columns[tag], row < column.count else { return nil }
        return column[row]
    }

    private func site(row: Int) throws -> CIFAtomSite? {
        let labelValue = value("_atom_site_label", row: row).flatMap { $0.isMissing ? nil : $0 }
        let rowLine = ["_atom_site_label", "_atom_site_type_symbol", "_atom_site_fract_x"]
            .compactMap { value($0, row: row)?.line }.min() ?? line
        let name = labelValue.map { "site '\($0.text)'" } ?? "site \(row + 1) of the atom-site loop"

        let element: Element
        if let symbol = value("_atom_site_type_symbol", row: row), !symbol.isMissing {
            guard let parsed = Self.element(fromCIFSymbol: symbol.text) else {
                throw reader.malformed(
                    symbol.line,
                    "\(name): unknown element '\(fileExcerpt(symbol.text))' in _atom_site_type_symbol; use a symbol of elements 1-103 (H ... Lr), optionally with a charge like Fe2+")
            }
            element = parsed
        } else if let labelValue {
            guard let parsed = Self.element(fromCIFSymbol: labelValue.text) else {
                throw reader.malformed(
                    labelValue.line,
                    "\(name): the label does not start with an element symbol and there is no _atom_site_type_symbol; add an _atom_site_type_symbol column (e.g. Fe)")
            }
            element = parsed
        } else {
            throw reader.malformed(rowLine, "\(name) has neither a type symbol nor a label; give its element in _atom_site_type_symbol")
        }

        if let occupancy = value("_atom_site_occupancy", row: row), !occupancy.isMissing {
            guard let number = NumberSyntax.cifNumber(occupancy.text) else {
                throw reader.malformed(
                    occupancy.line,
                    "\(name) has _atom_site_occupancy '\(fileExcerpt(occupancy.text))', not a number; write 1 for a fully occupied site")
            }
            if number == 0 { return nil }
            if number < 1 - CIFStructureReader.occupancyTolerance {
                throw reader.malformed(
                    occupancy.line,
                    "\(name) has _atom_site_occupancy \(occupancy.text): partial occupancy is unsupported; order the structure first (e.g. with pymatgen's OrderDisorderedStructureTransformation) so that every site has occupancy 1")
            }
            if number > 1 + CIFStructureReader.occupancyTolerance {
                throw reader.malformed(
                    occupancy.line, "\(name) has _atom_site_occupancy \(occupancy.text), above 1; a site holds at most one atom: write 1")
            }
        }

        var coordinate = SIMD3<Double>.zero
        for (axis, tag) in ["_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"].enumerated() {
            guard let text = value(tag, row: row) else { continue }
            guard !text.isMissing else {
                throw reader.malformed(text.line, "\(name) has \(tag) '\(text.text)'; give its fractional coordinate as a number")
            }
            guard let number = NumberSyntax.cifNumber(text.text) else {
                throw reader.malformed(
                    text.line,
                    "\(name) has \(tag) '\(fileExcerpt(text.text))', not a number; write a decimal like 0.25 (an uncertainty like 0.2500(3) is fine)")
            }
            coordinate[axis] = Self.snappedToThirds(number)
        }
        let label = labelValue?.text ?? element.symbol
        return CIFAtomSite(element: element, label: label, coordinate: coordinate, line: rowLine)
    }

    /// 1/3 or 2/3 exactly when `value` is within ``CIFStructureReader/thirdsTolerance`` of it
    /// (relative), else `value` unchanged.
    static func snappedToThirds(_ value: Double) -> Double {
        for third in [1.0 / 3.0, 2.0 / 3.0] where abs(value / third - 1) <= CIFStructureReader.thirdsTolerance {
            return third
        }
        return value
    }

    /// The element at the start of a CIF type symbol or label, read as pymatgen's
    /// `CifParser` does: the first two letters in title case when they are a symbol
    /// (`Fe2+`, `FE1`, `Ca1` -> Fe, Fe, Ca), else the first letter upper-cased (`O2-`, `Ow`,
    /// `Hw` -> O, O, H); nil when neither is an element (`Xx`, `2Fe`).
    static func element(fromCIFSymbol text: String) -> Element? {
        let characters = Array(text)
        guard let first = characters.first, first.isLetter, first.isASCII else { return nil }
        if characters.count >= 2, characters[1].isLetter, characters[1].isASCII,
            let element = Element.lookup(symbol: first.uppercased() + characters[1].lowercased())
        {
            return element
        }
        return Element.lookup(symbol: first.uppercased())
    }
}
