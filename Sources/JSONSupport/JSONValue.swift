import Foundation

/// A JSON document as a program wrote it: a student's `output.json`, a reference output, a
/// rubric option.
///
/// Numbers are `Double`, as JSON has one number type; integers beyond 2^53 lose precision, as
/// in JavaScript and numpy's float64. Parsing (``JSONByteParser``) gives every number the
/// correctly rounded double (`JSONSerialization` on Linux rounds some 17-digit numbers).
///
/// Equality is structural, with one deliberate difference from `Double`: NaN equals NaN, so a
/// document equals itself and `Hashable` holds. What NaN means for a grade is the comparators'
/// business (``NaNPolicy``).
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: Hashable {
    public static func == (left: JSONValue, right: JSONValue) -> Bool {
        switch (left, right) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(value): hasher.combine(1); hasher.combine(value)
        case let .number(value): hasher.combine(2); hasher.combine(value.isNaN ? Double.nan.bitPattern : (value + 0).bitPattern)
        case let .string(value): hasher.combine(3); hasher.combine(value)
        case let .array(values): hasher.combine(4); hasher.combine(values)
        case let .object(fields): hasher.combine(5); hasher.combine(fields)
        }
    }
}

extension JSONValue: Codable {
    /// Tries the kinds in the order they are common in program outputs (numbers, then rows of
    /// them), since every failed attempt costs a thrown `DecodingError`: in a release build a
    /// list of numeric rows decodes in about twice the time of a typed `[[Double]]` decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value. A NaN or infinite number follows the encoder's
    /// `nonConformingFloatEncodingStrategy` (by default `JSONEncoder` throws).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(values): try container.encode(values)
        case let .object(fields): try container.encode(fields)
        }
    }
}

/// A document that is not JSON; `description` says so in words a student understands.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
}

extension JSONValue {
    /// Parses a JSON document (``JSONByteParser``).
    ///
    /// Python's `json.dump` writes NaN and infinities as the bare words `NaN`, `Infinity` and
    /// `-Infinity`, which JSON does not allow; they are accepted here and read as numbers, so
    /// a student who outputs NaN is told where the NaN is instead of that the whole file is
    /// unreadable.
    /// - Throws: ``JSONParseError`` for anything else that is not JSON, saying where it breaks.
    public init(parsing data: Data) throws(JSONParseError) {
        let bytes = Array(data)
        switch JSONByteParser.parse(bytes) {
        case .value(let value):
            self = value
        case .tooDeep:
            throw JSONParseError(
                description: "not valid JSON for matgrade: arrays or objects nested more than \(JSONByteParser.maximumDepth) levels deep; write the fields the task asks for")
        case .invalid:
            if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
                throw JSONParseError(description: "not valid JSON: the file is empty; write the output with json.dump")
            }
            guard let location = JSONSyntaxLocator.firstError(in: bytes) else {
                throw JSONParseError(description: "not valid JSON: it is not UTF-8 text or holds an invalid \\u escape; write the output with json.dump")
            }
            throw JSONParseError(
                description: "not valid JSON: line \(location.line), column \(location.column): \(location.problem); "
                    + "write the output with json.dump")
        }
    }

    /// Parses a JSON document from text; see ``init(parsing:)-(Data)``.
    public init(parsing text: String) throws(JSONParseError) {
        try self.init(parsing: Data(text.utf8))
    }

    /// The number, when this is one.
    public var numberValue: Double? {
        if case let .number(value) = self { return value }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The Boolean, when this is one.
    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case let .array(values) = self { return values }
        return nil
    }

    /// The fields, when this is an object.
    public var objectValue: [String: JSONValue]? {
        if case let .object(fields) = self { return fields }
        return nil
    }

    /// The number as an `Int` when it is integral and fits.
    public var integerValue: Int? {
        guard case let .number(value) = self, value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
