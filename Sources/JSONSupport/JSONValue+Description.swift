/// How values are written in explanations and error messages.
extension JSONValue: CustomStringConvertible {
    /// Compact JSON text on one line, object keys sorted: `{"a": [1, 2.5], "b": "x"}`.
    /// Numbers as ``NumberFormat/exact(_:)`` writes them (`5`, not `5.0`; `NaN`, `inf`).
    public var description: String {
        var text = ""
        write(to: &text)
        return text
    }

    /// The compact text cut to `limit` characters, with `…` when cut.
    public func abbreviated(_ limit: Int = 60) -> String {
        let text = description
        return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// What the value is, for "expected a number, found ..." messages: `a string ("abc")`,
    /// `an array of 3 elements`, `an object with fields a, b`, `null`.
    public var summary: String {
        switch self {
        case .null: return "null"
        case let .bool(value): return "a boolean (\(value))"
        case let .number(value): return "a number (\(NumberFormat.exact(value)))"
        case .string: return "a string (\(abbreviated(40)))"
        case let .array(values): return values.count == 1 ? "an array of 1 element" : "an array of \(values.count) elements"
        case let .object(fields):
            if fields.isEmpty { return "an empty object" }
            return "an object with fields " + listed(fields.keys.sorted())
        }
    }

    private func write(to text: inout String) {
        switch self {
        case .null: text += "null"
        case let .bool(value): text += value ? "true" : "false"
        case let .number(value): text += NumberFormat.exact(value)
        case let .string(value): text += quoted(value)
        case let .array(values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += ", " }
                value.write(to: &text)
            }
            text += "]"
        case let .object(fields):
            text += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { text += ", " }
                text += quoted(key) + ": "
                fields[key]?.write(to: &text)
            }
            text += "}"
        }
    }
}

/// A string in double quotes with `"`, `\` and control characters escaped as JSON does.
public func quoted(_ string: String) -> String {
    var writer = JSONWriter()
    writer.string(string)
    return writer.text
}

/// `a, b, c` for up to `limit` names, then `, … (12 in all)`.
public func listed(_ names: [String], limit: Int = 8) -> String {
    guard names.count > limit else { return names.joined(separator: ", ") }
    return names.prefix(limit).joined(separator: ", ") + ", … (\(names.count) in all)"
}
