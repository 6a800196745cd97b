import Foundation
import LinearAlgebra

/// A plane pin-jointed truss solved by the linear finite-element method: every member is a
/// two-node bar element of axial stiffness `E·A/L` (small displacements, linear elastic),
/// the global stiffness is assembled from the members' `k = (EA/L) [c², cs; cs, s²]` blocks,
/// supported degrees of freedom are removed, and `K u = f` is solved by Cholesky (K is
/// symmetric positive definite exactly when the supports make the truss stable). A 1D bar
/// is a truss whose nodes lie on a line with the transverse directions supported.
///
/// Units are the caller's, consistently: e.g. m, N and Pa (then displacements in m, forces
/// in N, stresses in Pa). Tension is positive.
public struct Truss: Hashable, Sendable {
    public struct Node: Hashable, Sendable {
        public var x: Double
        public var y: Double
        /// Supported (held at zero displacement) in x, in y.
        public var fixedX: Bool
        public var fixedY: Bool
        /// Applied load.
        public var loadX: Double
        public var loadY: Double

        public init(x: Double, y: Double, fixedX: Bool = false, fixedY: Bool = false, loadX: Double = 0, loadY: Double = 0) {
            (self.x, self.y, self.fixedX, self.fixedY, self.loadX, self.loadY) = (x, y, fixedX, fixedY, loadX, loadY)
        }
    }

    public struct Member: Hashable, Sendable {
        public var start: Int
        public var end: Int
        /// Young's modulus.
        public var youngsModulus: Double
        /// Cross-section area.
        public var area: Double

        public init(start: Int, end: Int, youngsModulus: Double, area: Double) {
            (self.start, self.end, self.youngsModulus, self.area) = (start, end, youngsModulus, area)
        }
    }

    public let nodes: [Node]
    public let members: [Member]

    /// - Throws: ``ContinuumError`` for fewer than 2 nodes, no member, a member index out of
    ///   range or joining a node to itself, a zero-length member, a non-positive or
    ///   non-finite modulus or area, non-finite coordinates or loads.
    public init(nodes: [Node], members: [Member]) throws(ContinuumError) {
        guard nodes.count >= 2 else { throw .invalid(field: "nodes", value: "\(nodes.count)", fix: "give at least two nodes") }
        guard !members.isEmpty else { throw .invalid(field: "members", value: "[]", fix: "give at least one member") }
        for (k, node) in nodes.enumerated() {
            for (name, value) in [("x", node.x), ("y", node.y), ("load_x", node.loadX), ("load_y", node.loadY)] where !value.isFinite {
                throw .invalid(field: "nodes[\(k)].\(name)", value: "\(value)", fix: "use finite numbers")
            }
        }
        for (k, member) in members.enumerated() {
            for (name, index) in [("start", member.start), ("end", member.end)] where !(0..<nodes.count).contains(index) {
                throw .invalid(field: "members[\(k)].\(name)", value: "\(index)", fix: "node indices are 0..<\(nodes.count)")
            }
            guard member.start != member.end else {
                throw .invalid(field: "members[\(k)]", value: "\(member.start)-\(member.end)", fix: "a member joins two different nodes")
            }
            for (name, value) in [("youngs_modulus", member.youngsModulus), ("area", member.area)] where !(value > 0 && value.isFinite) {
                throw .invalid(field: "members[\(k)].\(name)", value: "\(value)", fix: "must be a positive finite number")
            }
            let (a, b) = (nodes[member.start], nodes[member.end])
            guard hypot(b.x - a.x, b.y - a.y) > 0 else {
                throw .invalid(field: "members[\(k)]", value: "nodes \(member.start) and \(member.end) coincide", fix: "a member needs a length")
            }
        }
        self.nodes = nodes
        self.members = members
    }

    /// The solved state.
    public struct Solution: Hashable, Sendable {
        /// Per node (u_x, u_y).
        public let displacements: [SIMD2<Double>]
        /// Per member, axial force (tension positive).
        public let axialForces: [Double]
        /// Per member, axial stress = force / area.
        public let stresses: [Double]
        /// Per node, the support reaction (zero where free).
        public let reactions: [SIMD2<Double>]
    }

    /// Solves `K u = f`.
    /// - Throws: ``ContinuumError/mechanism(reason:)`` when the supports leave the truss free
    ///   to move without straining (singular stiffness).
    public func solve() throws(ContinuumError) -> Solution {
        let dofCount = 2 * nodes.count
        var stiffness = Matrix(rowCount: dofCount, columnCount: dofCount)
        for member in members {
            let (k, c, s) = geometry(member)
            let dofs = [2 * member.start, 2 * member.start + 1, 2 * member.end, 2 * member.end + 1]
            let local = [c * c, c * s, -c * c, -c * s,
                         c * s, s * s, -c * s, -s * s,
                         -c * c, -c * s, c * c, c * s,
                         -c * s, -s * s, c * s, s * s]
            for i in 0..<4 { for j in 0..<4 { stiffness[dofs[i], dofs[j]] += k * local[4 * i + j] } }
        }
        let fixed = nodes.flatMap { [$0.fixedX, $0.fixedY] }
        let free = (0..<dofCount).filter { !fixed[$0] }
        let loads = nodes.flatMap { [$0.loadX, $0.loadY] }
        var displacement = [Double](repeating: 0, count: dofCount)
        if !free.isEmpty {
            var reduced = Matrix(rowCount: free.count, columnCount: free.count)
            for (i, p) in free.enumerated() { for (j, q) in free.enumerated() { reduced[i, j] = stiffness[p, q] } }
            // Scale-aware check: a pivot far below the largest diagonal entry is a mechanism.
            let scale = free.map { stiffness[$0, $0] }.max() ?? 0
            guard scale > 0, let factor = try? reduced.cholesky(), factor.lower.diagonal.allSatisfy({ $0 * $0 > 1e-10 * scale }),
                  let solved = try? factor.solve(free.map { loads[$0] }) else {
                throw .mechanism(reason: "the stiffness matrix is singular: the supports and members leave a rigid-body motion or a loose node; add supports (at least 3 independent ones) or members")
            }
            for (i, p) in free.enumerated() { displacement[p] = solved[i] }
        }
        // Reactions: K u - f at the supported degrees of freedom.
        var reactions = [SIMD2<Double>](repeating: .zero, count: nodes.count)
        for p in 0..<dofCount where fixed[p] {
            var internalForce = 0.0
            for q in 0..<dofCount { internalForce += stiffness[p, q] * displacement[q] }
            reactions[p / 2][p % 2] = internalForce - loads[p]
        }
        let forces = members.map { member -> Double in
            let (k, c, s) = geometry(member)
            let du = displacement[2 * member.end] - displacement[2 * member.start]
            let dv = displacement[2 * member.end + 1] - displacement[2 * member.start + 1]
            return k * (c * du + s * dv)
        }
        return Solution(displacements: nodes.indices.map { SIMD2(displacement[2 * $0], displacement[2 * $0 + 1]) },
                        axialForces: forces, stresses: zip(forces, members).map { $0 / $1.area }, reactions: reactions)
    }

    /// (EA/L, cos, sin) of a member.
    private func geometry(_ member: Member) -> (Double, Double, Double) {
        let (a, b) = (nodes[member.start], nodes[member.end])
        let length = hypot(b.x - a.x, b.y - a.y)
        return (member.youngsModulus * member.area / length, (b.x - a.x) / length, (b.y - a.y) / length)
    }
}

/// Errors of the Continuum module.
public enum ContinuumError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(field: String, value: String, fix: String)
    case mechanism(reason: String)

    public var description: String {
        switch self {
        case let .invalid(field, value, fix): "\(field) is \(value); \(fix)"
        case let .mechanism(reason): "the truss is a mechanism: \(reason)"
        }
    }
}
