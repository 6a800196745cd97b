import Foundation
import JSONSupport
import Simulation

/// Week 3's deterministic part: a perturbed fcc argon crystal under a Lennard-Jones
/// potential, its energy and forces, and the first steps of NVE velocity Verlet
/// (``Simulation/MolecularDynamics``, which agrees with ASE 3.29 to a relative 1e-10 on
/// `Tests/Fixtures/simulation/lj_ase.json`).
///
/// Input field `molecular_dynamics`: `epsilon` (eV), `sigma` (Angstrom), `cutoff_radius`
/// (Angstrom, below half the smallest plane spacing of the cell, so the minimum-image
/// convention finds every interacting pair exactly once), `mass` (amu, one species),
/// `lattice_vectors` (`[3 x 3]`, rows a, b, c, Angstrom), `cartesian_coordinates`
/// (`[atomCount x 3]`, Angstrom), `velocities` (`[atomCount x 3]`, Angstrom/fs),
/// `time_step` (fs) and `steps`.
///
/// Reference fields: `lj_potential_energy` (eV, shifted so that V(r_c) = 0),
/// `lj_forces` (`[atomCount x 3]`, eV/Angstrom, at the input positions), `md_positions` and
/// `md_velocities` (`[atomCount x 3]`, after `steps` steps, positions unwrapped) and
/// `md_temperatures` (`[steps + 1]`, K, `2 K / ((3N - 3) k_B)` at step 0, 1, ..., steps).
struct Week03MolecularDynamics: Sendable {
    var epsilon: Double
    var sigma: Double
    var cutoffRadius: Double
    var mass: Double
    var latticeVectors: [SIMD3<Double>]
    var cartesianCoordinates: [SIMD3<Double>]
    var velocities: [SIMD3<Double>]
    var timeStep: Double
    var steps: Int

    /// Argon (Rowley, Nicholson, Parsonage, J. Comput. Phys. 17, 401 (1975)): ε/k_B = 119.8 K.
    static let argonEpsilon = 0.0103, argonSigma = 3.405, argonMass = 39.948

    /// A `supercell`³ block of conventional fcc cells of edge 5.25...5.45 Angstrom, every
    /// atom displaced by up to 0.1 Angstrom, velocities from Maxwell-Boltzmann at
    /// `temperature` K with the drift removed; cutoff 2.25 σ (below half the cell edge).
    static func make(supercell: Int, temperature: Double, timeStep: Double, steps: Int, random: inout SplitMix64) throws -> Week03MolecularDynamics {
        let a = (random.uniform(5.25, 5.45) * 1e4).rounded() / 1e4
        let edge = Double(supercell) * a
        let basis: [SIMD3<Double>] = [SIMD3(0, 0, 0), SIMD3(0.5, 0.5, 0), SIMD3(0.5, 0, 0.5), SIMD3(0, 0.5, 0.5)]
        var points: [SIMD3<Double>] = []
        for i in 0..<supercell {
            for j in 0..<supercell {
                for k in 0..<supercell {
                    for site in basis {
                        let ideal = a * (site + SIMD3(Double(i), Double(j), Double(k)))
                        let shifted = ideal + random.pointInBall(radius: 0.1)
                        points.append((shifted * 1e6).rounded(.toNearestOrEven) / 1e6)
                    }
                }
            }
        }
        let lattice = [SIMD3(edge, 0, 0), SIMD3(0, edge, 0), SIMD3(0, 0, edge)]
        var dynamics = try Self.dynamics(
            epsilon: argonEpsilon, sigma: argonSigma, cutoffRadius: 2.25 * argonSigma, mass: argonMass,
            latticeVectors: lattice, cartesianCoordinates: points, velocities: [SIMD3<Double>](repeating: .zero, count: points.count))
        try Self.wrap {
            try dynamics.assignMaxwellBoltzmannVelocities(temperature: temperature, seed: random.next(), removeDrift: true)
        }
        return Week03MolecularDynamics(
            epsilon: argonEpsilon, sigma: argonSigma, cutoffRadius: 2.25 * argonSigma, mass: argonMass, latticeVectors: lattice,
            cartesianCoordinates: points, velocities: dynamics.velocities, timeStep: timeStep, steps: steps)
    }

    var json: JSONValue {
        func rows(_ vectors: [SIMD3<Double>]) -> JSONValue { .array(vectors.map { .array([.number($0.x), .number($0.y), .number($0.z)]) }) }
        return .object([
            "epsilon": .number(epsilon), "sigma": .number(sigma), "cutoff_radius": .number(cutoffRadius), "mass": .number(mass),
            "lattice_vectors": rows(latticeVectors), "cartesian_coordinates": rows(cartesianCoordinates), "velocities": rows(velocities),
            "time_step": .number(timeStep), "steps": .number(Double(steps)),
            "units": "Angstrom, eV, amu, fs, K (ASE units, CODATA 2014)",
        ])
    }

    /// Reads `molecular_dynamics` of an input document.
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` naming the field, the value and the fix.
    init(json value: JSONValue?) throws {
        let field = "molecular_dynamics"
        guard let fields = value?.objectValue else {
            throw ExercisesError.badInput(field: field, reason: "must be an object {epsilon, sigma, cutoff_radius, mass, lattice_vectors, cartesian_coordinates, velocities, time_step, steps} (got \(value?.abbreviated() ?? "nothing"))")
        }
        func positive(_ name: String, unit: String) throws -> Double {
            guard let number = fields[name]?.numberValue, number > 0, number.isFinite else {
                throw ExercisesError.badInput(field: "\(field).\(name)", reason: "must be a positive number of \(unit) (got \(fields[name]?.abbreviated() ?? "nothing"))")
            }
            return number
        }
        func vectors(_ name: String, unit: String, count: Int?) throws -> [SIMD3<Double>] {
            guard let rows = fields[name]?.arrayValue, !rows.isEmpty, count == nil || rows.count == count else {
                let size = count.map { "\($0)" } ?? "one per atom"
                throw ExercisesError.badInput(field: "\(field).\(name)", reason: "must be a list of \(size) [x, y, z] rows in \(unit) (got \(fields[name]?.abbreviated() ?? "nothing"))")
            }
            return try rows.enumerated().map { k, row in
                let numbers = row.arrayValue?.compactMap(\.numberValue) ?? []
                guard numbers.count == 3, row.arrayValue?.count == 3, numbers.allSatisfy(\.isFinite) else {
                    throw ExercisesError.badInput(field: "\(field).\(name)[\(k)]", reason: "must be three finite numbers [x, y, z] in \(unit) (got \(row.abbreviated()))")
                }
                return SIMD3(numbers[0], numbers[1], numbers[2])
            }
        }
        epsilon = try positive("epsilon", unit: "eV")
        sigma = try positive("sigma", unit: "Angstrom")
        cutoffRadius = try positive("cutoff_radius", unit: "Angstrom")
        mass = try positive("mass", unit: "amu")
        timeStep = try positive("time_step", unit: "fs")
        guard let steps = fields["steps"]?.integerValue, (0...1000).contains(steps) else {
            throw ExercisesError.badInput(field: "\(field).steps", reason: "must be an integer in 0...1000 (got \(fields["steps"]?.abbreviated() ?? "nothing"))")
        }
        self.steps = steps
        latticeVectors = try vectors("lattice_vectors", unit: "Angstrom", count: 3)
        cartesianCoordinates = try vectors("cartesian_coordinates", unit: "Angstrom", count: nil)
        guard cartesianCoordinates.count >= 2 else {
            throw ExercisesError.badInput(field: "\(field).cartesian_coordinates", reason: "give at least 2 atoms (got 1)")
        }
        velocities = try vectors("velocities", unit: "Angstrom/fs", count: cartesianCoordinates.count)
        let cell = try Self.wrap { try PeriodicCell(latticeVectors: latticeVectors) }
        let halfSpacing = 0.5 * min(cell.planeSpacings.x, cell.planeSpacings.y, cell.planeSpacings.z)
        guard cutoffRadius < halfSpacing else {
            throw ExercisesError.badInput(field: "\(field).cutoff_radius", reason: "\(cutoffRadius) Angstrom is not below half the cell's smallest plane spacing (\(halfSpacing) Angstrom), so the minimum-image convention would miss pairs; use a smaller cutoff or a larger cell")
        }
    }

    private init(epsilon: Double, sigma: Double, cutoffRadius: Double, mass: Double, latticeVectors: [SIMD3<Double>],
                 cartesianCoordinates: [SIMD3<Double>], velocities: [SIMD3<Double>], timeStep: Double, steps: Int) {
        (self.epsilon, self.sigma, self.cutoffRadius, self.mass, self.latticeVectors) = (epsilon, sigma, cutoffRadius, mass, latticeVectors)
        (self.cartesianCoordinates, self.velocities, self.timeStep, self.steps) = (cartesianCoordinates, velocities, timeStep, steps)
    }

    /// The reference fields (see the type's comment).
    func referenceFields() throws -> [String: JSONValue] {
        var dynamics = try Self.dynamics(
            epsilon: epsilon, sigma: sigma, cutoffRadius: cutoffRadius, mass: mass, latticeVectors: latticeVectors,
            cartesianCoordinates: cartesianCoordinates, velocities: velocities)
        let initial = dynamics.evaluation
        var temperatures = [dynamics.temperature(degreesOfFreedom: .centreOfMassRemoved)]
        for _ in 0..<steps {
            try Self.wrap { try dynamics.step(timeStep: timeStep) }
            temperatures.append(dynamics.temperature(degreesOfFreedom: .centreOfMassRemoved))
        }
        func rows(_ vectors: [SIMD3<Double>]) -> JSONValue { .array(vectors.map { .array([.number($0.x), .number($0.y), .number($0.z)]) }) }
        return [
            "lj_potential_energy": .number(initial.potentialEnergy),
            "lj_forces": rows(initial.forces),
            "md_positions": rows(dynamics.cartesianCoordinates),
            "md_velocities": rows(dynamics.velocities),
            "md_temperatures": .array(temperatures.map(JSONValue.number)),
        ]
    }

    private static func dynamics(epsilon: Double, sigma: Double, cutoffRadius: Double, mass: Double, latticeVectors: [SIMD3<Double>],
                                 cartesianCoordinates: [SIMD3<Double>], velocities: [SIMD3<Double>]) throws -> MolecularDynamics {
        try wrap {
            let potential = try LennardJones(epsilon: epsilon, sigma: sigma, cutoffRadius: cutoffRadius, shift: .shifted)
            let cell = try PeriodicCell(latticeVectors: latticeVectors)
            return try MolecularDynamics(
                potential: potential, cell: cell, masses: [Double](repeating: mass, count: cartesianCoordinates.count),
                cartesianCoordinates: cartesianCoordinates, velocities: velocities)
        }
    }

    /// A ``SimulationError`` as the input's error, its field under `molecular_dynamics`.
    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let SimulationError.invalid(field, value, fix) {
            throw ExercisesError.badInput(field: "molecular_dynamics.\(field)", reason: "\(value): \(fix)")
        }
    }
}
