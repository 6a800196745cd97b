import Foundation
import Testing
import TestSupport

/// End-to-end: the built `matgrade` binary, its stdout, stderr and exit code.
@Suite("matgrade compute (end to end)")
struct ComputeCommandTests {
    static let silicon = "exercises/data/pymatgen-core/structures/Si.json"

    @Test("--version and --help exit 0 on stdout")
    func versionAndHelp() throws {
        let version = try MatgradeProcess.run(["--version"])
        #expect(version.status == 0, "\(version)")
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try MatgradeProcess.run(["compute", "neighbors", "--help"])
        #expect(help.status == 0, "\(help)")
        #expect(help.standardOutput.contains("--cutoff"))
    }

    @Test("composition as JSON has pymatgen's reduced formula, weight and fractions")
    func compositionJSON() throws {
        let result = try MatgradeProcess.run(["compute", "composition", "Fe4O6"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["reduced_formula"] as? String == "Fe2O3")
        #expect(json["reduction_factor"] as? Double == 2)
        let weight = try #require(json["weight"] as? Double)
        #expect(abs(weight - (4 * 55.845 + 6 * 15.9994)) < 1e-9, "weight \(weight)")
        let elements = try #require(json["elements"] as? [[String: Any]])
        #expect(elements.map { $0["symbol"] as? String } == ["Fe", "O"])
        #expect(elements.map { $0["fraction"] as? Double } == [0.4, 0.6])
    }

    @Test("composition as a table")
    func compositionTable() throws {
        let result = try MatgradeProcess.run(["compute", "composition", "Ca(OH)2", "--format", "table"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("reduced Ca(HO)2"), "\(result)")
        #expect(result.standardOutput.contains("element"))
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        BadInput(arguments: ["compute", "composition", "FE2O3"],
                 message: "matgrade: error: invalid formula 'FE2O3' at character 2: unknown element symbol 'E': symbols are case-sensitive; did you mean 'Fe' for 'FE'?"),
        BadInput(arguments: ["compute", "neighbors", "no-such-file.cif", "--cutoff", "3"],
                 message: "matgrade: error: no-such-file.cif:"),
        BadInput(arguments: ["compute", "neighbors", silicon, "--cutoff=0"],
                 message: "matgrade: error: invalid cutoff radius '0.0': must be a positive number of Angstrom"),
        BadInput(arguments: ["compute", "neighbors", silicon, "--cutoff", "3", "--nearest", "0"],
                 message: "matgrade: error: invalid value '0' for --nearest: must be >= 1"),
        BadInput(arguments: ["compute", "neighbors", silicon], message: "Missing expected argument '--cutoff <cutoff>'"),
        BadInput(arguments: ["compute", "neighbors", silicon, "--cutoff", "3", "--format", "xml"], message: "--format"),
        BadInput(arguments: ["compute", "nosuchkernel"], message: "nosuchkernel"),
    ]

    @Test("usage and input errors exit 2 with the message on stderr and nothing on stdout", arguments: badInputs)
    func errors(_ input: BadInput) throws {
        let result = try MatgradeProcess.run(input.arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
        #expect(result.standardError.contains(input.message), "\(result)")
    }

    @Test("a malformed structure file names the file and line")
    func malformedFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let poscar = "Si\n1.0\n5.43 0 0\n0 5.43 0\n0 0 5.43\nSi\n2\nDirect\n0 0 0\n"
        try poscar.write(to: directory.appendingPathComponent("POSCAR"), atomically: true, encoding: .utf8)
        let result = try MatgradeProcess.run(["compute", "neighbors", "POSCAR", "--cutoff", "3"], in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.hasPrefix("matgrade: error: POSCAR:"), "\(result)")
    }

    @Test("neighbors JSON follows the documented schema, sorted by distance")
    func neighborsJSON() throws {
        let result = try MatgradeProcess.run(["compute", "neighbors", Self.silicon, "--cutoff", "4"])
        #expect(result.status == 0, "\(result)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["cutoff"] as? Double == 4)
        let sites = try #require(json["sites"] as? [[String: Any]])
        #expect(sites.count == 2)
        for (position, site) in sites.enumerated() {
            #expect(site["index"] as? Int == position)
            #expect(site["species"] as? String == "Si")
            let neighbors = try #require(site["neighbors"] as? [[String: Any]])
            // Diamond Si (a = 5.43 A): 4 at 2.35 A and 12 at 3.84 A within 4 A.
            #expect(neighbors.count == 16, "site \(position): \(neighbors.count) neighbors")
            let distances = neighbors.compactMap { $0["distance"] as? Double }
            #expect(distances.count == neighbors.count)
            #expect(zip(distances, distances.dropFirst()).allSatisfy { $0 <= $1 + 1e-10 }, "not sorted: \(distances)")
            #expect(neighbors.allSatisfy { ($0["image"] as? [Int])?.count == 3 && $0["index"] is Int })
        }
    }

    @Test("--nearest keeps the k closest of each site")
    func nearest() throws {
        let result = try MatgradeProcess.run([
            "compute", "neighbors", "exercises/data/pymatgen-core/structures/CsCl.json", "--cutoff", "8", "--nearest", "12",
        ])
        #expect(result.status == 0, "\(result)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["nearest"] as? Int == 12)
        let sites = try #require(json["sites"] as? [[String: Any]])
        #expect(sites.allSatisfy { ($0["neighbors"] as? [Any])?.count == 12 })
    }
}

@Suite("matgrade compute graph (end to end)")
struct ComputeGraphCommandTests {
    @Test("CGCNN graph JSON has 12 edges per atom with 41 Gaussians each, and the SVG is written")
    func cgcnnGraph() throws {
        let svg = FileManager.default.temporaryDirectory.appendingPathComponent("graph-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: svg) }
        let result = try MatgradeProcess.run([
            "compute", "graph", "exercises/data/pymatgen-core/structures/SrTiO3.json", "--svg", svg.path,
        ])
        #expect(result.status == 0, "\(result)")
        struct Edge: Decodable { let source: Int; let gaussian: [Double] }
        struct Node: Decodable { let features: [Double] }
        struct Graph: Decodable { let graph: String; let nodes: [Node]; let edges: [Edge] }
        let graph = try JSONDecoder().decode(Graph.self, from: Data(result.standardOutput.utf8))
        #expect(graph.graph == "cgcnn")
        #expect(graph.nodes.count == 5)
        #expect(graph.nodes.allSatisfy { $0.features.count == 92 })
        #expect(graph.edges.count == 5 * 12)
        #expect(graph.edges.allSatisfy { $0.gaussian.count == 41 })
        let drawing = try String(contentsOf: svg, encoding: .utf8)
        #expect(drawing.hasPrefix("<svg") || drawing.hasPrefix("<?xml"), "\(drawing.prefix(80))")
        #expect(drawing.components(separatedBy: "<circle").count - 1 >= 5)
    }

    @Test("MEGNet refuses --max-neighbors with the reason")
    func megnetOptions() throws {
        let result = try MatgradeProcess.run([
            "compute", "graph", "exercises/data/pymatgen-core/structures/Si.json", "--kind", "megnet", "--max-neighbors", "4",
        ])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("MEGNet graphs keep every pair within the cutoff"), "\(result)")
    }
}
