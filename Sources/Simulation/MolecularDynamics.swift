import Foundation

/// A classical NVE system of point atoms in a periodic cell under ``LennardJones``, advanced
/// by velocity Verlet (Swope, Andersen, Berens, Wilson, J. Chem. Phys. 76, 637 (1982),
/// doi:10.1063/1.442716):
///
///     v(t + dt/2) = v(t) + (dt/2) F(t)/m
///     r(t + dt)   = r(t) + dt v(t + dt/2)
///     v(t + dt)   = v(t + dt/2) + (dt/2) F(t + dt)/m
///
/// the same update, in the same order, as ASE's `ase.md.verlet.VelocityVerlet` (which holds
/// momenta in its own time unit; see ``SimulationUnits``). Positions are never wrapped into
/// the cell, so they are the unwrapped trajectory that ``meanSquaredDisplacement(frames:)``
/// needs. Units: Angstrom, amu, eV, fs, K; velocities in Angstrom/fs.
public struct MolecularDynamics: Sendable {
    public let potential: LennardJones
    public let cell: PeriodicCell
    /// `[atomCount]` masses, amu; > 0.
    public let masses: [Double]
    /// `[atomCount]` unwrapped positions, Angstrom.
    public private(set) var cartesianCoordinates: [SIMD3<Double>]
    /// `[atomCount]` velocities, Angstrom/fs.
    public private(set) var velocities: [SIMD3<Double>]
    /// The potential's evaluation at the current positions.
    public private(set) var evaluation: LennardJones.Evaluation

    /// - Throws: ``SimulationError`` naming `masses`, `velocities` or `cartesian_coordinates`
    ///   when counts differ, a mass is not positive, or a number is not finite.
    public init(potential: LennardJones, cell: PeriodicCell, masses: [Double], cartesianCoordinates: [SIMD3<Double>],
                velocities: [SIMD3<Double>]) throws(SimulationError) {
        try LennardJones.checkCoordinates(cartesianCoordinates, field: "cartesian_coordinates")
        let count = cartesianCoordinates.count
        guard masses.count == count else {
            throw .invalid(field: "masses", value: "\(masses.count) values", fix: "give one mass (amu) per atom (\(count))")
        }
        for (k, mass) in masses.enumerated() where !(mass > 0 && mass.isFinite) {
            throw .invalid(field: "masses[\(k)]", value: "\(mass)", fix: "a mass is a positive finite number (amu)")
        }
        guard velocities.count == count else {
            throw .invalid(field: "velocities", value: "\(velocities.count) rows", fix: "give one velocity (Angstrom/fs) per atom (\(count))")
        }
        for (k, v) in velocities.enumerated() where !(v.x.isFinite && v.y.isFinite && v.z.isFinite) {
            throw .invalid(field: "velocities[\(k)]", value: PeriodicCell.text(v), fix: "use finite numbers (Angstrom/fs)")
        }
        (self.potential, self.cell, self.masses, self.cartesianCoordinates, self.velocities) = (potential, cell, masses, cartesianCoordinates, velocities)
        evaluation = try potential.evaluate(cartesianCoordinates: cartesianCoordinates, cell: cell)
    }

    public var atomCount: Int { masses.count }

    /// Potential energy, eV.
    public var potentialEnergy: Double { evaluation.potentialEnergy }

    /// `Σ ½ m v^2`, eV.
    public var kineticEnergy: Double {
        var twice = 0.0
        for (m, v) in zip(masses, velocities) { twice += m * PeriodicCell.dot(v, v) }
        return 0.5 * twice * SimulationUnits.kineticEnergyFactor
    }

    public var totalEnergy: Double { potentialEnergy + kineticEnergy }

    /// Which degrees of freedom the instantaneous temperature counts.
    public enum DegreesOfFreedom: String, Hashable, Sendable, CaseIterable {
        /// `3N`: ASE's `Atoms.get_temperature()` (no constraints).
        case all
        /// `3N - 3`: the centre-of-mass motion removed (zero total momentum conserved).
        case centreOfMassRemoved

        func count(atoms: Int) -> Int { self == .all ? 3 * atoms : 3 * atoms - 3 }
    }

    /// Instantaneous temperature `2 K / (f k_B)`, K, with `f` from `degreesOfFreedom`
    /// (0 for one atom with the centre of mass removed).
    public func temperature(degreesOfFreedom: DegreesOfFreedom = .all) -> Double {
        let f = degreesOfFreedom.count(atoms: atomCount)
        return f > 0 ? 2 * kineticEnergy / (Double(f) * SimulationUnits.boltzmann) : 0
    }

    /// Total momentum, amu·Angstrom/fs.
    public var totalMomentum: SIMD3<Double> {
        zip(masses, velocities).reduce(SIMD3<Double>.zero) { $0 + $1.0 * $1.1 }
    }

    /// Pressure, eV/Angstrom^3: the kinetic part `2K/(3V)` plus the virial `-trace(σ)/3`.
    public var pressure: Double {
        let s = evaluation.stress
        return 2 * kineticEnergy / (3 * cell.volume) - (s[0].x + s[1].y + s[2].z) / 3
    }

    /// Advances one velocity-Verlet step of `timeStep` fs.
    /// - Throws: ``SimulationError`` when `timeStep` is not a positive finite number.
    public mutating func step(timeStep: Double) throws(SimulationError) {
        guard timeStep > 0 && timeStep.isFinite else {
            throw .invalid(field: "time_step", value: "\(timeStep)", fix: "must be a positive finite number of fs")
        }
        let half = 0.5 * timeStep / SimulationUnits.kineticEnergyFactor
        for k in 0..<atomCount { velocities[k] += (half / masses[k]) * evaluation.forces[k] }
        for k in 0..<atomCount { cartesianCoordinates[k] += timeStep * velocities[k] }
        evaluation = try potential.evaluate(cartesianCoordinates: cartesianCoordinates, cell: cell)
        for k in 0..<atomCount { velocities[k] += (half / masses[k]) * evaluation.forces[k] }
    }

    /// Draws velocities from the Maxwell-Boltzmann distribution at `temperature` K: each
    /// Cartesian component normal with variance `k_B T / m` (three draws per atom, atoms in
    /// order x, y, z, from ``SplitMix64/nextStandardNormal()`` seeded by `seed`). Then, if
    /// `removeDrift`, the centre-of-mass velocity is subtracted; if `rescale`, velocities
    /// are scaled so that ``temperature(degreesOfFreedom:)`` with `degreesOfFreedom` is
    /// exactly `temperature` (as ASE's `MaxwellBoltzmannDistribution(force_temp=True)`).
    /// - Throws: ``SimulationError`` for a negative or non-finite temperature.
    public mutating func assignMaxwellBoltzmannVelocities(temperature: Double, seed: UInt64, removeDrift: Bool = true,
                                                          rescale: Bool = false, degreesOfFreedom: DegreesOfFreedom = .all) throws(SimulationError) {
        guard temperature >= 0 && temperature.isFinite else {
            throw .invalid(field: "temperature", value: "\(temperature)", fix: "must be a finite number of kelvin >= 0")
        }
        var generator = SplitMix64(seed: seed)
        for k in 0..<atomCount {
            let width = (SimulationUnits.boltzmann * temperature / (masses[k] * SimulationUnits.kineticEnergyFactor)).squareRoot()
            let (x, y) = (generator.nextStandardNormal(), generator.nextStandardNormal())
            velocities[k] = width * SIMD3(x, y, generator.nextStandardNormal())
        }
        if removeDrift {
            let drift = totalMomentum / masses.reduce(0, +)
            for k in 0..<atomCount { velocities[k] -= drift }
        }
        if rescale {
            let current = self.temperature(degreesOfFreedom: degreesOfFreedom)
            if current > 0 {
                let factor = (temperature / current).squareRoot()
                for k in 0..<atomCount { velocities[k] *= factor }
            }
        }
    }
}
