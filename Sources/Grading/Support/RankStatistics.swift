/// Rank statistics as scipy defines them.
public enum RankStatistics {
    /// 1-based ranks with ties given the average of the ranks they span (scipy
    /// `rankdata(method="average")`): `[10, 20, 20, 5]` ranks `[2, 3.5, 3.5, 1]`.
    /// - Precondition: no NaN (their order is undefined).
    public static func averageRanks(_ values: [Double]) -> [Double] {
        precondition(!values.contains(where: \.isNaN), "averageRanks: NaN has no rank")
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end (0-based) hold equal values: ranks start+1 ... end, averaged.
            let average = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = average }
            start = end
        }
        return ranks
    }

    /// The Pearson correlation coefficient, or nil when it is undefined (fewer than 2 values,
    /// or either side constant). Computed from centered values.
    /// - Precondition: equal counts.
    public static func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "pearsonCorrelation: \(x.count) vs \(y.count) values")
        guard x.count >= 2 else { return nil }
        let (meanX, meanY) = (x.reduce(0, +) / Double(x.count), y.reduce(0, +) / Double(y.count))
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
        for (a, b) in zip(x, y) {
            let (dx, dy) = (a - meanX, b - meanY)
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return max(-1, min(1, sxy / (sxx.squareRoot() * syy.squareRoot())))
    }

    /// Spearman's rank correlation: the Pearson correlation of the average ranks (scipy
    /// `spearmanr`), or nil when undefined (fewer than 2 values, or either side constant).
    /// - Precondition: equal counts, no NaN.
    public static func spearmanCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
        pearsonCorrelation(averageRanks(x), averageRanks(y))
    }
}
