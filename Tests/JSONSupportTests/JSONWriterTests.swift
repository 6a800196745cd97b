import Foundation
import Testing
@testable import JSONSupport

struct JSONWriterTests {
    @Test func writesNestedObjectsAndArraysInTheCallersOrder() {
        var writer = JSONWriter()
        writer.object(multiline: true) { top in
            top.member("z") { $0.integer(1) }
            top.member("entries") { entries in
                entries.array([0, 1], multiline: true) { row, index in
                    row.object { entry in
                        entry.member("id") { $0.string("mp-\(index)") }
                        entry.member("tags") { $0.array(["a", "b"]) { $0.string($1) } }
                        entry.member("empty") { $0.object { _ in } }
                    }
                }
            }
            top.member("a") { $0.numbers([0.5, 1e-5]) }
        }
        #expect(writer.text == """
            {
              "z": 1,
              "entries": [
                {"id": "mp-0", "tags": ["a", "b"], "empty": {}},
                {"id": "mp-1", "tags": ["a", "b"], "empty": {}}
              ],
              "a": [0.5, 1e-05]
            }
            """)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("Zoë Ångström ✓", #""Zoë Ångström ✓""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("C:\\path", #""C:\\path""#),
        ("two\nlines\tand\r", #""two\nlines\tand\r""#),
        ("bell\u{7}", #""bell\u0007""#),
        ("O'Neil 🧪 \u{1f}", #""O'Neil 🧪 \u001f""#),
    ])
    func escapesOnlyWhatJSONRequires(value: String, expected: String) throws {
        var writer = JSONWriter()
        writer.string(value)
        #expect(writer.text == expected)
        #expect(try JSONValue(parsing: writer.text) == .string(value))
    }

    /// A document of many small objects (as week 1's entries) writes, and reads back, whole.
    @Test func writesLargeDocumentsOfManySmallObjects() throws {
        let entries: [JSONValue] = (0..<20_000).map { index in
            .object([
                "material_id": .string("mp-\(index)"),
                "elements": .array([.string("Fe"), .string(index.isMultiple(of: 2) ? "O" : "Mn")]),
                "formation_energy_per_atom": index.isMultiple(of: 7) ? .null : .number(-Double(index) / 1000),
                "band_gap": .number(Double(index % 13) * 0.25),
            ])
        }
        let document: JSONValue = .object(["entries": .array(entries), "count": .number(Double(entries.count))])
        let text = JSONWriter.text(of: document)
        #expect(try JSONValue(parsing: text) == document)
        #expect(text.hasPrefix(#"{"count": 20000, "entries": [{"band_gap": 0, "elements": ["Fe", "O"], "formation_energy_per_atom": null, "material_id": "mp-0"}"#))
    }
}
