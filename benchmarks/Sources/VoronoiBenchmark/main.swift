// voronoi-benchmark: times matgrade's Voronoi cells (Structure.voronoiCells) on many
// structure files, the Swift side of benchmarks/voronoi/run.sh (which times pymatgen's
// VoronoiNN on the same files in the same run).
//
// Usage: voronoi-benchmark [--repeat N] FILES...
// Prints one JSON line: {"seconds": best-of-N total kernel time (file loading excluded),
// "structures", "sites", "faces": faces of all cells, "coordination_0": sum over sites of the
// count above weight 0, "coordination_005": the same above 0.05, "weighted": sum of the
// weighted coordination numbers, "repeat": N}.
import Crystal
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("voronoi-benchmark: \(message)\n".utf8))
    exit(2)
}

var repeatCount = 3
var files: [String] = []
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--repeat":
        guard let text = arguments.next(), let value = Int(text), value >= 1 else { fail("--repeat needs an integer >= 1") }
        repeatCount = value
    default:
        if argument.hasPrefix("--") { fail("unknown option \(argument)") }
        files.append(argument)
    }
}
guard !files.isEmpty else { fail("usage: voronoi-benchmark [--repeat N] FILES...") }

let structures: [Structure]
do {
    structures = try files.map { try Structure.read(contentsOf: $0) }
} catch {
    fail("\(error)")
}

var best = Double.infinity
var totals = (sites: 0, faces: 0, plain: 0, above005: 0, weighted: 0.0)
let clock = ContinuousClock()
do {
    for _ in 0..<repeatCount {
        var pass = (sites: 0, faces: 0, plain: 0, above005: 0, weighted: 0.0)
        let elapsed = try clock.measure {
            for structure in structures {
                for cell in try structure.voronoiCells() {
                    pass.sites += 1
                    pass.faces += cell.faces.count
                    pass.plain += cell.coordination()
                    pass.above005 += cell.coordination(minimumWeight: 0.05)
                    pass.weighted += cell.weightedCoordination
                }
            }
        }
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        totals = pass
    }
} catch {
    fail("\(error)")
}
print("{\"seconds\": \(best), \"structures\": \(structures.count), \"sites\": \(totals.sites), \"faces\": \(totals.faces), \"coordination_0\": \(totals.plain), \"coordination_005\": \(totals.above005), \"weighted\": \(totals.weighted), \"repeat\": \(repeatCount)}")
