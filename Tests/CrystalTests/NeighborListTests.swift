import Testing
import TestSupport
@testable import Crystal

@Suite("Neighbor lists")
struct NeighborListTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let lattice: [[Double]]
        let atomCount: Int
        let cutoff: Double
        /// Fractional coordinates are drawn from [low, high) per axis.
        let low: Double
        let high: Double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "cubic 8 atoms, r 5", lattice: [[4, 0, 0], [0, 4, 0], [0, 0, 4]], atomCount: 8, cutoff: 5, low: 0, high: 1),
        Case(name: "strong shear", lattice: [[3, 0, 0], [8, 3, 0], [5, 7, 3]], atomCount: 5, cutoff: 6, low: 0, high: 1),
        Case(name: "sharp rhombohedral", lattice: [[3, 0, 0], [2.9, 0.6, 0], [2.9, 0.3, 0.5]], atomCount: 2, cutoff: 4, low: 0, high: 1),
        Case(name: "one lattice vector of 1.2 A", lattice: [[5, 0, 0], [0, 5.5, 0], [0.3, 0.2, 1.2]], atomCount: 3, cutoff: 4.5, low: 0, high: 1),
        Case(name: "tiny cubic cell, one atom, r 5", lattice: [[1.8, 0, 0], [0, 1.8, 0], [0, 0, 1.8]], atomCount: 1, cutoff: 5, low: 0, high: 1),
        Case(name: "left-handed", lattice: [[0, 4, 0], [4, 0, 0], [0.5, 0, 4]], atomCount: 6, cutoff: 4.5, low: 0, high: 1),
        Case(name: "coordinates outside [0, 1)", lattice: [[4.5, 0, 0], [1, 4, 0], [0, 0.7, 5]], atomCount: 6, cutoff: 5, low: -2.3, high: 3.1),
        Case(name: "large cell, small cutoff (many bins)", lattice: [[22, 0, 0], [0, 19, 0], [3, 0, 24]], atomCount: 160, cutoff: 3.2, low: 0, high: 1),
    ]

    @Test("the cell list agrees with the brute-force oracle on every pair, image and distance", arguments: cases)
    func agreesWithOracle(_ testCase: Case) throws {
        var random = SeededGenerator(seed: UInt64(testCase.name.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
        let lattice = try Lattice(matrix: testCase.lattice)
        let symbols = ["Fe", "O", "Li", "P"]
        let species = try (0..<testCase.atomCount).map { try Element(symbol: symbols[$0 % symbols.count]) }
        let coordinates = (0..<testCase.atomCount).map { _ in
            SIMD3((0..<3).map { _ in Double.random(in: testCase.low..<testCase.high, using: &random) })
        }
        let structure = try Structure(lattice: lattice, species: species, fractionalCoordinates: coordinates)
        let list = try structure.neighbors(within: testCase.cutoff)
        // The limited search (selection, no full sort) equals the prefix of the full list.
        for count in [1, 5, 12] {
            #expect(try structure.nearestNeighbors(count: count, within: testCase.cutoff) == list.nearest(count), "nearest \(count)")
        }
        let oracle = NeighborOracle.neighbors(of: structure, within: testCase.cutoff)
        #expect(list.sites.count == oracle.count)
        for (site, expected) in oracle.enumerated() {
            let observed = list.sites[site]
            var seen: [NeighborOracle.Key: Double] = [:]
            for neighbor in observed { seen[NeighborOracle.Key(index: neighbor.index, image: neighbor.image)] = neighbor.distance }
            #expect(seen.count == observed.count, "site \(site): duplicate neighbors in the list")
            let missing = expected.keys.filter { seen[$0] == nil }
            let extra = seen.keys.filter { expected[$0] == nil }
            #expect(missing.isEmpty, "site \(site): missing \(missing.prefix(3).map { "(\($0.index), \($0.image))" })")
            #expect(extra.isEmpty, "site \(site): extra \(extra.prefix(3).map { "(\($0.index), \($0.image))" })")
            let keys = expected.keys.filter { seen[$0] != nil }
            let c = compare(keys.map { seen[$0] ?? .nan }, keys.map { expected[$0] ?? .nan }, atol: 1e-12, rtol: 1e-12)
            #expect(c.isWithinTolerance, "site \(site): \(c)")
            // Sorted by distance; displacement consistent with image and distance.
            #expect(zip(observed, observed.dropFirst()).allSatisfy { $0.distance <= $1.distance + 1e-10 }, "site \(site): not sorted by distance")
            for neighbor in observed.prefix(5) {
                let expectedVector = lattice.cartesian(
                    fromFractional: structure.fractionalCoordinates[neighbor.index]
                        + SIMD3(Double(neighbor.image.x), Double(neighbor.image.y), Double(neighbor.image.z))
                        - structure.fractionalCoordinates[site])
                let v = compare(
                    [neighbor.displacement.x, neighbor.displacement.y, neighbor.displacement.z],
                    [expectedVector.x, expectedVector.y, expectedVector.z], atol: 1e-11)
                #expect(v.isWithinTolerance, "displacement of site \(site) -> \(neighbor.index) \(neighbor.image): \(v)")
            }
        }
    }

    @Test("a lone atom's periodic images are its neighbors; it is not its own")
    func selfImages() throws {
        let structure = try Structure(
            lattice: Lattice(matrix: [[2.5, 0, 0], [0, 2.5, 0], [0, 0, 2.5]]),
            species: [Element(symbol: "Po")], fractionalCoordinates: [SIMD3(0.1, 0.2, 0.3)])
        let list = try structure.neighbors(within: 2.6)
        #expect(list.sites[0].count == 6)
        #expect(list.sites[0].allSatisfy { $0.index == 0 && abs($0.distance - 2.5) < 1e-12 })
        #expect(Set(list.sites[0].map(\.image)).count == 6)
    }

    @Test("distances are invariant under translation, permutation and supercells")
    func invariance() throws {
        var random = SeededGenerator(seed: 42)
        let lattice = try Lattice(a: 4.1, b: 5.3, c: 6.2, alpha: 81, beta: 97, gamma: 112)
        let species = try ["Li", "Fe", "P", "O", "O"].map { try Element(symbol: $0) }
        let coordinates = species.map { _ in SIMD3((0..<3).map { _ in Double.random(in: 0..<1, using: &random) }) }
        let structure = try Structure(lattice: lattice, species: species, fractionalCoordinates: coordinates)
        let reference = try structure.neighbors(within: 5.5).sites.map { $0.map(\.distance) }

        let shifted = try Structure(
            lattice: lattice, species: species, fractionalCoordinates: coordinates.map { $0 + SIMD3(0.37, -0.81, 2.4) })
        for (site, neighbors) in try shifted.neighbors(within: 5.5).sites.enumerated() {
            let c = compare(neighbors.map(\.distance), reference[site], atol: 1e-11)
            #expect(c.isWithinTolerance, "translated, site \(site): \(c)")
        }
        let order = [3, 0, 4, 2, 1]
        for (site, neighbors) in try structure.permuted(order).neighbors(within: 5.5).sites.enumerated() {
            let c = compare(neighbors.map(\.distance), reference[order[site]], atol: 1e-11)
            #expect(c.isWithinTolerance, "permuted, site \(site): \(c)")
        }
        let supercell = try structure.supercell(matrix: [[1, 1, 0], [-1, 1, 0], [0, 0, 2]])
        #expect(supercell.atomCount == structure.atomCount * 4)
        let copies = supercell.atomCount / structure.atomCount
        for (site, neighbors) in try supercell.neighbors(within: 5.5).sites.enumerated() {
            let c = compare(neighbors.map(\.distance), reference[site / copies], atol: 1e-10)
            #expect(c.isWithinTolerance, "supercell, site \(site): \(c)")
        }
    }

    @Test("bad cutoffs are refused with the reason", arguments: [0.0, -1.0, .nan, .infinity, 2000.0])
    func badCutoffs(cutoff: Double) throws {
        let structure = try Structure(
            lattice: Lattice(matrix: [[3, 0, 0], [0, 3, 0], [0, 0, 3]]),
            species: [Element(symbol: "Cu")], fractionalCoordinates: [.zero])
        #expect(throws: CrystalError.self) { try structure.neighbors(within: cutoff) }
    }

    @Test("nearest neighbors keep the closest k, CGCNN style")
    func nearest() throws {
        let structure = try Structure(
            lattice: Lattice(matrix: [[3, 0, 0], [0, 3.1, 0], [0, 0, 3.3]]),
            species: [Element(symbol: "Cu")], fractionalCoordinates: [.zero])
        // 6 neighbors at 3.0, 3.1 and 3.3 A in pairs, then 12 at the face diagonals: the 12th
        // and 13th are tied, and the tie is broken by index, then image, as in the full list.
        for count in 1...20 {
            let list = try structure.nearestNeighbors(count: count, within: 8)
            #expect(list.sites[0].count == count)
            let all = try structure.neighbors(within: 8).sites[0]
            #expect(list.sites[0] == Array(all.prefix(count)), "nearest \(count)")
        }
    }
}
