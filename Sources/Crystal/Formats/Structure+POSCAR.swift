import Foundation

extension Structure {
    /// Reads a VASP POSCAR or CONTCAR.
    ///
    /// Layout (1-based lines): 1 comment; 2 scale; 3-5 lattice vectors (Angstrom before
    /// scaling); 6 element symbols (VASP 5; `Fe_pv` and `Fe/1a2b` POTCAR names give Fe); 7 atom
    /// counts per symbol; an optional `Selective dynamics` line (its T/F flags are ignored);
    /// `Direct` or `Cartesian` (first letter C or K); then one line per atom with three
    /// coordinates. Anything after the last atom (velocities, predictor-corrector blocks) is
    /// ignored, and so are words after the counts or coordinates that start with `!` or `#`.
    ///
    /// - Scale: one number; positive multiplies the lattice vectors (and Cartesian positions),
    ///   negative is the target cell volume in Angstrom^3 (VASP's convention). Three positive
    ///   numbers scale x, y and z separately.
    /// - VASP 4 files have no symbol line (line 6 holds the counts); they need `species`.
    /// - Labels are the element symbols. A symbol may repeat (`Fe O Fe`), as VASP allows.
    ///
    /// - Parameters:
    ///   - poscar: the file's text.
    ///   - path: the file's name, used only in error messages.
    ///   - species: one element per count group, for VASP 4 files without the symbol line;
    ///     ignored when the file has one.
    /// - Throws: ``CrystalError/malformedFile(path:line:reason:)`` naming the line and the fix.
    public init(poscar: String, path: String, species: [Element]? = nil) throws {
        self = try POSCARReader(lines: TextLines(poscar), path: path, species: species).structure()
    }

    /// The structure as a VASP 5 POSCAR: formula comment, scale 1, lattice vectors, symbol and
    /// count lines, `Direct` coordinates with 16 decimals followed by the element symbol.
    /// Consecutive sites of one element form a group, so the site order is kept (an element
    /// can appear in several groups, as in `Fe O Fe`). Labels are not written.
    /// - Parameter comment: the first line; defaults to the formula in site order.
    public func poscarString(comment: String? = nil) -> String {
        var groups: [(element: Element, count: Int)] = []
        for element in species {
            if let last = groups.last, last.element == element {
                groups[groups.count - 1].count += 1
            } else {
                groups.append((element, 1))
            }
        }
        let firstLine = (comment ?? formulaInSiteOrder(separator: " ")).map { $0.isNewline ? " " : $0 }
        var text = String(firstLine) + "\n1.0\n"
        for vector in lattice.vectors {
            text += "  " + [vector.x, vector.y, vector.z].map(NumberSyntax.fixed).joined(separator: "  ") + "\n"
        }
        text += groups.map(\.element.symbol).joined(separator: " ") + "\n"
        text += groups.map { String($0.count) }.joined(separator: " ") + "\n"
        text += "Direct\n"
        for (site, f) in fractionalCoordinates.enumerated() {
            text += "  " + [f.x, f.y, f.z].map(NumberSyntax.fixed).joined(separator: "  ") + "  \(species[site].symbol)\n"
        }
        return text
    }
}

/// The line-by-line reading behind ``Structure/init(poscar:path:species:)``.
private struct POSCARReader {
    let lines: TextLines
    let path: String
    let species: [Element]?

    func malformed(_ line: Int, _ reason: String) -> CrystalError {
        CrystalError.malformedFile(path: path, line: line, reason: reason)
    }

    /// The words of line `number` up to a `!` or `#` comment; throws at the end of the file.
    func words(_ number: Int, expecting what: String) throws -> [Substring] {
        guard let line = lines[number] else {
            throw malformed(number, "the file ends before this line; expected \(what)")
        }
        var words: [Substring] = []
        for word in line.whitespaceSeparatedWords {
            if word.hasPrefix("!") || word.hasPrefix("#") { break }
            words.append(word)
        }
        return words
    }

    func structure() throws -> Structure {
        let scaleWords = try words(2, expecting: "the scale factor (one number; negative = cell volume in Angstrom^3)")
        let scales = scaleWords.map(NumberSyntax.decimal)
        let scaleText = scaleWords.joined(separator: " ")
        guard scales.count == 1 || scales.count == 3, scales.allSatisfy({ $0 != nil }) else {
            throw malformed(
                2, "expected the scale factor (one number; negative = cell volume in Angstrom^3), got '\(fileExcerpt(scaleText))'")
        }
        let scaleValues = scales.compactMap { $0 }
        if scaleValues.count == 3 && !scaleValues.allSatisfy({ $0 > 0 }) {
            throw malformed(2, "three scale factors must all be positive, got '\(fileExcerpt(scaleText))'")
        }
        if scaleValues.count == 1 && scaleValues[0] == 0 {
            throw malformed(2, "the scale factor is 0; use 1.0, or a negative number for the cell volume in Angstrom^3")
        }

        var vectors: [SIMD3<Double>] = []
        for (number, name) in [(3, "a"), (4, "b"), (5, "c")] {
            let vectorWords = try words(number, expecting: "lattice vector \(name) (three numbers, Angstrom)")
            let values = vectorWords.prefix(3).compactMap(NumberSyntax.decimal)
            guard values.count == 3 else {
                throw malformed(
                    number, "expected lattice vector \(name) as three numbers (Angstrom), got '\(fileExcerpt(vectorWords.joined(separator: " ")))'")
            }
            vectors.append(SIMD3(values[0], values[1], values[2]))
        }
        let scale: SIMD3<Double>
        if scaleValues.count == 3 {
            scale = SIMD3(scaleValues[0], scaleValues[1], scaleValues[2])
        } else if scaleValues[0] > 0 {
            scale = SIMD3(repeating: scaleValues[0])
        } else {
            let rawVolume = abs(dot(vectors[0], cross(vectors[1], vectors[2])))
            guard rawVolume > 0 else {
                throw malformed(3, "the lattice vectors on lines 3-5 span no volume, so the negative scale (a target volume) cannot apply")
            }
            scale = SIMD3(repeating: pow(-scaleValues[0] / rawVolume, 1.0 / 3.0))
        }
        let lattice: Lattice
        do {
            lattice = try Lattice(a: vectors[0] * scale, b: vectors[1] * scale, c: vectors[2] * scale)
        } catch let CrystalError.invalidLattice(reason) {
            throw malformed(3, "the lattice vectors on lines 3-5 are invalid: \(reason)")
        }

        let (groupElements, counts, countLine) = try speciesAndCounts()
        var total = 0
        for count in counts {
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { throw malformed(countLine, "the atom counts are too large") }
            total = sum
        }
        guard total > 0 else {
            throw malformed(countLine, "the atom counts add up to 0; a structure needs at least one atom")
        }

        var modeLine = countLine + 1
        var modeWords = try words(modeLine, expecting: "'Direct' or 'Cartesian' (or 'Selective dynamics')")
        if modeWords.first?.first.map({ "sS".contains($0) }) == true {
            modeLine += 1
            modeWords = try words(modeLine, expecting: "'Direct' or 'Cartesian' after 'Selective dynamics'")
        }
        let isCartesian = modeWords.first?.first.map { "cCkK".contains($0) } ?? false
        let modeName = modeWords.first.map(String.init) ?? "Direct"

        var coordinates: [SIMD3<Double>] = []
        coordinates.reserveCapacity(min(total, lines.count))
        for atom in 0..<total {
            let number = modeLine + 1 + atom
            guard lines[number] != nil else {
                throw malformed(
                    number,
                    "the file ends after \(atom) of \(total) atom positions; expected \(total) lines after '\(fileExcerpt(modeName))' on line \(modeLine) (atom counts on line \(countLine)): add the missing positions or fix the counts")
            }
            let atomWords = try words(number, expecting: "an atom position")
            let values = atomWords.prefix(3).compactMap(NumberSyntax.decimal)
            guard values.count == 3 else {
                throw malformed(
                    number, "expected three coordinates for atom \(atom + 1), got '\(fileExcerpt(atomWords.joined(separator: " ")))'")
            }
            let position = SIMD3(values[0], values[1], values[2])
            let fractional = isCartesian ? lattice.fractional(fromCartesian: position * scale) : position
            guard fractional.x.isFinite, fractional.y.isFinite, fractional.z.isFinite else {
                throw malformed(
                    number, "the position of atom \(atom + 1) overflows once scaled and converted (got '\(fileExcerpt(atomWords.joined(separator: " ")))'); check it and the scale on line 2")
            }
            coordinates.append(fractional)
        }
        var siteElements: [Element] = []
        siteElements.reserveCapacity(total)
        for (element, count) in zip(groupElements, counts) {
            siteElements.append(contentsOf: repeatElement(element, count: count))
        }
        return try reportingInvalidStructure(in: path) {
            try Structure(lattice: lattice, species: siteElements, fractionalCoordinates: coordinates)
        }
    }

    /// The element of each count group, the counts, and the line of the counts.
    private func speciesAndCounts() throws -> ([Element], [Int], Int) {
        let sixth = try words(6, expecting: "the element symbols (e.g. 'Fe O') or the atom counts")
        guard !sixth.isEmpty else {
            throw malformed(6, "expected the element symbols (e.g. 'Fe O'), got an empty line")
        }
        if NumberSyntax.count(sixth[0]) != nil {
            // VASP 4: no symbol line.
            guard let species else {
                throw malformed(
                    6,
                    "no element symbols (VASP 4 format): line 6 holds the atom counts '\(fileExcerpt(sixth.joined(separator: " ")))'; add a line with the symbols (e.g. 'Fe O') above it, as VASP 5 writes, or pass species: to the reader")
            }
            return (species, try counts(sixth, line: 6, for: species), 6)
        }
        var elements: [Element] = []
        for word in sixth {
            let symbol = word.split(separator: "/", maxSplits: 1).first.map { $0.split(separator: "_", maxSplits: 1).first ?? $0 } ?? word
            do {
                elements.append(try Element(symbol: String(symbol)))
            } catch let error as CrystalError {
                throw malformed(6, "\(error); line 6 lists the element symbols, e.g. 'Fe O'")
            }
        }
        let seventh = try words(7, expecting: "the atom counts for \(elements.map(\.symbol).joined(separator: " "))")
        return (elements, try counts(seventh, line: 7, for: elements), 7)
    }

    private func counts(_ words: [Substring], line: Int, for elements: [Element]) throws -> [Int] {
        let counts = words.compactMap(NumberSyntax.count)
        guard counts.count == words.count, counts.count == elements.count else {
            let symbols = elements.map(\.symbol).joined(separator: " ")
            throw malformed(
                line,
                "expected \(elements.count) atom count\(elements.count == 1 ? "" : "s") for species \(symbols), got '\(fileExcerpt(words.joined(separator: " ")))'")
        }
        return counts
    }
}
