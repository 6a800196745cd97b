import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade compute magpie` and `compute stoichiometry`, the built binary
/// against matminer 0.10.1's values in `Tests/Fixtures/descriptors/magpie.json` (tolerance
/// contract of the kernels: 1e-11 + 1e-13 * |value|), and their input errors.
@Suite("matgrade compute magpie / stoichiometry (end to end)")
struct ComputeMagpieCommandTests {
    struct Golden {
        let magpieLabels: [String]
        let stoichiometryLabels: [String]
        /// formula -> (features with impute_nan true, false (NaN for null), stoichiometry)
        let cases: [String: (imputed: [Double], raw: [Double], stoichiometry: [Double])]
    }

    static func golden() throws -> Golden {
        let url = RepositoryPaths.fixtures.appendingPathComponent("descriptors/magpie.json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var cases: [String: (imputed: [Double], raw: [Double], stoichiometry: [Double])] = [:]
        for item in try #require(root["cases"] as? [[String: Any]]) {
            let formula = try #require(item["formula"] as? String)
            cases[formula] = (numbers(item["magpie"]), numbers(item["magpie_impute_nan_false"]), numbers(item["stoichiometry"]))
        }
        return Golden(
            magpieLabels: try #require(root["magpie_labels"] as? [String]),
            stoichiometryLabels: try #require(root["stoichiometry_labels"] as? [String]), cases: cases)
    }

    /// JSON numbers, null as NaN.
    static func numbers(_ value: Any?) -> [Double] {
        (value as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }

    /// The document's labels and rows, checked for the documented shape.
    static func parse(_ result: MatgradeProcess.Result) throws -> (labels: [String], rows: [(formula: String, features: [Double])]) {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["labels", "rows"])
        let labels = try #require(root["labels"] as? [String])
        let rows = try #require(root["rows"] as? [[String: Any]]).map { row in
            (formula: row["formula"] as? String ?? "", features: numbers(row["features"]))
        }
        return (labels, rows)
    }

    static let formulas = ["Fe", "He", "Na2He", "FrCl", "Fe0.500001Ni0.5", "CuSO4·5H2O", "K4[Fe(CN)6]", "Cs2La1.19Bi8.81S16", "Li8Mn7Ni1O48P12", "Lr"]

    @Test("magpie JSON: matminer's labels and values, rows in the order given")
    func magpieJSON() throws {
        let golden = try Self.golden()
        let result = try MatgradeProcess.run(["compute", "magpie"] + Self.formulas)
        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.isEmpty, "\(result)")
        let (labels, rows) = try Self.parse(result)
        #expect(labels == golden.magpieLabels)
        #expect(rows.map(\.formula) == Self.formulas)
        for row in rows {
            let expected = try #require(golden.cases[row.formula]).imputed
            let comparison = compare(row.features, expected, atol: 1e-11, rtol: 1e-13)
            #expect(comparison.isWithinTolerance, "\(row.formula): \(comparison)")
        }
    }

    @Test("magpie --no-impute-nan writes NaN as null where matminer's impute_nan=False gives NaN")
    func magpieNull() throws {
        let golden = try Self.golden()
        let result = try MatgradeProcess.run(["compute", "magpie", "--no-impute-nan"] + Self.formulas)
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("null"))
        let (_, rows) = try Self.parse(result)
        for row in rows {
            let expected = try #require(golden.cases[row.formula]).raw
            let comparison = compare(row.features, expected, atol: 1e-11, rtol: 1e-13)
            #expect(comparison.isWithinTolerance, "\(row.formula): \(comparison)")
        }
        #expect(rows.contains { $0.features.contains { $0.isNaN } })
    }

    @Test("stoichiometry CSV: header formula,<labels>, one row per formula, quoted when needed")
    func stoichiometryCSV() throws {
        let golden = try Self.golden()
        let result = try MatgradeProcess.run(["compute", "stoichiometry", "--format", "csv", "Fe0.7Ni0.3", "Ca(OH)2"])
        #expect(result.status == 0, "\(result)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result)")
        #expect(lines.first == (["formula"] + golden.stoichiometryLabels).joined(separator: ","))
        for (line, formula) in zip(lines.dropFirst(), ["Fe0.7Ni0.3", "Ca(OH)2"]) {
            let fields = line.split(separator: ",").map(String.init)
            #expect(fields.first == formula)
            let values = fields.dropFirst().map { Double($0) ?? .nan }
            if let expected = golden.cases[formula]?.stoichiometry {
                let comparison = compare(values, expected, atol: 1e-15, rtol: 1e-13)
                #expect(comparison.isWithinTolerance, "\(formula): \(comparison)")
            } else {
                #expect(values.count == 6 && values[0] == 3, "\(formula): \(values)")
            }
        }
    }

    /// A fresh folder holding `name` with `contents`.
    static func folder(with name: String, contents: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-magpie-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try contents.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("--file: a CSV with a formula column, or one formula per line (CRLF, blank lines, header)", arguments: [
        "formula,target\nFe,1.5\nNaCl,0\n\nHe,2\n",
        "target,formula\r\n1.5,Fe\r\n0,\"NaCl\"\r\n2,He\r\n",
        "Fe\nNaCl\n\nHe",
        "formula\nFe\nNaCl\nHe\n",
    ])
    func file(contents: String) throws {
        let golden = try Self.golden()
        let directory = try Self.folder(with: "formulas.csv", contents: contents)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try MatgradeProcess.run(["compute", "magpie", "--file", "formulas.csv"], in: directory)
        #expect(result.status == 0, "\(result)")
        let (_, rows) = try Self.parse(result)
        #expect(rows.map(\.formula) == ["Fe", "NaCl", "He"])
        for row in rows {
            let comparison = compare(row.features, try #require(golden.cases[row.formula]).imputed, atol: 1e-11, rtol: 1e-13)
            #expect(comparison.isWithinTolerance, "\(row.formula): \(comparison)")
        }
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let file: String?
        let message: String
        var testDescription: String { arguments.joined(separator: " ") + (file.map { " <\($0.prefix(20))...>" } ?? "") }
    }

    static let badInputs: [BadInput] = [
        BadInput(arguments: ["compute", "magpie", "Fe2O3", "FE2O3"], file: nil,
                 message: "matgrade: error: invalid formula 'FE2O3' at character 2: unknown element symbol 'E': symbols are case-sensitive; did you mean 'Fe' for 'FE'?"),
        BadInput(arguments: ["compute", "magpie", "--file", "in.csv"], file: "formula,target\nFe2O3,1\nNaCl,2\n\nFE2O3,3\n",
                 message: "matgrade: error: in.csv:5: invalid formula 'FE2O3' at character 2: unknown element symbol 'E'"),
        BadInput(arguments: ["compute", "stoichiometry", "--file", "in.csv"], file: "name,gap\nx,1\n",
                 message: "matgrade: error: in.csv:1: the header 'name,gap' has no 'formula' column; name the column of formulas 'formula', or give one formula per line"),
        BadInput(arguments: ["compute", "magpie", "--file", "in.csv"], file: "gap,formula\n1,Fe\n2\n",
                 message: "matgrade: error: in.csv:3: no formula in column 2 of '2'; every row needs a formula"),
        BadInput(arguments: ["compute", "magpie", "--file", "in.csv"], file: "formula\n\n",
                 message: "matgrade: error: in.csv:3: no formulas in the file"),
        BadInput(arguments: ["compute", "magpie", "--file", "missing.csv"], file: nil,
                 message: "matgrade: error: missing.csv: no such file; check the path"),
        BadInput(arguments: ["compute", "magpie"], file: nil, message: "Give at least one formula (such as Fe2O3) or --file F."),
        BadInput(arguments: ["compute", "stoichiometry", "Fe", "--file", "in.csv"], file: "Fe\n",
                 message: "Give formulas or --file F, not both"),
        BadInput(arguments: ["compute", "magpie", "Fe", "--format", "table"], file: nil, message: "--format"),
    ]

    @Test("input errors exit 2, message on stderr naming file, line and value, nothing on stdout", arguments: badInputs)
    func errors(_ input: BadInput) throws {
        let directory = try Self.folder(with: "in.csv", contents: input.file ?? "")
        defer { try? FileManager.default.removeItem(at: directory) }
        if input.file == nil { try FileManager.default.removeItem(at: directory.appendingPathComponent("in.csv")) }
        let result = try MatgradeProcess.run(input.arguments, in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
        #expect(result.standardError.contains(input.message), "\(result)")
    }

    @Test("--help documents null for NaN and the input forms")
    func help() throws {
        let result = try MatgradeProcess.run(["compute", "magpie", "--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("null in JSON"), "\(result)")
        #expect(result.standardOutput.contains("--file"))
        #expect(result.standardOutput.contains("--no-impute-nan"))
    }
}
