import Foundation
import Simulation
import Testing
import TestSupport

/// Every configuration and the trajectory of Tests/Fixtures/simulation/lj_ase.json (made by
/// scripts/fixtures/lj_ase.py from ASE 3.29's LennardJones and VelocityVerlet).
@Suite("Lennard-Jones and velocity Verlet against ASE")
struct LennardJonesFixtureTests {
    struct Fixture: Decodable {
        struct Configuration: Decodable {
            let name: String
            let epsilon: Double
            let sigma: Double
            let cutoff_radius: Double
            let lattice_vectors: [[Double]]
            let cartesian_coordinates: [[Double]]
            let energy: Double
            let forces: [[Double]]
            let stress_voigt: [Double]
            let rdf: RDF?
        }
        struct RDF: Decodable {
            let maximum_radius: Double
            let bin_count: Int
            let r: [Double]
            let g: [Double]
        }
        struct Frame: Decodable {
            let cartesian_coordinates: [[Double]]
            let velocities: [[Double]]
            let potential_energy: Double
            let kinetic_energy: Double
            let temperature: Double
        }
        struct Trajectory: Decodable {
            struct Start: Decodable {
                let cartesian_coordinates: [[Double]]
                let velocities: [[Double]]
            }
            let epsilon: Double
            let sigma: Double
            let cutoff_radius: Double
            let mass: Double
            let time_step_fs: Double
            let lattice_vectors: [[Double]]
            let start: Start
            let frames: [Frame]
        }
        let configurations: [Configuration]
        let trajectory: Trajectory
    }

    static let fixture: Fixture = {
        let url = RepositoryPaths.fixtures.appendingPathComponent("simulation/lj_ase.json")
        // A missing or broken fixture is a setup error worth crashing the suite on.
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static var configurationNames: [String] { fixture.configurations.map(\.name) }

    static func vectors(_ rows: [[Double]]) -> [SIMD3<Double>] { rows.map { SIMD3($0[0], $0[1], $0[2]) } }
    static func flat(_ rows: [SIMD3<Double>]) -> [Double] { rows.flatMap { [$0.x, $0.y, $0.z] } }

    /// Energy to a relative 1e-10. Forces and stresses are sums of terms of both signs, so a
    /// small component carries the rounding of the large terms: each is compared within
    /// 1e-10 of the largest component of its array, at least 1e-10 ε/σ (eV/A) or ε/σ³
    /// (eV/A³), plus a relative 1e-10. (The one-atom cell's forces vanish by symmetry.)
    @Test(arguments: configurationNames)
    func energyForcesAndStressAgree(_ name: String) throws {
        let expected = try #require(Self.fixture.configurations.first { $0.name == name })
        let potential = try LennardJones(epsilon: expected.epsilon, sigma: expected.sigma, cutoffRadius: expected.cutoff_radius)
        let cell = try PeriodicCell(latticeVectors: Self.vectors(expected.lattice_vectors))
        let result = try potential.evaluate(cartesianCoordinates: Self.vectors(expected.cartesian_coordinates), cell: cell)
        let energy = compare([result.potentialEnergy], [expected.energy], atol: 0, rtol: 1e-10)
        #expect(energy.isWithinTolerance, "\(name) energy: \(energy)")
        let expectedForces = expected.forces.flatMap { $0 }
        let forceScale = max(expectedForces.map(abs).max() ?? 0, expected.epsilon / expected.sigma)
        let forces = compare(Self.flat(result.forces), expectedForces, atol: 1e-10 * forceScale, rtol: 1e-10)
        #expect(forces.isWithinTolerance, "\(name) forces: \(forces)")
        let s = result.stress
        let voigt = [s[0].x, s[1].y, s[2].z, s[1].z, s[0].z, s[0].y]
        let stressScale = max(expected.stress_voigt.map(abs).max() ?? 0, expected.epsilon / pow(expected.sigma, 3))
        let stress = compare(voigt, expected.stress_voigt, atol: 1e-10 * stressScale, rtol: 1e-10)
        #expect(stress.isWithinTolerance, "\(name) stress: \(stress)")
    }

    /// g(r) as ASE's `get_rdf` (same shell normalisation with ρ = N/V, bin centres), where
    /// the fixture has it: to 1e-12 relative (only the bin volumes' rounding differs).
    @Test(arguments: configurationNames.filter { name in fixture.configurations.contains { $0.name == name && $0.rdf != nil } })
    func radialDistributionAgrees(_ name: String) throws {
        let expected = try #require(Self.fixture.configurations.first { $0.name == name })
        let reference = try #require(expected.rdf)
        let cell = try PeriodicCell(latticeVectors: Self.vectors(expected.lattice_vectors))
        let rdf = try RadialDistribution(cartesianCoordinates: Self.vectors(expected.cartesian_coordinates), cell: cell,
                                         maximumRadius: reference.maximum_radius, binCount: reference.bin_count)
        let radii = compare(rdf.radii, reference.r, atol: 1e-14, rtol: 1e-14)
        #expect(radii.isWithinTolerance, "\(name) r: \(radii)")
        let g = compare(rdf.values, reference.g, atol: 1e-14, rtol: 1e-12)
        #expect(g.isWithinTolerance, "\(name) g: \(g)")
    }

    /// Twenty steps of 2 fs: positions and velocities to 1e-10 of their scale, energies to a
    /// relative 1e-10 (kinetic) and 1e-10 of |E_pot| (potential). Rounding grows along the
    /// chaotic trajectory, but 20 steps are far too few for it to reach 1e-10.
    @Test func velocityVerletFollowsASE() throws {
        let t = Self.fixture.trajectory
        let potential = try LennardJones(epsilon: t.epsilon, sigma: t.sigma, cutoffRadius: t.cutoff_radius)
        let cell = try PeriodicCell(latticeVectors: Self.vectors(t.lattice_vectors))
        let positions = Self.vectors(t.start.cartesian_coordinates)
        var md = try MolecularDynamics(potential: potential, cell: cell, masses: Array(repeating: t.mass, count: positions.count),
                                       cartesianCoordinates: positions, velocities: Self.vectors(t.start.velocities))
        for (step, frame) in t.frames.enumerated() {
            if step > 0 { try md.step(timeStep: t.time_step_fs) }
            let r = compare(Self.flat(md.cartesianCoordinates), frame.cartesian_coordinates.flatMap { $0 }, atol: 1e-10 * 10.52, rtol: 0)
            #expect(r.isWithinTolerance, "step \(step) positions: \(r)")
            let vScale = frame.velocities.flatMap { $0 }.map(abs).max() ?? 0
            let v = compare(Self.flat(md.velocities), frame.velocities.flatMap { $0 }, atol: 1e-10 * vScale, rtol: 0)
            #expect(v.isWithinTolerance, "step \(step) velocities: \(v)")
            let energies = compare([md.potentialEnergy, md.kineticEnergy, md.temperature()],
                                   [frame.potential_energy, frame.kinetic_energy, frame.temperature], atol: 0, rtol: 1e-10)
            #expect(energies.isWithinTolerance, "step \(step) energies: \(energies)")
        }
    }
}
