import Continuum
import Foundation
import Testing

/// Trusses with closed-form answers, equilibrium, and refusals.
@Suite("Plane truss finite elements")
struct TrussTests {
    /// One bar along x under an axial pull F: u = F L / (E A), force F, reaction -F.
    @Test func aBarUnderAxialLoad() throws {
        let (e, a, l, f) = (200e9, 1e-4, 2.0, 5e3)
        let truss = try Truss(nodes: [Truss.Node(x: 0, y: 0, fixedX: true, fixedY: true),
                                      Truss.Node(x: l, y: 0, fixedY: true, loadX: f)],
                              members: [Truss.Member(start: 0, end: 1, youngsModulus: e, area: a)])
        let solution = try truss.solve()
        #expect(abs(solution.displacements[1].x - f * l / (e * a)) < 1e-15)
        #expect(abs(solution.axialForces[0] - f) < 1e-9)
        #expect(abs(solution.stresses[0] - f / a) < 1e-3)
        #expect(abs(solution.reactions[0].x + f) < 1e-9)
    }

    /// Two equal bars meeting at an apex loaded by P downwards: each carries -P / (2 sin θ)
    /// (compression), and the apex sinks P L / (2 E A sin² θ).
    @Test func aSymmetricTwoBarTruss() throws {
        let (e, a, p, half, height) = (70e9, 2e-4, 1e4, 1.5, 2.0)
        let length = hypot(half, height), sine = height / length
        let truss = try Truss(
            nodes: [Truss.Node(x: -half, y: 0, fixedX: true, fixedY: true), Truss.Node(x: half, y: 0, fixedX: true, fixedY: true),
                    Truss.Node(x: 0, y: height, loadY: -p)],
            members: [Truss.Member(start: 0, end: 2, youngsModulus: e, area: a), Truss.Member(start: 1, end: 2, youngsModulus: e, area: a)])
        let solution = try truss.solve()
        for force in solution.axialForces { #expect(abs(force + p / (2 * sine)) < 1e-6 * p) }
        #expect(abs(solution.displacements[2].y + p * length / (2 * e * a * sine * sine)) < 1e-12)
        #expect(abs(solution.displacements[2].x) < 1e-15)
    }

    /// A statically determinate bridge panel: reactions balance the loads and their moment.
    @Test func reactionsBalanceTheLoads() throws {
        let nodes = [Truss.Node(x: 0, y: 0, fixedX: true, fixedY: true), Truss.Node(x: 4, y: 0, loadY: -2e3),
                     Truss.Node(x: 8, y: 0, fixedY: true), Truss.Node(x: 2, y: 3, loadX: 500), Truss.Node(x: 6, y: 3, loadY: -1e3)]
        let pairs = [(0, 1), (1, 2), (0, 3), (3, 1), (1, 4), (4, 2), (3, 4)]
        let truss = try Truss(nodes: nodes, members: pairs.map { Truss.Member(start: $0.0, end: $0.1, youngsModulus: 2e11, area: 1e-3) })
        let solution = try truss.solve()
        let sumX = nodes.map(\.loadX).reduce(0, +) + solution.reactions.map(\.x).reduce(0, +)
        let sumY = nodes.map(\.loadY).reduce(0, +) + solution.reactions.map(\.y).reduce(0, +)
        let moment = zip(nodes, solution.reactions).reduce(0.0) { total, pair in
            let (node, reaction) = pair
            return total + node.x * (node.loadY + reaction.y) - node.y * (node.loadX + reaction.x)
        }
        #expect(abs(sumX) < 1e-6 && abs(sumY) < 1e-6 && abs(moment) < 1e-5, "\(sumX) \(sumY) \(moment)")
        // Moments about node 0: the roller's reaction R·8 balances 2 kN at x = 4, 1 kN at
        // x = 6 and the 500 N horizontal load at height 3 (which turns the same way).
        let right = solution.reactions[2].y
        #expect(abs(right - (2e3 * 4 + 1e3 * 6 + 500 * 3) / 8) < 1e-6)
    }

    @Test func mechanismsAndBadInputAreRefused() throws {
        let loose = try Truss(nodes: [Truss.Node(x: 0, y: 0, fixedX: true), Truss.Node(x: 1, y: 0, loadX: 1)],
                              members: [Truss.Member(start: 0, end: 1, youngsModulus: 1, area: 1)])
        #expect(throws: ContinuumError.self) { try loose.solve() }
        do { _ = try loose.solve() } catch { #expect(error.description.hasPrefix("the truss is a mechanism")) }
        #expect(throws: ContinuumError.invalid(field: "members[0].area", value: "0.0", fix: "must be a positive finite number")) {
            try Truss(nodes: [Truss.Node(x: 0, y: 0), Truss.Node(x: 1, y: 0)], members: [Truss.Member(start: 0, end: 1, youngsModulus: 1, area: 0)])
        }
        #expect(throws: ContinuumError.self) {
            try Truss(nodes: [Truss.Node(x: 0, y: 0), Truss.Node(x: 0, y: 0)], members: [Truss.Member(start: 0, end: 1, youngsModulus: 1, area: 1)])
        }
        #expect(throws: ContinuumError.self) {
            try Truss(nodes: [Truss.Node(x: 0, y: 0), Truss.Node(x: 1, y: 0)], members: [Truss.Member(start: 0, end: 2, youngsModulus: 1, area: 1)])
        }
    }
}
