import Foundation
import Testing
import TestSupport
@testable import Crystal

/// Small structures with known Voronoi cells, built in code.
enum VoronoiSamples {
    static func element(_ symbol: String) throws -> Element { try Element(symbol: symbol) }

    /// fcc primitive cell, conventional edge `a` Angstrom.
    static func fcc(_ a: Double = 3.61, symbol: String = "Cu") throws -> Structure {
        let h = a / 2
        return try Structure(
            lattice: Lattice(matrix: [[0, h, h], [h, 0, h], [h, h, 0]]), species: [element(symbol)], fractionalCoordinates: [.zero])
    }

    /// bcc conventional cell (2 atoms), edge `a` Angstrom.
    static func bcc(_ a: Double = 2.87) throws -> Structure {
        try Structure(
            lattice: Lattice(matrix: [[a, 0, 0], [0, a, 0], [0, 0, a]]), species: [element("Fe"), element("Fe")],
            fractionalCoordinates: [.zero, SIMD3(0.5, 0.5, 0.5)])
    }

    /// Rock salt conventional cell (8 atoms), edge `a` Angstrom.
    static func rockSalt(_ a: Double = 5.64) throws -> Structure {
        let corners: [SIMD3<Double>] = [.zero, SIMD3(0, 0.5, 0.5), SIMD3(0.5, 0, 0.5), SIMD3(0.5, 0.5, 0)]
        return try Structure(
            lattice: Lattice(matrix: [[a, 0, 0], [0, a, 0], [0, 0, a]]),
            species: try Array(repeating: element("Na"), count: 4) + Array(repeating: element("Cl"), count: 4),
            fractionalCoordinates: corners + corners.map { $0 + SIMD3(0.5, 0, 0) })
    }

    /// A random structure (seeded), generic: no four bisector planes through one point.
    static func random(seed: UInt64, atomCount: Int, lattice: [[Double]]) throws -> Structure {
        var random = SeededGenerator(seed: seed)
        let symbols = ["Li", "Fe", "P", "O"]
        return try Structure(
            lattice: Lattice(matrix: lattice), species: (0..<atomCount).map { try element(symbols[$0 % 4]) },
            fractionalCoordinates: (0..<atomCount).map { _ in SIMD3((0..<3).map { _ in Double.random(in: 0..<1, using: &random) }) })
    }

    /// Rodrigues' rotation of `vector` about unit `axis` by `angle` radians.
    static func rotate(_ vector: SIMD3<Double>, axis: SIMD3<Double>, angle: Double) -> SIMD3<Double> {
        let k = axis / length(axis)
        return vector * cos(angle) + cross(k, vector) * sin(angle) + k * dot(k, vector) * (1 - cos(angle))
    }

    /// The same crystal in a rotated Cartesian frame.
    static func rotated(_ s: Structure, axis: SIMD3<Double> = SIMD3(1, 2, 3), angle: Double = 0.7) throws -> Structure {
        let l = s.lattice
        return try Structure(
            lattice: Lattice(a: rotate(l.a, axis: axis, angle: angle), b: rotate(l.b, axis: axis, angle: angle), c: rotate(l.c, axis: axis, angle: angle)),
            species: s.species, fractionalCoordinates: s.fractionalCoordinates)
    }

    /// The same crystal in another, skewed cell of the same lattice: a' = a, b' = b + a,
    /// c' = c - 2b + a (a unimodular change of basis), positions unchanged in space.
    static func reReduced(_ s: Structure) throws -> Structure {
        let l = s.lattice
        let lattice = try Lattice(a: l.a, b: l.b + l.a, c: l.c - 2 * l.b + l.a)
        return try Structure(lattice: lattice, species: s.species, cartesianCoordinates: s.cartesianCoordinates)
    }

    /// Every site moved by a seeded random Cartesian vector of up to `amplitude` Angstrom
    /// per component.
    static func rattled(_ s: Structure, amplitude: Double, seed: UInt64) throws -> Structure {
        var random = SeededGenerator(seed: seed)
        let moved = s.cartesianCoordinates.map { $0 + SIMD3((0..<3).map { _ in Double.random(in: -amplitude...amplitude, using: &random) }) }
        return try Structure(lattice: s.lattice, species: s.species, cartesianCoordinates: moved)
    }
}

@Suite("Voronoi cells")
struct VoronoiTests {
    @Test("simple cubic: six square faces of a^2, solid angle 4 pi / 6 each, weight 1")
    func simpleCubic() throws {
        let a = 2.5
        let s = try Structure(
            lattice: Lattice(matrix: [[a, 0, 0], [0, a, 0], [0, 0, a]]), species: [Element(symbol: "Po")],
            fractionalCoordinates: [SIMD3(0.3, 0.1, 0.9)])
        let cell = try #require(try s.voronoiCells().first)
        #expect(cell.faces.count == 6)
        let areas = compare(cell.faces.map(\.area), Array(repeating: a * a, count: 6), atol: 0, rtol: 1e-12)
        #expect(areas.isWithinTolerance, "areas: \(areas)")
        let angles = compare(cell.faces.map(\.solidAngle), Array(repeating: 4 * .pi / 6, count: 6), atol: 0, rtol: 1e-12)
        #expect(angles.isWithinTolerance, "solid angles: \(angles)")
        #expect(cell.faces.allSatisfy { $0.index == 0 && abs($0.distance - a) < 1e-12 })
        #expect(Set(cell.faces.map(\.image)).count == 6, "six different self-images")
        #expect(abs(cell.volume - a * a * a) < 1e-12 * a * a * a)
    }

    @Test("fcc: a rhombic dodecahedron, 12 faces of area a^2 sqrt(2) / 8; the 6 second neighbors only touch it")
    func fcc() throws {
        let a = 3.61
        let cell = try #require(try VoronoiSamples.fcc(a).voronoiCells().first)
        #expect(cell.faces.count == 12, "the second neighbors' planes pass through vertices and make no face")
        #expect(cell.coordination() == 12)
        let areas = compare(cell.faces.map(\.area), Array(repeating: a * a * 2.0.squareRoot() / 8, count: 12), atol: 0, rtol: 1e-12)
        #expect(areas.isWithinTolerance, "areas: \(areas)")
        let weights = compare(cell.faces.map(\.weight), Array(repeating: 1, count: 12), atol: 1e-13, rtol: 0)
        #expect(weights.isWithinTolerance, "weights: \(weights)")
        #expect(abs(cell.volume - a * a * a / 4) < 1e-12)
    }

    @Test("bcc: a truncated octahedron, 8 hexagons of 3 sqrt(3) a^2 / 16 and 6 squares of a^2 / 8")
    func bcc() throws {
        let a = 2.87
        let cells = try VoronoiSamples.bcc(a).voronoiCells()
        for cell in cells {
            #expect(cell.faces.count == 14, "site \(cell.site)")
            let hexagons = cell.faces.filter { $0.vertexCount == 6 }, squares = cell.faces.filter { $0.vertexCount == 4 }
            #expect(hexagons.count == 8 && squares.count == 6, "site \(cell.site): \(cell.faces.map(\.vertexCount))")
            let h = compare(hexagons.map(\.area), Array(repeating: 3 * 3.0.squareRoot() * a * a / 16, count: 8), atol: 0, rtol: 1e-12)
            let q = compare(squares.map(\.area), Array(repeating: a * a / 8, count: 6), atol: 0, rtol: 1e-12)
            #expect(h.isWithinTolerance, "hexagons: \(h)")
            #expect(q.isWithinTolerance, "squares: \(q)")
            #expect(hexagons.allSatisfy { abs($0.distance - a * 3.0.squareRoot() / 2) < 1e-12 })
        }
    }

    static let generic: [(name: String, seed: UInt64, atoms: Int, lattice: [[Double]])] = [
        ("cubic 6 atoms", 11, 6, [[4, 0, 0], [0, 4, 0], [0, 0, 4]]),
        ("skewed triclinic 5 atoms", 12, 5, [[3.5, 0, 0], [4, 3.2, 0], [2.5, 3.5, 3.8]]),
        ("long thin cell 4 atoms", 13, 4, [[2.4, 0, 0], [0, 2.6, 0], [0.4, 0.3, 11]]),
        ("left-handed 7 atoms", 14, 7, [[0, 4.5, 0], [4.2, 0, 0], [0.6, 0, 4.8]]),
    ]

    @Test("generic structures: areas equal the brute-force oracle's, volumes fill the cell, solid angles sum to 4 pi",
          arguments: generic.map(\.name))
    func oracle(name: String) throws {
        let spec = try #require(Self.generic.first { $0.name == name })
        let s = try VoronoiSamples.random(seed: spec.seed, atomCount: spec.atoms, lattice: spec.lattice)
        let cells = try s.voronoiCells()
        let totalVolume = cells.reduce(0) { $0 + $1.volume }
        #expect(abs(totalVolume - s.lattice.volume) <= 1e-10 * s.lattice.volume, "sum of cell volumes \(totalVolume) vs cell \(s.lattice.volume)")
        for cell in cells {
            let total = cell.faces.reduce(0) { $0 + $1.solidAngle }
            #expect(abs(total - 4 * .pi) < 1e-10, "site \(cell.site): solid angles sum to \(total)")
            let expected = try VoronoiOracle.faceAreas(of: cell.site, in: s, radius: 9)
            let observed = Dictionary(uniqueKeysWithValues: cell.faces.map { (VoronoiOracle.Key(index: $0.index, image: $0.image), $0.area) })
            #expect(Set(observed.keys) == Set(expected.keys), "site \(cell.site): faces differ from the oracle's")
            let keys = expected.keys.filter { observed[$0] != nil }
            let c = compare(keys.map { observed[$0] ?? .nan }, keys.map { expected[$0] ?? .nan }, atol: 1e-9, rtol: 1e-9)
            #expect(c.isWithinTolerance, "site \(cell.site): areas \(c)")
        }
    }

    @Test("a sparse cell (one atom in a 14 A box with a close pair) needs a second, larger search and still closes")
    func sparseCell() throws {
        let s = try Structure(
            lattice: Lattice(matrix: [[14, 0, 0], [0, 3, 0], [0, 0, 3.2]]), species: [Element(symbol: "Ar"), Element(symbol: "Ar")],
            fractionalCoordinates: [SIMD3(0.1, 0, 0), SIMD3(0.2, 0.5, 0.5)])
        let cells = try s.voronoiCells()
        let totalVolume = cells.reduce(0) { $0 + $1.volume }
        #expect(abs(totalVolume - s.lattice.volume) <= 1e-10 * s.lattice.volume)
    }

    @Test("coinciding sites are refused, naming both")
    func coincidentSites() throws {
        let s = try Structure(
            lattice: Lattice(matrix: [[4, 0, 0], [0, 4, 0], [0, 0, 4]]), species: [Element(symbol: "Na"), Element(symbol: "Cl")],
            fractionalCoordinates: [SIMD3(0.25, 0, 0), SIMD3(1.25, 0, 1)])
        #expect {
            try s.voronoiCells()
        } throws: { error in
            "\(error)".contains("sites 0 (Na) and 1 (Cl) sit at the same position")
        }
    }

    @Test("coordination by cutoff counts neighbors within r, as the neighbor list does")
    func cutoffCoordination() throws {
        let rockSalt = try VoronoiSamples.rockSalt(5.64)
        #expect(try rockSalt.coordinationNumbers(within: 3.0) == Array(repeating: 6, count: 8))
        #expect(try rockSalt.coordinationNumbers(within: 4.0) == Array(repeating: 18, count: 8))
        #expect(try VoronoiSamples.fcc(3.61).coordinationNumbers(within: 2.6) == [12])
        #expect(throws: CrystalError.self) { try rockSalt.coordinationNumbers(within: -1) }
    }
}
