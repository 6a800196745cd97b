/// Agreement between two clusterings, as scikit-learn defines it.
public enum ClusteringStatistics {
    /// The adjusted Rand index (Hubert and Arabie, J. Classif. 2 (1985) 193,
    /// doi:10.1007/BF01908075) of two labelings of the same samples, as scikit-learn's
    /// `adjusted_rand_score`: 1 for identical partitions whatever the label names, about 0 for
    /// random ones, down to -0.5 for especially discordant ones.
    ///
    /// Computed from the pair confusion matrix (scikit-learn's `pair_confusion_matrix`, which
    /// counts ordered pairs): with contingency counts `n_ij`, row sums `a_i`, column sums `b_j`,
    /// `tp = Σ n_ij² - n`, `fp = Σ b_j² - Σ n_ij²`, `fn = Σ a_i² - Σ n_ij²`,
    /// `tn = n² - tp - fp - fn - n`, and
    /// `ARI = 2 (tp·tn - fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))`.
    /// When `fn = fp = 0` the partitions are identical and the index is 1 by definition: this
    /// covers no samples, both labelings one cluster, and both all singletons, where the
    /// formula is 0/0.
    /// - Parameters: labels of the same samples, in the same order; label types may differ.
    /// - Precondition: equal counts.
    public static func adjustedRandIndex<First: Hashable, Second: Hashable>(_ first: [First], _ second: [Second]) -> Double {
        precondition(first.count == second.count, "adjustedRandIndex: \(first.count) vs \(second.count) labels")
        var contingency: [PairKey<First, Second>: Int] = [:]
        var firstSizes: [First: Int] = [:]
        var secondSizes: [Second: Int] = [:]
        for (a, b) in zip(first, second) {
            contingency[PairKey(first: a, second: b), default: 0] += 1
            firstSizes[a, default: 0] += 1
            secondSizes[b, default: 0] += 1
        }
        let n = first.count
        let sumSquares = contingency.values.reduce(0) { $0 + $1 * $1 }
        let truePositives = sumSquares - n
        let falsePositives = secondSizes.values.reduce(0) { $0 + $1 * $1 } - sumSquares
        let falseNegatives = firstSizes.values.reduce(0) { $0 + $1 * $1 } - sumSquares
        let trueNegatives = n * n - truePositives - falsePositives - falseNegatives - n
        guard falsePositives != 0 || falseNegatives != 0 else { return 1 }
        // Products of pair counts reach n⁴; Double keeps them without overflow.
        let (tp, fp, fn, tn) = (Double(truePositives), Double(falsePositives), Double(falseNegatives), Double(trueNegatives))
        return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
    }

    private struct PairKey<First: Hashable, Second: Hashable>: Hashable {
        let first: First
        let second: Second
    }
}
