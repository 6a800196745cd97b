import Crystal
import Foundation

/// The fixed view of ``CrystalGraphSVG``: a frame attached to the lattice (x along a, z
/// along c*, the normal of the ab plane, y completing a right-handed frame), so the drawing of
/// a rotated copy of a structure is the same drawing, then tilted by fixed angles so that the
/// c direction shows: a view down c*, slightly from the side.
struct GraphProjection {
    /// Tilt about the frame's x axis (a), then about the screen's vertical, degrees.
    static let tiltAboutX = -20.0
    static let tiltAboutY = 15.0

    private let e1: SIMD3<Double>
    private let e2: SIMD3<Double>
    private let e3: SIMD3<Double>
    private let cosX = cos(tiltAboutX * .pi / 180), sinX = sin(tiltAboutX * .pi / 180)
    private let cosY = cos(tiltAboutY * .pi / 180), sinY = sin(tiltAboutY * .pi / 180)

    init(lattice: Lattice) {
        e1 = Self.normalized(lattice.a)
        e3 = Self.normalized(lattice.cStar)
        e2 = Self.cross(e3, e1)
    }

    /// A Cartesian point (Angstrom) in view coordinates, Angstrom: x to the right, y up, z
    /// toward the viewer.
    func project(_ point: SIMD3<Double>) -> SIMD3<Double> {
        let (x, y, z) = (Self.dot(point, e1), Self.dot(point, e2), Self.dot(point, e3))
        let y1 = y * cosX - z * sinX
        let z1 = y * sinX + z * cosX
        return SIMD3(x * cosY + z1 * sinY, y1, -x * sinY + z1 * cosY)
    }

    static func dot(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double { (u * v).sum() }

    static func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
    }

    static func normalized(_ u: SIMD3<Double>) -> SIMD3<Double> { u / dot(u, u).squareRoot() }

    /// The convex hull of 2D points, counter-clockwise (Andrew's monotone chain).
    static func convexHull(_ points: [SIMD2<Double>]) -> [SIMD2<Double>] {
        let sorted = points.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard sorted.count > 2 else { return sorted }
        func turn(_ o: SIMD2<Double>, _ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double {
            (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
        }
        var lower: [SIMD2<Double>] = [], upper: [SIMD2<Double>] = []
        for point in sorted {
            while lower.count >= 2 && turn(lower[lower.count - 2], lower[lower.count - 1], point) <= 0 { lower.removeLast() }
            lower.append(point)
        }
        for point in sorted.reversed() {
            while upper.count >= 2 && turn(upper[upper.count - 2], upper[upper.count - 1], point) <= 0 { upper.removeLast() }
            upper.append(point)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }
}
