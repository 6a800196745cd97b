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
/// ``plateauError`` picks the plateau by Jonsson's automated test (M. Jonsson, Phys. Rev. E
/// 98, 043304 (2018), doi:10.1103/PhysRevE.98.043304) on the last `2^d` samples (the largest
/// power of two; the earliest are dropped, being the least equilibrated): with the biased
/// variance `s_k` and lag-one autocovariance `γ_k` at level k of `n_k` values,
/// `M_j = Σ_{k>=j} n_k ((n_k - 1) s_k / n_k² + γ_k)² / s_k²`, and the first level j with
/// `M_j` below the 99 % quantile of χ² with `d - j` degrees of freedom (Wilson-Hilferty
/// approximation) is the plateau; its error is `sqrt(s_j / n_j)`. For uncorrelated data that
/// is level 0, i.e. `σ/sqrt(n)`. Callers who know their correlation time can read
/// ``levels`` at a chosen block size instead.
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
    /// Samples per block at the chosen plateau level.
    public let plateauBlockSize: Int

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
        (plateauError, plateauBlockSize) = Self.automatedPlateau(Array(series.suffix(1 << (Int.bitWidth - 1 - series.count.leadingZeroBitCount))))
    }

    /// Jonsson's test on a series of `2^d` values: (standard error, block size).
    static func automatedPlateau(_ series: [Double]) -> (Double, Int) {
        var values = series
        var variances: [Double] = [], covariances: [Double] = [], counts: [Int] = []
        while values.count >= 2 {
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            var (variance, covariance) = (0.0, 0.0)
            for i in values.indices {
                variance += (values[i] - mean) * (values[i] - mean)
                if i + 1 < values.count { covariance += (values[i] - mean) * (values[i + 1] - mean) }
            }
            variances.append(variance / n)
            covariances.append(covariance / n)
            counts.append(values.count)
            values = stride(from: 0, to: values.count - 1, by: 2).map { 0.5 * (values[$0] + values[$0 + 1]) }
        }
        let d = counts.count
        // A constant series has no error to estimate.
        guard variances[0] > 0 else { return (0, 1) }
        var statistic = [Double](repeating: 0, count: d)
        var total = 0.0
        for k in stride(from: d - 1, through: 0, by: -1) {
            let n = Double(counts[k])
            let term = (n - 1) / (n * n) * variances[k] + covariances[k]
            total += variances[k] > 0 ? n * term * term / (variances[k] * variances[k]) : 0
            statistic[k] = total
        }
        let z = 2.3263478740408408  // the 99 % quantile of the standard normal
        for k in 0..<d {
            let dof = Double(d - k)
            let quantile = dof * pow(1 - 2 / (9 * dof) + z * (2 / (9 * dof)).squareRoot(), 3)
            if statistic[k] < quantile { return ((variances[k] / Double(counts[k])).squareRoot(), 1 << k) }
        }
        return ((variances[d - 1] / Double(counts[d - 1])).squareRoot(), 1 << (d - 1))
    }
}
