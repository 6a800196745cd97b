import Foundation

extension Structure {
    /// Reads the first frame of an extended XYZ file (ASE's `extxyz` format).
    ///
    /// Line 1 is the atom count N; line 2 holds `key=value` pairs and must have
    /// `Lattice="ax ay az bx by bz cx cy cz"` (Angstrom, the lattice vectors one after the
    /// other, as ASE writes them); `pbc="F F F"` is rejected, partial periodicity is read as
    /// fully periodic. `Properties` (default `species:S:1:pos:R:3`) names the columns of the N
    /// atom lines; `species` (element symbols) and `pos` (Cartesian, Angstrom) are used and the
    /// other columns (forces, ...) skipped. Later frames are not read. Labels are the element
    /// symbols.
    ///
    /// - Parameters:
    ///   - extendedXYZ: the file's text.
    ///   - path: the file's name, used only in error messages.
    /// - Throws: ``CrystalError/malformedFile(path:line:reason:)`` naming the line and the fix.
    public init(extendedXYZ: String, path: String) throws {
        self = try ExtendedXYZReader(lines: TextLines(extendedXYZ), path: path).firstFrame()
    }

    /// The structure as one extended XYZ frame that ASE's `ase.io.read(..., format="extxyz")`
    /// and ``init(extendedXYZ:path:)`` read: `Lattice`, `Properties=species:S:1:pos:R:3`,
    /// `pbc="T T T"`, Cartesian positions in Angstrom with 16 decimals. Labels are not written.
    public func extendedXYZString() -> String {
        let latticeText = lattice.vectors.flatMap { [$0.x, $0.y, $0.z] }.map(NumberSyntax.fixed).joined(separator: " ")
        var text = "\(atomCount)\n"
        text += "Lattice=\"\(latticeText)\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n"
        for (site, position) in cartesianCoordinates.enumerated() {
            text += species[site].symbol + "  " + [position.x, position.y, position.z].map(NumberSyntax.fixed).joined(separator: "  ") + "\n"
        }
        return text
    }
}

/// The reading behind ``Structure/init(extendedXYZ:path:)``.
private struct ExtendedXYZReader {
    let lines: TextLines
    let path: String

    func malformed(_ line: Int, _ reason: String) -> CrystalError {
        CrystalError.malformedFile(path: path, line: line, reason: reason)
    }

    func firstFrame() throws -> Structure {
        let countWords = lines[1]?.whitespaceSeparatedWords ?? []
        guard countWords.count == 1, let atomCount = NumberSyntax.count(countWords[0]) else {
            throw malformed(1, "expected the number of atoms on the first line, got '\(fileExcerpt(countWords.joined(separator: " ")))'")
        }
        guard atomCount > 0 else { throw malformed(1, "the frame has 0 atoms; a structure needs at least one") }
        guard let commentLine = lines[2] else {
            throw malformed(2, "the file ends before the comment line; expected Lattice=\"...\" Properties=species:S:1:pos:R:3")
        }
        guard let comment = ExtendedXYZComment(commentLine) else {
            throw malformed(2, "a quote or bracket on the comment line is never closed; close it")
        }
        let lattice = try readLattice(comment)
        let columns = try readProperties(comment)

        var species: [Element] = []
        var positions: [SIMD3<Double>] = []
        species.reserveCapacity(min(atomCount, lines.count))
        positions.reserveCapacity(min(atomCount, lines.count))
        for atom in 0..<atomCount {
            let number = atom + 3
            guard let line = lines[number] else {
                throw malformed(
                    number,
                    "the file ends after \(atom) of \(atomCount) atoms; add the missing atom lines or fix the count on line 1")
            }
            let words = line.whitespaceSeparatedWords
            guard words.count == columns.total else {
                throw malformed(
                    number, "expected \(columns.total) columns (\(columns.description)), got \(words.count): '\(fileExcerpt(line))'")
            }
            do {
                species.append(try Element(symbol: String(words[columns.species])))
            } catch let error as CrystalError {
                throw malformed(number, "\(error); the species column holds element symbols like Fe")
            }
            let values = words[columns.position..<(columns.position + 3)].compactMap(NumberSyntax.decimal)
            guard values.count == 3 else {
                let seen = words[columns.position..<(columns.position + 3)].joined(separator: " ")
                throw malformed(number, "expected three Cartesian coordinates (Angstrom) for atom \(atom + 1), got '\(fileExcerpt(seen))'")
            }
            let position = SIMD3(values[0], values[1], values[2])
            let fractional = lattice.fractional(fromCartesian: position)
            guard fractional.x.isFinite, fractional.y.isFinite, fractional.z.isFinite else {
                throw malformed(number, "the position of atom \(atom + 1) overflows when converted to fractional coordinates; check it")
            }
            positions.append(position)
        }
        return try reportingInvalidStructure(in: path) {
            try Structure(lattice: lattice, species: species, cartesianCoordinates: positions)
        }
    }

    private func readLattice(_ comment: ExtendedXYZComment) throws -> Lattice {
        if let pbc = comment.value("pbc") {
            let flags = pbc.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
            guard flags.count == 3, flags.allSatisfy({ ["t", "true", "f", "false"].contains($0) }) else {
                throw malformed(2, "pbc=\"\(fileExcerpt(pbc))\" should be three flags like \"T T T\"")
            }
            if flags.allSatisfy({ $0.hasPrefix("f") }) {
                throw malformed(
                    2, "pbc=\"\(pbc)\" marks the frame as non-periodic; matgrade needs a periodic crystal: set pbc=\"T T T\" with its Lattice")
            }
        }
        guard let latticeText = comment.value("Lattice") else {
            let hint = comment.keyDiffering(inCaseFrom: "Lattice").map { " (keys are case-sensitive: found '\($0)')" } ?? ""
            throw malformed(
                2,
                "no Lattice=\"...\" on the comment line\(hint); matgrade needs a periodic cell: write the file with ASE from Atoms with a cell and pbc=True (ase.io.write(..., format='extxyz'))")
        }
        let words = latticeText.split(whereSeparator: \.isWhitespace)
        let values = words.compactMap(NumberSyntax.decimal)
        guard words.count == 9, values.count == 9 else {
            throw malformed(2, "Lattice=\"\(fileExcerpt(latticeText))\" should hold 9 numbers (the vectors a, b, c one after the other, Angstrom)")
        }
        do {
            return try Lattice(
                a: SIMD3(values[0], values[1], values[2]), b: SIMD3(values[3], values[4], values[5]),
                c: SIMD3(values[6], values[7], values[8]))
        } catch let CrystalError.invalidLattice(reason) {
            throw malformed(2, "the Lattice is invalid: \(reason)")
        }
    }

    /// Column positions of `species` and `pos` and the number of columns.
    private struct Columns {
        var species = 0
        var position = 0
        var total = 0
        var description = ""
    }

    private func readProperties(_ comment: ExtendedXYZComment) throws -> Columns {
        let text = comment.value("Properties") ?? "species:S:1:pos:R:3"
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count % 3 == 0, !fields.isEmpty else {
            throw malformed(2, "Properties=\(fileExcerpt(text)) should be name:type:count triples like species:S:1:pos:R:3")
        }
        var columns = Columns(description: text)
        var found = (species: false, position: false)
        var start = 0
        while start < fields.count {
            let (name, type, countText) = (fields[start], fields[start + 1], fields[start + 2])
            guard let count = NumberSyntax.count(countText), count > 0, ["S", "R", "I", "L"].contains(type) else {
                throw malformed(
                    2, "Properties entry '\(name):\(type):\(countText)' should be name:type:count with type S, R, I or L and a positive count")
            }
            if name == "species" {
                guard type == "S", count == 1 else {
                    throw malformed(2, "Properties entry 'species:\(type):\(countText)' should be species:S:1")
                }
                columns.species = columns.total
                found.species = true
            } else if name == "pos" {
                guard type == "R", count == 3 else {
                    throw malformed(2, "Properties entry 'pos:\(type):\(countText)' should be pos:R:3")
                }
                columns.position = columns.total
                found.position = true
            }
            let (sum, overflow) = columns.total.addingReportingOverflow(count)
            guard !overflow else { throw malformed(2, "Properties=\(fileExcerpt(text)) has too many columns") }
            columns.total = sum
            start += 3
        }
        guard found.species, found.position else {
            throw malformed(
                2, "Properties=\(fileExcerpt(text)) lacks \(found.species ? "pos:R:3" : "species:S:1"); matgrade needs element symbols and Cartesian positions")
        }
        return columns
    }
}
