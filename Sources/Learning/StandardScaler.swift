import LinearAlgebra

/// Standardisation of features to zero mean and unit variance, as scikit-learn's
/// `StandardScaler()` (with_mean and with_std true): `z = (x - mean_) / scale_`.
///
/// Conventions (scikit-learn 1.9): the variance has divisor n (ddof = 0); a feature whose
/// variance is indistinguishable from 0 (`var <= n·ε·var + (n·ε·mean)²`, scikit-learn's
/// `_is_constant_feature` bound on the two-pass algorithm's rounding) gets `scale_ = 1`, so it
/// is centred but not divided.
///
/// Tolerance contract against scikit-learn (Tests/Fixtures/learning/regression.json):
/// `mean_`, `var_` and `scale_` within `1e-12` relative plus `1e-13` absolute, transformed
/// values within `1e-11` relative and absolute (rounding of the sums only: scikit-learn
/// accumulates in a different order; constant columns get exactly 1).
public struct StandardScaler: Hashable, Sendable {
    /// The column means, `featureCount` values (`mean_`).
    public let mean: [Double]
    /// The column variances, divisor n (`var_`).
    public let variance: [Double]
    /// The divisor of each column: `sqrt(var_)`, or 1 for a constant column (`scale_`).
    public let scale: [Double]

    /// Fits on `[sampleCount x featureCount]` data X.
    /// - Throws: ``LearningError`` for no samples, no features or a NaN/infinity.
    public init(fitting features: Matrix) throws(LearningError) {
        try Validate.features(features, context: "standard scaler")
        let (means, variances) = features.columnMeansAndVariances(ddof: 0)
        let n = Double(features.rowCount)
        let epsilon = Double.ulpOfOne
        mean = means
        variance = variances
        scale = zip(means, variances).map { mean, variance in
            let constantBound = n * epsilon * variance + (n * mean * epsilon) * (n * mean * epsilon)
            return variance <= constantBound ? 1 : variance.squareRoot()
        }
    }

    /// `(X - mean_) / scale_`, `[sampleCount x featureCount]` (scikit-learn's `transform`).
    /// - Throws: ``LearningError/featureCountMismatch(context:name:count:expected:)``, `nonFinite`.
    public func transform(_ features: Matrix) throws(LearningError) -> Matrix {
        try Validate.featureCount(features, expected: mean.count, name: "X", context: "standard scaler transform")
        var values = features.storage
        let columns = features.columnCount
        for i in 0..<features.rowCount {
            for j in 0..<columns {
                values[i * columns + j] = (values[i * columns + j] - mean[j]) / scale[j]
            }
        }
        return Matrix(rowCount: features.rowCount, columnCount: columns, exactStorage: values)
    }

    /// `Z · scale_ + mean_`, the inverse of ``transform(_:)``.
    public func inverseTransform(_ standardized: Matrix) throws(LearningError) -> Matrix {
        try Validate.featureCount(standardized, expected: mean.count, name: "Z", context: "standard scaler inverse transform")
        var values = standardized.storage
        let columns = standardized.columnCount
        for i in 0..<standardized.rowCount {
            for j in 0..<columns {
                values[i * columns + j] = values[i * columns + j] * scale[j] + mean[j]
            }
        }
        return Matrix(rowCount: standardized.rowCount, columnCount: columns, exactStorage: values)
    }
}
