import Foundation

/// A periodic lattice: three lattice vectors, Angstrom, as the rows of a 3x3 matrix
/// (pymatgen's and ASE's convention: `cartesian = fractional · matrix`).
///
/// Identities a test can check (no factor 2 pi anywhere):
/// - `reciprocalVectors[i] · vectors[j] == (i == j ? 1 : 0)`;
/// - `cartesian(fractional(x)) == x`;
/// - `volume == |a · (b x c)|`.
public struct Lattice: Hashable, Sendable {
    /// Lattice vectors a, b, c, Angstrom.
    public let a: SIMD3<Double>
    public let b: SIMD3<Double>
    public let c: SIMD3<Double>

    /// Reciprocal vectors without the 2 pi: `aStar = (b x c) / (a · (b x c))` and cyclic.
    /// Their lengths are the inverse interplanar spacings 1/d of the (100), (010), (001) planes.
    public let aStar: SIMD3<Double>
    public let bStar: SIMD3<Double>
    public let cStar: SIMD3<Double>

    /// Cells flatter than this (volume / (|a| |b| |c|)) are rejected as degenerate.
    public static let minimumRelativeVolume = 1e-8

    /// A lattice from three vectors, Angstrom.
    /// - Throws: ``CrystalError/invalidLattice(reason:)`` for non-finite or coplanar vectors.
    public init(a: SIMD3<Double>, b: SIMD3<Double>, c: SIMD3<Double>) throws {
        for (name, vector) in [("a", a), ("b", b), ("c", c)] {
            guard vector.x.isFinite, vector.y.isFinite, vector.z.isFinite else {
                throw CrystalError.invalidLattice(reason: "lattice vector \(name) has a non-finite component \(vector)")
            }
        }
        let triple = dot(a, cross(b, c))
        let scale = length(a) * length(b) * length(c)
        guard scale > 0, abs(triple) / scale > Self.minimumRelativeVolume else {
            throw CrystalError.invalidLattice(
                reason: "the lattice vectors are (nearly) coplanar, volume \(abs(triple)) A^3; give three independent vectors")
        }
        self.a = a
        self.b = b
        self.c = c
        aStar = cross(b, c) / triple
        bStar = cross(c, a) / triple
        cStar = cross(a, b) / triple
    }

    /// A lattice from a 3x3 matrix whose rows are the lattice vectors, Angstrom.
    public init(matrix: [[Double]]) throws {
        guard matrix.count == 3, matrix.allSatisfy({ $0.count == 3 }) else {
            throw CrystalError.invalidLattice(
                reason: "expected a 3x3 matrix (rows are lattice vectors), got shape \(matrix.count)x\(matrix.map(\.count))")
        }
        try self.init(
            a: SIMD3(matrix[0][0], matrix[0][1], matrix[0][2]),
            b: SIMD3(matrix[1][0], matrix[1][1], matrix[1][2]),
            c: SIMD3(matrix[2][0], matrix[2][1], matrix[2][2]))
    }

    /// A lattice from its parameters, in pymatgen's orientation (`Lattice.from_parameters`,
    /// `vesta=False`): c along z, a in the xz plane.
    ///
    /// Unlike pymatgen, an angle triple that no cell has is rejected. Three vectors at angles
    /// alpha, beta, gamma exist only when each angle is less than the sum of the other two
    /// and all three sum to less than 360 degrees (else the volume factor
    /// `1 - cos^2 alpha - cos^2 beta - cos^2 gamma + 2 cos alpha cos beta cos gamma` is <= 0);
    /// pymatgen clips `cos(gamma*)` into [-1, 1] and returns a flat cell of volume ~0 for such
    /// a triple (e.g. 25, 150, 70).
    /// - Parameters:
    ///   - a, b, c: lengths, Angstrom; > 0.
    ///   - alpha, beta, gamma: angles between b and c, a and c, a and b, degrees; in (0, 180).
    /// - Throws: ``CrystalError/invalidLattice(reason:)`` for a bad length or angle, or an
    ///   angle triple that describes no cell.
    public init(a: Double, b: Double, c: Double, alpha: Double, beta: Double, gamma: Double) throws {
        for (name, value) in [("a", a), ("b", b), ("c", c)] where !(value > 0 && value.isFinite) {
            throw CrystalError.invalidLattice(reason: "lattice length \(name) must be a positive number of Angstrom (got \(value))")
        }
        for (name, value) in [("alpha", alpha), ("beta", beta), ("gamma", gamma)] where !(value > 0 && value < 180) {
            throw CrystalError.invalidLattice(reason: "lattice angle \(name) must be in (0, 180) degrees (got \(value))")
        }
        let violated: String? =
            alpha >= beta + gamma ? "alpha >= beta + gamma"
            : beta >= alpha + gamma ? "beta >= alpha + gamma"
            : gamma >= alpha + beta ? "gamma >= alpha + beta"
            : alpha + beta + gamma >= 360 ? "alpha + beta + gamma >= 360" : nil
        if let violated {
            throw CrystalError.invalidLattice(
                reason: "the angles alpha = \(alpha), beta = \(beta), gamma = \(gamma) degrees describe no cell (\(violated)); each angle must be less than the sum of the other two, and the three must sum to less than 360")
        }
        let (alphaR, betaR, gammaR) = (alpha * .pi / 180, beta * .pi / 180, gamma * .pi / 180)
        let cosGammaStar = max(-1, min(1, (cos(alphaR) * cos(betaR) - cos(gammaR)) / (sin(alphaR) * sin(betaR))))
        let gammaStar = acos(cosGammaStar)
        try self.init(
            a: SIMD3(a * sin(betaR), 0, a * cos(betaR)),
            b: SIMD3(-b * sin(alphaR) * cos(gammaStar), b * sin(alphaR) * sin(gammaStar), b * cos(alphaR)),
            c: SIMD3(0, 0, c))
    }

    /// The lattice vectors as rows, Angstrom.
    public var vectors: [SIMD3<Double>] { [a, b, c] }
    /// The lattice vectors as a nested array `[3 x 3]`, rows are vectors (for JSON output).
    public var matrix: [[Double]] { vectors.map { [$0.x, $0.y, $0.z] } }
    /// Reciprocal vectors without 2 pi, as rows.
    public var reciprocalVectors: [SIMD3<Double>] { [aStar, bStar, cStar] }

    /// Cell volume, Angstrom^3; always positive (left-handed cells are allowed).
    public var volume: Double { abs(dot(a, cross(b, c))) }
    /// True when `a · (b x c) > 0`.
    public var isRightHanded: Bool { dot(a, cross(b, c)) > 0 }

    /// Lengths |a|, |b|, |c|, Angstrom.
    public var lengths: SIMD3<Double> { SIMD3(length(a), length(b), length(c)) }
    /// Angles alpha (b, c), beta (a, c), gamma (a, b), degrees.
    public var angles: SIMD3<Double> {
        SIMD3(angleDegrees(b, c), angleDegrees(a, c), angleDegrees(a, b))
    }
    /// Interplanar spacings of the (100), (010), (001) planes, Angstrom: the cell's
    /// thickness along each reciprocal direction.
    public var planeSpacings: SIMD3<Double> {
        SIMD3(1 / length(aStar), 1 / length(bStar), 1 / length(cStar))
    }

    /// Cartesian position, Angstrom, of a fractional coordinate.
    @inline(__always)
    public func cartesian(fromFractional f: SIMD3<Double>) -> SIMD3<Double> {
        f.x * a + f.y * b + f.z * c
    }

    /// Fractional coordinate of a Cartesian position (Angstrom).
    @inline(__always)
    public func fractional(fromCartesian x: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(dot(x, aStar), dot(x, bStar), dot(x, cStar))
    }

    /// The reciprocal lattice with the 2 pi of crystallography (`b_i · a_j = 2 pi delta_ij`),
    /// 1/Angstrom, as pymatgen's `Lattice.reciprocal_lattice`.
    public var reciprocalLattice: Lattice {
        // The rows of the scaled reciprocal are independent whenever these are.
        (try? Lattice(a: 2 * .pi * aStar, b: 2 * .pi * bStar, c: 2 * .pi * cStar)) ?? self
    }
}

// Small vector helpers on SIMD3<Double>, shared by the module.
@inline(__always) func dot(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double { (u * v).sum() }
@inline(__always) func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
}
@inline(__always) func length(_ u: SIMD3<Double>) -> Double { dot(u, u).squareRoot() }
@inline(__always) func lengthSquared(_ u: SIMD3<Double>) -> Double { dot(u, u) }
func angleDegrees(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double {
    let cosine = max(-1, min(1, dot(u, v) / (length(u) * length(v))))
    return acos(cosine) * 180 / .pi
}
