import Foundation
import Simulation
import Testing
import TestSupport

/// The 2D Ising model: exact facts, a hand-computed Metropolis move, and statistics.
@Suite("Ising model Metropolis Monte Carlo")
struct IsingTests {
    @Test func energiesOfKnownConfigurations() throws {
        let up = try IsingLattice(allUp: 4)
        #expect(up.energy() / 16 == -2)
        #expect(up.energy(field: 0.5) / 16 == -2.5)
        let checkerboard = try IsingLattice(size: 4, spins: (0..<16).map { ($0 / 4 + $0 % 4) % 2 == 0 ? 1 : -1 })
        #expect(checkerboard.energy() == 32 && checkerboard.magnetisation == 0)
        // One spin down among 15 up: four broken bonds cost 8. Its neighbour (site 4) has one
        // down neighbour: flipping it costs 2 · (1 + 1 + 1 - 1) = 4.
        var spins = [Int8](repeating: 1, count: 16)
        spins[5] = -1
        let one = try IsingLattice(size: 4, spins: spins)
        #expect(one.energy() == -24 && one.magnetisation == 14)
        #expect(up.flipEnergyChange(site: 0) == 8 && up.flipEnergyChange(site: 0, field: 0.5) == 9)
        #expect(one.flipEnergyChange(site: 5) == -8 && one.flipEnergyChange(site: 4) == 4)
        #expect(abs(one.energy() + one.flipEnergyChange(site: 5) - up.energy()) < 1e-15)
    }

    /// The first site of an all-up lattice costs ΔE = 8, so it flips exactly when the first
    /// uniform u < exp(-8/T): a temperature just above and just below -8/ln(u) decides.
    @Test(arguments: [true, false])
    func aHandComputedMove(_ accept: Bool) throws {
        var probe = SplitMix64(seed: 77)
        let u = probe.nextUniform()
        let threshold = -8 / log(u)
        let temperature = accept ? threshold * 1.001 : threshold * 0.999
        var lattice = try IsingLattice(allUp: 4)
        let before = lattice
        var generator = SplitMix64(seed: 77)
        let outcome = MetropolisIsing.sweep(&lattice, temperature: temperature, field: 0, generator: &generator)
        #expect((lattice.spins[0] == -1) == accept)
        // The bookkeeping agrees with recomputing from scratch.
        #expect(abs(before.energy() + outcome.energyChange - lattice.energy()) < 1e-12)
        #expect(before.magnetisation + outcome.magnetisationChange == lattice.magnetisation)
    }

    /// Onsager's exact results, and the all-up limit.
    @Test func exactHelpers() {
        #expect(abs(IsingLattice.criticalTemperature - 2.269185314213022) < 1e-12)
        // (1 - sinh(4/3)^-4)^(1/8), evaluated by Python's math module.
        #expect(abs(IsingLattice.spontaneousMagnetisation(temperature: 1.5) - 0.9864996026214945) < 1e-14)
        #expect(IsingLattice.spontaneousMagnetisation(temperature: 2.5) == 0)
        #expect(IsingLattice.spontaneousMagnetisation(temperature: 0.1) > 0.999_999)
    }

    /// L = 16 at T = 1.5 (well below T_c, where finite-size effects on <|m|> are far below
    /// 1e-3): <|m|> within 4 blocking standard errors (+ 1e-3) of Onsager's value.
    @Test func magnetisationBelowTcMatchesOnsager() throws {
        let result = try MetropolisIsing.run(.init(size: 16, temperature: 1.5, sweeps: 5_000, equilibrationSweeps: 500, seed: 3))
        let exact = IsingLattice.spontaneousMagnetisation(temperature: 1.5)
        let error = result.absoluteMagnetisationPerSpinError
        #expect(abs(result.absoluteMagnetisationPerSpin - exact) < 4 * error + 1e-3,
                "<|m|> \(result.absoluteMagnetisationPerSpin) ± \(error), Onsager \(exact)")
        #expect(error > 0 && error < 2e-3)
        #expect(result.energyPerSpin > -2 && result.energyPerSpin < -1.8, "e \(result.energyPerSpin)")
        #expect(result.heatCapacityPerSpin > 0 && result.susceptibilityPerSpin > 0)
    }

    @Test func theSameSeedGivesTheSameRun() throws {
        let parameters = MetropolisIsing.Parameters(size: 8, temperature: 2.3, field: 0.1, sweeps: 200, equilibrationSweeps: 50, seed: 12, start: .random)
        let first = try MetropolisIsing.run(parameters), second = try MetropolisIsing.run(parameters)
        #expect(first == second)
        var other = parameters
        other.seed = 13
        #expect(try MetropolisIsing.run(other).energySeries != first.energySeries)
        // The running totals agree with the final lattice (energy up to the rounding of the
        // field's 0.1 steps).
        #expect(abs((first.energySeries.last ?? .nan) - first.finalLattice.energy(field: 0.1)) < 1e-9)
        #expect(first.magnetisationSeries.last == first.finalLattice.magnetisation)
    }

    /// iid normal samples: the blocking plateau is level 0, σ/sqrt(n) (within 10 %). An AR(1) series
    /// x_t = φ x_{t-1} + ε_t has SE = sqrt(var(ε)/(1-φ)²/n) for large n: within 20 %, and
    /// the naive level-0 estimate is far too small.
    @Test func blockingErrors() throws {
        var generator = SplitMix64(seed: 8)
        let n = 1 << 14
        let iid = (0..<n).map { _ in generator.nextStandardNormal() }
        let flat = try BlockingAnalysis(series: iid)
        let sigma = (iid.map { $0 * $0 }.reduce(0, +) / Double(n) - pow(flat.mean, 2)).squareRoot()
        #expect(abs(flat.plateauError / (sigma / Double(n).squareRoot()) - 1) < 0.1, "\(flat.plateauError)")
        #expect(flat.plateauBlockSize == 1)
        let phi = 0.9
        var x = 0.0
        let correlated = (0..<(1 << 16)).map { _ in x = phi * x + generator.nextStandardNormal(); return x }
        let blocked = try BlockingAnalysis(series: correlated)
        let exact = (1 / pow(1 - phi, 2) / Double(1 << 16)).squareRoot()
        #expect(abs(blocked.plateauError / exact - 1) < 0.2, "plateau \(blocked.plateauError), exact \(exact)")
        #expect(blocked.levels[0].standardError < 0.3 * exact)
        #expect(blocked.plateauBlockSize >= 32, "block size \(blocked.plateauBlockSize)")
    }

    @Test func badParametersAreRefusedByName() {
        #expect(throws: SimulationError.invalid(field: "temperature", value: "0.0", fix: "must be a positive finite number (units of J/k_B; T_c ≈ 2.269)")) {
            try MetropolisIsing.run(.init(size: 4, temperature: 0, sweeps: 10, equilibrationSweeps: 0, seed: 1))
        }
        #expect(throws: SimulationError.self) { try MetropolisIsing.run(.init(size: 1, temperature: 1, sweeps: 10, equilibrationSweeps: 0, seed: 1)) }
        #expect(throws: SimulationError.self) { try IsingLattice(size: 2, spins: [1, 1, 0, 1]) }
        #expect(throws: SimulationError.self) { try BlockingAnalysis(series: [1]) }
    }
}
