import Foundation
import JSONSupport

/// Week 3, "Inspect database entries; identify simulation assumptions and derived quantities"
/// (`exercises/w03-simulation-assumptions/README.md` defines the documents).
///
/// Three parts, one per kind of answer a simulation gives:
/// - `molecular_dynamics` (``Week03MolecularDynamics``): deterministic, graded tight;
/// - `ising` (``Week03Ising``): ensemble averages with standard errors, graded with the
///   `statistical` comparator against the reference's own, longer run;
/// - `database_fields` (``Week03Provenance``): which fields of a database entry a DFT run
///   gives, which are derived from such runs, and which are measured.
///
/// Generator `crystal-and-lattice`, all parameters optional: `supercell` (3...4 conventional
/// fcc cells per edge; 3), `md_temperature` (K; drawn in 40...120), `time_step` (fs; 2),
/// `steps` (1...50; 10), `ising_size` (4...64; 16), `ising_temperature` (J/k_B; drawn in
/// 1.5...3.5), `sweeps` (64...65536; 4096), `equilibration_sweeps` (0...65536; 512).
public struct Week03SimulationAssumptions: WeekExercise {
    public let id = "w03-simulation-assumptions"

    static let generators = ["crystal-and-lattice"]
    static let parameterNames = ["supercell", "md_temperature", "time_step", "steps", "ising_size", "ising_temperature", "sweeps", "equilibration_sweeps"]

    public init() {}

    public func input(generator: String, parametersJSON: String, seed: UInt64, data: CourseData) throws -> JSONValue {
        guard generator == "crystal-and-lattice" else {
            throw ExercisesError.unknownGenerator(exercise: id, generator: generator, known: Self.generators)
        }
        let parameters = try CaseParameters(json: parametersJSON)
        try parameters.requireOnly(Self.parameterNames)
        var random = SplitMix64(seed: seed)
        let supercell = parameters.has("supercell") ? try parameters.integer("supercell", in: 3...4) : 3
        let drawnTemperature = (random.uniform(40, 120)).rounded()
        let mdTemperature = parameters.has("md_temperature") ? try parameters.number("md_temperature", in: 1...300, unit: "K") : drawnTemperature
        let timeStep = parameters.has("time_step") ? try parameters.number("time_step", in: 0.5...5, unit: "fs") : 2
        let steps = parameters.has("steps") ? try parameters.integer("steps", in: 1...50) : 10
        let dynamics = try Week03MolecularDynamics.make(
            supercell: supercell, temperature: mdTemperature, timeStep: timeStep, steps: steps, random: &random)

        let drawnIsingTemperature = (random.uniform(1.5, 3.5) * 100).rounded() / 100
        let ising = Week03Ising(
            size: parameters.has("ising_size") ? try parameters.integer("ising_size", in: Week03Ising.sizes) : 16,
            temperature: parameters.has("ising_temperature")
                ? try parameters.number("ising_temperature", in: Week03Ising.temperatures, unit: "J/k_B") : drawnIsingTemperature,
            sweeps: parameters.has("sweeps") ? try parameters.integer("sweeps", in: Week03Ising.sweepRange) : 4096,
            equilibrationSweeps: parameters.has("equilibration_sweeps")
                ? try parameters.integer("equilibration_sweeps", in: Week03Ising.equilibrationRange) : 512,
            seed: random.next() >> 32)
        var fields = Week03Provenance.inputFields
        fields["molecular_dynamics"] = dynamics.json
        fields["ising"] = ising.json
        return .object(fields)
    }

    public func referenceOutput(for input: JSONValue) throws -> JSONValue {
        let fields = input.objectValue ?? [:]
        var output = try Week03MolecularDynamics(json: fields["molecular_dynamics"]).referenceFields()
        output["ising"] = try Week03Ising(json: fields["ising"]).referenceField()
        output["provenance"] = Week03Provenance.referenceField
        return .object(output)
    }

    /// No transformed copies: the grading compares each part with the reference directly.
    public func invarianceVariants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] { [] }
}
