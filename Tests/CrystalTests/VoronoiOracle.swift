import Foundation
@testable import Crystal

/// A slow, obvious Voronoi oracle, independent of the clipping kernel: every intersection
/// point of three bisector planes that satisfies all the half-spaces is a vertex; a plane is
/// a face when at least three distinct vertices lie on it; its area comes from those
/// vertices ordered by angle. O(n^4) in the number of planes, and only right for generic
/// structures (no four planes through one point), which is what the tests give it.
enum VoronoiOracle {
    struct Key: Hashable {
        let index: Int
        let image: SIMD3<Int>
    }

    /// Face areas (Angstrom^2) of `site`'s cell, from the `planeCount` nearest neighbors within
    /// `radius` Angstrom (both must be generous enough to hold every face).
    static func faceAreas(of site: Int, in structure: Structure, radius: Double, planeCount: Int = 48) throws -> [Key: Double] {
        let neighbors = Array(try structure.neighbors(within: radius).sites[site].prefix(planeCount))
        let normals = neighbors.map { $0.displacement / $0.distance }
        let offsets = neighbors.map { $0.distance / 2 }
        var onPlane = [[SIMD3<Double>]](repeating: [], count: neighbors.count)
        let n = neighbors.count
        for i in 0..<n {
            for j in (i + 1)..<n {
                for k in (j + 1)..<n {
                    guard let x = solve(normals[i], normals[j], normals[k], offsets[i], offsets[j], offsets[k]) else { continue }
                    var inside = true
                    for p in 0..<n where dot(normals[p], x) - offsets[p] > 1e-9 {
                        inside = false
                        break
                    }
                    guard inside else { continue }
                    for p in 0..<n where abs(dot(normals[p], x) - offsets[p]) < 1e-9 {
                        if !onPlane[p].contains(where: { length($0 - x) < 1e-8 }) { onPlane[p].append(x) }
                    }
                }
            }
        }
        var areas: [Key: Double] = [:]
        for p in 0..<n where onPlane[p].count >= 3 {
            areas[Key(index: neighbors[p].index, image: neighbors[p].image)] = polygonArea(onPlane[p], normal: normals[p])
        }
        return areas
    }

    /// The point x with `a · x = da`, `b · x = db`, `c · x = dc` (Cramer's rule), or nil when
    /// the planes are (nearly) dependent.
    static func solve(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ c: SIMD3<Double>, _ da: Double, _ db: Double, _ dc: Double) -> SIMD3<Double>? {
        let determinant = dot(a, cross(b, c))
        guard abs(determinant) > 1e-10 else { return nil }
        return (da * cross(b, c) + db * cross(c, a) + dc * cross(a, b)) / determinant
    }

    /// Area of the convex polygon with these corners (any order) in the plane of `normal`.
    static func polygonArea(_ points: [SIMD3<Double>], normal: SIMD3<Double>) -> Double {
        let centroid = points.reduce(SIMD3<Double>.zero, +) / Double(points.count)
        let helper: SIMD3<Double> = abs(normal.z) < 0.9 ? SIMD3(0, 0, 1) : SIMD3(1, 0, 0)
        let u = cross(normal, helper) / length(cross(normal, helper))
        let w = cross(normal, u)
        let ordered = points.sorted { atan2(dot($0 - centroid, w), dot($0 - centroid, u)) < atan2(dot($1 - centroid, w), dot($1 - centroid, u)) }
        var twice = 0.0
        for k in ordered.indices {
            let (p, q) = (ordered[k] - centroid, ordered[(k + 1) % ordered.count] - centroid)
            twice += dot(cross(p, q), normal)
        }
        return abs(twice) / 2
    }
}
