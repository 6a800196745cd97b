/// A set of fractional coordinates that answers "is there already a site here?" under
/// periodic boundary conditions, in about constant time per query.
///
/// Two coordinates coincide when every component of their periodic difference
/// (`d - round(d)`) is below `tolerance` in absolute value: pymatgen's `in_coord_list_pbc`,
/// which its `CifParser` uses with `site_tolerance = 1e-4`. The test is on fractional
/// coordinates, so it is a Chebyshev distance in units of the lattice vectors, not Angstrom.
struct PeriodicSiteIndex {
    /// Largest periodic difference per fractional component that still counts as the same
    /// site; in (0, 0.5).
    let tolerance: Double
    /// The inserted coordinates, wrapped into [0, 1), in insertion order.
    private(set) var coordinates: [SIMD3<Double>] = []
    private var bins: [SIMD3<Int>: [Int]] = [:]
    private let binsPerAxis: Int

    init(tolerance: Double) {
        self.tolerance = tolerance
        // Bins at least `tolerance` wide, so a match is always in a neighbouring bin.
        binsPerAxis = max(1, min(1000, Int((1 / tolerance).rounded(.down))))
    }

    var count: Int { coordinates.count }

    /// The index of the first inserted coordinate that coincides with `point`, or nil.
    func firstMatch(_ point: SIMD3<Double>) -> Int? {
        let home = bin(of: Self.wrapped(point))
        var best: Int?
        for offset in Self.neighbourOffsets(binsPerAxis: binsPerAxis) {
            var key = home &+ offset
            for axis in 0..<3 { key[axis] = ((key[axis] % binsPerAxis) + binsPerAxis) % binsPerAxis }
            for candidate in bins[key] ?? [] where candidate < (best ?? Int.max) {
                if Self.coincide(coordinates[candidate], point, tolerance: tolerance) { best = candidate }
            }
        }
        return best
    }

    /// Adds `point` (wrapped into [0, 1)) and returns its index.
    @discardableResult
    mutating func insert(_ point: SIMD3<Double>) -> Int {
        let wrapped = Self.wrapped(point)
        coordinates.append(wrapped)
        bins[bin(of: wrapped), default: []].append(coordinates.count - 1)
        return coordinates.count - 1
    }

    /// True when every component of the periodic difference is below `tolerance`.
    static func coincide(_ u: SIMD3<Double>, _ v: SIMD3<Double>, tolerance: Double) -> Bool {
        var difference = u - v
        difference -= difference.rounded(.toNearestOrAwayFromZero)
        return abs(difference.x) < tolerance && abs(difference.y) < tolerance && abs(difference.z) < tolerance
    }

    /// `point` with each component moved into [0, 1) by a whole number (`x - floor(x)`, and 0
    /// where rounding would give exactly 1).
    static func wrapped(_ point: SIMD3<Double>) -> SIMD3<Double> {
        var result = point - point.rounded(.down)
        for axis in 0..<3 where !(result[axis] < 1) { result[axis] = 0 }
        return result
    }

    private func bin(of wrapped: SIMD3<Double>) -> SIMD3<Int> {
        var key = SIMD3<Int>.zero
        for axis in 0..<3 { key[axis] = min(binsPerAxis - 1, max(0, Int(wrapped[axis] * Double(binsPerAxis)))) }
        return key
    }

    private static func neighbourOffsets(binsPerAxis: Int) -> [SIMD3<Int>] {
        // With fewer than 3 bins per axis, -1 and +1 reach the same bin: visit each once.
        let steps = binsPerAxis >= 3 ? [-1, 0, 1] : Array(0..<binsPerAxis)
        var offsets: [SIMD3<Int>] = []
        for i in steps { for j in steps { for k in steps { offsets.append(SIMD3(i, j, k)) } } }
        return offsets
    }
}
