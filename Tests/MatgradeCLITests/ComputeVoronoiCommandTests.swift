import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade compute voronoi` and `matgrade compute coordination`, checked
/// against the pymatgen fixture `Tests/Fixtures/voronoi/pymatgen_voronoi.json`.
@Suite("matgrade compute voronoi / coordination (end to end)")
struct ComputeVoronoiCommandTests {
    static let structures = "exercises/data/pymatgen-core/structures"

    /// pymatgen's per-site numbers for a fixture case: (cn at min weight, weighted cn, cutoff counts).
    static func pymatgenCase(_ name: String) throws -> [String: Any] {
        let url = RepositoryPaths.fixtures.appendingPathComponent("voronoi/pymatgen_voronoi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try #require(document["cases"] as? [[String: Any]])
        return try #require(cases.first { $0["name"] as? String == name }, "fixture case \(name)")
    }

    static func sites(_ output: String) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return try #require(json["sites"] as? [[String: Any]])
    }

    @Test("voronoi JSON follows the documented schema and agrees with VoronoiNN", arguments: ["Si", "SrTiO3", "LiFePO4"])
    func voronoiJSON(name: String) throws {
        let reference = try Self.pymatgenCase(name)
        let referenceSites = try #require(reference["sites"] as? [[String: Any]])
        let atMinWeight = try #require(reference["cn_at_min_weight"] as? [String: [Int]])
        let result = try MatgradeProcess.run(["compute", "voronoi", "\(Self.structures)/\(name).json", "--min-weight", "0.05"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.isEmpty, "\(result)")
        let sites = try Self.sites(result.standardOutput)
        try #require(sites.count == referenceSites.count)
        for (position, site) in sites.enumerated() {
            #expect(site["index"] as? Int == position)
            #expect(site["species"] is String)
            #expect(site["coordination"] as? Int == atMinWeight["0.05"]?[position], "site \(position)")
            let faces = try #require(site["faces"] as? [[String: Any]])
            let keys: Set<String> = ["index", "image", "solid_angle", "weight", "area", "distance"]
            #expect(faces.allSatisfy { Set($0.keys) == keys }, "face keys")
            let solidAngles = faces.compactMap { $0["solid_angle"] as? Double }
            #expect(abs(solidAngles.reduce(0, +) - 4 * .pi) < 1e-9, "site \(position): solid angles add up to 4 pi")
            let weights = faces.compactMap { $0["weight"] as? Double }
            #expect(weights.max() == 1.0)
            let weighted = try #require(site["weighted_coordination"] as? Double)
            let expected = weights.filter { $0 > 0.05 + 1e-9 }.reduce(0, +)
            #expect(abs(weighted - expected) < 1e-12, "weighted coordination sums the counted weights")
            let distances = faces.compactMap { $0["distance"] as? Double }
            #expect(zip(distances, distances.dropFirst()).allSatisfy { $0 <= $1 + 1e-10 }, "faces sorted by distance")
        }
        // The default minimum weight is 0: VoronoiNN's weighted get_cn.
        let all = try Self.sites(try MatgradeProcess.run(["compute", "voronoi", "\(Self.structures)/\(name).json"]).standardOutput)
        for (position, site) in all.enumerated() {
            let weighted = try #require(site["weighted_coordination"] as? Double)
            let pymatgen = try #require(referenceSites[position]["weighted_cn"] as? Double)
            #expect(abs(weighted - pymatgen) < 1e-8, "site \(position): \(weighted) vs pymatgen \(pymatgen)")
        }
    }

    @Test("coordination by cutoff agrees with get_all_neighbors counts")
    func coordinationJSON() throws {
        let reference = try Self.pymatgenCase("LiFePO4")
        let counts = try #require(reference["cutoff_coordination"] as? [Int])
        let result = try MatgradeProcess.run(["compute", "coordination", "\(Self.structures)/LiFePO4.json", "--cutoff", "3.2"])
        #expect(result.status == 0, "\(result)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["cutoff"] as? Double == 3.2)
        let sites = try Self.sites(result.standardOutput)
        #expect(sites.compactMap { $0["coordination"] as? Int } == counts)
        #expect(sites.allSatisfy { Set($0.keys) == ["index", "species", "coordination"] })
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let silicon = "exercises/data/pymatgen-core/structures/Si.json"
    static let badInputs: [BadInput] = [
        BadInput(arguments: ["compute", "voronoi", silicon, "--min-weight", "1"],
                 message: "matgrade: error: invalid value '1.0' for --min-weight: must be in [0, 1)"),
        BadInput(arguments: ["compute", "voronoi", silicon, "--min-weight=-0.1"],
                 message: "matgrade: error: invalid value '-0.1' for --min-weight"),
        BadInput(arguments: ["compute", "voronoi", silicon, "--min-weight", "lots"], message: "--min-weight"),
        BadInput(arguments: ["compute", "voronoi", "no-such-file.cif"], message: "matgrade: error: no-such-file.cif: no such file"),
        BadInput(arguments: ["compute", "coordination", silicon, "--cutoff", "0"],
                 message: "matgrade: error: invalid value '0.0' for --cutoff: must be a positive number of Angstrom"),
        BadInput(arguments: ["compute", "coordination", silicon], message: "Missing expected argument '--cutoff <cutoff>'"),
    ]

    @Test("usage and input errors exit 2 with the message on stderr and nothing on stdout", arguments: badInputs)
    func errors(_ input: BadInput) throws {
        let result = try MatgradeProcess.run(input.arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
        #expect(result.standardError.contains(input.message), "\(result)")
    }

    @Test("two atoms at one position: the error names both sites and the fix")
    func coincidentSites() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-voronoi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let poscar = "NaCl\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0.25 0 0\n1.25 0 0\n"
        try poscar.write(to: directory.appendingPathComponent("POSCAR"), atomically: true, encoding: .utf8)
        let result = try MatgradeProcess.run(["compute", "voronoi", "POSCAR"], in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("sites 0 (Na) and 1 (Cl) sit at the same position"), "\(result)")
        #expect(result.standardError.contains("remove the duplicate site"), "\(result)")
    }
}
