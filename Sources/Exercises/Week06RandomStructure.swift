import Crystal

/// The `random-bundled-structure` generator of week 6: a seeded choice among the ordered
/// bundled structures (pymatgen's examples, robocrys' mineral prototypes, or both: `source`)
/// with at most `maxAtoms` atoms, grown to a diagonal supercell of at most
/// `maxAtoms` atoms (the shortest lattice direction grown first), optionally given a random
/// unimodular change of cell (the same crystal, strongly non-orthogonal lattice vectors), then
/// rattled: every atom moved by a displacement drawn uniformly from the ball of radius
/// `rattleAngstrom`.
struct Week06RandomStructure {
    /// Atoms in the generated cell, at most; >= the smallest bundled structure.
    let maxAtoms: Int
    /// Largest displacement of an atom, Angstrom; >= 0.
    let rattleAngstrom: Double
    /// Whether to skew the cell.
    let skew: Bool
    /// Where the structures come from.
    let source: Source

    enum Source: String, CaseIterable {
        /// `exercises/data/pymatgen-core/structures` (21 examples).
        case pymatgen
        /// `exercises/data/robocrys-0.2.13/mineral_db.json.gz` (the ordered ones of 180 prototypes).
        case minerals
        /// Both.
        case all
    }

    /// Cosine of the angle between two lattice vectors that a skewed cell must exceed (in
    /// absolute value) for at least one pair: about 72 degrees or 108 degrees.
    static let minimumSkewCosine = 0.3

    func make(from bundle: BundledStructures, using random: inout SplitMix64) throws -> Structure {
        var pool: [Structure] = []
        if source != .minerals {
            for name in try bundle.orderedNames() { pool.append(try bundle.structure(named: name, parameter: "structure")) }
        }
        if source != .pymatgen {
            pool += try MineralStructures(dataFolder: bundle.folder.deletingLastPathComponent().deletingLastPathComponent()).ordered().map(\.structure)
        }
        let candidates = pool.filter { $0.atomCount <= maxAtoms }
        let smallest = pool.map(\.atomCount).min() ?? 0
        guard !candidates.isEmpty else {
            throw ExercisesError.badParameter(
                name: "max_atoms", value: String(maxAtoms), fix: "no bundled structure is that small; use at least \(smallest)")
        }
        let base = candidates[random.index(below: candidates.count)]
        var structure = try base.supercell(matrix: Self.diagonalSupercell(of: base, maxAtoms: maxAtoms))
        if skew {
            structure = try structure.supercell(matrix: Self.skewingTransformation(of: structure.lattice, using: &random))
        }
        return try Self.rattled(structure, by: rattleAngstrom, using: &random)
    }

    /// `diag(na, nb, nc)` with `atomCount * na * nb * nc <= maxAtoms`, grown one step at a time
    /// along the direction that is shortest in the supercell so far (first axis on a tie).
    static func diagonalSupercell(of structure: Structure, maxAtoms: Int) -> [[Int]] {
        var repeats = [1, 1, 1]
        let lengths = structure.lattice.lengths
        while true {
            let axis = (0..<3).min { Double(repeats[$0]) * lengths[$0] < Double(repeats[$1]) * lengths[$1] } ?? 0
            var grown = repeats
            grown[axis] += 1
            guard structure.atomCount * grown.reduce(1, *) <= maxAtoms else { break }
            repeats = grown
        }
        return (0..<3).map { row in (0..<3).map { $0 == row ? repeats[row] : 0 } }
    }

    /// A random unimodular integer matrix (entries in -1...1, determinant 1, a product of
    /// shears) whose cell `matrix · lattice` has two lattice vectors at least
    /// ``minimumSkewCosine`` from orthogonal.
    static func skewingTransformation(of lattice: Lattice, using random: inout SplitMix64) -> [[Int]] {
        for _ in 0..<200 {
            var m = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
            for _ in 0..<(2 + random.index(below: 2)) {
                let target = random.index(below: 3)
                let source = (target + 1 + random.index(below: 2)) % 3
                let sign = random.index(below: 2) == 0 ? -1 : 1
                for column in 0..<3 { m[target][column] += sign * m[source][column] }
            }
            guard m.joined().allSatisfy({ abs($0) <= 1 }), m != [[1, 0, 0], [0, 1, 0], [0, 0, 1]] else { continue }
            if maximumCosine(of: m, lattice) > minimumSkewCosine { return m }
        }
        return [[1, 0, 0], [1, 1, 0], [0, 0, 1]]
    }

    static func maximumCosine(of m: [[Int]], _ lattice: Lattice) -> Double {
        let vectors = m.map { row in Double(row[0]) * lattice.a + Double(row[1]) * lattice.b + Double(row[2]) * lattice.c }
        var worst = 0.0
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            let u = vectors[i], v = vectors[j]
            let cosine = (u * v).sum() / ((u * u).sum() * (v * v).sum()).squareRoot()
            worst = max(worst, abs(cosine))
        }
        return worst
    }

    /// `structure` with every atom displaced in Cartesian space by a vector drawn uniformly
    /// from the ball of radius `amplitude` (Angstrom); the lattice unchanged.
    static func rattled(_ structure: Structure, by amplitude: Double, using random: inout SplitMix64) throws -> Structure {
        guard amplitude > 0 else { return structure }
        let positions = structure.cartesianCoordinates.map { $0 + random.pointInBall(radius: amplitude) }
        return try Structure(lattice: structure.lattice, species: structure.species, cartesianCoordinates: positions, labels: structure.labels)
    }
}
