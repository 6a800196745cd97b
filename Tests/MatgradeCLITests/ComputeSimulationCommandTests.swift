import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade compute md` on ASE's trajectory fixture and `compute ising`, with
/// their refusals of bad input.
@Suite("matgrade compute md and ising (Simulation, end to end)")
struct ComputeSimulationCommandTests {
    @Test("md follows ASE's velocity-Verlet trajectory: energies of every step to 1e-10")
    func mdAgreesWithASE() throws {
        let url = RepositoryPaths.fixtures.appendingPathComponent("simulation/lj_ase.json")
        let fixture = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let trajectory = try #require(fixture["trajectory"] as? [String: Any])
        let start = try #require(trajectory["start"] as? [String: Any])
        let frames = try #require(trajectory["frames"] as? [[String: Any]])
        let input: [String: Any] = [
            "lattice_vectors": trajectory["lattice_vectors"]!, "cartesian_coordinates": start["cartesian_coordinates"]!,
            "velocities": start["velocities"]!, "mass": trajectory["mass"]!, "epsilon": trajectory["epsilon"]!,
            "sigma": trajectory["sigma"]!, "cutoff_radius": trajectory["cutoff_radius"]!, "time_step": trajectory["time_step_fs"]!,
            "steps": frames.count - 1, "rdf": ["maximum_radius": 5, "bin_count": 10], "diffusion_window": [1, frames.count - 1],
        ]
        let directory = try ComputeLearningCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("md.json")
        try JSONSerialization.data(withJSONObject: input).write(to: file)
        let result = try MatgradeProcess.run(["compute", "md", file.path])
        #expect(result.status == 0, "\(result)")
        let output = try ComputeLearningCommandTests.json(result)
        let samples = try #require(output["samples"] as? [[String: Any]])
        #expect(samples.count == frames.count)
        for (sample, frame) in zip(samples, frames) {
            for (key, expected) in [("potential_energy", frame["potential_energy"]), ("kinetic_energy", frame["kinetic_energy"]), ("temperature", frame["temperature"])] {
                let (o, e) = (sample[key] as? Double ?? .nan, expected as? Double ?? .nan)
                #expect(abs(o - e) <= 1e-10 * abs(e), "step \(sample["step"] ?? "?") \(key): \(o) vs \(e)")
            }
        }
        #expect(output["diffusion_coefficient"] is Double && output["rdf"] is [String: Any] && (output["msd"] as? [Double])?.first == 0)
    }

    @Test("ising writes the documented fields; the same seed repeats the run")
    func ising() throws {
        let arguments = ["compute", "ising", "--size", "8", "--temperature", "1.5", "--sweeps", "400", "--equilibration", "100", "--seed", "5"]
        let first = try MatgradeProcess.run(arguments), second = try MatgradeProcess.run(arguments)
        #expect(first.status == 0, "\(first)")
        #expect(first.standardOutput == second.standardOutput)
        let output = try ComputeLearningCommandTests.json(first)
        for key in ["energy_per_spin", "energy_per_spin_error", "abs_magnetisation_per_spin", "abs_magnetisation_per_spin_error",
                    "heat_capacity_per_spin", "susceptibility_per_spin", "acceptance_ratio", "onsager_magnetisation"] {
            #expect(output[key] is Double, "\(key) in \(output)")
        }
    }

    @Test("bad input names the field or option and the value; exit 2")
    func refusals() throws {
        let negative = try MatgradeProcess.run(["compute", "ising", "--size", "8", "--temperature=-1", "--sweeps", "10", "--equilibration", "0", "--seed", "1"])
        #expect(negative.status == 2 && negative.standardError.contains("--temperature") && negative.standardError.contains("'-1.0'"), "\(negative)")
        let directory = try ComputeLearningCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("md.json")
        try #"{"lattice_vectors": [[5,0,0],[0,5,0],[0,0,5]], "cartesian_coordinates": [[0,0,0]], "mass": 40, "epsilon": 0.01, "sigma": -3, "cutoff_radius": 8}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let bad = try MatgradeProcess.run(["compute", "md", file.path])
        #expect(bad.status == 2 && bad.standardError.contains("sigma is -3.0"), "\(bad)")
    }
}
