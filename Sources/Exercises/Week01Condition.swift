import Foundation
import JSONSupport

/// One condition of a week-1 question, as data (`{"property": "band_gap", "op": ">",
/// "value": 2}`) and as the OPTIMADE filter clause it stands for (`band_gap > 2`). A question's
/// conditions are joined by AND.
///
/// Semantics are OPTIMADE's: a comparison with an unknown (null) value is false, whatever the
/// operator (`band_gap != 0` leaves out the entries without a band gap); `IS KNOWN` asks for a
/// value; `HAS ALL` / `HAS ANY` / `HAS ONLY` compare the entry's element set with the listed
/// symbols.
struct Week01Condition: Hashable, Sendable {
    enum Operator: String, CaseIterable, Sendable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "=", notEqual = "!="
        case hasAll = "HAS ALL", hasAny = "HAS ANY", hasOnly = "HAS ONLY", isKnown = "IS KNOWN"

        var isComparison: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(self) }
        var isListOperator: Bool { [.hasAll, .hasAny, .hasOnly].contains(self) }
    }

    /// The numeric properties a condition may compare (names as in the database and the input).
    static let numericProperties = [
        "nelements", "nsites", "formation_energy_per_atom", "band_gap", "e_above_hull", "experimental_band_gap", "space_group_it_number",
    ]

    let property: String
    let op: Operator
    /// The number of a comparison.
    let number: Double?
    /// The element symbols of a list operator.
    let symbols: [String]

    init(_ property: String, _ op: Operator, number: Double? = nil, symbols: [String] = []) {
        (self.property, self.op, self.number, self.symbols) = (property, op, number, symbols)
    }

    /// Reads `{"property", "op", "value"}`.
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` naming `field`.
    init(json: JSONValue, field: String) throws {
        let fields = json.objectValue ?? [:]
        guard let property = fields["property"]?.stringValue else {
            throw ExercisesError.badInput(field: "\(field).property", reason: "must be a property name such as \"band_gap\" (got \(fields["property"]?.abbreviated() ?? "nothing"))")
        }
        guard let opText = fields["op"]?.stringValue, let op = Operator(rawValue: opText) else {
            throw ExercisesError.badInput(field: "\(field).op", reason: "must be one of \(Operator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")) (got \(fields["op"]?.abbreviated() ?? "nothing"))")
        }
        let value = fields["value"]
        if op.isListOperator {
            guard property == "elements" else {
                throw ExercisesError.badInput(field: "\(field).property", reason: "\(op.rawValue) applies to \"elements\" only (got \"\(property)\")")
            }
            guard let list = value?.arrayValue, !list.isEmpty, list.allSatisfy({ $0.stringValue != nil }) else {
                throw ExercisesError.badInput(field: "\(field).value", reason: "must be a non-empty list of element symbols for \(op.rawValue) (got \(value?.abbreviated() ?? "nothing"))")
            }
            self.init(property, op, symbols: list.compactMap(\.stringValue))
            return
        }
        guard Self.numericProperties.contains(property) else {
            throw ExercisesError.badInput(field: "\(field).property", reason: "\"\(property)\" is not a numeric property; use one of \(Self.numericProperties.joined(separator: ", "))")
        }
        if op == .isKnown {
            self.init(property, op)
            return
        }
        guard let number = value?.numberValue, number.isFinite else {
            throw ExercisesError.badInput(field: "\(field).value", reason: "must be a finite number for \(op.rawValue) (got \(value?.abbreviated() ?? "nothing"))")
        }
        self.init(property, op, number: number)
    }

    var json: JSONValue {
        var fields: [String: JSONValue] = ["property": .string(property), "op": .string(op.rawValue)]
        if op.isListOperator { fields["value"] = .array(symbols.map(JSONValue.string)) }
        if let number { fields["value"] = .number(number) }
        return .object(fields)
    }

    /// The OPTIMADE clause: `elements HAS ALL "Li","O"`, `band_gap > 2.5`, `nsites IS KNOWN`.
    var optimade: String {
        if op.isListOperator { return "\(property) \(op.rawValue) " + symbols.map { "\"\($0)\"" }.joined(separator: ",") }
        if op == .isKnown { return "\(property) IS KNOWN" }
        return "\(property) \(op.rawValue) \(Self.text(number ?? 0))"
    }

    /// Conditions joined by AND, as one filter.
    static func optimade(_ conditions: [Week01Condition]) -> String {
        conditions.map(\.optimade).joined(separator: " AND ")
    }

    /// A number as the shortest decimal that reads back the same, without an exponent.
    static func text(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        let shortest = "\(number)"
        if !shortest.contains("e") { return shortest }
        return String(format: "%.17f", number).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
    }

    /// Whether an entry satisfies the condition, evaluated directly (the generator's and the
    /// tests' check of the database's SQL).
    func matches(_ entry: Week01Entry) -> Bool {
        switch op {
        case .hasAll: return Set(symbols).isSubset(of: entry.elements)
        case .hasAny: return !Set(symbols).isDisjoint(with: entry.elements)
        case .hasOnly: return Set(entry.elements).isSubset(of: Set(symbols))
        case .isKnown: return entry.number(property) != nil
        default:
            guard let value = entry.number(property) else { return false }
            return matchesValue(value)
        }
    }

    static func read(_ value: JSONValue?, field: String) throws -> [Week01Condition] {
        guard let list = value?.arrayValue, !list.isEmpty else {
            throw ExercisesError.badInput(field: field, reason: "must be a non-empty list of {property, op, value} conditions (got \(value?.abbreviated() ?? "nothing"))")
        }
        return try list.enumerated().map { k, item in try Week01Condition(json: item, field: "\(field)[\(k)]") }
    }
}

extension Week01Condition {
    /// Whether a known value satisfies this comparison.
    func matchesValue(_ value: Double) -> Bool {
        guard let number else { return false }
        switch op {
        case .less: return value < number
        case .lessOrEqual: return value <= number
        case .greater: return value > number
        case .greaterOrEqual: return value >= number
        case .equal: return value == number
        case .notEqual: return value != number
        default: return false
        }
    }
}
