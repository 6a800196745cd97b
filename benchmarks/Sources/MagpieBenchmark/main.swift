// magpie-benchmark: times matgrade's Magpie featurizer in process on the formulas of a CSV
// (a `formula` column), the in-process side of benchmarks/magpie/run.sh, which times matminer's
// `featurize_many` in process on the same formulas in the same run.
//
// Usage: magpie-benchmark --formulas FILE [--repeat N]
// Prints one JSON line: {"formulas": count, "repeat": N, "parse_and_features_seconds": best-of-N
// time to parse every formula and compute its 132 features, "features_seconds": best-of-N time
// of the features alone (compositions parsed beforehand, as the matminer side is timed),
// "checksum": the sum of the finite features (so the work cannot be optimised away)}.
import Crystal
import Descriptors
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("magpie-benchmark: \(message)\n".utf8))
    exit(2)
}

var path: String?
var repeatCount = 5
var iterator = CommandLine.arguments.dropFirst().makeIterator()
while let argument = iterator.next() {
    switch argument {
    case "--formulas": path = iterator.next()
    case "--repeat":
        guard let text = iterator.next(), let value = Int(text), value >= 1 else { fail("--repeat needs an integer >= 1") }
        repeatCount = value
    default: fail("unknown argument \(argument); usage: magpie-benchmark --formulas FILE [--repeat N]")
    }
}
guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("--formulas FILE: a readable CSV is needed") }
let lines = text.split(whereSeparator: \.isNewline)
guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false),
      let column = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "formula" })
else { fail("\(path) has no 'formula' column") }
let formulas = lines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[column]) }

let featurizer: MagpieFeaturizer
do { featurizer = try MagpieFeaturizer() } catch { fail("\(error)") }
let compositions: [Composition]
do { compositions = try formulas.map { try Composition(formula: $0) } } catch { fail("\(error)") }

func seconds(_ work: () -> Double) -> (Double, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let checksum = work()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9, checksum)
}
func total(_ rows: [Double]) -> Double { rows.reduce(0) { $1.isFinite ? $0 + $1 : $0 } }

var bestBoth = Double.infinity, bestFeatures = Double.infinity, checksum = 0.0
for _ in 0..<repeatCount {
    let (both, sum1) = seconds {
        var sum = 0.0
        for formula in formulas { sum += total(featurizer.features(of: try! Composition(formula: formula))) }
        return sum
    }
    let (features, sum2) = seconds {
        var sum = 0.0
        for composition in compositions { sum += total(featurizer.features(of: composition)) }
        return sum
    }
    bestBoth = min(bestBoth, both)
    bestFeatures = min(bestFeatures, features)
    checksum = sum1 + sum2
}
print("{\"formulas\": \(formulas.count), \"repeat\": \(repeatCount), \"parse_and_features_seconds\": \(bestBoth), \"features_seconds\": \(bestFeatures), \"checksum\": \(checksum)}")
