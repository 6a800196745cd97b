import Foundation
import Grading
import JSONSupport
import Simulation
import Testing
import TestSupport
@testable import Exercises

/// The cases of `exercises/w03-simulation-assumptions/exercise.toml`, as the engine hands them over.
struct Week03Case: CustomTestStringConvertible, Sendable {
    let name: String
    let parametersJSON: String
    let seed: UInt64
    var testDescription: String { name }

    static let all = [
        Week03Case(name: "ordered-ising", parametersJSON: #"{"md_temperature": 60, "ising_size": 16, "ising_temperature": 2.0}"#, seed: 1),
        Week03Case(name: "disordered-ising", parametersJSON: #"{"md_temperature": 100, "ising_size": 16, "ising_temperature": 3.0}"#, seed: 2),
        Week03Case(name: "random-temperature", parametersJSON: #"{"ising_size": 16}"#, seed: 77),
    ]

    func input(seed override: UInt64? = nil) throws -> JSONValue {
        try Week03SimulationAssumptions().input(generator: "crystal-and-lattice", parametersJSON: parametersJSON, seed: override ?? seed, data: courseData)
    }
}

@Suite("Week 3 simulation assumptions: inputs and reference")
struct Week03SimulationAssumptionsTests {
    static let exercise = Week03SimulationAssumptions()

    static func rows(_ value: JSONValue?) -> [SIMD3<Double>] {
        (value?.arrayValue ?? []).map { row in
            let x = (row.arrayValue ?? []).map { $0.numberValue ?? .nan }
            return x.count == 3 ? SIMD3(x[0], x[1], x[2]) : SIMD3(repeating: .nan)
        }
    }

    @Test("inputs are byte-identical for a seed and differ between seeds", arguments: Week03Case.all)
    func deterministic(_ testCase: Week03Case) throws {
        let first = JSONWriter.text(of: try testCase.input())
        #expect(first == JSONWriter.text(of: try testCase.input()))
        #expect(first != JSONWriter.text(of: try testCase.input(seed: testCase.seed + 1000)))
        let md = try #require(try testCase.input().objectValue?["molecular_dynamics"]?.objectValue)
        #expect(Self.rows(md["cartesian_coordinates"]).count == 108)
    }

    /// An independent oracle for the reference's Lennard-Jones part: a plain double loop over
    /// pairs with the minimum image of a cubic cell, energy and forces; then the first
    /// temperature from the input velocities, and energy conservation along the steps.
    @Test("energy and forces agree with a minimum-image double loop; temperatures follow 3N - 3", arguments: Week03Case.all)
    func molecularDynamicsOracle(_ testCase: Week03Case) throws {
        let input = try testCase.input()
        let output = try Self.exercise.referenceOutput(for: input).objectValue ?? [:]
        let md = try #require(input.objectValue?["molecular_dynamics"]?.objectValue)
        let positions = Self.rows(md["cartesian_coordinates"]), velocities = Self.rows(md["velocities"])
        let edge = try #require(Self.rows(md["lattice_vectors"]).first?.x)
        let (epsilon, sigma, cutoff) = (md["epsilon"]?.numberValue ?? .nan, md["sigma"]?.numberValue ?? .nan, md["cutoff_radius"]?.numberValue ?? .nan)
        let mass = md["mass"]?.numberValue ?? .nan
        func lj(_ r: Double) -> Double { 4 * epsilon * (pow(sigma / r, 12) - pow(sigma / r, 6)) }
        var energy = 0.0
        var forces = [SIMD3<Double>](repeating: .zero, count: positions.count)
        for i in positions.indices {
            for j in positions.indices where j > i {
                var d = positions[j] - positions[i]
                d -= edge * (d / edge).rounded(.toNearestOrEven)
                let r = (d * d).sum().squareRoot()
                guard r < cutoff else { continue }
                energy += lj(r) - lj(cutoff)
                let f = 24 * epsilon * (2 * pow(sigma / r, 12) - pow(sigma / r, 6)) / (r * r) * d
                forces[j] += f
                forces[i] -= f
            }
        }
        let reference = try #require(output["lj_potential_energy"]?.numberValue)
        #expect(abs(reference - energy) < 1e-10 * abs(energy), "reference \(reference), oracle \(energy)")
        let referenceForces = Self.rows(output["lj_forces"])
        #expect(referenceForces.count == forces.count)
        func largest(_ v: SIMD3<Double>) -> Double { max(abs(v.x), abs(v.y), abs(v.z)) }
        let worst = zip(referenceForces, forces).map { (pair: (SIMD3<Double>, SIMD3<Double>)) in largest(pair.0 - pair.1) }.max() ?? .nan
        #expect(worst < 1e-12, "worst force difference \(worst) eV/A")
        #expect(largest(referenceForces.reduce(SIMD3<Double>.zero, +)) < 1e-12)

        let temperatures = (output["md_temperatures"]?.arrayValue ?? []).compactMap(\.numberValue)
        #expect(temperatures.count == (md["steps"]?.integerValue ?? 0) + 1)
        let kinetic = 0.5 * mass * velocities.reduce(0) { $0 + ($1 * $1).sum() } * SimulationUnits.kineticEnergyFactor
        let expected = 2 * kinetic / (Double(3 * positions.count - 3) * SimulationUnits.boltzmann)
        #expect(abs(temperatures[0] - expected) < 1e-9 * expected, "\(temperatures[0]) vs \(expected)")

        // Velocity Verlet at 2 fs conserves the total energy to a small fraction of K.
        let finalVelocities = Self.rows(output["md_velocities"])
        let dynamics = try MolecularDynamics(
            potential: LennardJones(epsilon: epsilon, sigma: sigma, cutoffRadius: cutoff), cell: PeriodicCell(orthorhombic: SIMD3(repeating: edge)),
            masses: [Double](repeating: mass, count: positions.count), cartesianCoordinates: Self.rows(output["md_positions"]), velocities: finalVelocities)
        let drift = abs(dynamics.totalEnergy - (energy + kinetic))
        #expect(drift < 1e-3 * kinetic, "energy drift \(drift) eV against K = \(kinetic) eV")
    }

    /// The Ising reference is the physics: per-spin energy in [-2, 0], |m| near Onsager's
    /// infinite-lattice value below T_c and small above, a positive heat capacity, and
    /// positive errors far below the values.
    @Test("the Ising reference is physically sensible", arguments: Week03Case.all.prefix(2))
    func isingReference(_ testCase: Week03Case) throws {
        let input = try testCase.input()
        let ising = try #require(try Self.exercise.referenceOutput(for: input).objectValue?["ising"]?.objectValue)
        let temperature = try #require(input.objectValue?["ising"]?.objectValue?["temperature"]?.numberValue)
        func value(_ name: String) -> Double { ising[name]?.numberValue ?? .nan }
        #expect(value("energy_per_spin") > -2 && value("energy_per_spin") < 0)
        if temperature < IsingLattice.criticalTemperature {
            #expect(abs(value("abs_magnetisation_per_spin") - IsingLattice.spontaneousMagnetisation(temperature: temperature)) < 0.02)
        } else {
            #expect(value("abs_magnetisation_per_spin") < 0.4)
        }
        #expect(value("heat_capacity_per_spin") > 0)
        for name in Week03Ising.quantities {
            #expect(value(name + "_error") > 0 && value(name + "_error") < 0.05 * abs(value(name)), "\(name)")
        }
    }

    @Test("the rubric loads, adds up to 100, and its choice answers are the catalogue's")
    func rubric() throws {
        let exercise = try ExerciseSpec.load(folder: RepositoryPaths.root.appendingPathComponent("exercises/w03-simulation-assumptions"))
        let rubric = try RubricSpec.load(
            path: RepositoryPaths.root.appendingPathComponent("rubrics/w03-simulation-assumptions.toml").path, exercise: exercise)
        #expect(rubric.total == 100)
        #expect(rubric.checks.reduce(0) { $0 + $1.points } == 100)
        let reference = try Self.exercise.referenceOutput(for: try Week03Case.all[0].input())
        for field in Week03Provenance.fields {
            let check = try #require(rubric.checks.first { $0.field == "provenance.\(field.name)" }, "\(field.name)")
            guard case let .choice(choice) = check.spec else {
                Issue.record("\(field.name) is not a choice check")
                continue
            }
            #expect(choice.credits[field.origin] == 1, "\(field.name): \(field.origin) should earn full credit")
            #expect(Set(choice.credits.keys) == Set(Week03Provenance.options), "\(field.name) lists the whole vocabulary")
            let outcome = try check.spec.evaluate(field: check.fieldPath, CheckOperands(studentOutput: reference, referenceOutput: reference))
            #expect(outcome.passed, "\(field.name): \(outcome)")
        }
    }

    @Test("bad case parameters and input documents are refused with the field and the fix")
    func badInput() throws {
        do {
            _ = try Self.exercise.input(generator: "crystal-and-lattice", parametersJSON: #"{"ising_temprature": 2}"#, seed: 1, data: courseData)
            Issue.record("a misspelt parameter was accepted")
        } catch {
            #expect("\(error)".contains("ising_temprature") && "\(error)".contains("ising_temperature"))
        }
        #expect(throws: ExercisesError.self) {
            try Self.exercise.input(generator: "lattice", parametersJSON: "{}", seed: 1, data: courseData)
        }
        let original = try Week03Case.all[0].input().objectValue ?? [:]
        func refused(_ change: (inout [String: JSONValue]) -> Void, naming field: String) {
            var fields = original
            change(&fields)
            do {
                _ = try Self.exercise.referenceOutput(for: .object(fields))
                Issue.record("accepted a bad \(field)")
            } catch {
                #expect(error is ExercisesError && "\(error)".contains(field), "\(error)")
            }
        }
        func editing(_ part: String, _ change: @escaping (inout [String: JSONValue]) -> Void) -> (inout [String: JSONValue]) -> Void {
            { fields in
                var inner = fields[part]?.objectValue ?? [:]
                change(&inner)
                fields[part] = .object(inner)
            }
        }
        refused(editing("molecular_dynamics") { $0["cutoff_radius"] = .number(9) }, naming: "molecular_dynamics.cutoff_radius")
        refused(editing("molecular_dynamics") { $0["velocities"] = .array(Array(($0["velocities"]?.arrayValue ?? []).dropLast())) },
                naming: "molecular_dynamics.velocities")
        refused(editing("molecular_dynamics") { $0["cartesian_coordinates"] = .array([.array([.number(0), .number(1)]), .array([])]) },
                naming: "molecular_dynamics.cartesian_coordinates[0]")
        refused(editing("molecular_dynamics") { $0["mass"] = .number(-40) }, naming: "molecular_dynamics.mass")
        refused(editing("ising") { $0["temperature"] = .string("2.0") }, naming: "ising.temperature")
        refused(editing("ising") { $0["sweeps"] = .number(10) }, naming: "ising.sweeps")
        refused({ $0["ising"] = nil }, naming: "ising")
    }
}
