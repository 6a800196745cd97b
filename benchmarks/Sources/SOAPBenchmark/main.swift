// soap-benchmark: times matgrade's SOAP kernel (Descriptors.SOAPDescriptor) on many structure
// files, the Swift side of benchmarks/soap/run.sh (which times DScribe on the same files with
// the same parameters in the same run).
//
// Usage: soap-benchmark --rcut R --nmax N --lmax L --sigma S --rbf gto|polynomial
//                       [--species Fe,O,...] [--repeat N] FILES...
// Per-site vectors (average off), periodic. Species default to every element of every file.
// Prints one JSON line: {"seconds": best-of-N total kernel time (file loading and the
// descriptor's set-up excluded), "centers": vectors made in one pass, "features": length of
// one vector, "checksums": [sum of all elements of each structure's vectors], "repeat": N}.
import Crystal
import Descriptors
import Foundation

struct Options {
    var cutoff: Double?, nMax: Int?, lMax: Int?, sigma: Double?
    var basis = SOAPRadialBasis.gto
    var species: [String]?
    var repeatCount = 3
    var files: [String] = []
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("soap-benchmark: \(message)\n".utf8))
    exit(2)
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var iterator = arguments.makeIterator()
    func value(_ name: String) -> String {
        guard let text = iterator.next() else { fail("\(name) needs a value") }
        return text
    }
    while let argument = iterator.next() {
        switch argument {
        case "--rcut": options.cutoff = Double(value(argument))
        case "--nmax": options.nMax = Int(value(argument))
        case "--lmax": options.lMax = Int(value(argument))
        case "--sigma": options.sigma = Double(value(argument))
        case "--rbf":
            guard let basis = SOAPRadialBasis(rawValue: value(argument)) else { fail("--rbf is gto or polynomial") }
            options.basis = basis
        case "--species": options.species = value(argument).split(separator: ",").map(String.init)
        case "--repeat":
            guard let count = Int(value(argument)), count >= 1 else { fail("--repeat needs an integer >= 1") }
            options.repeatCount = count
        default:
            if argument.hasPrefix("--") { fail("unknown option \(argument)") }
            options.files.append(argument)
        }
    }
    return options
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
guard let cutoff = options.cutoff, let nMax = options.nMax, let lMax = options.lMax, let sigma = options.sigma else {
    fail("usage: soap-benchmark --rcut R --nmax N --lmax L --sigma S --rbf gto|polynomial [--species A,B] [--repeat N] FILES...")
}
guard !options.files.isEmpty else { fail("no structure files given") }

let structures: [Structure]
let descriptor: SOAPDescriptor
do {
    structures = try options.files.map { try Structure.read(contentsOf: $0) }
    let species = try options.species.map { try $0.map { try Element(symbol: $0) } } ?? structures.flatMap(\.species)
    descriptor = try SOAPDescriptor(
        species: species, cutoffRadius: cutoff, nMax: nMax, lMax: lMax, sigma: sigma, radialBasis: options.basis,
        periodic: true, averaging: .off)
} catch {
    fail("\(error)")
}

var best = Double.infinity
var centers = 0
var checksums: [Double] = []
let clock = ContinuousClock()
for _ in 0..<options.repeatCount {
    var passCenters = 0
    var passChecksums: [Double] = []
    let elapsed = try clock.measure {
        for structure in structures {
            let spectra = try descriptor.spectra(of: structure)
            passCenters += spectra.rowCount
            passChecksums.append(spectra.storage.reduce(0, +))
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    best = min(best, seconds)
    centers = passCenters
    checksums = passChecksums
}
let checksumText = checksums.map { "\($0)" }.joined(separator: ", ")
print("{\"seconds\": \(best), \"centers\": \(centers), \"features\": \(descriptor.featureCount), \"checksums\": [\(checksumText)], \"repeat\": \(options.repeatCount)}")
