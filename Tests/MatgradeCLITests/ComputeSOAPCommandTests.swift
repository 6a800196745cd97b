import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade compute soap` and `compute soap-similarity`, stdout, stderr, exit code.
@Suite("matgrade compute soap (end to end)")
struct ComputeSOAPCommandTests {
    static let silicon = "exercises/data/pymatgen-core/structures/Si.json"
    static let perovskite = "exercises/data/pymatgen-core/structures/SrTiO3.json"
    static let cesiumChloride = "exercises/data/pymatgen-core/structures/CsCl.json"
    static let parameters = ["--rcut", "4", "--nmax", "3", "--lmax", "2", "--sigma", "0.5"]

    static func json(_ result: MatgradeProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test("per-site vectors: species, shape and one row per site in DScribe's layout")
    func perSite() throws {
        let result = try MatgradeProcess.run(["compute", "soap", Self.perovskite] + Self.parameters + ["--rbf", "gto"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.isEmpty, "\(result)")
        let json = try Self.json(result)
        // O (8) < Ti (22) < Sr (38); 3 species x 3 radial functions: 9 x 10 / 2 x 3 features.
        #expect(json["species"] as? [String] == ["O", "Ti", "Sr"])
        #expect(json["shape"] as? [Int] == [5, 135])
        let vectors = try #require(json["vectors"] as? [[Double]])
        #expect(vectors.count == 5 && vectors.allSatisfy { $0.count == 135 })
    }

    /// The CLI path (file reading, options, JSON writing) on a fixture structure written as
    /// extended XYZ: the vectors equal DScribe's within the kernel's gto contract (1e-8 relative
    /// + 1e-10 x the vector's largest element).
    @Test("end to end, the vectors equal DScribe's on a fixture structure")
    func againstFixture() throws {
        struct Case: Decodable {
            struct Record: Decodable { let lattice: [[Double]]; let species: [String]; let cartesian_coords: [[Double]] }
            let name: String, structure: Record, r_cut: Double, n_max: Int, l_max: Int, sigma: Double, off: [[Double]], outer: [Double]
        }
        struct File: Decodable { let cases: [Case] }
        let data = try Data(contentsOf: RepositoryPaths.fixtures.appendingPathComponent("soap/gto.json"))
        let fixture = try #require(try JSONDecoder().decode(File.self, from: data).cases.first { $0.name.contains("4 species") })
        let lattice = fixture.structure.lattice.flatMap { $0 }.map { "\($0)" }.joined(separator: " ")
        var text = "\(fixture.structure.species.count)\nLattice=\"\(lattice)\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n"
        for (symbol, position) in zip(fixture.structure.species, fixture.structure.cartesian_coords) {
            text += "\(symbol) \(position[0]) \(position[1]) \(position[2])\n"
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-soap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent("case.xyz"), atomically: true, encoding: .utf8)
        let options = ["--rcut", "\(fixture.r_cut)", "--nmax", "\(fixture.n_max)", "--lmax", "\(fixture.l_max)", "--sigma", "\(fixture.sigma)"]
        for (average, expected) in [("off", fixture.off), ("outer", [fixture.outer])] {
            let result = try MatgradeProcess.run(["compute", "soap", "case.xyz", "--average", average] + options, in: directory)
            #expect(result.status == 0, "\(result)")
            let vectors = try #require(try Self.json(result)["vectors"] as? [[Double]])
            #expect(vectors.count == expected.count)
            for (observed, reference) in zip(vectors, expected) {
                let scale = reference.map(abs).max() ?? 0
                let comparison = compare(observed, reference, atol: 1e-10 * scale, rtol: 1e-8)
                #expect(comparison.isWithinTolerance, "\(average): \(comparison)")
            }
        }
    }

    @Test("averaged, polynomial, explicit species and --no-periodic")
    func averagedOptions() throws {
        let result = try MatgradeProcess.run(
            ["compute", "soap", Self.silicon] + Self.parameters
                + ["--rbf", "polynomial", "--average", "outer", "--species", "Si,O", "--no-periodic"])
        #expect(result.status == 0, "\(result)")
        let json = try Self.json(result)
        #expect(json["species"] as? [String] == ["O", "Si"])
        #expect(json["shape"] as? [Int] == [1, 6 * 7 / 2 * 3])
        let vector = try #require((json["vectors"] as? [[Double]])?.first)
        // Only the Si-Si block is non-zero: no O in the structure.
        #expect(vector.prefix(18).allSatisfy { $0 == 0 } && vector.suffix(18).contains { $0 > 0 })
    }

    @Test("similarity: unit diagonal, symmetric kernel, nearest lists")
    func similarity() throws {
        let result = try MatgradeProcess.run(
            ["compute", "soap-similarity", Self.silicon, Self.perovskite, Self.cesiumChloride, Self.silicon] + Self.parameters)
        #expect(result.status == 0, "\(result)")
        let json = try Self.json(result)
        #expect((json["files"] as? [String])?.count == 4)
        let kernel = try #require(json["kernel"] as? [[Double]])
        for i in 0..<4 {
            #expect(abs(kernel[i][i] - 1) < 1e-12)
            for j in 0..<4 { #expect(abs(kernel[i][j] - kernel[j][i]) < 1e-12) }
        }
        let nearest = try #require(json["nearest"] as? [[Int]])
        // The two silicon files are identical: each is the other's nearest.
        #expect(nearest[0].first == 3 && nearest[3].first == 0)
        #expect(nearest.allSatisfy { $0.count == 3 })
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        BadInput(arguments: ["compute", "soap", silicon, "--rcut", "4", "--nmax", "0", "--lmax", "2", "--sigma", "0.5"],
                 message: "matgrade: error: invalid value '0' for --nmax: must be >= 1"),
        BadInput(arguments: ["compute", "soap", silicon, "--rcut", "4", "--nmax", "3", "--lmax=-1", "--sigma", "0.5"],
                 message: "matgrade: error: invalid value '-1' for --lmax: must be in 0...20"),
        BadInput(arguments: ["compute", "soap", silicon, "--rcut", "1", "--nmax", "3", "--lmax", "2", "--sigma", "0.5"],
                 message: "matgrade: error: invalid value '1.0' for --rcut: must be greater than 1 Angstrom for the gto radial basis"),
        BadInput(arguments: ["compute", "soap", silicon, "--rcut", "4", "--nmax", "3", "--lmax", "2", "--sigma", "0"],
                 message: "matgrade: error: invalid value '0.0' for --sigma: must be a positive Gaussian width in Angstrom"),
        BadInput(arguments: ["compute", "soap", silicon] + parameters + ["--species", "Fe,O"],
                 message: "matgrade: error: invalid value 'O,Fe' for --species: the structure contains Si, which is not in the species list; add it"),
        BadInput(arguments: ["compute", "soap", silicon] + parameters + ["--species", "Si,Xx"],
                 message: "matgrade: error: invalid value 'Si,Xx' for --species: 'Xx' is not an element symbol"),
        BadInput(arguments: ["compute", "soap", silicon] + parameters + ["--rbf", "spline"], message: "--rbf"),
        BadInput(arguments: ["compute", "soap", silicon, "--nmax", "3", "--lmax", "2", "--sigma", "0.5"],
                 message: "Missing expected argument '--rcut <rcut>'"),
        BadInput(arguments: ["compute", "soap-similarity", silicon] + parameters,
                 message: "matgrade: error: invalid value '\(silicon)' for FILE: give at least two structure files"),
        BadInput(arguments: ["compute", "soap-similarity", silicon, perovskite] + parameters + ["--average", "off"],
                 message: "matgrade: error: invalid value 'off' for --average: similarity compares one vector per structure"),
        BadInput(arguments: ["compute", "soap-similarity", silicon, perovskite] + parameters + ["--species", "Si"],
                 message: "for --species: \(perovskite): the structure contains O, Ti, Sr"),
    ]

    @Test("bad options exit 2 naming the option, the value and the fix", arguments: badInputs)
    func errors(_ input: BadInput) throws {
        let result = try MatgradeProcess.run(input.arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
        #expect(result.standardError.contains(input.message), "\(result)")
    }
}
