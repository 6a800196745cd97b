import LinearAlgebra

/// Density-based clustering, DBSCAN (Ester, Kriegel, Sander & Xu, KDD-96, 226-231,
/// https://dl.acm.org/doi/10.5555/3001460.3001507), with scikit-learn 1.9's
/// `DBSCAN(eps, min_samples)` semantics (Euclidean metric):
///
/// - the neighbourhood of a sample is every sample within distance `<= eps`, itself included;
/// - a core sample has at least `minSamples` neighbours (itself counted);
/// - clusters are numbered 0, 1, ... in the order of their lowest-index core sample: samples
///   are scanned by index, and each unlabelled core sample starts a new cluster that takes
///   every sample reachable through core samples;
/// - a border sample (not core, within eps of cores of several clusters) joins the first
///   cluster, in that order, that reaches it; every other sample is noise, label -1.
///
/// Distances are exact (`sqrt(Σ d²)` of coordinate differences), so labels agree with
/// scikit-learn's exactly (Tests/Fixtures/learning/dbscan.json) unless a distance equals eps
/// within rounding. Brute force: O(n²·featureCount) time, O(n + neighbour pairs) memory.
public struct DBSCANResult: Hashable, Sendable {
    /// Cluster of each sample, -1 for noise (`labels_`).
    public let labels: [Int]
    /// Indices of the core samples, increasing (`core_sample_indices_`).
    public let coreSampleIndices: [Int]
}

public enum DBSCAN {
    /// - Parameters:
    ///   - features: X, `[sampleCount x featureCount]`, finite, at least one sample.
    ///   - eps: neighbourhood radius, in feature units; finite, > 0.
    ///   - minSamples: neighbours (self included) that make a core sample; >= 1.
    /// - Throws: ``LearningError`` for shapes, non-finite values and parameters out of range.
    public static func fit(features: Matrix, eps: Double, minSamples: Int) throws(LearningError) -> DBSCANResult {
        let context = "DBSCAN"
        try Validate.features(features, context: context)
        guard eps.isFinite, eps > 0 else {
            throw .invalidParameter(context: context, name: "eps", value: "\(eps)", reason: "it must be a finite number > 0")
        }
        guard minSamples >= 1 else {
            throw .invalidParameter(context: context, name: "min_samples", value: "\(minSamples)", reason: "it must be >= 1")
        }
        let (n, p) = (features.rowCount, features.columnCount)
        let x = features.storage
        let radiusSquared = eps * eps
        var neighbours = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            neighbours[i].append(i)
            for j in (i + 1)..<n {
                var squared = 0.0
                for d in 0..<p {
                    let difference = x[i * p + d] - x[j * p + d]
                    squared += difference * difference
                    if squared > radiusSquared { break }
                }
                // Compare distances, not squares, as scikit-learn's tree queries do.
                if squared <= radiusSquared, squared.squareRoot() <= eps {
                    neighbours[i].append(j)
                    neighbours[j].append(i)
                }
            }
        }
        let isCore = neighbours.map { $0.count >= minSamples }
        var labels = [Int](repeating: -1, count: n)
        var cluster = 0
        var stack: [Int] = []
        for seed in 0..<n where labels[seed] == -1 && isCore[seed] {
            stack.append(seed)
            while let i = stack.popLast() {
                guard labels[i] == -1 else { continue }
                labels[i] = cluster
                guard isCore[i] else { continue }
                for j in neighbours[i] where labels[j] == -1 { stack.append(j) }
            }
            cluster += 1
        }
        return DBSCANResult(labels: labels, coreSampleIndices: (0..<n).filter { isCore[$0] })
    }
}
