import JSONSupport
/// `equal`: exact equality of integers, strings, Booleans, and nested arrays or objects of
/// them (atom features, species lists, counts).
///
/// No tolerance, so use it only where the reference is exact: 3 and 3.0 are the same JSON
/// number and equal, 3 and 3.0000001 are not. NaN equals NaN (a document equals itself); the
/// string `"3"` does not equal the number 3. Objects must have the same fields.
///
/// The explanation names the first difference in document order (object fields in sorted
/// order): `first difference at [3][1]: student 2, reference 1; 4 of 10 elements differ`.
public struct EqualComparator: PairComparator {
    public static let kind = ComparatorKind.equal

    /// `.proportional`: when both values are arrays of the same length, the score is the
    /// fraction of top-level elements (rows) that are equal.
    public let credit: Credit

    public init(credit: Credit = .allOrNothing) {
        self.credit = credit
    }

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        guard let difference = EqualComparator.firstDifference(student, reference, at: .root) else {
            let count = reference.arrayValue?.count
            return .pass(count.map { "all \($0) element\($0 == 1 ? "" : "s") equal" } ?? "equal (\(reference.abbreviated(40)))")
        }
        var text = difference
        var score = 0.0
        if case let .array(studentRows) = student, case let .array(referenceRows) = reference,
           studentRows.count == referenceRows.count, !referenceRows.isEmpty {
            let equalCount = zip(studentRows, referenceRows).filter { $0 == $1 }.count
            let differing = referenceRows.count - equalCount
            text += "; \(differing) of \(referenceRows.count) element\(referenceRows.count == 1 ? "" : "s") differ"
            if credit == .proportional { score = Double(equalCount) / Double(referenceRows.count) }
        }
        return CheckOutcome(passed: false, score: score, explanation: text)
    }

    /// A description of the first place where the two values differ, or nil when equal.
    static func firstDifference(_ student: JSONValue, _ reference: JSONValue, at path: JSONPath) -> String? {
        let place = path.components.isEmpty ? "" : " at \(path.description)"
        switch (student, reference) {
        case let (.array(studentValues), .array(referenceValues)):
            for index in 0..<min(studentValues.count, referenceValues.count) {
                if let difference = firstDifference(studentValues[index], referenceValues[index], at: path.appending(index: index)) {
                    return difference
                }
            }
            guard studentValues.count == referenceValues.count else {
                return "length differs\(place): student has \(studentValues.count) element\(studentValues.count == 1 ? "" : "s"), "
                    + "reference \(referenceValues.count)"
            }
            return nil
        case let (.object(studentFields), .object(referenceFields)):
            for key in Set(studentFields.keys).union(referenceFields.keys).sorted() {
                switch (studentFields[key], referenceFields[key]) {
                case let (studentValue?, referenceValue?):
                    if let difference = firstDifference(studentValue, referenceValue, at: path.appending(.key(key))) {
                        return difference
                    }
                case (nil, _?): return "field '\(key)' missing\(place)"
                case (_?, nil): return "unexpected field '\(key)'\(place)"
                case (nil, nil): continue
                }
            }
            return nil
        default:
            if student == reference { return nil }
            let sameKind = student.kindName == reference.kindName
            let studentText = sameKind ? student.abbreviated(40) : student.summary
            let referenceText = sameKind ? reference.abbreviated(40) : reference.summary
            return (place.isEmpty ? "" : "first difference\(place): ") + "student \(studentText), reference \(referenceText)"
        }
    }
}

extension JSONValue {
    /// `number`, `string`, ...: the JSON type, for "same kind" tests.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
