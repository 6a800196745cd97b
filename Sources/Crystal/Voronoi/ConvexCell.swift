import Foundation

/// A convex polyhedron around the origin, cut down plane by plane: the working object of the
/// Voronoi construction (``Structure/voronoiCells()``).
///
/// Vertices are Cartesian positions relative to the cell's centre, Angstrom. Each face is a
/// convex polygon of vertex indices in cyclic order (either orientation) and carries the
/// label of the plane that made it (a neighbor slot, or ``boundingLabel`` for the starting
/// cube).
///
/// Degeneracies. A plane cuts only when some vertex lies more than ``tolerance`` beyond it;
/// vertices within the tolerance of the plane count as lying on it and stay where they are.
/// So a plane that merely touches the cell at a vertex or along an edge (the second
/// neighbours of fcc, where four or more bisector planes meet in one point) makes no face,
/// whatever the rounding noise in the vertex positions, and no vertex is ever duplicated by
/// cutting through it.
struct ConvexCell {
    /// The label of the starting cube's faces.
    static let boundingLabel = -1

    struct Face {
        var label: Int
        var polygon: [Int32]
    }

    private(set) var vertices: [SIMD3<Double>]
    private(set) var faces: [Face]
    /// Distance, Angstrom, within which a vertex counts as lying on a cutting plane.
    let tolerance: Double

    /// The cube `[-halfWidth, halfWidth]^3`, Angstrom.
    init(cubeHalfWidth halfWidth: Double, tolerance: Double) {
        let h = halfWidth
        vertices = (0..<8).map { corner in
            SIMD3(corner & 1 == 0 ? -h : h, corner & 2 == 0 ? -h : h, corner & 4 == 0 ? -h : h)
        }
        // Corner k has bit 0 = x, bit 1 = y, bit 2 = z; each face lists its corners in order.
        let polygons: [[Int32]] = [[0, 2, 6, 4], [1, 3, 7, 5], [0, 1, 5, 4], [2, 3, 7, 6], [0, 1, 3, 2], [4, 5, 7, 6]]
        faces = polygons.map { Face(label: Self.boundingLabel, polygon: $0) }
        self.tolerance = tolerance
    }

    /// The largest distance of a vertex from the centre, Angstrom.
    var maximumVertexDistance: Double {
        vertices.reduce(0) { max($0, lengthSquared($1)) }.squareRoot()
    }

    /// True while a face of the starting cube survives (the cell is not yet bounded by planes).
    var touchesBoundingCube: Bool { faces.contains { $0.label == Self.boundingLabel } }

    /// Keeps the part of the cell on the centre's side of the bisector plane between the
    /// centre and a point at `displacement` (Angstrom): `x · n <= |displacement| / 2`, with
    /// `n` the unit vector along `displacement`. The plane's new face gets `label`.
    /// - Returns: whether the plane cut the cell (some vertex lay more than ``tolerance``
    ///   beyond it).
    @discardableResult
    mutating func clip(towards displacement: SIMD3<Double>, label: Int) -> Bool {
        let distance = length(displacement)
        let normal = displacement / distance
        let offset = distance / 2
        // Most planes miss the cell: find out before allocating anything.
        guard vertices.contains(where: { dot($0, normal) - offset > tolerance }) else { return false }
        // Signed distances beyond the plane; > tolerance: cut away, otherwise kept.
        let heights = vertices.map { dot($0, normal) - offset }

        // New vertex numbering: kept vertices first, then the points where edges cross.
        var newIndex = [Int32](repeating: -1, count: vertices.count)
        var newVertices: [SIMD3<Double>] = []
        newVertices.reserveCapacity(vertices.count + 8)
        var onPlane: [Int32] = []
        for v in vertices.indices where heights[v] <= tolerance {
            newIndex[v] = Int32(newVertices.count)
            if heights[v] >= -tolerance { onPlane.append(Int32(newVertices.count)) }
            newVertices.append(vertices[v])
        }
        // Each crossing edge (shared by two faces) gets one new vertex.
        var crossings: [(low: Int32, high: Int32, vertex: Int32)] = []
        func crossing(_ a: Int32, _ b: Int32) -> Int32 {
            let (low, high) = a < b ? (a, b) : (b, a)
            if let found = crossings.first(where: { $0.low == low && $0.high == high }) { return found.vertex }
            let (ha, hb) = (heights[Int(low)], heights[Int(high)])
            let t = ha / (ha - hb)
            let point = vertices[Int(low)] + t * (vertices[Int(high)] - vertices[Int(low)])
            let index = Int32(newVertices.count)
            newVertices.append(point)
            onPlane.append(index)
            crossings.append((low, high, index))
            return index
        }

        var newFaces: [Face] = []
        newFaces.reserveCapacity(faces.count + 1)
        for face in faces {
            var polygon: [Int32] = []
            polygon.reserveCapacity(face.polygon.count + 1)
            let count = face.polygon.count
            for k in 0..<count {
                let a = face.polygon[k], b = face.polygon[(k + 1) % count]
                let (ha, hb) = (heights[Int(a)], heights[Int(b)])
                if ha <= tolerance { polygon.append(newIndex[Int(a)]) }
                // A crossing only between a vertex strictly inside and one strictly outside:
                // a vertex on the plane is itself the crossing point.
                if (ha < -tolerance && hb > tolerance) || (ha > tolerance && hb < -tolerance) {
                    polygon.append(crossing(a, b))
                }
            }
            if polygon.count >= 3 { newFaces.append(Face(label: face.label, polygon: polygon)) }
        }

        // The new face: every vertex on the plane, in angular order around their centroid.
        if onPlane.count >= 3 {
            var centroid = SIMD3<Double>.zero
            for v in onPlane { centroid += newVertices[Int(v)] }
            centroid /= Double(onPlane.count)
            let helper: SIMD3<Double> = abs(normal.x) < 0.6 ? SIMD3(1, 0, 0) : SIMD3(0, 1, 0)
            let u = cross(normal, helper)
            let uAxis = u / length(u)
            let wAxis = cross(normal, uAxis)
            let angles = onPlane.map { v -> Double in
                let r = newVertices[Int(v)] - centroid
                return atan2(dot(r, wAxis), dot(r, uAxis))
            }
            let order = onPlane.indices.sorted { angles[$0] < angles[$1] }
            newFaces.append(Face(label: label, polygon: order.map { onPlane[$0] }))
        }

        // Drop vertices no face uses any more (kept vertices of faces that vanished).
        var used = [Bool](repeating: false, count: newVertices.count)
        for face in newFaces { for v in face.polygon { used[Int(v)] = true } }
        if used.contains(false) {
            var compact = [Int32](repeating: -1, count: newVertices.count)
            var kept: [SIMD3<Double>] = []
            kept.reserveCapacity(newVertices.count)
            for v in newVertices.indices where used[v] {
                compact[v] = Int32(kept.count)
                kept.append(newVertices[v])
            }
            for f in newFaces.indices { newFaces[f].polygon = newFaces[f].polygon.map { compact[Int($0)] } }
            newVertices = kept
        }
        vertices = newVertices
        faces = newFaces
        return true
    }

    /// Area of a face, Angstrom^2: half the length of the summed fan cross products (exact
    /// for a planar polygon in either orientation).
    func area(of face: Face) -> Double {
        let p = face.polygon.map { vertices[Int($0)] }
        var sum = SIMD3<Double>.zero
        for k in 1..<(p.count - 1) { sum += cross(p[k] - p[0], p[k + 1] - p[0]) }
        return length(sum) / 2
    }

    /// Solid angle of a face seen from the centre, steradian: the sum over the fan triangles
    /// (p0, pk, pk+1) of the triangle formula of Van Oosterom and Strackee (IEEE Trans.
    /// Biomed. Eng. BME-30, 125 (1983); doi:10.1109/TBME.1983.325207),
    /// `tan(omega / 2) = |a · (b x c)| / (abc + (a · b) c + (a · c) b + (b · c) a)`, with
    /// `atan2` so that obtuse triangles (denominator <= 0) come out right.
    func solidAngle(of face: Face) -> Double {
        let p = face.polygon.map { vertices[Int($0)] }
        let norms = p.map { length($0) }
        var total = 0.0
        for k in 1..<(p.count - 1) {
            let (a, b, c) = (p[0], p[k], p[k + 1])
            let (la, lb, lc) = (norms[0], norms[k], norms[k + 1])
            let numerator = abs(dot(a, cross(b, c)))
            let denominator = la * lb * lc + dot(a, b) * lc + dot(a, c) * lb + dot(b, c) * la
            total += 2 * atan2(numerator, denominator)
        }
        return total
    }
}
