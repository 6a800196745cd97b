import Crystal
import JSONSupport

/// A structure as input documents carry it (DESIGN.md, "The submission contract"):
/// `{lattice: [3 x 3] Angstrom, rows are the vectors; species: [atomCount] symbols;
/// frac_coords: [atomCount x 3]}`.
enum StructureDocument {
    static func json(_ structure: Structure) -> JSONValue {
        .object([
            "lattice": .array(structure.lattice.matrix.map { .array($0.map(JSONValue.number)) }),
            "species": .array(structure.species.map { .string($0.symbol) }),
            "frac_coords": .array(structure.fractionalCoordinates.map { .array([.number($0.x), .number($0.y), .number($0.z)]) }),
        ])
    }

    /// The structure in `document[field]`.
    /// - Throws: ``ExercisesError/badInput(field:reason:)``.
    static func structure(in document: JSONValue, field: String = "structure") throws -> Structure {
        guard let object = document.objectValue?[field]?.objectValue else {
            throw ExercisesError.badInput(field: field, reason: "missing; give {lattice, species, frac_coords}")
        }
        func vectors(_ name: String) throws -> [SIMD3<Double>] {
            guard let rows = object[name]?.arrayValue else {
                throw ExercisesError.badInput(field: "\(field).\(name)", reason: "missing; give an array of [x, y, z] rows")
            }
            return try rows.enumerated().map { index, row in
                guard let numbers = row.arrayValue?.compactMap(\.numberValue), numbers.count == 3, row.arrayValue?.count == 3 else {
                    throw ExercisesError.badInput(field: "\(field).\(name)[\(index)]", reason: "must be 3 numbers (got \(row.abbreviated()))")
                }
                return SIMD3(numbers[0], numbers[1], numbers[2])
            }
        }
        let latticeRows = try vectors("lattice")
        guard latticeRows.count == 3 else {
            throw ExercisesError.badInput(field: "\(field).lattice", reason: "must have 3 rows (got \(latticeRows.count))")
        }
        guard let symbols = object["species"]?.arrayValue else {
            throw ExercisesError.badInput(field: "\(field).species", reason: "missing; give an array of element symbols")
        }
        let species = try symbols.enumerated().map { index, symbol in
            guard let text = symbol.stringValue, let element = Element.lookup(symbol: text) else {
                throw ExercisesError.badInput(field: "\(field).species[\(index)]", reason: "not an element symbol (got \(symbol.abbreviated()))")
            }
            return element
        }
        let coordinates = try vectors("frac_coords")
        do {
            let lattice = try Lattice(a: latticeRows[0], b: latticeRows[1], c: latticeRows[2])
            return try Structure(lattice: lattice, species: species, fractionalCoordinates: coordinates)
        } catch {
            throw ExercisesError.badInput(field: field, reason: "\(error)")
        }
    }
}
