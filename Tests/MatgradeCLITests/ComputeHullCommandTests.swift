import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade compute hull` on the pymatgen fixture systems, its drawings and errors.
@Suite("matgrade compute hull (end to end)")
struct ComputeHullCommandTests {
    static func system(_ name: String) throws -> [[String: Any]] {
        let url = RepositoryPaths.fixtures.appendingPathComponent("stability/pymatgen_hulls.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let systems = try #require(document["systems"] as? [[String: Any]])
        return try #require(systems.first { $0["name"] as? String == name }?["entries"] as? [[String: Any]])
    }

    static func csv(_ entries: [[String: Any]]) -> String {
        (["id,formula,energy_per_atom"] + entries.map { "\($0["id"]!),\($0["formula"]!),\(($0["energy_per_atom"] as! Double).description)" })
            .joined(separator: "\n") + "\n"
    }

    @Test("the JSON agrees with pymatgen on a ternary system, and --svg draws it")
    func ternary() throws {
        let entries = try Self.system("synthetic-3-elements-seed2")
        let directory = try ComputeLearningCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("entries.csv")
        try Self.csv(entries).write(to: file, atomically: true, encoding: .utf8)
        let svg = directory.appendingPathComponent("hull.svg")
        let result = try MatgradeProcess.run(["compute", "hull", file.path, "--svg", svg.path])
        #expect(result.status == 0, "\(result)")
        let output = try ComputeLearningCommandTests.json(result)
        let rows = try #require(output["entries"] as? [[String: Any]])
        #expect(rows.count == entries.count)
        for (row, expected) in zip(rows, entries) {
            #expect(row["id"] as? String == expected["id"] as? String)
            #expect(abs((row["e_above_hull"] as? Double ?? -1) - (expected["e_above_hull"] as! Double)) < 1e-9, "\(row)")
            #expect(row["stable"] as? Bool == expected["stable"] as? Bool, "\(row)")
            let decomposition = try #require(row["decomposition"] as? [[String: Any]])
            let expectedParts = try #require(expected["decomposition"] as? [String: Double])
            #expect(Set(decomposition.compactMap { $0["id"] as? String }) == Set(expectedParts.keys), "\(row)")
        }
        let drawing = try String(contentsOf: svg, encoding: .utf8)
        #expect(drawing.hasPrefix("<svg") && drawing.contains("<polygon") && drawing.contains("<line"))
        let stableCount = entries.filter { $0["stable"] as? Bool == true }.count
        #expect(drawing.components(separatedBy: "r=\"5\"").count - 1 == stableCount)
    }

    @Test("a binary system draws its hull line; five elements refuse a drawing and say why")
    func drawings() throws {
        let directory = try ComputeLearningCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = directory.appendingPathComponent("binary.csv")
        try Self.csv(try Self.system("synthetic-2-elements-seed1")).write(to: binary, atomically: true, encoding: .utf8)
        let svg = directory.appendingPathComponent("binary.svg")
        let result = try MatgradeProcess.run(["compute", "hull", binary.path, "--svg", svg.path])
        #expect(result.status == 0, "\(result)")
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("<polyline"))
        let five = directory.appendingPathComponent("five.csv")
        try Self.csv(try Self.system("synthetic-5-elements-seed5")).write(to: five, atomically: true, encoding: .utf8)
        let refused = try MatgradeProcess.run(["compute", "hull", five.path, "--svg", directory.appendingPathComponent("x.svg").path])
        #expect(refused.status != 0 && refused.standardError.contains("binary and ternary systems; this one has 5 elements"), "\(refused)")
    }

    @Test("bad entries name the file, the line, the value and the fix")
    func badInput() throws {
        let directory = try ComputeLearningCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(String, String)] = [
            ("id,formula,energy_per_atom\nLi,Li,-1.9\nx,Li2O,abc\n", "entries.csv:3: energy_per_atom 'abc' is not a finite number"),
            ("id,formula,energy\nLi,Li,-1.9\n", "entries.csv:1: the header has no 'energy_per_atom' column"),
            ("id,formula,energy_per_atom\nLi,Li,-1.9\nx,Li2O,-4\n", "add an elemental reference entry for O"),
            ("id,formula,energy_per_atom\nLi,Lq,-1.9\n", "entries.csv:2: formula 'Lq'"),
        ]
        for (text, message) in cases {
            let file = directory.appendingPathComponent("entries.csv")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try MatgradeProcess.run(["compute", "hull", file.path])
            #expect(result.status != 0 && result.standardError.contains(message), "\(message): \(result)")
        }
    }
}

/// End-to-end: `matgrade compute truss`.
@Suite("matgrade compute truss (end to end)")
struct ComputeTrussCommandTests {
    @Test("a two-bar truss: forces as by hand, a mechanism and a bad field exit 2 with the fix")
    func truss() throws {
        let directory = try ComputeLearningCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("truss.json")
        try #"{"nodes": [{"x": -1.5, "y": 0, "fixed": [true, true]}, {"x": 1.5, "y": 0, "fixed": [true, true]}, {"x": 0, "y": 2, "load": [0, -10000]}], "members": [{"start": 0, "end": 2, "youngs_modulus": 7e10, "area": 2e-4}, {"start": 1, "end": 2, "youngs_modulus": 7e10, "area": 2e-4}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try MatgradeProcess.run(["compute", "truss", file.path])
        #expect(result.status == 0, "\(result)")
        let forces = try #require(try ComputeLearningCommandTests.json(result)["axial_forces"] as? [Double])
        // Each bar: -P / (2 sin θ) with sin θ = 2 / 2.5.
        #expect(forces.count == 2 && forces.allSatisfy { abs($0 + 6250) < 1e-6 }, "\(forces)")
        try #"{"nodes": [{"x": 0, "y": 0, "fixed": [true, false]}, {"x": 1, "y": 0, "load": [1, 0]}], "members": [{"start": 0, "end": 1, "youngs_modulus": 1, "area": 1}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let loose = try MatgradeProcess.run(["compute", "truss", file.path])
        #expect(loose.status == 2 && loose.standardError.contains("the truss is a mechanism"), "\(loose)")
        try #"{"nodes": [{"x": 0, "y": 0}, {"x": 1, "y": "a"}], "members": []}"#.write(to: file, atomically: true, encoding: .utf8)
        let bad = try MatgradeProcess.run(["compute", "truss", file.path])
        #expect(bad.status == 2 && bad.standardError.contains("nodes[1].y is"), "\(bad)")
    }
}
