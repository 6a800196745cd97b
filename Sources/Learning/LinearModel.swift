import LinearAlgebra

/// A model that predicts one number per sample; what ``learningCurve(features:targets:folds:trainSizes:scoring:fit:)`` fits.
public protocol Regressor: Sendable {
    /// Predictions for `[sampleCount x featureCount]` X, `sampleCount` values.
    func predict(_ features: Matrix) throws(LearningError) -> [Double]
}

/// A fitted linear model with intercept, `y = X · coef_ + intercept_`: scikit-learn's
/// `Ridge(alpha)` and `LinearRegression()` (fit_intercept true, no sample weights).
///
/// Both centre X and y on their training means, solve for the coefficients without an
/// intercept, then set `intercept_ = mean(y) - mean(X) · coef_`: the intercept is never
/// penalised.
///
/// Tolerance contract against scikit-learn 1.9 (Tests/Fixtures/learning/regression.json):
/// ridge coefficients and predictions within `1e-9` relative plus `1e-10 · max|coef|`
/// absolute, the solve being backward stable and the fixtures' condition numbers below 1e4;
/// least-squares coefficients likewise, on full-rank data and on collinear data (where both
/// return the minimum-norm solution with the same rank cut-off, `1e-6 · σ_max`).
public struct LinearModel: Regressor, Hashable, Sendable {
    /// The coefficients, `featureCount` values (`coef_`).
    public let coefficients: [Double]
    /// The intercept (`intercept_`).
    public let intercept: Double
    /// The rank of centred X (`rank_` of `LinearRegression`); `nil` for ridge.
    public let rank: Int?

    /// Ridge regression, scikit-learn's `Ridge(alpha=alpha)`: minimises
    /// `||y - X·w - b||² + alpha·||w||²` over w and the unpenalised intercept b.
    ///
    /// Solved as scikit-learn's "cholesky" solver does: the primal normal equations
    /// `(XcᵀXc + αI) w = Xcᵀyc` when `featureCount <= sampleCount`, else the dual
    /// `w = Xcᵀ (XcXcᵀ + αI)⁻¹ yc`. `alpha = 0` is ordinary least squares
    /// (``ordinaryLeastSquares(features:targets:rcond:)``).
    /// - Parameters:
    ///   - features: X, `[sampleCount x featureCount]`, finite, at least one sample.
    ///   - targets: y, `sampleCount` values, finite.
    ///   - alpha: the L2 penalty, >= 0, finite.
    /// - Throws: ``LearningError`` for shapes, non-finite values, a negative alpha.
    public static func ridge(features: Matrix, targets: [Double], alpha: Double) throws(LearningError) -> LinearModel {
        let context = "ridge regression"
        guard alpha.isFinite, alpha >= 0 else {
            throw .invalidParameter(context: context, name: "alpha", value: "\(alpha)",
                                    reason: "the penalty must be a finite number >= 0 (scikit-learn's default is 1.0)")
        }
        if alpha == 0 { return try ordinaryLeastSquares(features: features, targets: targets) }
        try Validate.features(features, context: context)
        try Validate.targets(targets, sampleCount: features.rowCount, context: context)
        let (xMean, yMean) = (features.columnMeans, targets.mean)
        let centred = features.subtractingFromRows(xMean)
        let centredTargets = targets.map { $0 - yMean }
        let coefficients: [Double] = try linearAlgebra(context) {
            if centred.columnCount <= centred.rowCount {
                var gram = try centred.multiplied(by: centred, .transposingLeft)
                for j in 0..<gram.rowCount { gram[j, j] += alpha }
                return try gram.cholesky().solve(try centred.transposeMultiplied(by: centredTargets))
            }
            var kernel = try centred.multiplied(by: centred, .transposingRight)
            for i in 0..<kernel.rowCount { kernel[i, i] += alpha }
            let dual = try kernel.cholesky().solve(centredTargets)
            return try centred.transposeMultiplied(by: dual)
        }
        return LinearModel(coefficients: coefficients, intercept: intercept(yMean, xMean, coefficients), rank: nil)
    }

    /// Ordinary least squares with intercept, scikit-learn's `LinearRegression()`: the
    /// minimum-norm w minimising `||yc - Xc·w||` (LAPACK `dgelsd`, as scipy's `lstsq`).
    /// - Parameter rcond: singular values below `rcond · σ_max` count as zero;
    ///   `LinearRegression`'s default `tol = 1e-6`, which it passes to `lstsq` as `cond`.
    /// - Throws: ``LearningError`` for shapes and non-finite values.
    public static func ordinaryLeastSquares(
        features: Matrix, targets: [Double], rcond: Double = 1e-6
    ) throws(LearningError) -> LinearModel {
        let context = "least squares regression"
        try Validate.features(features, context: context)
        try Validate.targets(targets, sampleCount: features.rowCount, context: context)
        let (xMean, yMean) = (features.columnMeans, targets.mean)
        let centred = features.subtractingFromRows(xMean)
        let solution = try linearAlgebra(context) {
            try centred.leastSquares(targets.map { $0 - yMean }, rcond: rcond)
        }
        let coefficients = solution.solution.column(0)
        return LinearModel(coefficients: coefficients, intercept: intercept(yMean, xMean, coefficients),
                           rank: solution.rank)
    }

    /// `X · coef_ + intercept_`, one value per row of `[sampleCount x featureCount]` X.
    /// - Throws: ``LearningError/featureCountMismatch(context:name:count:expected:)``, `nonFinite`.
    public func predict(_ features: Matrix) throws(LearningError) -> [Double] {
        let context = "linear model prediction"
        try Validate.featureCount(features, expected: coefficients.count, name: "X", context: context)
        let products = try linearAlgebra(context) { try features.multiplied(by: coefficients) }
        return products.map { $0 + intercept }
    }

    private static func intercept(_ yMean: Double, _ xMean: [Double], _ coefficients: [Double]) -> Double {
        yMean - zip(xMean, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
