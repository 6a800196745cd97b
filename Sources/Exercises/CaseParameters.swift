import Foundation
import JSONSupport

/// A case's `params` table, read with messages that name the parameter, the value seen and
/// the fix (``ExercisesError/badParameter(name:value:fix:)``).
struct CaseParameters {
    let fields: [String: JSONValue]

    /// - Throws: ``ExercisesError/badParameter(name:value:fix:)`` unless the text is a JSON object.
    init(json text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            fields = [:]
            return
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: trimmed)
        } catch {
            throw ExercisesError.badParameter(name: "params", value: String(trimmed.prefix(60)), fix: "must be a table (\(error))")
        }
        guard let object = value.objectValue else {
            throw ExercisesError.badParameter(name: "params", value: value.abbreviated(), fix: "must be a table such as { structure = \"Si\" }")
        }
        fields = object
    }

    /// Rejects parameters the generator does not know (a misspelt name would otherwise be
    /// silently ignored).
    func requireOnly(_ known: [String]) throws {
        for name in fields.keys.sorted() where !known.contains(name) {
            throw ExercisesError.badParameter(
                name: name, value: fields[name]?.abbreviated() ?? "", fix: "unknown parameter; this generator takes \(known.joined(separator: ", "))")
        }
    }

    /// Whether the case gives `name`.
    func has(_ name: String) -> Bool { fields[name] != nil }

    func string(_ name: String, example: String) throws -> String {
        guard let value = fields[name] else {
            throw ExercisesError.badParameter(name: name, value: "nothing", fix: "required; add it, e.g. \(name) = \(example)")
        }
        guard let string = value.stringValue else {
            throw ExercisesError.badParameter(name: name, value: value.abbreviated(), fix: "must be a string, e.g. \(name) = \(example)")
        }
        return string
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = fields[name] else {
            throw ExercisesError.badParameter(name: name, value: "nothing", fix: "required; add an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        guard let integer = value.integerValue, range.contains(integer) else {
            throw ExercisesError.badParameter(name: name, value: value.abbreviated(), fix: "must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return integer
    }

    func number(_ name: String, in range: ClosedRange<Double>, unit: String) throws -> Double {
        guard let value = fields[name] else {
            throw ExercisesError.badParameter(name: name, value: "nothing", fix: "required; add a number of \(unit) in \(range.lowerBound)...\(range.upperBound)")
        }
        guard let number = value.numberValue, range.contains(number) else {
            throw ExercisesError.badParameter(name: name, value: value.abbreviated(), fix: "must be a number of \(unit) in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
        guard let value = fields[name] else { return defaultValue }
        guard let bool = value.boolValue else {
            throw ExercisesError.badParameter(name: name, value: value.abbreviated(), fix: "must be true or false")
        }
        return bool
    }

    /// An optional 3x3 integer matrix with a non-zero determinant.
    func integerMatrix(_ name: String) throws -> [[Int]]? {
        guard let value = fields[name] else { return nil }
        let fix = "must be a 3x3 integer matrix with a non-zero determinant, e.g. \(name) = [[1, 0, 0], [1, 1, 0], [0, 0, 1]]"
        guard let rows = value.arrayValue, rows.count == 3 else {
            throw ExercisesError.badParameter(name: name, value: value.abbreviated(), fix: fix)
        }
        var matrix: [[Int]] = []
        for row in rows {
            guard let entries = row.arrayValue, entries.count == 3 else {
                throw ExercisesError.badParameter(name: name, value: value.abbreviated(), fix: fix)
            }
            let integers = entries.compactMap(\.integerValue)
            guard integers.count == 3, integers.allSatisfy({ abs($0) <= 100 }) else {
                throw ExercisesError.badParameter(name: name, value: value.abbreviated(), fix: fix)
            }
            matrix.append(integers)
        }
        let m = matrix
        let determinant = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        guard determinant != 0 else {
            throw ExercisesError.badParameter(name: name, value: value.abbreviated(), fix: fix + " (its determinant is 0)")
        }
        return matrix
    }
}
