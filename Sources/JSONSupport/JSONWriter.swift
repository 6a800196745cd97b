/// A small JSON writer for matgrade's documented outputs (`compute` commands, graph
/// documents, reports). Foundation's encoder is slow on large numeric payloads (about 8 MB/s
/// here) and does not control number format or key order; this writes keys in the order the
/// caller gives and numbers in Swift's shortest round-trip form (`8.0`, `0.2`, `1e-05`),
/// which reads back to the identical Double (Python's `repr` writes the same digits).
public struct JSONWriter: Sendable {
    public private(set) var text = ""

    public init() {}

    /// Appends already-valid JSON text.
    public mutating func raw(_ fragment: String) { text += fragment }

    public mutating func string(_ value: String) {
        text += "\""
        // Most strings (keys, formulas, ids) need no escape: appended whole.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            text += value
            text += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// A number in shortest round-trip form; non-finite values are written as null (JSON has
    /// no NaN or infinity).
    public mutating func number(_ value: Double) { text += value.isFinite ? value.description : "null" }

    public mutating func integer(_ value: Int) { text += String(value) }

    public mutating func bool(_ value: Bool) { text += value ? "true" : "false" }

    public mutating func numbers(_ values: [Double]) { array(values) { $0.number($1) } }

    public mutating func integers(_ values: [Int]) { array(values) { $0.integer($1) } }

    /// `[a, b, ...]`; with `multiline`, one item per line at `indent` (the closing bracket
    /// two spaces less), for long lists of objects.
    public mutating func array<C: Collection>(
        _ items: C, multiline: Bool = false, indent: String = "    ", _ element: (inout JSONWriter, C.Element) -> Void
    ) {
        text += "["
        var first = true
        for item in items {
            if multiline { text += (first ? "\n" : ",\n") + indent } else if !first { text += ", " }
            first = false
            element(&self, item)
        }
        text += multiline && !first ? "\n" + String(indent.dropLast(2)) + "]" : "]"
    }

    /// `{"k": v, ...}`; with `multiline`, one member per line, indented two spaces, closed on
    /// its own line (a document's top level).
    public mutating func object(multiline: Bool = false, _ members: (inout ObjectWriter) -> Void) {
        // The text is moved into the member writer and back (swapped, never shared): with a
        // second reference to it alive, the first append would copy everything written so far,
        // once per object (quadratic in a document of many small objects, as week 1's entries).
        var object = ObjectWriter(writer: JSONWriter(), multiline: multiline)
        swap(&object.writer.text, &text)
        members(&object)
        swap(&object.writer.text, &text)
        if object.count == 0 {
            text += "{}"
        } else {
            text += multiline ? "\n}" : "}"
        }
    }

    /// Writes the members of an object; see ``JSONWriter/object(multiline:_:)``.
    public struct ObjectWriter: Sendable {
        var writer: JSONWriter
        let multiline: Bool
        var count = 0

        public mutating func member(_ key: String, _ value: (inout JSONWriter) -> Void) {
            writer.text += count == 0 ? (multiline ? "{\n  " : "{") : (multiline ? ",\n  " : ", ")
            count += 1
            writer.string(key)
            writer.text += ": "
            value(&writer)
        }
    }
}

extension JSONWriter {
    /// Writes any ``JSONValue``: objects with their keys sorted (a stable text for hashing and
    /// caching), whole numbers as integers, others in shortest round-trip form.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case let .bool(flag): bool(flag)
        case let .number(number):
            // JSON does not tell 12 from 12.0, but readers do (Python's json gives an int for
            // `12`, usable as a count or index): whole numbers are written without a fraction.
            if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
                integer(Int(number))
            } else {
                self.number(number)
            }
        case let .string(text): string(text)
        case let .array(items): array(items) { $0.value($1) }
        case let .object(members):
            object { object in
                for key in members.keys.sorted() {
                    object.member(key) { $0.value(members[key] ?? .null) }
                }
            }
        }
    }

    /// The JSON text of `value` (see ``value(_:)``).
    public static func text(of value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.value(value)
        return writer.text
    }
}
