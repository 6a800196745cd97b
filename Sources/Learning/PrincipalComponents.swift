import LinearAlgebra

/// Principal component analysis with scikit-learn 1.9's conventions, `PCA(n_components,
/// svd_solver="full")`, no whitening.
///
/// The data are centred on their column means and factored by the thin SVD
/// `Xc = U·diag(σ)·Vᵀ` (LAPACK `dgesdd`, as scipy's `linalg.svd(full_matrices=False)`).
/// - components are the rows of Vᵀ, each sign-flipped so that its entry of largest magnitude
///   (the first such entry on a tie) is positive: scikit-learn's `svd_flip(u_based_decision=False)`,
///   the V-based rule PCA has used since 1.5 (earlier versions decided on the columns of U);
/// - `explained_variance_ = σ² / (n - 1)` (ddof = 1);
/// - `explained_variance_ratio_` divides by the sum over all `min(n, p)` components, which is
///   the total ddof = 1 variance of the data, before keeping the first `componentCount`;
/// - `noise_variance_` is the mean of the discarded explained variances (0 when none are).
///
/// Tolerance contract against scikit-learn (Tests/Fixtures/learning/pca.json): means,
/// variances and singular values within `1e-10` relative; components and projections within
/// `1e-9` absolute for components whose singular value is separated from its neighbours by at
/// least 1e-3 relative (a near-degenerate pair has no well-defined basis, only a subspace).
public struct PrincipalComponentAnalysis: Hashable, Sendable {
    /// The column means, `featureCount` values (`mean_`).
    public let mean: [Double]
    /// The principal axes as rows, `[componentCount x featureCount]` (`components_`).
    public let components: Matrix
    /// Variance along each component, ddof = 1, descending (`explained_variance_`).
    public let explainedVariance: [Double]
    /// `explainedVariance` over the total variance (`explained_variance_ratio_`).
    public let explainedVarianceRatio: [Double]
    /// The singular values of the centred data (`singular_values_`).
    public let singularValues: [Double]
    /// The mean variance of the components left out (`noise_variance_`).
    public let noiseVariance: Double

    /// The number of components kept (`n_components_`).
    public var componentCount: Int { components.rowCount }

    /// Fits on `[sampleCount x featureCount]` data X.
    /// - Parameter componentCount: how many components to keep, in [0, min(n, p)]; `nil`
    ///   keeps `min(n, p)` (scikit-learn's `n_components=None`).
    /// - Throws: ``LearningError`` for fewer than 2 samples, non-finite values, a component
    ///   count out of range, or an SVD that does not converge.
    public init(fitting features: Matrix, componentCount: Int? = nil) throws(LearningError) {
        let context = "PCA"
        try Validate.features(features, context: context, minimumSamples: 2)
        let (n, p) = (features.rowCount, features.columnCount)
        let kept = componentCount ?? Swift.min(n, p)
        guard kept >= 0 && kept <= Swift.min(n, p) else {
            throw .invalidParameter(context: context, name: "n_components", value: "\(kept)",
                                    reason: "it must be in [0, min(samples, features)] = [0, \(Swift.min(n, p))]")
        }
        let means = features.columnMeans
        let svd = try linearAlgebra(context) { try features.subtractingFromRows(means).singularValueDecomposition(.thin) }
        let variances = svd.singularValues.map { $0 * $0 / Double(n - 1) }
        let total = variances.reduce(0, +)
        var rows: [Double] = []
        rows.reserveCapacity(kept * p)
        for k in 0..<kept {
            let axis = svd.vTransposed.row(k)
            var largest = 0
            for j in axis.indices where abs(axis[j]) > abs(axis[largest]) { largest = j }
            let sign: Double = axis[largest] < 0 ? -1 : 1
            rows.append(contentsOf: axis.map { sign * $0 })
        }
        mean = means
        components = Matrix(rowCount: kept, columnCount: p, exactStorage: rows)
        explainedVariance = Array(variances.prefix(kept))
        explainedVarianceRatio = explainedVariance.map { $0 / total }
        singularValues = Array(svd.singularValues.prefix(kept))
        noiseVariance = kept < variances.count ? Array(variances.dropFirst(kept)).mean : 0
    }

    /// The coordinates of `[sampleCount x featureCount]` X on the components,
    /// `(X - mean_) · components_ᵀ`, `[sampleCount x componentCount]` (`transform`).
    public func transform(_ features: Matrix) throws(LearningError) -> Matrix {
        let context = "PCA transform"
        try Validate.featureCount(features, expected: mean.count, name: "X", context: context)
        let centred = features.subtractingFromRows(mean)
        return try linearAlgebra(context) { try centred.multiplied(by: components, .transposingRight) }
    }

    /// Back to feature space, `Z · components_ + mean_`, `[sampleCount x featureCount]`
    /// (`inverse_transform`); exact for data in the span of the kept components.
    public func inverseTransform(_ scores: Matrix) throws(LearningError) -> Matrix {
        let context = "PCA inverse transform"
        try Validate.featureCount(scores, expected: componentCount, name: "scores", context: context)
        let projected = try linearAlgebra(context) { try scores.multiplied(by: components) }
        return projected.addingToRows(mean)
    }
}
