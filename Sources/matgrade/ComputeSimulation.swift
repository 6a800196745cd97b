import ArgumentParser
import Frontend

struct ComputeMD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "md",
        abstract: "Lennard-Jones molecular dynamics (velocity Verlet, periodic cell): energies, temperature, pressure, g(r), MSD, diffusion.",
        discussion: """
            FILE is JSON (units Angstrom, eV, amu, fs, K): {"lattice_vectors": [[ax, ay, az], \
            [bx, by, bz], [cx, cy, cz]], "cartesian_coordinates": [[x, y, z], ...], "mass": m or \
            "masses": [...], "epsilon", "sigma", "cutoff_radius", "energy_shift": "shifted" (default, \
            V(r_c) = 0 as ASE's LennardJones) or "none", "velocities": [[vx, vy, vz], ...] (A/fs) or \
            "temperature" and "seed" (Maxwell-Boltzmann, drift removed, rescaled to T over 3N-3 \
            degrees of freedom), "time_step" (fs, default 1), "steps" (default 0), "sample_every" \
            (default 1), optional "rdf": {"maximum_radius", "bin_count"} and "diffusion_window": \
            [first_lag, last_lag] (in samples)}.
            """ + " " + Frontend.mdOutputDocumentation)

    @Argument(help: "The system and run (JSON).")
    var file: String

    func run() throws {
        print(try Frontend.molecularDynamics(path: file), terminator: "")
    }
}

struct ComputeIsing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ising",
        abstract: "Metropolis Monte Carlo of the 2D Ising model (L x L, periodic): energy, |magnetisation|, heat capacity, susceptibility, error bars.",
        discussion: Frontend.isingOutputDocumentation)

    @Option(help: "Lattice edge L (2...4096).")
    var size: Int

    @Option(help: "Temperature T in units of J/k_B (> 0; T_c ≈ 2.269).")
    var temperature: Double

    @Option(help: "Measured sweeps (>= 2).")
    var sweeps: Int

    @Option(help: "Sweeps discarded before measuring (>= 0).")
    var equilibration: Int

    @Option(help: "Seed of the SplitMix64 generator (a whole number >= 0).")
    var seed: UInt64

    @Option(help: "External field h in units of J (default 0).")
    var field: Double = 0

    @Option(help: "Initial state: all-up or random.")
    var start: String = "all-up"

    @Flag(help: "Also write the per-sweep energy and magnetisation series.")
    var series = false

    func run() throws {
        print(try Frontend.ising(size: size, temperature: temperature, sweeps: sweeps, equilibrationSweeps: equilibration, seed: seed,
                                 field: field, start: start, includeSeries: series), terminator: "")
    }
}
