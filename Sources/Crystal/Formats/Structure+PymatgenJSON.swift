import Foundation

extension Structure {
    /// Reads a pymatgen `Structure.as_dict()` JSON document:
    /// `{"lattice": {"matrix": [[...], [...], [...]]}, "sites": [{"species": [{"element": "Fe",
    /// "occu": 1}], "abc": [x, y, z], "label": "Fe1"}, ...]}`.
    ///
    /// The lattice comes from `matrix` (rows are vectors, Angstrom); each site from `abc`
    /// (fractional), or from `xyz` (Cartesian, Angstrom) when `abc` is absent. A species entry
    /// may carry `oxidation_state`, which is dropped; a site must hold one element with `occu`
    /// within 1e-3 of 1 (absent means 1): disordered sites are rejected. `label` defaults to
    /// the element symbol. Other keys (`properties`, `charge`, `@version`, ...) are ignored, so
    /// the dicts of Structure subclasses (`Interface`, `SymmetrizedStructure`) and of
    /// `TransformedStructure` are read too.
    ///
    /// - Parameters:
    ///   - pymatgenJSON: the file's text.
    ///   - path: the file's name, used in error messages. JSON has no line numbers in this
    ///     reader's messages except for syntax errors; the messages name the key instead
    ///     (`sites[3].species[0].element`).
    /// - Throws: ``CrystalError/malformedFile(path:line:reason:)``.
    public init(pymatgenJSON: String, path: String) throws {
        let data = Data(pymatgenJSON.utf8)
        let document: PymatgenStructureDocument
        do {
            document = try JSONDecoder().decode(PymatgenStructureDocument.self, from: data)
        } catch let error as DecodingError {
            throw PymatgenJSON.describe(error, data: data, path: path)
        }
        self = try PymatgenJSON.structure(from: document, path: path)
    }

    /// The structure as pymatgen's `Structure.as_dict()` JSON (`@module`, `@class`, `charge`,
    /// `lattice` with `matrix`, `pbc`, lengths, angles and volume, and per site `species`
    /// with `occu` 1, `abc`, `xyz`, `label` and empty `properties`), which pymatgen's
    /// `Structure.from_dict` and ``init(pymatgenJSON:path:)`` read. Numbers are written in
    /// their shortest exact form, so a round trip is exact.
    /// - Throws: an `EncodingError` only if a number is not finite, which a valid structure
    ///   never has.
    public func pymatgenJSONString() throws -> String {
        let lengths = lattice.lengths, angles = lattice.angles
        let document = PymatgenStructureOutput(
            lattice: .init(
                matrix: lattice.matrix, a: lengths.x, b: lengths.y, c: lengths.z,
                alpha: angles.x, beta: angles.y, gamma: angles.z, volume: lattice.volume),
            sites: (0..<atomCount).map { site in
                let f = fractionalCoordinates[site]
                let x = lattice.cartesian(fromFractional: f)
                return .init(
                    species: [.init(element: species[site].symbol, occu: 1)], abc: [f.x, f.y, f.z], xyz: [x.x, x.y, x.z],
                    label: labels[site])
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}

/// The keys of `Structure.as_dict()` that the reader uses; every one optional so that a
/// missing key gets a clear message instead of a decoding error.
private struct PymatgenStructureDocument: Decodable {
    struct LatticeEntry: Decodable {
        var matrix: [[Double]]?
    }
    struct SpeciesEntry: Decodable {
        var element: String?
        var occu: Double?
    }
    struct SiteEntry: Decodable {
        var species: [SpeciesEntry]?
        var abc: [Double]?
        var xyz: [Double]?
        var label: String?
    }
    var className: String?
    var lattice: LatticeEntry?
    var sites: [SiteEntry]?

    enum CodingKeys: String, CodingKey {
        case className = "@class"
        case lattice, sites
    }
}

/// What ``Structure/pymatgenJSONString()`` writes.
private struct PymatgenStructureOutput: Encodable {
    struct LatticeEntry: Encodable {
        var matrix: [[Double]]
        var pbc = [true, true, true]
        var a, b, c, alpha, beta, gamma, volume: Double
    }
    struct SpeciesEntry: Encodable {
        var element: String
        var occu: Int
    }
    struct SiteEntry: Encodable {
        var species: [SpeciesEntry]
        var abc: [Double]
        var xyz: [Double]
        var label: String
        var properties: [String: String] = [:]
    }
    var module = "pymatgen.core.structure"
    var className = "Structure"
    var charge = 0
    var lattice: LatticeEntry
    var properties: [String: String] = [:]
    var sites: [SiteEntry]

    enum CodingKeys: String, CodingKey {
        case module = "@module"
        case className = "@class"
        case charge, lattice, properties, sites
    }
}

private enum PymatgenJSON {
    static let occupancyTolerance = 1e-3

    static func structure(from document: PymatgenStructureDocument, path: String) throws -> Structure {
        func malformed(_ reason: String) -> CrystalError {
            CrystalError.malformedFile(path: path, line: nil, reason: reason)
        }
        if document.lattice == nil, let className = document.className, className.contains("Molecule") {
            throw malformed("\"@class\" is '\(fileExcerpt(className))': a molecule has no lattice; matgrade needs a periodic pymatgen Structure (Structure.as_dict())")
        }
        guard let matrix = document.lattice?.matrix else {
            throw malformed(
                document.lattice == nil
                    ? "no \"lattice\" object; a pymatgen Structure.as_dict() has {\"lattice\": {\"matrix\": [[...], [...], [...]]}, \"sites\": [...]}"
                    : "\"lattice\" has no \"matrix\"; give the three lattice vectors as rows, Angstrom")
        }
        let lattice: Lattice
        do {
            lattice = try Lattice(matrix: matrix)
        } catch let CrystalError.invalidLattice(reason) {
            throw malformed("lattice.matrix is invalid: \(reason)")
        }
        guard let sites = document.sites else {
            throw malformed("no \"sites\" array; a pymatgen Structure.as_dict() lists its sites under \"sites\"")
        }
        guard !sites.isEmpty else { throw malformed("\"sites\" is empty; a structure needs at least one site") }

        var species: [Element] = []
        var coordinates: [SIMD3<Double>] = []
        var labels: [String] = []
        for (index, site) in sites.enumerated() {
            let name = "sites[\(index)]" + (site.label.map { " (label '\(fileExcerpt($0))')" } ?? "")
            guard let entries = site.species, let first = entries.first else {
                throw malformed("\(name) has no \"species\"; give [{\"element\": \"Fe\", \"occu\": 1}]")
            }
            let occupancy = entries.reduce(0) { $0 + ($1.occu ?? 1) }
            if entries.count > 1 || abs(occupancy - 1) > occupancyTolerance {
                let listing = entries.map { "\($0.element ?? "?"):\($0.occu ?? 1)" }.joined(separator: ", ")
                throw malformed(
                    "\(name) is partially occupied (\(fileExcerpt(listing))): partial occupancy is unsupported; order the structure first (e.g. with pymatgen's OrderDisorderedStructureTransformation) so that every site holds one element with occu 1")
            }
            guard let symbol = first.element else {
                throw malformed("sites[\(index)].species[0] has no \"element\"; give an element symbol like \"Fe\"")
            }
            do {
                species.append(try Element(symbol: symbol))
            } catch let error as CrystalError {
                throw malformed("sites[\(index)].species[0].element: \(error)")
            }
            if let abc = site.abc {
                guard abc.count == 3 else { throw malformed("sites[\(index)].abc has \(abc.count) numbers; give 3 fractional coordinates") }
                coordinates.append(SIMD3(abc[0], abc[1], abc[2]))
            } else if let xyz = site.xyz {
                guard xyz.count == 3 else { throw malformed("sites[\(index)].xyz has \(xyz.count) numbers; give 3 Cartesian coordinates (Angstrom)") }
                coordinates.append(lattice.fractional(fromCartesian: SIMD3(xyz[0], xyz[1], xyz[2])))
            } else {
                throw malformed("\(name) has neither \"abc\" (fractional) nor \"xyz\" (Cartesian) coordinates; give \"abc\": [x, y, z]")
            }
            labels.append(site.label ?? species[species.count - 1].symbol)
        }
        return try reportingInvalidStructure(in: path) {
            try Structure(lattice: lattice, species: species, fractionalCoordinates: coordinates, labels: labels)
        }
    }

    /// A decoding failure as a message naming the key path (or, for a syntax error, the line).
    static func describe(_ error: DecodingError, data: Data, path: String) -> CrystalError {
        switch error {
        case let .typeMismatch(type, context):
            let expected = type == Double.self ? "a number" : type == String.self ? "a string" : type is [Any].Type ? "an array" : "an object"
            let location = keyPath(context.codingPath)
            return .malformedFile(
                path: path, line: nil,
                reason: "\(location.isEmpty ? "the document" : location) should be \(expected) (\(context.debugDescription)); compare with pymatgen's Structure.as_dict()")
        case let .valueNotFound(_, context):
            return .malformedFile(
                path: path, line: nil, reason: "\(keyPath(context.codingPath)) is null; give a value like pymatgen's Structure.as_dict()")
        case let .keyNotFound(key, context):
            return .malformedFile(path: path, line: nil, reason: "\(keyPath(context.codingPath + [key])) is missing")
        case .dataCorrupted:
            return syntaxError(data: data, path: path)
        @unknown default:
            return .malformedFile(path: path, line: nil, reason: "cannot read the JSON: \(error)")
        }
    }

    /// `lattice.matrix[1][2]` for a coding path.
    static func keyPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// JSONDecoder does not say where a syntax error is; JSONSerialization gives a character
    /// offset, turned here into a line number.
    static func syntaxError(data: Data, path: String) -> CrystalError {
        let fix = "fix the JSON syntax (pymatgen writes it with json.dump(structure.as_dict(), f))"
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            var line: Int?
            if let range = detail.range(of: "character "),
                let offset = Int(detail[range.upperBound...].prefix(while: \.isNumber))
            {
                line = data.prefix(offset).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
            return .malformedFile(path: path, line: line, reason: "not valid JSON (\(detail)); \(fix)")
        }
        return .malformedFile(path: path, line: nil, reason: "not a JSON object; \(fix)")
    }
}
