import Foundation
import Testing
import TestSupport
@testable import JSONSupport

struct JSONValueTests {
    /// Numbers that a rounding parser gets wrong in the last digit; JSONDecoder must not.
    @Test(arguments: [
        "0.30000000000000004", "1.0000000000000002", "2.718281828459045", "123456.78901234567",
        "5e-324", "1.7976931348623157e308", "2.2250738585072014e-308", "-0.1", "8.05373e-05",
    ])
    func parsesEveryNumberToTheCorrectlyRoundedDouble(text: String) throws {
        let value = try JSONValue(parsing: "[\(text)]")
        let expected = try #require(Double(text))
        let parsed = try #require(value.arrayValue?.first?.numberValue)
        #expect(parsed.bitPattern == expected.bitPattern, "\(text): parsed \(parsed), expected \(expected)")
    }

    @Test func readsPythonsNaNAndInfinityWords() throws {
        let value = try JSONValue(parsing: #"{"x": [NaN, Infinity, -Infinity, 1]}"#)
        let numbers = try NumericArray(value.value(at: JSONPath("x")))
        #expect(numbers.values[0].isNaN)
        #expect(Array(numbers.values[1...]) == [.infinity, -.infinity, 1])
    }

    @Test func keepsTheTypesApart() throws {
        let value = try JSONValue(parsing: #"[1, true, "1", null, {"a": []}]"#)
        #expect(value == [1, true, "1", nil, ["a": []]])
        #expect(value != [true, true, "1", nil, ["a": []]])
    }

    @Test(arguments: [
        ("{\"a\": [1, 2}", "not valid JSON: line 1, column 12: expected ',' or ']'"),
        ("{\"a\": 1,\n \"b\": tru}", "not valid JSON: line 2, column 7: expected a value (a number, a string, true, false, null, an array or an object)"),
        ("[1, 2", "not valid JSON: line 1, column 6: unexpected end of file inside an array"),
        ("{\"a\": NaN, \"b\": [1 2]}", "not valid JSON: line 1, column 20: expected ',' or ']'"),
        ("{\"a\" 1}", "not valid JSON: line 1, column 6: expected ':' after the field name"),
        ("{\"é\": \"x\ny\"}", "not valid JSON: line 1, column 9: a control character (such as a line break) inside a string; escape it"),
        ("[1] [2]", "not valid JSON: line 1, column 5: unexpected text after the end of the document"),
        ("[01]", "not valid JSON: line 1, column 2: a number with a leading zero"),
        ("{\"a\": \"open}", "not valid JSON: line 1, column 7: a string that is never closed"),
        ("", "not valid JSON: the file is empty"),
        ("  \n", "not valid JSON: the file is empty"),
    ])
    func reportsWhereMalformedDocumentsBreak(text: String, message: String) {
        do {
            _ = try JSONValue(parsing: text)
            Issue.record("should not parse: \(text)")
        } catch {
            #expect(error.description == message + "; write the output with json.dump")
        }
    }

    /// Every document the locator calls valid must decode, and every one it flags must not.
    @Test(arguments: [
        "{}", "[]", "[1, -0.5e-3, 2E+10, true, false, null, NaN, -Infinity]", "{\"a\": {\"b\": [[], {}]}, \"c\": \"\\u00e9\\n\"}",
        "\u{FEFF}[1]",
    ])
    func locatorAcceptsValidDocuments(text: String) throws {
        #expect(JSONSyntaxLocator.firstError(in: Array(text.utf8)) == nil)
        _ = try JSONValue(parsing: text)
    }

    @Test func nanEqualsNaNAndHashesAlike() {
        let a: JSONValue = [.number(.nan), 0.0]
        let b: JSONValue = [.number(.nan), .number(-0.0)]
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }

    @Test func roundTripsThroughJSONEncoder() throws {
        let value: JSONValue = ["graph": ["edges": [[0, 1, 2.5], [1, 0, 2.5]], "name": "NaCl", "periodic": true, "state": nil]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONValue(parsing: data) == value)
    }

    @Test func writesCompactText() {
        let value: JSONValue = ["b": [1, 2.5, "x\"y"], "a": nil]
        #expect(value.description == #"{"a": null, "b": [1, 2.5, "x\"y"]}"#)
    }
}

struct JSONPathTests {
    @Test(arguments: [
        ("graph.edges", [JSONPath.Component.key("graph"), .key("edges")]),
        ("sites[3].distance", [.key("sites"), .index(3), .key("distance")]),
        ("[0][2]", [.index(0), .index(2)]),
        ("lattice matrix[1]", [.key("lattice matrix"), .index(1)]),
        ("", []),
    ])
    func parses(text: String, components: [JSONPath.Component]) throws {
        let path = try JSONPath(text)
        #expect(path.components == components)
        #expect(path.description == text)
    }

    @Test(arguments: [
        ("sites[x]", "invalid field path 'sites[x]': an array index must be a non-negative integer (got '[x]')"),
        ("sites[-1]", "invalid field path 'sites[-1]': an array index must be a non-negative integer (got '[-1]')"),
        ("a..b", "invalid field path 'a..b': empty field name at position 3"),
        ("a.", "invalid field path 'a.': the path ends with '.'"),
        ("sites[2", "invalid field path 'sites[2': '[' at position 6 is never closed"),
        ("a]", "invalid field path 'a]': ']' at position 2 has no matching '['"),
        (".a", "invalid field path '.a': empty field name at position 1"),
    ])
    func rejects(text: String, message: String) {
        do {
            let path = try JSONPath(text)
            Issue.record("expected an error, parsed \(path)")
        } catch {
            #expect(error.description == message + "; write paths like 'graph.edges' or 'sites[3].distance'")
        }
    }

    static let document: JSONValue = ["graph": ["nodes": 3, "state": [1]], "energy": -3.5]

    @Test(arguments: [
        ("graph.edges", "'graph' has no field 'edges' (its fields: nodes, state)"),
        ("forces", "the output has no field 'forces' (its fields: energy, graph)"),
        ("graph.nodes.x", "'graph.nodes' must be an object with a field 'x', found a number (3)"),
        ("graph.state[3]", "'graph.state' has 1 element, so 'graph.state[3]' does not exist"),
        ("graph[0]", "'graph' must be an array, found an object with fields nodes, state"),
    ])
    func namesThePathAndWhatWasFound(path: String, message: String) throws {
        let parsed = try JSONPath(path)
        do {
            _ = try Self.document.value(at: parsed)
            Issue.record("\(path) should not resolve")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func resolves() throws {
        #expect(try Self.document.value(at: JSONPath("graph.state[0]")) == 1)
        #expect(try Self.document.value(at: .root) == Self.document)
    }
}

struct NumericArrayTests {
    @Test(arguments: [
        ("a scalar", JSONValue(3), [Int](), [3.0]),
        ("an empty list", [], [0], []),
        ("a matrix", [[1, 2, 3], [4, 5, 6]], [2, 3], [1, 2, 3, 4, 5, 6]),
        ("one empty row", [[]], [1, 0], []),
        ("two empty rows", [[], []], [2, 0], []),
        ("a 3-d array", [[[1], [2]], [[3], [4]]], [2, 2, 1], [1, 2, 3, 4]),
        ("infinities written as strings", ["inf", "-Infinity", " +INF "], [3], [.infinity, -.infinity, .infinity]),
    ] as [(String, JSONValue, [Int], [Double])])
    func readsShapeAndValues(name: String, value: JSONValue, shape: [Int], values: [Double]) throws {
        let array = try NumericArray(value)
        #expect(array.shape == shape, "\(name)")
        #expect(array.values == values, "\(name)")
    }

    @Test func readsNullAndNaNStringsAsNaN() throws {
        let array = try NumericArray([nil, "NaN", "nan", 1])
        #expect(array.values.prefix(3).allSatisfy { $0.isNaN })
        #expect(array.values[3] == 1)
    }

    @Test(arguments: [
        ("row too short", [[1, 2], [3]], JSONPath.root,
         "the array is ragged: element [1] has 1 element but element [0] has 2 elements; every row needs the same length"),
        ("number among rows", [[1, 2], 3], .root,
         "the array is ragged: element [1] is a number (3) but element [0] is an array; every row needs the same length"),
        ("row among numbers", [1, [2]], .root,
         "the array is ragged: element [1] is an array but element [0] is a number; every row needs the same length"),
        ("deep", [[1, 2], [3, [4]]], .root,
         "element [1] is ragged: element [1][1] is an array but element [1][0] is a number; every row needs the same length"),
        ("a word", [1, "a"], .root, "element [1] must be a number, found a string (\"a\")"),
        ("a boolean under a path", [[1, true]], JSONPath(components: [.key("sites")]),
         "'sites[0][1]' must be a number, found a boolean (true)"),
        ("a ragged field", [[1], [2, 3]], JSONPath(components: [.key("edges")]),
         "'edges' is ragged: 'edges[1]' has 2 elements but 'edges[0]' has 1 element; every row needs the same length"),
    ] as [(String, JSONValue, JSONPath, String)])
    func namesTheOffendingElement(name: String, value: JSONValue, path: JSONPath, message: String) {
        do {
            _ = try NumericArray(value, path: path)
            Issue.record("\(name): should not convert")
        } catch {
            #expect(error.description == message, "\(name)")
        }
    }

    @Test func mapsFlatIndicesToMultiIndices() {
        let array = NumericArray(shape: [2, 3, 4], values: Array(repeating: 0, count: 24))
        #expect(array.multiIndex(ofFlat: 0) == [0, 0, 0])
        #expect(array.multiIndex(ofFlat: 23) == [1, 2, 3])
        #expect(array.multiIndex(ofFlat: 13) == [1, 0, 1])
    }
}

struct NumberFormatTests {
    @Test(arguments: [
        (0.032, 3, "3.2e-2"), (1e-4, 3, "1e-4"), (2.4172, 7, "2.4172"), (12, 3, "12"), (0.5, 3, "0.5"),
        (1.23456e6, 3, "1.23e6"), (-0.00123, 3, "-1.23e-3"), (Double.nan, 3, "NaN"), (-Double.infinity, 3, "-inf"), (0, 3, "0"),
    ])
    func compact(value: Double, digits: Int, text: String) {
        #expect(NumberFormat.compact(value, significantDigits: digits) == text)
    }

    @Test(arguments: [(5.0, "5"), (0.1, "0.1"), (1e-5, "1e-5"), (2.5e20, "2.5e20"), (-0.0, "0")])
    func exact(value: Double, text: String) {
        #expect(NumberFormat.exact(value) == text)
    }
}

/// The byte parser must give exactly what `JSONDecoder` gives on every strict-JSON document
/// (the oracle; it is not used for parsing, see JSONByteParser's documentation), and refuse
/// everything else.
struct JSONByteParserTests {
    /// A random document as text: nested arrays and objects, escapes, non-ASCII text, numbers
    /// of every shape (signs, exponents, 17 digits, subnormal), Python's NaN words.
    static func randomDocument(_ random: inout SeededGenerator, depth: Int = 0) -> String {
        let pick = Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &random)
        switch pick {
        case 0: return ["true", "false", "null", "NaN", "Infinity", "-Infinity"].randomElement(using: &random) ?? "null"
        case 1, 2:
            let number = Double.random(in: -1e6...1e6, using: &random) * pow(10, Double(Int.random(in: -320...300, using: &random)) / 10)
            let whole = abs(number) < 1e15 ? String(format: "%.0f", number.rounded()) : "12"
            let forms = ["\(number)", String(format: "%.17g", number), String(format: "%.3e", number), whole, "0", "-0", "1E+2", "5e-324"]
            return forms.randomElement(using: &random) ?? "0"
        case 3, 4:
            let pieces = ["a", "é", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00", "😀", " ", "\\t", "x y"]
            return "\"" + (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined() + "\""
        case 5:
            let items = (0..<Int.random(in: 0...5, using: &random)).map { _ in randomDocument(&random, depth: depth + 1) }
            return "[" + items.joined(separator: [",", ", ", " ,\n\t"].randomElement(using: &random) ?? ",") + "]"
        default:
            let members = (0..<Int.random(in: 0...4, using: &random)).map { k in "\"k\(k)\" : " + randomDocument(&random, depth: depth + 1) }
            return "{ " + members.joined(separator: ",\r\n") + " }"
        }
    }

    /// (The documents hold no `\u0000` escape, which Foundation's decoder on Linux refuses,
    /// and no integer beyond 64 bits, on which it crashes; each is wrapped in an array,
    /// because it also crashed on some top-level numbers such as -1.505342572986018e-17.)
    @Test func agreesWithJSONDecoderOnRandomDocuments() throws {
        var random = SeededGenerator(seed: 2026)
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        for index in 0..<2000 {
            let text = Self.randomDocument(&random)
            let parsed = JSONByteParser.parse(Array("[\(text)]".utf8))
            let expected = JSONValue.array([try decoder.decode(JSONValue.self, from: Data("[\(text)]".utf8))].flatMap { $0.arrayValue ?? [] })
            #expect(parsed == .value(expected), "document \(index): \(text)")
            if parsed != .value(expected) { break }
        }
    }

    @Test func readsWhatFoundationGotWrong() throws {
        #expect(JSONByteParser.parse(Array("\"a\\u0000\"".utf8)) == .value(.string("a\u{0}")))
        let big = "1015238655383930579965924343808"
        #expect(try JSONValue(parsing: big) == .number(try #require(Double(big))))
        #expect(try JSONValue(parsing: "\u{FEFF}[1]") == [1])
    }

    @Test func keepsNullAndNoValueApart() {
        #expect(JSONByteParser.parse(Array("null".utf8)) == .value(.null))
        #expect(JSONByteParser.parse(Array("nul".utf8)) == .invalid)
        #expect(JSONByteParser.parse(Array("[1] [2]".utf8)) == .invalid)
    }

    @Test(arguments: ["[1,]", "{'a': 1}", "[+1]", "[.5]", "[0x10]", "// c\n[1]", "[01]", "[1 2]", "\"\\ud800\"", "[\"a\u{1}\"]", "[1e]", "[-]", ""])
    func refusesAnythingButJSON(text: String) {
        #expect(JSONByteParser.parse(Array(text.utf8)) == .invalid, "\(text)")
    }

    /// A hostile output.json nested a million levels deep is an error, not a crashed grader.
    @Test func refusesDeepNestingWithoutCrashing() {
        let text = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
        #expect(JSONByteParser.parse(Array(text.utf8)) == .tooDeep)
        do {
            _ = try JSONValue(parsing: text)
            Issue.record("a million levels parsed")
        } catch {
            #expect(error.description.contains("nested more than 512 levels deep"))
        }
        #expect(JSONByteParser.parse(Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8)) != .tooDeep)
    }
}
