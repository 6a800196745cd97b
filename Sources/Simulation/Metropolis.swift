import Foundation

/// Metropolis Monte Carlo of the 2D Ising model (Metropolis et al., J. Chem. Phys. 21, 1087
/// (1953), doi:10.1063/1.1699114; Newman & Barkema, Monte Carlo Methods in Statistical
/// Physics, ch. 3).
///
/// A sweep visits the L² sites in order (row-major) and flips each with probability
/// `min(1, exp(-ΔE/T))`: a move with ΔE <= 0 is always accepted without drawing; otherwise
/// one uniform `u` from ``SplitMix64/nextUniform()`` is drawn and the flip is accepted when
/// `u < exp(-ΔE/T)`. So a seed fixes the whole run. After `equilibrationSweeps` sweeps, the
/// state is measured once after every one of `sweeps` sweeps.
public struct MetropolisIsing: Sendable {
    public struct Parameters: Hashable, Sendable {
        /// Lattice edge L; 2...4096.
        public var size: Int
        /// Temperature T in units of J/k_B; > 0.
        public var temperature: Double
        /// External field h in units of J; finite.
        public var field: Double
        /// Measured sweeps; >= 2.
        public var sweeps: Int
        /// Sweeps discarded before measuring; >= 0.
        public var equilibrationSweeps: Int
        public var seed: UInt64
        /// The state at sweep 0.
        public var start: Start

        public enum Start: String, Hashable, Sendable, CaseIterable {
            /// All spins +1 (ordered, quick to equilibrate below T_c).
            case allUp
            /// Each spin ±1 with probability 1/2, drawn from the run's generator first.
            case random
        }

        public init(size: Int, temperature: Double, field: Double = 0, sweeps: Int, equilibrationSweeps: Int, seed: UInt64, start: Start = .allUp) {
            (self.size, self.temperature, self.field, self.sweeps, self.equilibrationSweeps, self.seed, self.start) =
                (size, temperature, field, sweeps, equilibrationSweeps, seed, start)
        }

        func validate() throws(SimulationError) {
            guard (2...4096).contains(size) else { throw .invalid(field: "size", value: "\(size)", fix: "the lattice edge L must be in 2...4096") }
            guard temperature > 0 && temperature.isFinite else {
                throw .invalid(field: "temperature", value: "\(temperature)", fix: "must be a positive finite number (units of J/k_B; T_c ≈ 2.269)")
            }
            guard field.isFinite else { throw .invalid(field: "field", value: "\(field)", fix: "must be a finite number (units of J)") }
            guard sweeps >= 2 else { throw .invalid(field: "sweeps", value: "\(sweeps)", fix: "measure at least 2 sweeps") }
            guard equilibrationSweeps >= 0 else {
                throw .invalid(field: "equilibration_sweeps", value: "\(equilibrationSweeps)", fix: "must be >= 0")
            }
        }
    }

    /// Averages of a run, per spin. Errors are blocking standard errors (``BlockingAnalysis``
    /// plateau) of the per-sweep series; those of the fluctuation quantities are jackknife
    /// errors over 16 contiguous blocks of the series.
    public struct Result: Hashable, Sendable {
        public let parameters: Parameters
        /// `<E>/N` and its standard error.
        public let energyPerSpin: Double
        public let energyPerSpinError: Double
        /// `<|M|>/N` and its standard error.
        public let absoluteMagnetisationPerSpin: Double
        public let absoluteMagnetisationPerSpinError: Double
        /// `<M>/N` (signed).
        public let magnetisationPerSpin: Double
        /// `C/N = (<E²> - <E>²) / (N T²)`.
        public let heatCapacityPerSpin: Double
        public let heatCapacityPerSpinError: Double
        /// `χ/N = (<M²> - <|M|>²) / (N T)` (the |M| form, finite-lattice practice).
        public let susceptibilityPerSpin: Double
        public let susceptibilityPerSpinError: Double
        /// Accepted flips over attempted ones (all sweeps, equilibration included).
        public let acceptanceRatio: Double
        /// `[sweeps]` total energy and total magnetisation after each measured sweep.
        public let energySeries: [Double]
        public let magnetisationSeries: [Int]
        public let finalLattice: IsingLattice
    }

    /// Runs the simulation.
    /// - Throws: ``SimulationError`` naming the bad parameter.
    public static func run(_ parameters: Parameters) throws(SimulationError) -> Result {
        try parameters.validate()
        let (size, t, h) = (parameters.size, parameters.temperature, parameters.field)
        var generator = SplitMix64(seed: parameters.seed)
        var lattice = try IsingLattice(allUp: size)
        if parameters.start == .random {
            for site in 0..<lattice.siteCount where generator.next() >> 63 == 1 { lattice.flip(site) }
        }
        var accepted = 0
        var energy = lattice.energy(field: h)
        var magnetisation = lattice.magnetisation
        var energies: [Double] = [], magnetisations: [Int] = []
        energies.reserveCapacity(parameters.sweeps)
        magnetisations.reserveCapacity(parameters.sweeps)
        for sweep in 0..<(parameters.equilibrationSweeps + parameters.sweeps) {
            let outcome = Self.sweep(&lattice, temperature: t, field: h, generator: &generator)
            accepted += outcome.accepted
            energy += outcome.energyChange
            magnetisation += outcome.magnetisationChange
            if sweep >= parameters.equilibrationSweeps {
                energies.append(energy)
                magnetisations.append(magnetisation)
            }
        }
        let n = Double(lattice.siteCount)
        let perSpinEnergy = energies.map { $0 / n }
        let perSpinAbsolute = magnetisations.map { Double(abs($0)) / n }
        let energyBlocking = try BlockingAnalysis(series: perSpinEnergy)
        let magnetisationBlocking = try BlockingAnalysis(series: perSpinAbsolute)
        let absoluteTotals = magnetisations.map { Double(abs($0)) }
        func heatCapacity(_ e: ArraySlice<Double>) -> Double { variance(e) / (n * t * t) }
        func susceptibility(_ m: ArraySlice<Double>) -> Double { variance(m) / (n * t) }
        let attempts = Double(lattice.siteCount * (parameters.equilibrationSweeps + parameters.sweeps))
        return Result(
            parameters: parameters,
            energyPerSpin: energyBlocking.mean, energyPerSpinError: energyBlocking.plateauError,
            absoluteMagnetisationPerSpin: magnetisationBlocking.mean, absoluteMagnetisationPerSpinError: magnetisationBlocking.plateauError,
            magnetisationPerSpin: Double(magnetisations.reduce(0, +)) / (n * Double(magnetisations.count)),
            heatCapacityPerSpin: heatCapacity(energies[...]), heatCapacityPerSpinError: jackknifeError(energies, heatCapacity),
            susceptibilityPerSpin: susceptibility(absoluteTotals[...]), susceptibilityPerSpinError: jackknifeError(absoluteTotals, susceptibility),
            acceptanceRatio: Double(accepted) / attempts,
            energySeries: energies, magnetisationSeries: magnetisations, finalLattice: lattice)
    }

    /// One Metropolis sweep over the sites in row-major order (see the type's comment).
    /// - Returns: flips accepted, and the changes of total energy (J) and magnetisation.
    public static func sweep(_ lattice: inout IsingLattice, temperature: Double, field h: Double,
                             generator: inout SplitMix64) -> (accepted: Int, energyChange: Double, magnetisationChange: Int) {
        // ΔE = 2 s (k + h) takes ten values (s = ±1, neighbour sum k = -4, -2, ..., 4): the
        // energy changes and acceptance probabilities are tabulated once per sweep,
        // `table[(s + 1) / 2 * 5 + (k + 4) / 2]`, with exactly the arithmetic of
        // `flipEnergyChange` and `exp(-ΔE/T)`.
        var changes = [Double](repeating: 0, count: 10), probabilities = [Double](repeating: 1, count: 10)
        for spin in [-1, 1] {
            for k in stride(from: -4, through: 4, by: 2) {
                let index = (spin + 1) / 2 * 5 + (k + 4) / 2
                changes[index] = 2 * Double(spin) * (Double(k) + h)
                probabilities[index] = changes[index] <= 0 ? 1 : exp(-changes[index] / temperature)
            }
        }
        var (accepted, energyChange, magnetisationChange) = (0, 0.0, 0)
        let size = lattice.size
        lattice.withSpins { spins in
            for row in 0..<size {
                let (up, down) = (((row + size - 1) % size) * size, ((row + 1) % size) * size)
                for column in 0..<size {
                    let (left, right) = ((column + size - 1) % size, (column + 1) % size)
                    let site = row * size + column
                    let k = Int(spins[up + column]) + Int(spins[down + column]) + Int(spins[row * size + left]) + Int(spins[row * size + right])
                    let spin = Int(spins[site])
                    let index = (spin + 1) / 2 * 5 + (k + 4) / 2
                    if changes[index] <= 0 || generator.nextUniform() < probabilities[index] {
                        magnetisationChange -= 2 * spin
                        spins[site] = Int8(-spin)
                        energyChange += changes[index]
                        accepted += 1
                    }
                }
            }
        }
        return (accepted, energyChange, magnetisationChange)
    }

    /// Biased variance `<x²> - <x>²` (computed about the mean).
    static func variance(_ x: ArraySlice<Double>) -> Double {
        let mean = x.reduce(0, +) / Double(x.count)
        return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
    }

    /// Delete-one-block jackknife over 16 contiguous blocks (fewer when the series is short;
    /// 0 below 2 blocks): `sqrt((B-1)/B Σ_b (θ_(b) - θ̄)²)`.
    static func jackknifeError(_ series: [Double], _ estimator: (ArraySlice<Double>) -> Double) -> Double {
        let blocks = min(16, series.count / 2)
        guard blocks >= 2 else { return 0 }
        let length = series.count / blocks
        let used = Array(series[0..<(blocks * length)])
        let estimates = (0..<blocks).map { b in
            estimator((used[0..<(b * length)] + used[((b + 1) * length)...])[...])
        }
        let mean = estimates.reduce(0, +) / Double(blocks)
        return (Double(blocks - 1) / Double(blocks) * estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
    }
}
