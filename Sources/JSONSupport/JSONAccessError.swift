/// Why a value could not be read from a document: a missing field, an index out of range, a
/// value of the wrong type, a ragged array. These describe a program's output, so comparators
/// turn them into failed outcomes; `description` is the sentence the student reads.
public enum JSONAccessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The object at `path` has no field `field`; `availableFields` sorted.
    case missingField(path: JSONPath, field: String, availableFields: [String])
    /// The array at `path` has `count` elements, so `index` does not exist.
    case indexOutOfRange(path: JSONPath, index: Int, count: Int)
    /// The value at `path` is not what was needed (`expected`, such as "a number"); `found`
    /// describes what is there (`a string ("abc")`).
    case typeMismatch(path: JSONPath, expected: String, found: String)
    /// The array at `path` is ragged: element `index` differs from element 0. `found` and
    /// `expected` say how, as predicates: "has 3 elements" / "has 4 elements", or
    /// "is a number (3)" / "is an array".
    case ragged(path: JSONPath, index: Int, found: String, expected: String)

    public var description: String {
        switch self {
        case let .missingField(path, field, availableFields):
            let owner = path.components.isEmpty ? "the output" : path.displayName
            let fields = availableFields.isEmpty ? "it has no fields" : "its fields: " + listed(availableFields)
            return "\(owner) has no field '\(field)' (\(fields))"
        case let .indexOutOfRange(path, index, count):
            let element = path.appending(index: index)
            return "\(path.displayName) has \(count) element\(count == 1 ? "" : "s"), so \(element.displayName) does not exist"
        case let .typeMismatch(path, expected, found):
            return "\(path.displayName) must be \(expected), found \(found)"
        case let .ragged(path, index, found, expected):
            let name = path.components.isEmpty ? "the array" : path.displayName
            return "\(name) is ragged: \(path.appending(index: index).displayName) \(found) "
                + "but \(path.appending(index: 0).displayName) \(expected); every row needs the same length"
        }
    }
}

extension JSONValue {
    /// The value at `path`.
    /// - Throws: ``JSONAccessError`` naming the first step that fails and what was found there.
    public func value(at path: JSONPath) throws(JSONAccessError) -> JSONValue {
        var current = self
        var walked = JSONPath.root
        for component in path.components {
            switch component {
            case let .key(key):
                guard case let .object(fields) = current else {
                    throw .typeMismatch(path: walked, expected: "an object with a field '\(key)'", found: current.summary)
                }
                guard let next = fields[key] else {
                    throw .missingField(path: walked, field: key, availableFields: fields.keys.sorted())
                }
                current = next
            case let .index(index):
                guard case let .array(values) = current else {
                    throw .typeMismatch(path: walked, expected: "an array", found: current.summary)
                }
                guard index < values.count else {
                    throw .indexOutOfRange(path: walked, index: index, count: values.count)
                }
                current = values[index]
            }
            walked = walked.appending(component)
        }
        return current
    }
}
