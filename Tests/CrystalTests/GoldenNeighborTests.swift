import Crystal
import Foundation
import Testing
import TestSupport

/// `Tests/Fixtures/neighbors/pymatgen_neighbors.json`, made by
/// `scripts/fixtures/neighbors.py`: pymatgen's `Structure.get_all_neighbors(cutoff,
/// numerical_tol=1e-8)` for every site of 54 structures (bundled, minerals, hard cases).
struct PymatgenNeighborFixture: Decodable, Sendable {
    struct Record: Decodable, Sendable {
        let index: Int
        let image: [Int]
        let distance: Double
    }

    struct Case: Decodable, Sendable {
        let name: String
        let cutoff: Double
        let structure: StructureRecord
        let neighbor_count: Int
        /// Per site, sorted by (distance, index, image).
        let neighbors: [[Record]]
    }

    let pymatgen_version: String
    let cases: [Case]

    static let loaded = decodeFixture(Self.self, "neighbors/pymatgen_neighbors.json")

    static func caseNames() -> [String] { (try? loaded.get().cases.map(\.name)) ?? [] }

    static func testCase(named name: String) throws -> Case {
        guard let found = try loaded.get().cases.first(where: { $0.name == name }) else {
            throw FixtureError.missingCase(name)
        }
        return found
    }
}

/// One site's neighbors as a multiset: each (index, image) key with its distances, so that
/// lists agreeing up to the order of equal-distance groups compare equal.
private func keyedDistances(_ entries: [(NeighborKey, Double)]) -> [NeighborKey: [Double]] {
    var result: [NeighborKey: [Double]] = [:]
    for (key, distance) in entries { result[key, default: []].append(distance) }
    return result.mapValues { $0.sorted() }
}

/// Keys held more often in `lhs` than in `rhs`, with the surplus.
private func surplus(_ lhs: [NeighborKey: [Double]], over rhs: [NeighborKey: [Double]]) -> [NeighborKey] {
    lhs.keys.filter { lhs[$0, default: []].count > rhs[$0, default: []].count }.sorted()
}

@Suite("Golden: neighbor lists agree with pymatgen")
struct GoldenNeighborTests {
    /// Guards the parameterized test below, which would pass vacuously with no cases.
    @Test("the pymatgen neighbor fixture loads and holds the 54 named cases")
    func inventory() throws {
        let fixture = try PymatgenNeighborFixture.loaded.get()
        #expect(fixture.pymatgen_version == "2026.10.24")
        #expect(fixture.cases.count == 54)
        #expect(Set(fixture.cases.map(\.name)).count == fixture.cases.count, "case names must be unique")
        #expect(PymatgenNeighborFixture.caseNames().count == 54)
        for testCase in fixture.cases {
            #expect(testCase.neighbors.count == testCase.structure.species.count, "\(testCase.name): one list per site")
            #expect(testCase.neighbors.reduce(0) { $0 + $1.count } == testCase.neighbor_count, "\(testCase.name)")
        }
    }

    /// Same multiset of (index, image) per site, distances within 1e-10 A absolute (the
    /// fixture's floats are pymatgen's to the last bit; the two codes sum the Cartesian
    /// vectors in different bases, so they differ by float noise of ~1e-15 A only), and our
    /// list sorted by distance.
    @Test("same (index, image) pairs and distances as get_all_neighbors", arguments: PymatgenNeighborFixture.caseNames())
    func agreesWithPymatgen(caseName: String) throws {
        let testCase = try PymatgenNeighborFixture.testCase(named: caseName)
        let structure = try testCase.structure.structure()
        let list = try structure.neighbors(within: testCase.cutoff)
        try #require(list.sites.count == testCase.neighbors.count, "one neighbor list per site")
        #expect(list.pairCount == testCase.neighbor_count, "total (site, neighbor) pairs")

        var labels: [String] = [], observedDistances: [Double] = [], expectedDistances: [Double] = []
        var unsorted: [Double] = [], sorted: [Double] = []
        for (site, records) in testCase.neighbors.enumerated() {
            let expected = keyedDistances(try records.map { (NeighborKey(index: $0.index, image: try imageVector($0.image)), $0.distance) })
            let neighbors = list.sites[site]
            let observed = keyedDistances(neighbors.map { (NeighborKey(index: $0.index, image: $0.image), $0.distance) })
            let missing = surplus(expected, over: observed), extra = surplus(observed, over: expected)
            #expect(missing.isEmpty, "site \(site): \(missing.count) of pymatgen's neighbors missing, first \(missing.prefix(4))")
            #expect(extra.isEmpty, "site \(site): \(extra.count) neighbors pymatgen does not list, first \(extra.prefix(4))")
            for key in expected.keys.sorted() {
                let theirs = expected[key, default: []], ours = observed[key, default: []]
                for (o, e) in zip(ours, theirs) {
                    labels.append("site \(site) neighbor \(key)")
                    observedDistances.append(o)
                    expectedDistances.append(e)
                }
            }
            unsorted += neighbors.map(\.distance)
            sorted += neighbors.map(\.distance).sorted()
        }
        let distances = compare(observedDistances, expectedDistances, atol: 1e-10, rtol: 0)
        #expect(distances.isWithinTolerance, "distances: \(distances) at \(distances.worstIndex.map { labels[$0] } ?? "-")")
        // Lists are sorted by distance on a 1e-10 A grid (Neighbor.orderingResolution), ties by
        // index and image, so a list may differ from a strict sort by rounding noise only.
        let order = compare(unsorted, sorted, atol: 1e-10, rtol: 0)
        #expect(order.isWithinTolerance, "each site's list must be sorted by distance: \(order)")
    }
}

/// `Tests/Fixtures/neighbors/pymatgen_cgcnn12.json`: CGCNN's graph (Xie and Grossman, PRL
/// 120, 145301 (2018)): pymatgen's neighbors within 8 A, stable-sorted by distance, first 12.
struct PymatgenCGCNNFixture: Decodable, Sendable {
    struct Parameters: Decodable, Sendable {
        let radius: Double
        let max_num_nbr: Int
        let tie_tolerance: Double
    }

    struct Site: Decodable, Sendable {
        let count_within_radius: Int
        let distance_after_cut: Double?
        let tie_at_cut: Bool
        /// The kept neighbors in CGCNN's order (distance, ties in pymatgen's internal order).
        let neighbors: [PymatgenNeighborFixture.Record]
    }

    struct Case: Decodable, Sendable {
        let name: String
        let structure: StructureRecord
        let sites: [Site]
    }

    let parameters: Parameters
    let cases: [Case]

    static let loaded = decodeFixture(Self.self, "neighbors/pymatgen_cgcnn12.json")

    static func caseNames() -> [String] { (try? loaded.get().cases.map(\.name)) ?? [] }

    static func testCase(named name: String) throws -> Case {
        guard let found = try loaded.get().cases.first(where: { $0.name == name }) else {
            throw FixtureError.missingCase(name)
        }
        return found
    }
}

@Suite("Golden: CGCNN's 12 nearest neighbors agree with pymatgen")
struct GoldenCGCNNNeighborTests {
    @Test("the CGCNN fixture loads: 11 structures, radius 8 A, 12 neighbors, some ties at the cut")
    func inventory() throws {
        let fixture = try PymatgenCGCNNFixture.loaded.get()
        #expect(fixture.cases.count == 11)
        #expect(PymatgenCGCNNFixture.caseNames().count == 11)
        #expect(fixture.parameters.radius == 8 && fixture.parameters.max_num_nbr == 12)
        // The tie handling below must be exercised, not only written.
        #expect(fixture.cases.contains { $0.sites.contains(where: \.tie_at_cut) })
    }

    /// Per site: the first 12 distances equal pymatgen's within 1e-10 A; the kept (index,
    /// image) sets are equal, except that at a tie at the cut (`tie_at_cut`: the 13th distance
    /// equals the 12th within `tie_tolerance`) the members of the tied group may differ. A
    /// kept member of that group is then checked on its own: its distance, recomputed from
    /// the image convention `|(f[j] + image - f[i]) · lattice|`, is the distance we report,
    /// which lies within `tie_tolerance` of the cut (that is what puts it in the group).
    @Test("nearestNeighbors(count: 12, within: 8) keeps CGCNN's neighbors", arguments: PymatgenCGCNNFixture.caseNames())
    func agreesWithPymatgen(caseName: String) throws {
        let parameters = try PymatgenCGCNNFixture.loaded.get().parameters
        let testCase = try PymatgenCGCNNFixture.testCase(named: caseName)
        let structure = try testCase.structure.structure()
        let kept = try structure.nearestNeighbors(count: parameters.max_num_nbr, within: parameters.radius)
        let all = try structure.neighbors(within: parameters.radius)
        try #require(kept.sites.count == testCase.sites.count, "one neighbor list per site")

        var labels: [String] = [], observedDistances: [Double] = [], expectedDistances: [Double] = []
        for (site, expected) in testCase.sites.enumerated() {
            let ours = kept.sites[site]
            #expect(all.sites[site].count == expected.count_within_radius, "site \(site): neighbors within \(parameters.radius) A")
            #expect(ours.count == expected.neighbors.count, "site \(site): kept neighbors")
            for (rank, (o, e)) in zip(ours, expected.neighbors).enumerated() {
                labels.append("site \(site) rank \(rank)")
                observedDistances.append(o.distance)
                expectedDistances.append(e.distance)
            }

            let theirKeys = try expected.neighbors.map { NeighborKey(index: $0.index, image: try imageVector($0.image)) }
            let ourKeys = ours.map { NeighborKey(index: $0.index, image: $0.image) }
            guard expected.tie_at_cut, let cut = expected.neighbors.last?.distance else {
                #expect(Set(ourKeys) == Set(theirKeys), "site \(site): kept (index, image) differ: ours \(Set(ourKeys).subtracting(theirKeys).sorted()), pymatgen's \(Set(theirKeys).subtracting(ourKeys).sorted())")
                continue
            }
            // Outside the tied group at the cut the kept sets must agree.
            let tied = { (distance: Double) in abs(distance - cut) <= parameters.tie_tolerance }
            let ourFirm = Set(zip(ourKeys, ours).filter { !tied($0.1.distance) }.map(\.0))
            let theirFirm = Set(zip(theirKeys, expected.neighbors).filter { !tied($0.1.distance) }.map(\.0))
            #expect(ourFirm == theirFirm, "site \(site): kept neighbors below the tied cut differ: ours \(ourFirm.subtracting(theirFirm).sorted()), pymatgen's \(theirFirm.subtracting(ourFirm).sorted())")
            for neighbor in ours where tied(neighbor.distance) {
                let offset = structure.fractionalCoordinates[neighbor.index] - structure.fractionalCoordinates[site]
                    + SIMD3(Double(neighbor.image.x), Double(neighbor.image.y), Double(neighbor.image.z))
                let recomputed = structure.lattice.cartesian(fromFractional: offset)
                let distance = compare([neighbor.distance], [(recomputed * recomputed).sum().squareRoot()], atol: 1e-10, rtol: 0)
                #expect(distance.isWithinTolerance, "site \(site): tied member \(neighbor.index) \(neighbor.image) is not where its image puts it: \(distance)")
            }
        }
        let distances = compare(observedDistances, expectedDistances, atol: 1e-10, rtol: 0)
        #expect(distances.isWithinTolerance, "first 12 distances: \(distances) at \(distances.worstIndex.map { labels[$0] } ?? "-")")
    }
}
