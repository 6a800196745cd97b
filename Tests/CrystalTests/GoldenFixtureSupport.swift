import Crystal
import Foundation
import TestSupport

// Shared by the Golden*Tests files: reading the pymatgen fixtures made by
// scripts/fixtures/neighbors.py and scripts/fixtures/structure_basics.py.

/// A structure as the fixtures write it: `{lattice (rows are vectors, Angstrom), species
/// (element symbols), frac_coords (as pymatgen held them, not wrapped)}`.
struct StructureRecord: Decodable, Sendable {
    let lattice: [[Double]]
    let species: [String]
    let frac_coords: [[Double]]

    /// The structure exactly as written: `Lattice(matrix:)`, `Element(symbol:)`, the
    /// fractional coordinates as given (nothing wrapped), as the generators rebuilt it.
    func structure() throws -> Structure {
        try Structure(
            lattice: try Lattice(matrix: lattice),
            species: try species.map { try Element(symbol: $0) },
            fractionalCoordinates: try frac_coords.map { try vector($0) })
    }
}

/// A fixture row of three numbers as a vector.
func vector(_ row: [Double]) throws -> SIMD3<Double> {
    guard row.count == 3 else { throw FixtureError.shape("expected 3 numbers, got \(row)") }
    return SIMD3(row[0], row[1], row[2])
}

/// A fixture row of three integers (a periodic image) as a vector.
func imageVector(_ row: [Int]) throws -> SIMD3<Int> {
    guard row.count == 3 else { throw FixtureError.shape("expected an image of 3 integers, got \(row)") }
    return SIMD3(row[0], row[1], row[2])
}

enum FixtureError: Error, CustomStringConvertible {
    case shape(String)
    case missingCase(String)

    var description: String {
        switch self {
        case let .shape(reason): "malformed fixture: \(reason)"
        case let .missingCase(name): "no fixture case named '\(name)'"
        }
    }
}

/// Decodes the fixture at `relativePath` under Tests/Fixtures.
func decodeFixture<T: Decodable>(_ type: T.Type, _ relativePath: String) -> Result<T, any Error> {
    Result {
        let url = RepositoryPaths.fixtures.appendingPathComponent(relativePath)
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}

/// A neighbor's identity in a pymatgen neighbor list: site index and periodic image.
struct NeighborKey: Hashable, Comparable, CustomStringConvertible, Sendable {
    let index: Int
    let image: SIMD3<Int>

    static func < (lhs: NeighborKey, rhs: NeighborKey) -> Bool {
        (lhs.index, lhs.image.x, lhs.image.y, lhs.image.z) < (rhs.index, rhs.image.x, rhs.image.y, rhs.image.z)
    }

    var description: String { "(\(index), [\(image.x), \(image.y), \(image.z)])" }
}
