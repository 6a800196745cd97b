import Foundation
import JSONSupport
import Simulation

extension Frontend {
    /// `matgrade compute ising`: Metropolis Monte Carlo of the 2D Ising model
    /// (``Simulation/MetropolisIsing``), J = k_B = 1. Output: see ``isingOutputDocumentation``.
    /// - Parameter start: "all-up" or "random".
    public static func ising(size: Int, temperature: Double, sweeps: Int, equilibrationSweeps: Int, seed: UInt64,
                             field: Double, start: String, includeSeries: Bool) throws -> String {
        let startState: MetropolisIsing.Parameters.Start
        switch start {
        case "all-up": startState = .allUp
        case "random": startState = .random
        default: throw FrontendError.invalidOption(name: "--start", value: start, reason: "give all-up or random")
        }
        let parameters = MetropolisIsing.Parameters(size: size, temperature: temperature, field: field, sweeps: sweeps,
                                                    equilibrationSweeps: equilibrationSweeps, seed: seed, start: startState)
        let result: MetropolisIsing.Result
        do {
            result = try MetropolisIsing.run(parameters)
        } catch {
            guard case let .invalid(name, value, fix) = error else { throw error }
            let option = ["equilibration_sweeps": "--equilibration"][name] ?? "--\(name)"
            throw FrontendError.invalidOption(name: option, value: value, reason: fix)
        }
        var json = JSONWriter()
        json.object(multiline: true) { o in
            o.member("size") { $0.integer(size) }
            o.member("temperature") { $0.number(temperature) }
            o.member("field") { $0.number(field) }
            o.member("sweeps") { $0.integer(sweeps) }
            o.member("equilibration_sweeps") { $0.integer(equilibrationSweeps) }
            o.member("seed") { $0.raw(String(seed)) }
            o.member("start") { $0.string(start) }
            o.member("energy_per_spin") { $0.number(result.energyPerSpin) }
            o.member("energy_per_spin_error") { $0.number(result.energyPerSpinError) }
            o.member("abs_magnetisation_per_spin") { $0.number(result.absoluteMagnetisationPerSpin) }
            o.member("abs_magnetisation_per_spin_error") { $0.number(result.absoluteMagnetisationPerSpinError) }
            o.member("magnetisation_per_spin") { $0.number(result.magnetisationPerSpin) }
            o.member("heat_capacity_per_spin") { $0.number(result.heatCapacityPerSpin) }
            o.member("heat_capacity_per_spin_error") { $0.number(result.heatCapacityPerSpinError) }
            o.member("susceptibility_per_spin") { $0.number(result.susceptibilityPerSpin) }
            o.member("susceptibility_per_spin_error") { $0.number(result.susceptibilityPerSpinError) }
            o.member("acceptance_ratio") { $0.number(result.acceptanceRatio) }
            o.member("onsager_magnetisation") { w in
                if field == 0 { w.number(IsingLattice.spontaneousMagnetisation(temperature: temperature)) } else { w.raw("null") }
            }
            if includeSeries {
                o.member("energy_series") { $0.numbers(result.energySeries) }
                o.member("magnetisation_series") { $0.integers(result.magnetisationSeries) }
            }
        }
        return json.text + "\n"
    }

    /// The `compute ising` output, for the command's help.
    public static let isingOutputDocumentation = """
        Units: J = k_B = 1 (temperature in J/k_B, field and energies in J). A sweep visits the \
        L*L sites in row-major order; one measurement per sweep after the equilibration sweeps. \
        JSON output: the parameters (size, temperature, field, sweeps, equilibration_sweeps, \
        seed, start), then energy_per_spin <E>/N and abs_magnetisation_per_spin <|M|>/N with \
        *_error (blocking standard errors, Flyvbjerg-Petersen, the plateau found by Jonsson's automated test), magnetisation_per_spin \
        <M>/N, heat_capacity_per_spin (<E^2>-<E>^2)/(N T^2) and susceptibility_per_spin \
        (<M^2>-<|M|>^2)/(N T) with *_error (jackknife over 16 blocks), acceptance_ratio, \
        onsager_magnetisation (exact infinite-lattice value at h = 0, else null); with --series \
        also energy_series (total E per sweep) and magnetisation_series (total M per sweep).
        """
}
