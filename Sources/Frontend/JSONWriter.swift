/// A small streaming JSON writer for the `compute` commands' output. Foundation's encoder is
/// slow on large numeric payloads (about 8 MB/s here) and does not control number format; this
/// writes numbers in Swift's shortest round-trip form, so a value read back is bit-identical.
public struct JSONWriter {
    public private(set) var text = ""

    public init() {}

    public mutating func raw(_ fragment: String) { text += fragment }

    public mutating func string(_ value: String) {
        text += "\""
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

    /// A finite number; non-finite values are written as null (JSON has no NaN).
    public mutating func number(_ value: Double) {
        guard value.isFinite else {
            text += "null"
            return
        }
        // Swift's description is the shortest text that reads back to the same Double
        // ("6.0", "0.1", "1e-05", "1e+16"), all valid JSON numbers.
        text += value.description
    }

    public mutating func integer(_ value: Int) { text += String(value) }

    /// Writes `[a, b, ...]` with `element` writing each item.
    public mutating func array<C: Collection>(_ items: C, _ element: (inout JSONWriter, C.Element) -> Void) {
        text += "["
        var first = true
        for item in items {
            if !first { text += ", " }
            first = false
            element(&self, item)
        }
        text += "]"
    }
}
