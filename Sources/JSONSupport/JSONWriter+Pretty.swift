extension JSONWriter {
    /// The JSON text of `value` indented two spaces per level (objects with sorted keys, as
    /// ``text(of:)``); arrays of numbers stay on one line, so matrices remain readable.
    public static func prettyText(of value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.pretty(value, depth: 0)
        return writer.text
    }

    private mutating func pretty(_ value: JSONValue, depth: Int) {
        let inner = String(repeating: "  ", count: depth + 1)
        switch value {
        case .array(let items) where !items.isEmpty && !items.allSatisfy(\.isScalar):
            raw("[")
            for (position, item) in items.enumerated() {
                raw((position == 0 ? "\n" : ",\n") + inner)
                pretty(item, depth: depth + 1)
            }
            raw("\n" + String(repeating: "  ", count: depth) + "]")
        case .object(let members) where !members.isEmpty:
            raw("{")
            for (position, key) in members.keys.sorted().enumerated() {
                raw((position == 0 ? "\n" : ",\n") + inner)
                string(key)
                raw(": ")
                pretty(members[key] ?? .null, depth: depth + 1)
            }
            raw("\n" + String(repeating: "  ", count: depth) + "}")
        default:
            self.value(value)
        }
    }
}

extension JSONValue {
    /// True for null, booleans, numbers and strings.
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
