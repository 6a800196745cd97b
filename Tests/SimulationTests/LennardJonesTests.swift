import Foundation
import Simulation
import Testing
import TestSupport

/// Lennard-Jones identities that need no reference library.
@Suite("Lennard-Jones molecular dynamics")
struct LennardJonesTests {
    static let argon = try! LennardJones(epsilon: 0.0104, sigma: 3.4, cutoffRadius: 8.5)

    /// 32 atoms on a rattled fcc lattice in a 10.52 Angstrom cube (seeded).
    static func rattledFCC(seed: UInt64, amplitude: Double = 0.05) -> (PeriodicCell, [SIMD3<Double>]) {
        var generator = SplitMix64(seed: seed)
        let a = 5.26
        let basis: [SIMD3<Double>] = [.zero, SIMD3(0, 0.5, 0.5), SIMD3(0.5, 0, 0.5), SIMD3(0.5, 0.5, 0)]
        var points: [SIMD3<Double>] = []
        for i in 0..<2 { for j in 0..<2 { for k in 0..<2 { for b in basis {
            let jitter = SIMD3(generator.nextUniform(), generator.nextUniform(), generator.nextUniform()) - 0.5
            points.append(a * (SIMD3(Double(i), Double(j), Double(k)) + b) + 2 * amplitude * jitter)
        } } } }
        return (try! PeriodicCell(orthorhombic: SIMD3(repeating: 2 * a)), points)
    }

    /// F = -∇E by central differences (h = 1e-5 A; error O(h²) ~ 1e-10 eV/A against forces
    /// of ~1e-2 eV/A, so 1e-6 eV/A absolute is a safe bound). Orthorhombic and triclinic.
    @Test(arguments: ["orthorhombic", "triclinic"])
    func forcesAreMinusTheEnergyGradient(_ kind: String) throws {
        var (cell, points) = Self.rattledFCC(seed: 5, amplitude: 0.2)
        if kind == "triclinic" {
            cell = try PeriodicCell(latticeVectors: [SIMD3(10.52, 0, 0), SIMD3(2.1, 10.3, 0), SIMD3(-1.4, 1.1, 10.6)])
            points = points.map { cell.cartesian($0 / 10.52) }
        }
        let forces = try Self.argon.evaluate(cartesianCoordinates: points, cell: cell).forces
        let h = 1e-5
        var numeric: [Double] = []
        for atom in [0, 7, 19] {
            for axis in 0..<3 {
                var plus = points, minus = points
                plus[atom][axis] += h
                minus[atom][axis] -= h
                let ePlus = try Self.argon.evaluate(cartesianCoordinates: plus, cell: cell).potentialEnergy
                let eMinus = try Self.argon.evaluate(cartesianCoordinates: minus, cell: cell).potentialEnergy
                numeric.append(-(ePlus - eMinus) / (2 * h))
            }
        }
        let analytic = [0, 7, 19].flatMap { [forces[$0].x, forces[$0].y, forces[$0].z] }
        let comparison = compare(analytic, numeric, atol: 1e-6, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }

    /// The unshifted potential differs by V(r_c) per interacting pair; forces are the same.
    @Test func theShiftOnlyMovesTheEnergy() throws {
        let (cell, points) = Self.rattledFCC(seed: 9)
        let bare = try LennardJones(epsilon: 0.0104, sigma: 3.4, cutoffRadius: 8.5, shift: .none)
        let shifted = try Self.argon.evaluate(cartesianCoordinates: points, cell: cell)
        let unshifted = try bare.evaluate(cartesianCoordinates: points, cell: cell)
        var pairs = 0.0
        for i in points.indices {
            for j in i..<points.count {
                cell.forEachImage(from: points[i], to: points[j], within: 8.5) { _, _ in pairs += i == j ? 0.5 : 1 }
            }
        }
        #expect(abs(unshifted.potentialEnergy - shifted.potentialEnergy - pairs * Self.argon.offset) < 1e-12)
        #expect(compare(unshifted.forces.flatMap { [$0.x, $0.y, $0.z] }, shifted.forces.flatMap { [$0.x, $0.y, $0.z] }, atol: 0, rtol: 0).isWithinTolerance)
        #expect(Self.argon.pairEnergy(at: 8.5) == 0 && Self.argon.pairEnergy(at: 8.4999999) < 1e-9)
        #expect(abs(bare.pairEnergy(at: 3.4)) < 1e-15 && abs(bare.pairEnergy(at: pow(2, 1.0 / 6) * 3.4) + 0.0104) < 1e-15)
    }

    /// NVE with 1 fs steps at ~100 K: over 1000 steps the total energy stays within 1e-4 of
    /// the initial kinetic energy (velocity Verlet has no secular drift, only an O(dt²)
    /// fluctuation; the force jump at the cutoff adds a little noise). Observed: 2e-5.
    @Test func velocityVerletConservesEnergy() throws {
        let (cell, points) = Self.rattledFCC(seed: 3)
        var md = try MolecularDynamics(potential: Self.argon, cell: cell, masses: Array(repeating: 39.948, count: points.count),
                                       cartesianCoordinates: points, velocities: Array(repeating: .zero, count: points.count))
        try md.assignMaxwellBoltzmannVelocities(temperature: 100, seed: 42, rescale: true)
        let start = md.totalEnergy, kinetic = md.kineticEnergy
        var worst = 0.0
        for _ in 0..<1000 {
            try md.step(timeStep: 1)
            worst = max(worst, abs(md.totalEnergy - start))
        }
        #expect(worst < 1e-4 * kinetic, "worst |E - E0| \(worst) eV against K0 \(kinetic) eV")
        let momentum = md.totalMomentum
        #expect(abs(momentum.x) + abs(momentum.y) + abs(momentum.z) < 1e-10, "momentum \(momentum)")
    }

    /// Maxwell-Boltzmann: drift removed, rescaled to the exact temperature under either count
    /// of degrees of freedom, 3N/(3N-3) apart; the same seed gives the same velocities.
    @Test func maxwellBoltzmannVelocities() throws {
        let (cell, points) = Self.rattledFCC(seed: 1)
        var md = try MolecularDynamics(potential: Self.argon, cell: cell, masses: Array(repeating: 39.948, count: points.count),
                                       cartesianCoordinates: points, velocities: Array(repeating: .zero, count: points.count))
        try md.assignMaxwellBoltzmannVelocities(temperature: 300, seed: 7, rescale: true, degreesOfFreedom: .centreOfMassRemoved)
        #expect(abs(md.temperature(degreesOfFreedom: .centreOfMassRemoved) - 300) < 1e-9)
        #expect(abs(md.temperature(degreesOfFreedom: .all) - 300 * 93 / 96) < 1e-9)
        var again = md
        try again.assignMaxwellBoltzmannVelocities(temperature: 300, seed: 7, rescale: true, degreesOfFreedom: .centreOfMassRemoved)
        #expect(again.velocities == md.velocities)
        // Unscaled, 1029 components (343 atoms on a sparse grid, no interaction) at 300 K:
        // the temperature's relative spread is sqrt(2/1029) ≈ 4.4 %; allow 4 of those.
        var grid: [SIMD3<Double>] = []
        for i in 0..<7 { for j in 0..<7 { for k in 0..<7 { grid.append(SIMD3<Double>(Double(i), Double(j), Double(k)) * 1.5) } } }
        let sparse = try LennardJones(epsilon: 1e-9, sigma: 0.1, cutoffRadius: 0.2)
        var gas = try MolecularDynamics(potential: sparse, cell: try PeriodicCell(orthorhombic: SIMD3(repeating: 10.5)),
                                        masses: Array(repeating: 39.948, count: grid.count), cartesianCoordinates: grid,
                                        velocities: Array(repeating: SIMD3<Double>.zero, count: grid.count))
        try gas.assignMaxwellBoltzmannVelocities(temperature: 300, seed: 99, removeDrift: false)
        let temperature: Double = gas.temperature()
        let allowed: Double = 300 * 4 * (2.0 / 1029).squareRoot()
        #expect(abs(temperature - 300) < allowed, "T \(temperature)")
    }

    @Test func badInputIsRefusedByName() throws {
        #expect(throws: SimulationError.invalid(field: "sigma", value: "-1.0", fix: "must be a positive finite number (epsilon in eV, lengths in Angstrom)")) {
            try LennardJones(epsilon: 1, sigma: -1, cutoffRadius: 3)
        }
        #expect(throws: SimulationError.self) { try PeriodicCell(latticeVectors: [SIMD3(1, 0, 0), SIMD3(2, 0, 0), SIMD3(0, 0, 1)]) }
        let cell = try PeriodicCell(orthorhombic: SIMD3(repeating: 10))
        #expect(throws: SimulationError.self) {
            try MolecularDynamics(potential: Self.argon, cell: cell, masses: [1, 0], cartesianCoordinates: [.zero, SIMD3(1, 1, 1)],
                                  velocities: [.zero, .zero])
        }
        var md = try MolecularDynamics(potential: Self.argon, cell: cell, masses: [1], cartesianCoordinates: [.zero], velocities: [.zero])
        #expect(throws: SimulationError.invalid(field: "time_step", value: "0.0", fix: "must be a positive finite number of fs")) {
            try md.step(timeStep: 0)
        }
    }
}
