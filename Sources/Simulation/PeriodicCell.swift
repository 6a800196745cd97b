import Foundation

/// A periodic simulation cell, orthorhombic or triclinic: its rows are the lattice vectors
/// a, b, c (Angstrom), and a Cartesian point is `r = f·[a; b; c]` for fractional `f`
/// (ASE's `Atoms.cell` convention: rows are vectors, fractional coordinates are a row).
///
/// Pair searches enumerate every periodic image within a cutoff, however small the cell:
/// for a fractional difference `f` wrapped into [-1/2, 1/2), image `n` along axis k can only
/// lie within `r` when `|f_k + n_k| · d_k <= r`, where `d_k` is the spacing of the lattice
/// planes normal to axis k (`volume / |b x c|` for k = a). That bound is exact for any cell,
/// so a pair may be counted through several images, as ASE's `NeighborList` does.
public struct PeriodicCell: Hashable, Sendable {
    /// Rows a, b, c, Angstrom: `[3 x 3]`, row i is lattice vector i.
    public let latticeVectors: [SIMD3<Double>]
    /// Cell volume, Angstrom^3 (> 0: the vectors are right-handed).
    public let volume: Double
    /// Spacing of the lattice planes normal to a, b, c, Angstrom.
    public let planeSpacings: SIMD3<Double>
    /// Columns of the inverse cell: `f_k = dot(r, inverseColumns[k])`.
    private let inverseColumns: [SIMD3<Double>]

    /// - Parameter latticeVectors: three rows a, b, c, Angstrom, finite, right-handed
    ///   (positive volume).
    /// - Throws: ``SimulationError/invalid(field:value:fix:)`` naming `lattice_vectors`.
    public init(latticeVectors: [SIMD3<Double>]) throws(SimulationError) {
        guard latticeVectors.count == 3 else {
            throw .invalid(field: "lattice_vectors", value: "\(latticeVectors.count) rows", fix: "give three rows a, b, c (Angstrom)")
        }
        for (k, row) in latticeVectors.enumerated() where !(row.x.isFinite && row.y.isFinite && row.z.isFinite) {
            throw .invalid(field: "lattice_vectors[\(k)]", value: "\(Self.text(row))", fix: "use finite numbers (Angstrom)")
        }
        let (a, b, c) = (latticeVectors[0], latticeVectors[1], latticeVectors[2])
        let volume = Self.dot(a, Self.cross(b, c))
        let scale = Self.length(a) * Self.length(b) * Self.length(c)
        guard volume > 1e-10 * scale, volume > 0 else {
            throw .invalid(field: "lattice_vectors", value: "a cell of volume \(volume) A^3",
                           fix: "give three independent, right-handed vectors (a . (b x c) > 0)")
        }
        self.latticeVectors = latticeVectors
        self.volume = volume
        let (bc, ca, ab) = (Self.cross(b, c), Self.cross(c, a), Self.cross(a, b))
        inverseColumns = [bc / volume, ca / volume, ab / volume]
        planeSpacings = SIMD3(volume / Self.length(bc), volume / Self.length(ca), volume / Self.length(ab))
    }

    /// An orthorhombic box of edges `lengths` (Angstrom, > 0).
    public init(orthorhombic lengths: SIMD3<Double>) throws(SimulationError) {
        try self.init(latticeVectors: [SIMD3(lengths.x, 0, 0), SIMD3(0, lengths.y, 0), SIMD3(0, 0, lengths.z)])
    }

    /// Fractional coordinates of a Cartesian point (Angstrom).
    public func fractional(_ cartesian: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(Self.dot(cartesian, inverseColumns[0]), Self.dot(cartesian, inverseColumns[1]), Self.dot(cartesian, inverseColumns[2]))
    }

    /// The Cartesian point (Angstrom) of fractional coordinates.
    public func cartesian(_ fractional: SIMD3<Double>) -> SIMD3<Double> {
        fractional.x * latticeVectors[0] + fractional.y * latticeVectors[1] + fractional.z * latticeVectors[2]
    }

    /// Calls `body(displacement, distanceSquared)` for every periodic image of the point
    /// `to` seen from `from` closer than `radius` (Angstrom), the zero displacement excluded.
    /// `displacement` is `to + n·cell - from`.
    @inline(__always)
    public func forEachImage(from: SIMD3<Double>, to: SIMD3<Double>, within radius: Double,
                             _ body: (SIMD3<Double>, Double) -> Void) {
        var f = fractional(to - from)
        f -= f.rounded(.toNearestOrEven)
        let r2 = radius * radius
        let low = SIMD3((-f.x - radius / planeSpacings.x).rounded(.up), (-f.y - radius / planeSpacings.y).rounded(.up),
                        (-f.z - radius / planeSpacings.z).rounded(.up))
        let high = SIMD3((-f.x + radius / planeSpacings.x).rounded(.down), (-f.y + radius / planeSpacings.y).rounded(.down),
                         (-f.z + radius / planeSpacings.z).rounded(.down))
        guard low.x <= high.x, low.y <= high.y, low.z <= high.z else { return }
        for nx in Int(low.x)...Int(high.x) {
            for ny in Int(low.y)...Int(high.y) {
                for nz in Int(low.z)...Int(high.z) {
                    let d = cartesian(f + SIMD3(Double(nx), Double(ny), Double(nz)))
                    let d2 = Self.dot(d, d)
                    if d2 < r2 && d2 > 0 { body(d, d2) }
                }
            }
        }
    }

    static func dot(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double { u.x * v.x + u.y * v.y + u.z * v.z }
    static func length(_ u: SIMD3<Double>) -> Double { dot(u, u).squareRoot() }
    static func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
    }
    static func text(_ u: SIMD3<Double>) -> String { "[\(u.x), \(u.y), \(u.z)]" }
}
