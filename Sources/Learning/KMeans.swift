import LinearAlgebra

/// A k-means clustering: scikit-learn's `KMeans(n_clusters, init=centres, n_init=1,
/// algorithm="lloyd", max_iter, tol)` fitted attributes.
public struct KMeansResult: Hashable, Sendable {
    /// The cluster of each sample, 0-based, `sampleCount` values (`labels_`).
    public let labels: [Int]
    /// The centres, `[clusterCount x featureCount]` (`cluster_centers_`).
    public let centers: Matrix
    /// The sum of squared distances of the samples to their centres (`inertia_`).
    public let inertia: Double
    /// Lloyd iterations run (`n_iter_`).
    public let iterationCount: Int

    /// The nearest centre of each row of `[sampleCount x featureCount]` X (`predict`), by
    /// the same `‖c‖² - 2 x·c` comparison as the fit; the first centre wins a tie.
    /// - Throws: ``LearningError/featureCountMismatch(context:name:count:expected:)``, `nonFinite`.
    public func predict(_ features: Matrix) throws(LearningError) -> [Int] {
        try Validate.featureCount(features, expected: centers.columnCount, name: "X", context: "k-means prediction")
        return try KMeans.assign(features, to: centers)
    }
}

/// Lloyd's k-means from given initial centres, step for step as scikit-learn 1.9:
///
/// - X and the centres are shifted by X's column means for the iterations (as scikit-learn
///   does for dense data; it changes only rounding) and shifted back at the end;
/// - each iteration assigns every sample to the nearest centre, comparing
///   `‖c‖² - 2 x·c` (the first centre wins a tie), then moves each centre to its samples' mean;
/// - a centre left with no samples is moved onto the sample farthest from its own (old)
///   centre, which leaves its cluster; several empty centres take the farthest samples in
///   decreasing distance (scikit-learn's `argpartition` leaves their order unspecified); when
///   every sample sits exactly on its centre there is nothing to move, and an empty centre is
///   put on the centre of the heaviest cluster (scikit-learn's `_average_centers`, which copies
///   that centre before it is averaged when the heaviest cluster comes later in the list);
/// - it stops when the labels repeat (strict convergence), or when `Σ_k ‖c_k,new - c_k,old‖²
///   <= tol · mean(var(X, axis=0))` (variance with ddof = 0), or after `maxIterations`; unless
///   the labels repeated, the labels are recomputed once for the final centres;
/// - `inertia_ = Σ ‖x_i - c_label(i)‖²`, `n_iter_` counts the iterations run.
///
/// Tolerance contract against scikit-learn (Tests/Fixtures/learning/kmeans.json): identical
/// labels and `n_iter_`; centres within `1e-10` absolute and inertia within `1e-10` relative.
/// Labels can differ only when a sample is equidistant to two centres within rounding.
public enum KMeans {
    /// - Parameters:
    ///   - features: X, `[sampleCount x featureCount]`, finite.
    ///   - initialCenters: `[clusterCount x featureCount]`, finite, `1 <= clusterCount <= sampleCount`.
    ///   - maxIterations: >= 1 (scikit-learn's default 300).
    ///   - tolerance: >= 0, relative to the mean feature variance (default 1e-4).
    /// - Throws: ``LearningError`` for shapes, non-finite values and parameters out of range.
    public static func lloyd(
        features: Matrix, initialCenters: Matrix, maxIterations: Int = 300, tolerance: Double = 1e-4
    ) throws(LearningError) -> KMeansResult {
        let context = "k-means"
        try Validate.features(features, context: context)
        try Validate.featureCount(initialCenters, expected: features.columnCount, name: "initial centres", context: context)
        let (n, k) = (features.rowCount, initialCenters.rowCount)
        guard k >= 1 && k <= n else {
            throw .invalidParameter(context: context, name: "n_clusters", value: "\(k)",
                                    reason: "give between 1 and \(n) (the sample count) initial centres")
        }
        guard maxIterations >= 1 else {
            throw .invalidParameter(context: context, name: "max_iter", value: "\(maxIterations)", reason: "it must be >= 1")
        }
        guard tolerance.isFinite && tolerance >= 0 else {
            throw .invalidParameter(context: context, name: "tol", value: "\(tolerance)", reason: "it must be finite and >= 0")
        }
        let (means, variances) = features.columnMeansAndVariances(ddof: 0)
        let scaledTolerance = tolerance == 0 ? 0 : variances.mean * tolerance
        let x = features.subtractingFromRows(means)
        var centers = initialCenters.subtractingFromRows(means)
        var labels = [Int](repeating: -1, count: n)
        var previousLabels = labels
        var strictConvergence = false
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            labels = try assign(x, to: centers)
            let newCenters = updatedCenters(x, labels: labels, oldCenters: centers)
            let shift = zip(newCenters.storage, centers.storage).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            centers = newCenters
            if labels == previousLabels {
                strictConvergence = true
                break
            }
            if shift <= scaledTolerance { break }
            previousLabels = labels
        }
        if !strictConvergence { labels = try assign(x, to: centers) }
        var inertia = 0.0
        for i in 0..<n {
            for j in 0..<x.columnCount {
                let difference = x[i, j] - centers[labels[i], j]
                inertia += difference * difference
            }
        }
        return KMeansResult(labels: labels, centers: centers.addingToRows(means), inertia: inertia,
                            iterationCount: iteration)
    }

    /// The nearest centre of each row by `‖c‖² - 2 x·c`; the first centre wins a tie.
    static func assign(_ x: Matrix, to centers: Matrix) throws(LearningError) -> [Int] {
        let products = try linearAlgebra("k-means assignment") { try x.multiplied(by: centers, .transposingRight) }
        let norms = (0..<centers.rowCount).map { row in centers.row(row).reduce(0) { $0 + $1 * $1 } }
        return (0..<x.rowCount).map { i in
            var best = 0
            var bestDistance = norms[0] - 2 * products[i, 0]
            for c in 1..<centers.rowCount {
                let distance = norms[c] - 2 * products[i, c]
                if distance < bestDistance {
                    bestDistance = distance
                    best = c
                }
            }
            return best
        }
    }

    /// Sums per cluster, empty clusters relocated, then averaged (scikit-learn's order).
    static func updatedCenters(_ x: Matrix, labels: [Int], oldCenters: Matrix) -> Matrix {
        let (k, p) = (oldCenters.rowCount, x.columnCount)
        var sums = [Double](repeating: 0, count: k * p)
        var weights = [Double](repeating: 0, count: k)
        for (i, label) in labels.enumerated() {
            weights[label] += 1
            for j in 0..<p { sums[label * p + j] += x[i, j] }
        }
        let empty = weights.indices.filter { weights[$0] == 0 }
        if !empty.isEmpty {
            let distances = labels.enumerated().map { i, label in
                (0..<p).reduce(0.0) { $0 + (x[i, $1] - oldCenters[label, $1]) * (x[i, $1] - oldCenters[label, $1]) }
            }
            if (distances.max() ?? 0) > 0 {
                let farthest = distances.indices.sorted { distances[$0] > distances[$1] }
                for (cluster, sample) in zip(empty, farthest) {
                    let owner = labels[sample]
                    for j in 0..<p {
                        sums[owner * p + j] -= x[sample, j]
                        sums[cluster * p + j] = x[sample, j]
                    }
                    weights[cluster] = 1
                    weights[owner] -= 1
                }
            }
        }
        let heaviest = weights.indices.max { weights[$0] < weights[$1] || (weights[$0] == weights[$1] && $0 > $1) } ?? 0
        for cluster in 0..<k {
            for j in 0..<p {
                // Multiplied by the reciprocal weight, as scikit-learn does (not divided).
                sums[cluster * p + j] = weights[cluster] > 0
                    ? sums[cluster * p + j] * (1 / weights[cluster])
                    : sums[heaviest * p + j]
            }
        }
        return Matrix(rowCount: k, columnCount: p, exactStorage: sums)
    }
}
