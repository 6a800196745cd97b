import Learning

/// Rank statistics as scipy defines them, in the form the rank comparator wants (nil where
/// the statistic is undefined); the arithmetic is Learning's ``RegressionMetrics``, which
/// the scikit-learn / scipy fixtures check.
public enum RankStatistics {
    /// 1-based ranks with ties given the average of the ranks they span (scipy
    /// `rankdata(method="average")`): `[10, 20, 20, 5]` ranks `[2, 3.5, 3.5, 1]`.
    /// - Precondition: no NaN (their order is undefined).
    public static func averageRanks(_ values: [Double]) -> [Double] {
        precondition(!values.contains(where: \.isNaN), "averageRanks: NaN has no rank")
        return RegressionMetrics.averageRanks(values)
    }

    /// The Pearson correlation coefficient, or nil when it is undefined (fewer than 2 values,
    /// or either side constant).
    /// - Precondition: equal counts.
    public static func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "pearsonCorrelation: \(x.count) vs \(y.count) values")
        guard x.count >= 2 else { return nil }
        let r = RegressionMetrics.pearsonCorrelation(x, y)
        return r.isNaN ? nil : r
    }

    /// Spearman's rank correlation: the Pearson correlation of the average ranks (scipy
    /// `spearmanr`), or nil when undefined (fewer than 2 values, or either side constant).
    /// - Precondition: equal counts, no NaN.
    public static func spearmanCorrelation(_ x: [Double], _ y: [Double]) -> Double? {
        pearsonCorrelation(averageRanks(x), averageRanks(y))
    }
}
