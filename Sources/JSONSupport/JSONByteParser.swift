/// (``JSONValue`` is `ExpressibleByNilLiteral`: a bare `nil` in a ternary here would become
/// `.null`, so "no value" is spelled `.none`.)
///
/// The JSON parser behind ``JSONValue/init(parsing:)-(Data)``, over UTF-8 bytes.
///
/// Accepts RFC 8259 JSON (after an optional byte-order mark) plus Python's bare `NaN`,
/// `Infinity` and `-Infinity`. Numbers are parsed by Swift's `Double(_:)`, correctly rounded.
/// A duplicate key keeps its last value. Anything else gives ``Result/invalid`` (the caller
/// asks ``JSONSyntaxLocator`` where it breaks) or ``Result/tooDeep``.
///
/// Why not `JSONDecoder`: decoding into ``JSONValue`` costs a thrown error per failed kind
/// attempt (a 150 KB `output.json` of numbers took 15-20 ms; this takes about 1), and on Linux
/// it crashed the whole process on a top-level integer beyond 64 bits
/// (`1015238655383930579965924343808`, which Python's `json.dump(10**30)` writes), which a
/// student's output must never be able to do.
struct JSONByteParser {
    /// Deeper documents are refused instead of risking the grader's stack.
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    enum Result: Equatable {
        case value(JSONValue)
        /// Not JSON (syntax, invalid UTF-8, a lone surrogate escape).
        case invalid
        /// Arrays or objects nested deeper than ``maximumDepth``.
        case tooDeep
    }

    static func parse(_ bytes: [UInt8]) -> Result {
        var parser = JSONByteParser(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        guard let value = parser.value(depth: 0) else { return parser.exceededDepth ? .tooDeep : .invalid }
        parser.skipWhitespace()
        return parser.position == bytes.count ? .value(value) : .invalid
    }

    private var exceededDepth = false

    private mutating func skipWhitespace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
            position += 1
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { buffer in (0..<count).allSatisfy { bytes[position + $0] == buffer[$0] } }
        if matches { position += count }
        return matches
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard depth <= Self.maximumDepth else {
            exceededDepth = true
            return nil
        }
        skipWhitespace()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : JSONValue?.none
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : JSONValue?.none
        case UInt8(ascii: "n"): return literal("null") ? .null : JSONValue?.none
        case UInt8(ascii: "N"): return literal("NaN") ? .number(.nan) : JSONValue?.none
        case UInt8(ascii: "I"): return literal("Infinity") ? .number(.infinity) : JSONValue?.none
        default: return number()
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            guard let item = value(depth: depth + 1) else { return nil }
            items.append(item)
            skipWhitespace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            } else {
                return nil
            }
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
            position += 1
            guard let member = value(depth: depth + 1) else { return nil }
            members[key] = member
            skipWhitespace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            } else {
                return nil
            }
        }
    }

    /// A string starting at the opening quote; nil on a control character, a bad escape,
    /// a lone surrogate or invalid UTF-8.
    private mutating func string() -> String? {
        position += 1
        var scalars = String.UnicodeScalarView()
        var start = position
        func flush(_ end: Int) -> Bool {
            guard start < end else { return true }
            guard let text = String(validating: bytes[start..<end], as: UTF8.self) else { return false }
            scalars.append(contentsOf: text.unicodeScalars)
            return true
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                guard flush(position) else { return nil }
                position += 1
                return String(scalars)
            }
            if byte < 0x20 { return nil }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            guard flush(position), position + 1 < bytes.count else { return nil }
            let escape = bytes[position + 1]
            position += 2
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                guard var code = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(code) {
                    guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                scalars.append(scalar)
            default: return nil
            }
            start = position
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var code: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            code = code << 4 | digit
        }
        position += 4
        return code
    }

    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`, or `-Infinity`.
    private mutating func number() -> JSONValue? {
        let start = position
        if bytes[position] == UInt8(ascii: "-") {
            position += 1
            if literal("Infinity") { return .number(-.infinity) }
        }
        func digits() -> Int {
            let first = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            return position - first
        }
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else if digits() == 0 {
            return nil
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { return nil }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { return nil }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        return Double(text).map(JSONValue.number)
    }
}
