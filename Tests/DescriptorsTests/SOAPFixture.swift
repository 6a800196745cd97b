import Crystal
import Descriptors
import Foundation
import LinearAlgebra
import Testing
import TestSupport

// The golden fixtures made by scripts/fixtures/soap_dscribe.py (DScribe 2.1.2, ASE 3.29.0)
// and helpers shared by the SOAP test files.

struct SOAPStructureRecord: Decodable, Sendable {
    let lattice: [[Double]]
    let species: [String]
    let cartesian_coords: [[Double]]
    let periodic: Bool

    func structure() throws -> Structure {
        try Structure(
            lattice: try Lattice(matrix: lattice), species: try species.map { try Element(symbol: $0) },
            cartesianCoordinates: cartesian_coords.map { SIMD3($0[0], $0[1], $0[2]) })
    }
}

struct SOAPFixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let structure: SOAPStructureRecord
    let species: [String]
    let r_cut: Double
    let n_max: Int
    let l_max: Int
    let sigma: Double
    let rbf: String
    let periodic: Bool
    let feature_count: Int
    let off: [[Double]]
    let inner: [Double]
    let outer: [Double]
    let dscribe_basis_orthonormality_error: Double?
    let dscribe_radial_grid: [Double]?

    var testDescription: String { "\(rbf): \(name)" }

    func descriptor(_ averaging: SOAPAveraging) throws -> SOAPDescriptor {
        try SOAPDescriptor(
            species: try species.map { try Element(symbol: $0) }, cutoffRadius: r_cut, nMax: n_max, lMax: l_max,
            sigma: sigma, radialBasis: SOAPRadialBasis(rawValue: rbf) ?? .gto, periodic: periodic, averaging: averaging)
    }
}

struct SOAPFixtureFile: Decodable, Sendable {
    let cases: [SOAPFixtureCase]

    static func load(_ name: String) -> [SOAPFixtureCase] {
        let url = RepositoryPaths.fixtures.appendingPathComponent("soap/\(name).json")
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(SOAPFixtureFile.self, from: data) else {
            return []
        }
        return file.cases
    }

    static let gto = load("gto")
    static let polynomial = load("polynomial")
}

struct SOAPSimilarityFixture: Decodable, Sendable {
    struct Record: Decodable, Sendable {
        let name: String
        let lattice: [[Double]]
        let species: [String]
        let cartesian_coords: [[Double]]
        var structure: SOAPStructureRecord {
            SOAPStructureRecord(lattice: lattice, species: species, cartesian_coords: cartesian_coords, periodic: true)
        }
    }
    let species: [String]
    let r_cut: Double
    let n_max: Int
    let l_max: Int
    let sigma: Double
    let structures: [Record]
    let outer: [[Double]]
    let average_kernel_linear: [[Double]]

    static func load() throws -> SOAPSimilarityFixture {
        let url = RepositoryPaths.fixtures.appendingPathComponent("soap/similarity.json")
        return try JSONDecoder().decode(SOAPSimilarityFixture.self, from: Data(contentsOf: url))
    }
}

/// The largest |observed - expected| and the largest relative error among elements that are
/// not negligible (|expected| > 1e-6 x the largest |expected|), for the reports.
struct SOAPAgreement: CustomStringConvertible {
    var maximumAbsolute = 0.0
    var maximumRelative = 0.0

    mutating func add(_ observed: [Double], _ expected: [Double]) {
        let scale = expected.map(abs).max() ?? 0
        for (o, e) in zip(observed, expected) {
            maximumAbsolute = max(maximumAbsolute, abs(o - e))
            if abs(e) > 1e-6 * scale { maximumRelative = max(maximumRelative, abs(o - e) / abs(e)) }
        }
    }

    var description: String { "max |diff| \(maximumAbsolute), max relative \(maximumRelative)" }
}
