// neighbor-benchmark: times matgrade's periodic neighbor search on many structure files, the
// Swift side of benchmarks/run.sh (which times pymatgen on the same files in the same run).
//
// Usage: neighbor-benchmark --cutoff R [--nearest K] [--repeat N] FILES...
// Prints one JSON line: {"seconds": best-of-N total kernel time (file loading excluded),
// "pairs": neighbor pairs found in one pass, "structures": file count, "repeat": N}.
import Crystal
import Foundation

struct Options {
    var cutoff: Double?
    var nearest: Int?
    var repeatCount = 3
    var files: [String] = []
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("neighbor-benchmark: \(message)\n".utf8))
    exit(2)
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--cutoff":
            guard let text = iterator.next(), let value = Double(text) else { fail("--cutoff needs a number of Angstrom") }
            options.cutoff = value
        case "--nearest":
            guard let text = iterator.next(), let value = Int(text) else { fail("--nearest needs an integer") }
            options.nearest = value
        case "--repeat":
            guard let text = iterator.next(), let value = Int(text), value >= 1 else { fail("--repeat needs an integer >= 1") }
            options.repeatCount = value
        default:
            if argument.hasPrefix("--") { fail("unknown option \(argument)") }
            options.files.append(argument)
        }
    }
    return options
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
guard let cutoff = options.cutoff else { fail("usage: neighbor-benchmark --cutoff R [--nearest K] [--repeat N] FILES...") }
guard !options.files.isEmpty else { fail("no structure files given") }

let structures: [Structure]
do {
    structures = try options.files.map { try Structure.read(contentsOf: $0) }
} catch {
    fail("\(error)")
}

var best = Double.infinity
var pairs = 0
let clock = ContinuousClock()
for _ in 0..<options.repeatCount {
    var passPairs = 0
    let elapsed = try clock.measure {
        for structure in structures {
            let list = try options.nearest.map { try structure.nearestNeighbors(count: $0, within: cutoff) }
                ?? structure.neighbors(within: cutoff)
            passPairs += list.pairCount
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    best = min(best, seconds)
    pairs = passPairs
}
print("{\"seconds\": \(best), \"pairs\": \(pairs), \"structures\": \(structures.count), \"repeat\": \(options.repeatCount)}")
