import Foundation
import JSONSupport
import Simulation

/// The input file of `matgrade compute md` (``Frontend/molecularDynamics(path:)``), read and
/// checked: every problem names the JSON field and the value seen.
struct MDInput {
    struct RDFOptions { let maximumRadius: Double; let binCount: Int }

    let system: MolecularDynamics
    let timeStep: Double
    let steps: Int
    let sampleEvery: Int
    let rdf: RDFOptions?
    let diffusionWindow: ClosedRange<Int>?

    init(path: String) throws {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as JSONParseError {
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "write the file with json.dump")
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: "cannot be read (\(error.localizedDescription))", fix: "check the path")
        }
        func fail(_ field: String, _ problem: String, _ fix: String) -> FrontendError {
            .invalidData(file: path, field: field, problem: problem, fix: fix)
        }
        guard let object = document.objectValue else {
            throw fail("(top level)", "is \(document.summary)", "write an object {\"lattice_vectors\": ..., \"cartesian_coordinates\": ..., ...}")
        }
        func number(_ key: String, _ unit: String, default value: Double? = nil) throws -> Double {
            guard let found = object[key] else {
                if let value { return value }
                throw fail(key, "is missing", "give a number (\(unit))")
            }
            guard let number = found.numberValue else { throw fail(key, "is \(found.summary)", "give a number (\(unit))") }
            return number
        }
        func integer(_ key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let found = object[key] else { return value }
            guard let number = found.integerValue, range.contains(number) else {
                throw fail(key, "is \(found.summary)", "give a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return number
        }
        func rows(_ key: String, _ unit: String, count: Int? = nil) throws -> [SIMD3<Double>]? {
            guard let found = object[key] else { return nil }
            guard let items = found.arrayValue, count.map({ $0 == items.count }) ?? true else {
                throw fail(key, "is \(found.summary)", "give \(count.map { "\($0) " } ?? "")rows [x, y, z] (\(unit))")
            }
            return try items.enumerated().map { k, item in
                guard let row = item.arrayValue, row.count == 3, let x = row[0].numberValue, let y = row[1].numberValue, let z = row[2].numberValue else {
                    throw fail("\(key)[\(k)]", "is \(item.summary)", "give [x, y, z] (\(unit))")
                }
                return SIMD3(x, y, z)
            }
        }
        func simulation<T>(_ body: () throws(SimulationError) -> T) throws -> T {
            do { return try body() } catch {
                if case let .invalid(field, value, fix) = error { throw fail(field, "is \(value)", fix) }
                throw error
            }
        }
        guard let lattice = try rows("lattice_vectors", "Angstrom", count: 3) else {
            throw fail("lattice_vectors", "is missing", "give the cell's rows [[ax, ay, az], [bx, by, bz], [cx, cy, cz]] (Angstrom)")
        }
        guard let positions = try rows("cartesian_coordinates", "Angstrom") else {
            throw fail("cartesian_coordinates", "is missing", "give one row [x, y, z] (Angstrom) per atom")
        }
        let masses: [Double]
        if let found = object["masses"] {
            guard let values = found.arrayValue?.compactMap(\.numberValue), values.count == found.arrayValue?.count else {
                throw fail("masses", "is \(found.summary)", "give one number (amu) per atom")
            }
            masses = values
        } else {
            masses = Array(repeating: try number("mass", "amu"), count: positions.count)
        }
        let shift: LennardJones.EnergyShift
        if let found = object["energy_shift"] {
            guard let text = found.stringValue, let value = LennardJones.EnergyShift(rawValue: text) else {
                throw fail("energy_shift", "is \(found.summary)", "give \"shifted\" (V(r_c) = 0, ASE's default) or \"none\"")
            }
            shift = value
        } else {
            shift = .shifted
        }
        let (epsilon, sigma, cutoff) = (try number("epsilon", "eV"), try number("sigma", "Angstrom"), try number("cutoff_radius", "Angstrom"))
        let potential = try simulation { () throws(SimulationError) in try LennardJones(epsilon: epsilon, sigma: sigma, cutoffRadius: cutoff, shift: shift) }
        let cell = try simulation { () throws(SimulationError) in try PeriodicCell(latticeVectors: lattice) }
        let velocities = try rows("velocities", "Angstrom/fs") ?? Array(repeating: .zero, count: positions.count)
        var system = try simulation { () throws(SimulationError) in
            try MolecularDynamics(potential: potential, cell: cell, masses: masses, cartesianCoordinates: positions, velocities: velocities)
        }
        if object["temperature"] != nil {
            guard object["velocities"] == nil else { throw fail("temperature", "is given with velocities", "give either velocities or temperature and seed") }
            let temperature = try number("temperature", "K")
            guard let seed = object["seed"]?.integerValue, seed >= 0 else {
                throw fail("seed", "is \(object["seed"]?.summary ?? "missing")", "give a whole number >= 0 for the Maxwell-Boltzmann velocities")
            }
            try simulation { () throws(SimulationError) in
                try system.assignMaxwellBoltzmannVelocities(temperature: temperature, seed: UInt64(seed), removeDrift: true, rescale: true,
                                                            degreesOfFreedom: positions.count > 1 ? .centreOfMassRemoved : .all)
            }
        }
        self.system = system
        timeStep = try number("time_step", "fs", default: 1)
        guard timeStep > 0 && timeStep.isFinite else { throw fail("time_step", "is \(timeStep)", "give a positive number of fs") }
        steps = try integer("steps", default: 0, range: 0...10_000_000)
        sampleEvery = try integer("sample_every", default: 1, range: 1...10_000_000)
        if let found = object["rdf"] {
            guard let options = found.objectValue, let radius = options["maximum_radius"]?.numberValue, radius > 0, radius.isFinite,
                  let bins = options["bin_count"]?.integerValue, (1...100_000).contains(bins) else {
                throw fail("rdf", "is \(found.summary)", "give {\"maximum_radius\": R (Angstrom, > 0), \"bin_count\": n (1...100000)}")
            }
            rdf = RDFOptions(maximumRadius: radius, binCount: bins)
        } else {
            rdf = nil
        }
        if let found = object["diffusion_window"] {
            guard let pair = found.arrayValue, pair.count == 2, let low = pair[0].integerValue, let high = pair[1].integerValue, 0 <= low, low < high else {
                throw fail("diffusion_window", "is \(found.summary)", "give [first_lag, last_lag], whole numbers of samples with first < last")
            }
            diffusionWindow = low...high
        } else {
            diffusionWindow = nil
        }
    }
}
