import Foundation
import JSONSupport
import Simulation

extension Frontend {
    /// `matgrade compute md FILE.json`: Lennard-Jones NVE molecular dynamics by velocity
    /// Verlet (``Simulation/MolecularDynamics``), with g(r), MSD and the diffusion coefficient.
    ///
    /// Input (units: Angstrom, eV, amu, fs, K): `{"lattice_vectors": [[ax, ay, az], [bx, ..],
    /// [cx, ..]], "cartesian_coordinates": [[x, y, z], ...], "masses": [m, ...] (or "mass": m),
    /// "epsilon", "sigma", "cutoff_radius", "energy_shift": "shifted" | "none" (default
    /// shifted), "velocities": [[vx, vy, vz], ...] (A/fs) or "temperature" with "seed" (Maxwell-
    /// Boltzmann, drift removed, rescaled to exactly T over 3N-3 degrees of freedom), or neither
    /// (at rest), "time_step", "steps" (default 0), "sample_every" (default 1), "rdf":
    /// {"maximum_radius", "bin_count"} (optional), "diffusion_window": [first_lag, last_lag]
    /// (optional, in samples)}. Output: see ``Frontend/mdOutputDocumentation``.
    public static func molecularDynamics(path: String) throws -> String {
        let input = try MDInput(path: path)
        var md = input.system
        var samples: [(step: Int, potential: Double, kinetic: Double, temperature: Double, temperatureCOM: Double, pressure: Double)] = []
        var frames: [[SIMD3<Double>]] = []
        var rdfSum: [Double]? = nil
        var radii: [Double] = []
        func sample(_ step: Int) throws(SimulationError) {
            samples.append((step, md.potentialEnergy, md.kineticEnergy, md.temperature(), md.temperature(degreesOfFreedom: .centreOfMassRemoved), md.pressure))
            frames.append(md.cartesianCoordinates)
            if let rdf = input.rdf {
                let g = try RadialDistribution(cartesianCoordinates: md.cartesianCoordinates, cell: md.cell, maximumRadius: rdf.maximumRadius, binCount: rdf.binCount)
                rdfSum = zip(rdfSum ?? Array(repeating: 0, count: g.values.count), g.values).map { $0 + $1 }
                radii = g.radii
            }
        }
        do {
            try sample(0)
            for step in stride(from: 1, through: input.steps, by: 1) {
                try md.step(timeStep: input.timeStep)
                if step % input.sampleEvery == 0 { try sample(step) }
            }
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "see the message")
        }
        let msd = try meanSquaredDisplacement(frames: frames)
        let sampleTime = input.timeStep * Double(input.sampleEvery)
        var diffusion: Double? = nil
        if let window = input.diffusionWindow {
            guard window.upperBound < msd.count else {
                throw FrontendError.invalidData(file: path, field: "diffusion_window", problem: "is [\(window.lowerBound), \(window.upperBound)]",
                                                fix: "the run has \(msd.count) samples: lags must lie in 0...\(msd.count - 1)")
            }
            diffusion = try diffusionCoefficient(msd: msd, timeStep: sampleTime, window: window)
        }
        let first = input.system.evaluation
        var json = JSONWriter()
        json.object(multiline: true) { o in
            o.member("atom_count") { $0.integer(md.atomCount) }
            o.member("time_step") { $0.number(input.timeStep) }
            o.member("steps") { $0.integer(input.steps) }
            o.member("sample_every") { $0.integer(input.sampleEvery) }
            o.member("initial_forces") { w in w.array(first.forces) { $0.numbers([$1.x, $1.y, $1.z]) } }
            o.member("initial_stress") { w in w.array(first.stress) { $0.numbers([$1.x, $1.y, $1.z]) } }
            o.member("samples") { w in
                w.array(samples, multiline: true) { w, s in
                    w.object { o in
                        o.member("step") { $0.integer(s.step) }
                        o.member("time") { $0.number(Double(s.step) * input.timeStep) }
                        o.member("potential_energy") { $0.number(s.potential) }
                        o.member("kinetic_energy") { $0.number(s.kinetic) }
                        o.member("total_energy") { $0.number(s.potential + s.kinetic) }
                        o.member("temperature") { $0.number(s.temperature) }
                        o.member("temperature_com_removed") { $0.number(s.temperatureCOM) }
                        o.member("pressure") { $0.number(s.pressure) }
                    }
                }
            }
            o.member("msd") { $0.numbers(msd) }
            o.member("diffusion_coefficient") { w in if let diffusion { w.number(diffusion) } else { w.raw("null") } }
            o.member("rdf") { w in
                if let rdfSum {
                    w.object { o in
                        o.member("r") { $0.numbers(radii) }
                        o.member("g") { $0.numbers(rdfSum.map { $0 / Double(samples.count) }) }
                    }
                } else { w.raw("null") }
            }
            o.member("final_cartesian_coordinates") { w in w.array(md.cartesianCoordinates) { $0.numbers([$1.x, $1.y, $1.z]) } }
            o.member("final_velocities") { w in w.array(md.velocities) { $0.numbers([$1.x, $1.y, $1.z]) } }
        }
        return json.text + "\n"
    }

    /// The `compute md` output, for the command's help.
    public static let mdOutputDocumentation = """
        JSON output: atom_count, time_step (fs), steps, sample_every; initial_forces [[fx, fy, fz]] \
        (eV/A) and initial_stress (3x3, eV/A^3, ASE's sign: tensile positive, no kinetic part); \
        samples [{step, time (fs), potential_energy, kinetic_energy, total_energy (eV), \
        temperature (K, 3N degrees of freedom as ASE), temperature_com_removed (K, 3N-3), \
        pressure (eV/A^3, kinetic + virial)}] at step 0 and every sample_every steps; msd \
        (A^2, per lag in samples, averaged over atoms and time origins, unwrapped positions); \
        diffusion_coefficient (A^2/fs = MSD slope / 6 over diffusion_window; times 0.1 for \
        cm^2/s; null without a window); rdf {r (bin centres, A), g} averaged over the samples \
        (null without "rdf"); final_cartesian_coordinates (A, unwrapped), final_velocities (A/fs).
        """
}
