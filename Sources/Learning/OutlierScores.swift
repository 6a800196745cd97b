import LinearAlgebra

/// Outlier scores of new samples against a reference set: larger means more unusual.
public enum OutlierScores {
    /// Squared Mahalanobis distances `(x - μ)ᵀ Σ⁺ (x - μ)`, scikit-learn's
    /// `EmpiricalCovariance().fit(reference).mahalanobis(queries)` (which also returns
    /// squares): μ the column means, Σ the maximum-likelihood covariance (divisor n), Σ⁺ its
    /// pseudo-inverse (as `scipy.linalg.pinvh`: eigenvalues below `n·ε·λ_max` dropped, so a
    /// singular covariance, say from collinear features, still gives finite scores).
    ///
    /// Tolerance contract: within `1e-9` relative of scikit-learn for covariances with
    /// condition number below 1e6 (the pseudo-inverse amplifies rounding by it).
    /// - Parameters:
    ///   - reference: `[sampleCount x featureCount]`, at least 2 samples.
    ///   - queries: `[queryCount x featureCount]`.
    /// - Returns: `queryCount` squared distances.
    public static func squaredMahalanobis(reference: Matrix, queries: Matrix) throws(LearningError) -> [Double] {
        let context = "Mahalanobis distance"
        try Validate.features(reference, context: context, minimumSamples: 2)
        try Validate.featureCount(queries, expected: reference.columnCount, name: "queries", context: context)
        let means = reference.columnMeans
        let centred = reference.subtractingFromRows(means)
        let queryDeviations = queries.subtractingFromRows(means)
        let eigen = try linearAlgebra(context) {
            try (centred.multiplied(by: centred, .transposingLeft) / Double(reference.rowCount)).symmetricEigendecomposition()
        }
        let largest = eigen.eigenvalues.map(abs).max() ?? 0
        let cutoff = Double(reference.columnCount) * Double.ulpOfOne * largest
        // Coordinates in the eigenbasis: each squared coordinate divided by its eigenvalue.
        let coordinates = try linearAlgebra(context) { try queryDeviations.multiplied(by: eigen.eigenvectors) }
        return (0..<queries.rowCount).map { i in
            eigen.eigenvalues.indices.reduce(0.0) { sum, k in
                let eigenvalue = eigen.eigenvalues[k]
                guard abs(eigenvalue) > cutoff else { return sum }
                return sum + coordinates[i, k] * coordinates[i, k] / eigenvalue
            }
        }
    }

    /// Euclidean distances to the `neighborCount` nearest reference samples, ascending,
    /// `[queryCount][neighborCount]`: scikit-learn's
    /// `NearestNeighbors(n_neighbors).fit(reference).kneighbors(queries)[0]`. The usual
    /// k-NN outlier score is the last column (the k-th distance) or the row mean.
    ///
    /// Computed directly as `sqrt(Σ (x - r)²)` (brute force), so within `1e-12` relative
    /// of scikit-learn.
    /// - Parameter queries: `[queryCount x featureCount]`; `nil` scores the reference samples
    ///   themselves, each without itself (by index, as `kneighbors()` with no argument).
    /// - Throws: ``LearningError`` for shapes, non-finite values, or `neighborCount` outside
    ///   [1, available samples].
    public static func nearestNeighborDistances(
        reference: Matrix, queries: Matrix? = nil, neighborCount: Int
    ) throws(LearningError) -> [[Double]] {
        let context = "k-nearest-neighbor distance"
        try Validate.features(reference, context: context)
        if let queries {
            try Validate.featureCount(queries, expected: reference.columnCount, name: "queries", context: context)
        }
        let available = reference.rowCount - (queries == nil ? 1 : 0)
        guard neighborCount >= 1 && neighborCount <= available else {
            throw .invalidParameter(context: context, name: "n_neighbors", value: "\(neighborCount)",
                                    reason: "it must be between 1 and \(available), the reference samples available")
        }
        let points = queries ?? reference
        return (0..<points.rowCount).map { i in
            var distances: [Double] = []
            distances.reserveCapacity(reference.rowCount)
            for r in 0..<reference.rowCount where queries != nil || r != i {
                let squared = (0..<reference.columnCount).reduce(0.0) {
                    $0 + (points[i, $1] - reference[r, $1]) * (points[i, $1] - reference[r, $1])
                }
                distances.append(squared.squareRoot())
            }
            return Array(distances.sorted().prefix(neighborCount))
        }
    }
}
