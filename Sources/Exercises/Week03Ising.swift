import Foundation
import JSONSupport
import Simulation

/// Week 3's stochastic part: thermodynamic averages of the 2D Ising model (J = k_B = 1, no
/// field, periodic L x L lattice, all spins up at the start) by Metropolis Monte Carlo
/// (``Simulation/MetropolisIsing``).
///
/// Input field `ising`: `size` (L), `temperature` (units of J/k_B), `sweeps` (measured),
/// `equilibration_sweeps` (discarded first), `seed` (for the student's generator) and
/// `start` (`"all-up"`).
///
/// Reference field `ising`: `abs_magnetisation_per_spin` (`<|M|>/N`), `energy_per_spin`
/// (`<E>/N`), `heat_capacity_per_spin` (`(<E²> - <E>²) / (N T²)`), each with `*_error`, its
/// standard error (blocking for the means, jackknife over 16 blocks for the heat capacity).
/// The reference runs ``referenceSweepFactor`` times as many measured sweeps as the student,
/// with its own seed (``referenceSeed(for:)``), so its errors are about a quarter of the student's and
/// a student whose generator happens to match the reference's gets no free pass.
struct Week03Ising: Hashable, Sendable {
    var size: Int
    var temperature: Double
    var sweeps: Int
    var equilibrationSweeps: Int
    var seed: UInt64

    static let referenceSweepFactor = 16
    static let sizes = 4...64
    static let temperatures = 0.5...10.0
    static let sweepRange = 64...65_536
    static let equilibrationRange = 0...65_536

    /// The field names of the reference's `ising` object, value then standard error.
    static let quantities = ["abs_magnetisation_per_spin", "energy_per_spin", "heat_capacity_per_spin"]

    init(size: Int, temperature: Double, sweeps: Int, equilibrationSweeps: Int, seed: UInt64) {
        (self.size, self.temperature, self.sweeps, self.equilibrationSweeps, self.seed) = (size, temperature, sweeps, equilibrationSweeps, seed)
    }

    var json: JSONValue {
        .object([
            "size": .number(Double(size)), "temperature": .number(temperature), "sweeps": .number(Double(sweeps)),
            "equilibration_sweeps": .number(Double(equilibrationSweeps)), "seed": .number(Double(seed)), "start": "all-up",
            "units": "J = 1, k_B = 1; temperature in units of J/k_B",
        ])
    }

    /// Reads `ising` of an input document.
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` naming the field, the value and the fix.
    init(json value: JSONValue?) throws {
        guard let fields = value?.objectValue else {
            throw ExercisesError.badInput(field: "ising", reason: "must be an object {size, temperature, sweeps, equilibration_sweeps, seed, start} (got \(value?.abbreviated() ?? "nothing"))")
        }
        func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int {
            guard let number = fields[name]?.integerValue, range.contains(number) else {
                throw ExercisesError.badInput(field: "ising.\(name)", reason: "must be an integer in \(range.lowerBound)...\(range.upperBound) (got \(fields[name]?.abbreviated() ?? "nothing"))")
            }
            return number
        }
        size = try integer("size", in: Self.sizes)
        guard let temperature = fields["temperature"]?.numberValue, Self.temperatures.contains(temperature) else {
            throw ExercisesError.badInput(field: "ising.temperature", reason: "must be a number of J/k_B in \(Self.temperatures.lowerBound)...\(Self.temperatures.upperBound) (got \(fields["temperature"]?.abbreviated() ?? "nothing"))")
        }
        self.temperature = temperature
        sweeps = try integer("sweeps", in: Self.sweepRange)
        equilibrationSweeps = try integer("equilibration_sweeps", in: Self.equilibrationRange)
        seed = UInt64(try integer("seed", in: 0...Int(UInt32.max)))
        if let start = fields["start"], start.stringValue != "all-up" {
            throw ExercisesError.badInput(field: "ising.start", reason: "only \"all-up\" is supported (got \(start.abbreviated())); leave it out or write \"all-up\"")
        }
    }

    /// The reference's own seed: a SplitMix64 step away from the student's, so the two
    /// streams are unrelated even for a student who reimplements the reference's generator.
    static func referenceSeed(for seed: UInt64) -> UInt64 {
        var generator = Simulation.SplitMix64(seed: seed ^ 0x5745_454B_3033_4D43)
        return generator.next()
    }

    /// One run of the model at these settings with `seed` and `sweeps` measured sweeps.
    static func run(size: Int, temperature: Double, sweeps: Int, equilibrationSweeps: Int, seed: UInt64) throws -> MetropolisIsing.Result {
        do {
            return try MetropolisIsing.run(.init(
                size: size, temperature: temperature, sweeps: sweeps, equilibrationSweeps: equilibrationSweeps, seed: seed, start: .allUp))
        } catch let .invalid(field, value, fix) {
            throw ExercisesError.badInput(field: "ising.\(field)", reason: "\(value): \(fix)")
        }
    }

    /// The `ising` object of an output document: value and standard error of each quantity.
    static func fields(of result: MetropolisIsing.Result) -> JSONValue {
        let values = [
            (result.absoluteMagnetisationPerSpin, result.absoluteMagnetisationPerSpinError),
            (result.energyPerSpin, result.energyPerSpinError),
            (result.heatCapacityPerSpin, result.heatCapacityPerSpinError),
        ]
        var object: [String: JSONValue] = [:]
        for (name, (value, error)) in zip(quantities, values) {
            object[name] = .number(value)
            object[name + "_error"] = .number(error)
        }
        return .object(object)
    }

    /// The reference's `ising` object (see the type's comment).
    func referenceField() throws -> JSONValue {
        Self.fields(of: try Self.run(
            size: size, temperature: temperature, sweeps: Self.referenceSweepFactor * sweeps, equilibrationSweeps: equilibrationSweeps,
            seed: Self.referenceSeed(for: seed)))
    }
}
