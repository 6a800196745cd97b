import Foundation

/// Standard error of the mean of a correlated time series by blocking (Flyvbjerg &
/// Petersen, J. Chem. Phys. 91, 461 (1989), doi:10.1063/1.457480).
///
/// Level 0 is the series itself; each next level averages neighbouring pairs (an odd last
/// value is dropped). At a level of `n` values with biased variance `c0`, the naive
/// standard error is `sqrt(c0 / (n-1))` and its own uncertainty that over `sqrt(2(n-1))`.
/// For correlated data the estimate rises with the level until blocks are longer than the
/// correlation time, then stays flat (the plateau) while its uncertainty grows.
///
/// ``plateauError`` is the estimate at the first level that no later level (of at least
/// ``minimumBlockCount`` blocks) exceeds by more than that later level's uncertainty: for
/// uncorrelated data usually level 0, i.e. `σ/sqrt(n)`. Callers who know their correlation
/// time can read ``levels`` at a chosen block size instead.
public struct BlockingAnalysis: Hashable, Sendable {
    public struct Level: Hashable, Sendable {
        /// Samples averaged per block.
        public let blockSize: Int
        public let blockCount: Int
        /// Standard error of the mean estimated at this level, in the data's unit.
        public let standardError: Double
        /// The uncertainty of `standardError`.
        public let standardErrorUncertainty: Double
    }

    /// Levels with at least two blocks, block size 1, 2, 4, ...
    public let levels: [Level]
    /// Mean of the series.
    public let mean: Double
    /// The plateau estimate of the standard error of `mean` (see the type's comment).
    public let plateauError: Double
    /// Levels with fewer blocks are too noisy to judge the plateau.
    public static let minimumBlockCount = 16

    /// - Parameter series: at least two finite values.
    public init(series: [Double]) throws(SimulationError) {
        guard series.count >= 2 else {
            throw .invalid(field: "series", value: "\(series.count) values", fix: "blocking needs at least two samples")
        }
        if let bad = series.firstIndex(where: { !$0.isFinite }) {
            throw .invalid(field: "series[\(bad)]", value: "\(series[bad])", fix: "samples must be finite")
        }
        mean = series.reduce(0, +) / Double(series.count)
        var values = series
        var levels: [Level] = []
        var blockSize = 1
        while values.count >= 2 {
            let n = Double(values.count)
            let average = values.reduce(0, +) / n
            let c0 = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / n
            let error = (c0 / (n - 1)).squareRoot()
            levels.append(Level(blockSize: blockSize, blockCount: values.count, standardError: error,
                                standardErrorUncertainty: error / (2 * (n - 1)).squareRoot()))
            values = stride(from: 0, to: values.count - 1, by: 2).map { 0.5 * (values[$0] + values[$0 + 1]) }
            blockSize *= 2
        }
        self.levels = levels
        let trusted = levels.filter { $0.blockCount >= Self.minimumBlockCount }
        let candidates = trusted.isEmpty ? [levels[0]] : trusted
        var chosen = candidates[candidates.count - 1]
        for (k, level) in candidates.enumerated() {
            if candidates[(k + 1)...].allSatisfy({ $0.standardError - $0.standardErrorUncertainty <= level.standardError }) {
                chosen = level
                break
            }
        }
        plateauError = chosen.standardError
    }
}
