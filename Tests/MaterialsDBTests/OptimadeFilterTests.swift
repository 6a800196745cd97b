import Foundation
import JSONSupport
import Testing
@testable import MaterialsDB

@Suite("OPTIMADE filters: parsing, errors, SQL semantics")
struct OptimadeFilterTests {
    @Test("precedence: NOT binds tightest, then AND, then OR; constant-first comparisons are mirrored")
    func precedence() throws {
        let filter = try OptimadeFilter(parsing: #"NOT nelements=2 AND band_gap > 1.5e0 OR elements HAS ALL "Li","O""#)
        #expect(filter == .or(
            .and(.not(.compare(property: "nelements", op: .equal, value: .number(2))),
                 .compare(property: "band_gap", op: .greater, value: .number(1.5))),
            .has(property: "elements", op: .all, values: [.string("Li"), .string("O")])))
        #expect(try OptimadeFilter(parsing: "3 < nelements") == .compare(property: "nelements", op: .greater, value: .number(3)))
        #expect(try OptimadeFilter(parsing: #"chemical_formula_reduced STARTS "Li""#)
            == .string(property: "chemical_formula_reduced", op: .startsWith, value: "Li"))
        #expect(try OptimadeFilter(parsing: "elements LENGTH >= 3") == .length(property: "elements", op: .greaterOrEqual, value: 3))
        #expect(try OptimadeFilter(parsing: #"(prototype IS UNKNOWN)"#) == .known(property: "prototype", isKnown: false))
        #expect(try OptimadeFilter(parsing: #"id = "a\"b\\c""#) == .compare(property: "id", op: .equal, value: .string("a\"b\\c")))
    }

    @Test("syntax errors give the position, what was found and what was expected", arguments: [
        ("band_gap >", 11, "a value"),
        ("nelements=3 and band_gap>1", 13, "keywords are upper case: AND"),
        (#"elements HAS ALL "Li","#, 23, "a value"),
        ("(nelements=3", 13, "')' to close the '(' at position 1"),
        (#"chemical_formula_reduced = "Li2O"#, 28, "a closing \""),
        ("Band_gap > 1", 1, "lower case: band_gap"),
        ("band_gap > nelements", 12, "comparing two properties"),
        ("", 1, "a comparison"),
        ("nelements ~ 3", 11, "an operator"),
    ])
    func syntaxErrors(_ text: String, _ position: Int, _ expected: String) {
        do {
            _ = try OptimadeFilter(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.position == position, "\(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    static func database() throws -> MaterialsDatabase {
        let database = try MaterialsDatabase(path: ":memory:")
        try database.insert([
            MaterialEntry(id: "a", source: "t", formula: "Li2O", reducedFormula: "Li2O", elements: ["Li", "O"], formationEnergyPerAtom: -2.0, bandGap: 5.0),
            MaterialEntry(id: "b", source: "t", formula: "LiFeO2", reducedFormula: "FeLiO2", elements: ["Li", "Fe", "O"], formationEnergyPerAtom: -1.7, bandGap: 2.5),
            MaterialEntry(id: "c", source: "t", formula: "Fe2O3", reducedFormula: "Fe2O3", elements: ["Fe", "O"], formationEnergyPerAtom: -1.6),
            MaterialEntry(id: "d", source: "u", formula: "Fe", reducedFormula: "Fe", elements: ["Fe"], bandGap: 0, experimentalBandGap: 0),
            MaterialEntry(id: "e", source: "u", formula: "LiCoPO4", reducedFormula: "CoLiO4P", elements: ["Co", "Li", "O", "P"], bandGap: 3.9, spaceGroupNumber: 62),
        ])
        return database
    }

    static func ids(_ database: MaterialsDatabase, _ filter: String) throws -> [String] {
        try database.query(filter: filter, fields: ["id"]).compactMap { $0["id"]?.stringValue }
    }

    @Test("filters select what the specification says", arguments: [
        (#"elements HAS ALL "Li","O" AND nelements=3 AND band_gap > 2"#, ["b"]),
        (#"elements HAS ANY "Co","Fe""#, ["b", "c", "d", "e"]),
        (#"elements HAS ONLY "Fe","O""#, ["c", "d"]),
        (#"elements HAS "P""#, ["e"]),
        ("elements LENGTH 2", ["a", "c"]),
        ("band_gap > 2", ["a", "b", "e"]),
        ("NOT band_gap > 2", ["c", "d"]),  // c has no band gap: the comparison is false, NOT makes it true
        ("band_gap IS UNKNOWN", ["c"]),
        ("formation_energy_per_atom <= -1.7 OR space_group_it_number = 62", ["a", "b", "e"]),
        (#"chemical_formula_reduced CONTAINS "O2""#, ["b"]),
        (#"chemical_formula_reduced ENDS WITH "O4P""#, ["e"]),
        (#"chemical_formula_reduced STARTS "Fe""#, ["b", "c", "d"]),
        (#"source != "t""#, ["d", "e"]),
        (#"id = "x' OR 1=1 --""#, []),
    ])
    func semantics(_ filter: String, _ expected: [String]) throws {
        #expect(try Self.ids(Self.database(), filter) == expected)
    }

    @Test("type and name errors name the property and the fix")
    func queryErrors() throws {
        let database = try Self.database()
        for (filter, words) in [("band_gp > 1", "did you mean 'band_gap'"), (#"band_gap > "1""#, "write the number without quotes"),
                                ("elements = 3", "is a list"), (#"nelements HAS "Li""#, "not a list"), ("chemical_formula_reduced = 3", "quote the value")] {
            do {
                _ = try database.query(filter: filter)
                Issue.record("'\(filter)' ran")
            } catch {
                #expect(error.description.contains(words), "\(error)")
            }
        }
    }

    @Test("sort descending with unknown values last, limit, fields, lists back as arrays")
    func sortLimitFields() throws {
        let database = try Self.database()
        let rows = try database.query(filter: nil, fields: ["id", "band_gap", "elements"], sort: "-band_gap", limit: 4)
        #expect(rows.compactMap { $0["id"]?.stringValue } == ["a", "e", "b", "d"])
        #expect(rows[1]["elements"] == .array(["Co", "Li", "O", "P"].map(JSONValue.string)))
        #expect(rows[0].keys.sorted() == ["band_gap", "elements", "id"])
        let all = try database.query(filter: "", sort: "band_gap")
        #expect(all.last?["id"]?.stringValue == "c")
    }

    /// An evaluator written from the specification, independent of the SQL, agrees with the
    /// database on random filters over random entries.
    @Test("random filters: SQL and a direct evaluator agree")
    func randomAgreement() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let symbols = ["Li", "O", "Fe", "Co", "P"]
        var entries: [MaterialEntry] = []
        for k in 0..<60 {
            let elements = Array(Set((0...next(3)).map { _ in symbols[next(5)] })).sorted()
            entries.append(MaterialEntry(id: String(format: "m%02d", k), source: "r", formula: elements.joined(), reducedFormula: elements.joined(),
                                         elements: elements, formationEnergyPerAtom: next(4) == 0 ? nil : Double(next(40)) / -10,
                                         bandGap: next(3) == 0 ? nil : Double(next(50)) / 10))
        }
        let database = try MaterialsDatabase(path: ":memory:")
        try database.insert(entries)
        func atom() -> (String, (MaterialEntry) -> Bool) {
            let symbol = symbols[next(5)], other = symbols[next(5)], value = Double(next(50)) / 10, count = 1 + next(3)
            switch next(6) {
            case 0: return ("band_gap > \(value)", { ($0.bandGap ?? -.infinity) > value && $0.bandGap != nil })
            case 1: return ("formation_energy_per_atom <= -\(value)", { $0.formationEnergyPerAtom.map { $0 <= -value } ?? false })
            case 2: return ("elements HAS ALL \"\(symbol)\",\"\(other)\"", { $0.elements.contains(symbol) && $0.elements.contains(other) })
            case 3: return ("elements HAS ONLY \"\(symbol)\",\"\(other)\"", { $0.elements.allSatisfy { $0 == symbol || $0 == other } })
            case 4: return ("nelements = \(count)", { $0.elements.count == count })
            default: return ("band_gap IS KNOWN", { $0.bandGap != nil })
            }
        }
        func expression(_ depth: Int) -> (String, (MaterialEntry) -> Bool) {
            if depth == 0 { return atom() }
            let (a, f) = expression(depth - 1), (b, g) = expression(depth - 1)
            switch next(3) {
            case 0: return ("(\(a) AND \(b))", { f($0) && g($0) })
            case 1: return ("(\(a) OR \(b))", { f($0) || g($0) })
            default: return ("NOT (\(a))", { !f($0) })
            }
        }
        for _ in 0..<120 {
            let (filter, matches) = expression(next(3))
            #expect(try Self.ids(database, filter) == entries.filter(matches).map(\.id), "\(filter)")
        }
    }
}
