/// Regression metrics with scikit-learn's (and scipy's, for Spearman) definitions.
///
/// Each takes the reference values first, as scikit-learn does: `(yTrue, yPredicted)`, equal
/// lengths, at least one value, all finite. Tolerance contract: the sums are plain left-to-right
/// sums, so results agree with scikit-learn within `1e-12` relative (numpy sums pairwise).
public enum RegressionMetrics {
    /// `mean |yTrue - yPredicted|` (`mean_absolute_error`).
    public static func meanAbsoluteError(_ yTrue: [Double], _ yPredicted: [Double]) throws(LearningError) -> Double {
        try check(yTrue, yPredicted, context: "mean absolute error")
        return zip(yTrue, yPredicted).map { abs($0 - $1) }.mean
    }

    /// `sqrt(mean (yTrue - yPredicted)²)` (`root_mean_squared_error`).
    public static func rootMeanSquaredError(_ yTrue: [Double], _ yPredicted: [Double]) throws(LearningError) -> Double {
        try check(yTrue, yPredicted, context: "root mean squared error")
        return zip(yTrue, yPredicted).map { ($0 - $1) * ($0 - $1) }.mean.squareRoot()
    }

    /// The coefficient of determination `1 - SS_res / SS_tot` (`r2_score`, force_finite true):
    /// when yTrue is constant (`SS_tot = 0`) it is 1 for perfect predictions (`SS_res = 0`)
    /// and 0 otherwise, never NaN or -infinity; perfect predictions score 1 in every case.
    public static func r2Score(_ yTrue: [Double], _ yPredicted: [Double]) throws(LearningError) -> Double {
        try check(yTrue, yPredicted, context: "R2 score")
        let mean = yTrue.mean
        let residual = zip(yTrue, yPredicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let total = yTrue.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        if residual == 0 { return 1 }
        if total == 0 { return 0 }
        return 1 - residual / total
    }

    /// Spearman's rank correlation (`scipy.stats.spearmanr(...).statistic`): the Pearson
    /// correlation of the ranks, ties given the average of the ranks they span (1-based, as
    /// `scipy.stats.rankdata(method="average")`). NaN when either input is constant (its
    /// ranks have no variance), as scipy returns.
    public static func spearmanCorrelation(_ x: [Double], _ y: [Double]) throws(LearningError) -> Double {
        try check(x, y, context: "Spearman correlation")
        return pearsonCorrelation(averageRanks(x), averageRanks(y))
    }

    /// 1-based ranks with ties averaged: `[10, 20, 20, 5]` gives `[2, 3.5, 3.5, 1]`.
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold equal values: ranks start+1 ... end, averaged.
            let average = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = average }
            start = end
        }
        return ranks
    }

    /// The Pearson correlation coefficient; NaN when either input has zero variance.
    /// - Precondition: equal counts.
    public static func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double {
        let (xMean, yMean) = (x.mean, y.mean)
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
        for (a, b) in zip(x, y) {
            sxy += (a - xMean) * (b - yMean)
            sxx += (a - xMean) * (a - xMean)
            syy += (b - yMean) * (b - yMean)
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return Swift.min(1, Swift.max(-1, sxy / (sxx * syy).squareRoot()))
    }

    private static func check(_ yTrue: [Double], _ yPredicted: [Double], context: String) throws(LearningError) {
        guard !yTrue.isEmpty else { throw .tooFewSamples(context: context, sampleCount: 0, minimum: 1) }
        guard yPredicted.count == yTrue.count else {
            throw .sampleCountMismatch(context: context, name: "predictions", count: yPredicted.count, expected: yTrue.count)
        }
        try Validate.finite(yTrue, name: "y_true", context: context)
        try Validate.finite(yPredicted, name: "y_pred", context: context)
    }
}
