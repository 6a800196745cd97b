import Foundation

/// Week 5's data set: Matbench's `expt_gap` task (Dunn et al., npj Comput. Mater. 6, 138
/// (2020); measurements collected by Zhuo et al., J. Phys. Chem. Lett. 9, 1668 (2018)), 4,604
/// compositions with their experimental band gap in eV, no formula twice. The rows are
/// `exercises/data/crabnet-2.0.8/matbench/expt_gap.csv` in file order, embedded at build time
/// (``EmbeddedBandGaps``), so the held-out labels that the `metric` check needs never have to
/// be in a student's `input.json`.
struct Week05BandGaps: Sendable {
    /// One row of the data set.
    struct Entry: Hashable, Sendable {
        /// The formula as the data set writes it (`Ag0.5Ge1Pb1.75S4`, `Ag(AuS)2`).
        let formula: String
        /// Experimental band gap, eV, >= 0 (0 for metals).
        let bandGap: Double
    }

    /// Where the rows come from, for messages.
    static let sourcePath = "exercises/data/crabnet-2.0.8/matbench/expt_gap.csv (embedded)"

    /// The rows, in file order.
    let entries: [Entry]
    /// Row index of each formula.
    private let indexByFormula: [String: Int]

    /// The embedded data set, read once.
    /// - Throws: ``ExercisesError/dataAccess(path:reason:)`` if the embedded copy is malformed
    ///   (a broken build: regenerate it with `scripts/data/make_band_gap_data.py`).
    static func embedded() throws -> Week05BandGaps {
        try cached.get()
    }

    private static let cached: Result<Week05BandGaps, ExercisesError> = {
        do {
            return .success(try Week05BandGaps(csv: EmbeddedBandGaps.exptGapCSV, path: sourcePath))
        } catch let error as ExercisesError {
            return .failure(error)
        } catch {
            return .failure(.dataAccess(path: sourcePath, reason: "\(error)"))
        }
    }()

    /// Reads `formula,target` CSV text: a header line, then one formula and one non-negative
    /// band gap (eV) per line.
    /// - Throws: ``ExercisesError/dataAccess(path:reason:)`` naming the line, the value and the fix.
    init(csv text: String, path: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == "formula,target" else {
            throw ExercisesError.dataAccess(
                path: path, reason: "line 1: header '\(lines.first ?? "")', expected 'formula,target'; use Matbench's formula,target CSV")
        }
        if lines.last == "" { lines.removeLast() }
        var entries: [Entry] = [], index: [String: Int] = [:]
        for (offset, line) in lines.dropFirst().enumerated() {
            let lineNumber = offset + 2
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let gap = Double(fields[1]), gap.isFinite, gap >= 0 else {
                throw ExercisesError.dataAccess(
                    path: path, reason: "line \(lineNumber): '\(line)' is not 'formula,band gap in eV >= 0'; fix or drop the line")
            }
            let formula = String(fields[0])
            guard index[formula] == nil else {
                throw ExercisesError.dataAccess(
                    path: path, reason: "line \(lineNumber): formula '\(formula)' appears twice; keep one row per formula")
            }
            index[formula] = entries.count
            entries.append(Entry(formula: formula, bandGap: gap))
        }
        guard !entries.isEmpty else {
            throw ExercisesError.dataAccess(path: path, reason: "no rows after the header; the data set is empty")
        }
        self.entries = entries
        indexByFormula = index
    }

    /// The band gap (eV) of a formula as the data set writes it, nil when it is not in the set.
    func bandGap(of formula: String) -> Double? {
        indexByFormula[formula].map { entries[$0].bandGap }
    }
}
