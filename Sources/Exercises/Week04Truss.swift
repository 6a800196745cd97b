import Continuum
import JSONSupport

/// Week 4's continuum part: a small plane bridge truss to solve by linear finite elements
/// (``Continuum/Truss``). Units: m, N, Pa, m^2; displacements in m, axial forces in N,
/// tension positive.
///
/// The truss is a braced beam of `panels` rectangular bays: bottom chord nodes 0...n at
/// (i w, 0), top chord nodes n+1...2n+1 at (i w, h), verticals at every station, one diagonal
/// per bay (leaning towards the middle, as in a Howe truss), pinned at node 0 (x and y) and on
/// a roller at node n (y). Loads: downward at the interior bottom nodes and one horizontal
/// load at a top node (wind), so no member is idle by symmetry.
enum Week04Truss {
    /// A seeded truss.
    /// - Parameter panels: bays, 2...6.
    static func make(panels: Int, random: inout SplitMix64) throws -> Truss {
        let width = (random.uniform(1.5, 3.0) * 20).rounded() / 20
        let height = (random.uniform(1.0, 2.5) * 20).rounded() / 20
        let modulus = [2.0e11, 7.0e10, 1.1e11][random.index(below: 3)]  // steel, aluminium, titanium
        var nodes: [Truss.Node] = []
        for i in 0...panels {
            let interior = i > 0 && i < panels
            let load = interior ? -(random.uniform(5_000, 50_000) / 100).rounded() * 100 : 0
            nodes.append(Truss.Node(x: Double(i) * width, y: 0, fixedX: i == 0, fixedY: i == 0 || i == panels, loadY: load))
        }
        let windNode = random.index(below: panels + 1)
        for i in 0...panels {
            let wind = i == windNode ? (random.uniform(1_000, 10_000) / 100).rounded() * 100 : 0
            nodes.append(Truss.Node(x: Double(i) * width, y: height, loadX: wind))
        }
        func top(_ i: Int) -> Int { panels + 1 + i }
        var joints: [(Int, Int)] = []
        for i in 0..<panels { joints.append((i, i + 1)) }
        for i in 0..<panels { joints.append((top(i), top(i + 1))) }
        for i in 0...panels { joints.append((i, top(i))) }
        for i in 0..<panels { joints.append(2 * i < panels ? (i, top(i + 1)) : (i + 1, top(i))) }
        let members = joints.map { joint in
            Truss.Member(start: joint.0, end: joint.1, youngsModulus: modulus, area: (random.uniform(5e-4, 3e-3) * 1e5).rounded() / 1e5)
        }
        return try Truss(nodes: nodes, members: members)
    }

    /// The reference fields `truss_displacements` (`[nodeCount x 2]`, m) and
    /// `truss_axial_forces` (`[memberCount]`, N).
    static func referenceFields(for input: JSONValue) throws -> [String: JSONValue] {
        guard let document = input.objectValue?["truss"] else {
            throw ExercisesError.badInput(field: "truss", reason: "missing; it holds the truss to solve (nodes and members)")
        }
        let solution: Truss.Solution
        do {
            solution = try Truss(json: document).solve()
        } catch {
            throw ExercisesError.badInput(field: "truss", reason: error.description)
        }
        return [
            "truss_displacements": .array(solution.displacements.map { .array([.number($0.x), .number($0.y)]) }),
            "truss_axial_forces": .array(solution.axialForces.map(JSONValue.number)),
        ]
    }
}
