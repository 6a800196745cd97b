import Crystal
import Foundation
import Synchronization

/// Week 2's band-gap pairs: compositions with both a DFT band gap (Matbench's `mp_gap`,
/// PBE, Materials Project; `exercises/data/crabnet-2.0.8/matbench/mp_gap.csv.gz`) and an
/// experimental one (Matbench's `expt_gap`, embedded as ``EmbeddedBandGaps``), matched by
/// reduced composition (atomic fractions to 1e-6).
///
/// Two choices make a pair unambiguous, and the README states them:
/// - only compositions with exactly **one** `mp_gap` row (one computed polymorph): with
///   several, which polymorph the experiment measured is unknown;
/// - only compositions **measured** to be non-metals (experimental gap > 0): the data set's
///   metals have gap 0 by definition, which would dilute the bias with trivial agreement.
///   DFT gaps of 0 for measured semiconductors stay: predicting a metal is the bias at its
///   strongest.
///
/// 913 pairs result from the shipped files, in `expt_gap` order (checked against
/// `scripts/fixtures/week02_band_gaps.py`, which rebuilds them with pymatgen).
struct Week02BandGapPairs: Sendable {
    struct Pair: Hashable, Sendable {
        /// The formula as `expt_gap` writes it.
        let formula: String
        /// PBE band gap, eV.
        let dftGap: Double
        /// Measured band gap, eV, > 0.
        let experimentalGap: Double
    }

    let pairs: [Pair]

    static let dftPath = "crabnet-2.0.8/matbench/mp_gap.csv.gz"
    private static let loaded = Mutex<[String: Week02BandGapPairs]>([:])

    /// - Throws: ``ExercisesError/dataAccess(path:reason:)``.
    static func load(dataFolder: URL) throws -> Week02BandGapPairs {
        let path = dataFolder.appendingPathComponent(dftPath).standardizedFileURL.path
        if let known = loaded.withLock({ $0[path] }) { return known }
        var dftGaps: [[Double]: [Double]] = [:]
        for row in try MatbenchCSV.rows(ofGzipFile: path) {
            dftGaps[key(row.composition), default: []].append(row.target)
        }
        var pairs: [Pair] = []
        for entry in try Week05BandGaps.embedded().entries where entry.bandGap > 0 {
            guard let composition = try? Composition(formula: entry.formula),
                  let gaps = dftGaps[key(composition)], gaps.count == 1 else { continue }
            pairs.append(Pair(formula: entry.formula, dftGap: gaps[0], experimentalGap: entry.bandGap))
        }
        let result = Week02BandGapPairs(pairs: pairs)
        loaded.withLock { $0[path] = result }
        return result
    }

    /// Atomic number and atomic fraction (rounded to 1e-6) of each element, in atomic-number
    /// order: equal for `Li2O` and `Li8O4`.
    static func key(_ composition: Composition) -> [Double] {
        let total = composition.atomCount
        return composition.elements.flatMap { [Double($0.atomicNumber), (composition[$0] / total * 1e6).rounded() / 1e6] }
    }
}
