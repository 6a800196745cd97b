import Foundation
import LinearAlgebra

/// Options of ``GaussianProcessRegressor``; the defaults are scikit-learn 1.9's.
public struct GaussianProcessOptions: Hashable, Sendable {
    /// Added to the diagonal of `K(X, X)` (`alpha`, default 1e-10), in target units squared
    /// (of the normalised targets with ``normalizeTargets``); >= 0.
    public var alpha: Double = 1e-10
    /// Standardise y to zero mean and unit variance before fitting (`normalize_y`); a constant
    /// y keeps scale 1.
    public var normalizeTargets = false
    /// Maximise the log marginal likelihood over the hyperparameters (`optimizer="fmin_l_bfgs_b"`);
    /// false keeps the given kernel (`optimizer=None`).
    public var optimize = false
    /// Extra starts drawn log-uniformly inside the bounds (`n_restarts_optimizer`), >= 0.
    public var restartCount = 0
    /// Seed of the restarts' draws (our generator: reproducible, not scikit-learn's stream).
    public var seed: UInt64 = 0
    /// Bounds of every hyperparameter (not of its log), `Kernel.defaultBounds` = `(1e-5, 1e5)`.
    public var bounds: ClosedRange<Double> = Kernel.defaultBounds

    public init(alpha: Double = 1e-10, normalizeTargets: Bool = false, optimize: Bool = false, restartCount: Int = 0,
                seed: UInt64 = 0, bounds: ClosedRange<Double> = Kernel.defaultBounds) {
        self.alpha = alpha
        self.normalizeTargets = normalizeTargets
        self.optimize = optimize
        self.restartCount = restartCount
        self.seed = seed
        self.bounds = bounds
    }
}

/// Gaussian-process regression as scikit-learn 1.9's `GaussianProcessRegressor` (Rasmussen &
/// Williams 2006, Algorithm 2.1):
///
/// - fit: `L = cholesky(K(X, X) + alpha·I)`, `α = K⁻¹ y` (y normalised when asked);
/// - `log p(y|X, θ) = -½ yᵀα - Σ log L_ii - (n/2) log 2π` and its gradient in θ = log
///   hyperparameters, `½ tr((ααᵀ - K⁻¹) ∂K/∂θ_k)`;
/// - optimisation maximises it with ``BoundedQuasiNewton`` inside the log bounds, from the
///   given kernel's θ and then from `restartCount` log-uniform draws, keeping the best;
/// - predict: mean `K(X*, X) α` and variance `diag K(X*, X*) - Σ (L⁻¹ K(X, X*))²`, negative
///   variances set to 0, both un-normalised; `diag K(X*, X*)` includes white noise, as in
///   scikit-learn.
///
/// Tolerance contract against scikit-learn (Tests/Fixtures/learning/gp.json): with a fixed
/// kernel, predictive mean and standard deviation within `1e-7` relative to the largest |value|
/// of the fixture (relative to the condition number: the same formulas in another summation
/// order), the log marginal likelihood within `1e-9` relative and its gradient within `1e-7`
/// relative; optimised log hyperparameters within `1e-3` relative on well-conditioned problems
/// started from the same point (both optimisers stop at their own gradient tolerance).
public struct GaussianProcessRegressor: Sendable {
    /// The fitted kernel (`kernel_`): the given one, or the optimised one.
    public let kernel: Kernel
    /// `log p(y|X, θ)` of the fitted kernel (`log_marginal_likelihood_value_`), on the
    /// normalised targets with ``GaussianProcessOptions/normalizeTargets``.
    public let logMarginalLikelihood: Double
    /// Mean and scale of the targets (0 and 1 without normalisation).
    public let targetMean: Double
    public let targetScale: Double
    /// The training features, `[n x featureCount]` (`X_train_`).
    public let trainingFeatures: Matrix
    /// `α = K⁻¹ y`, n values (`alpha_`).
    public let dualCoefficients: [Double]
    /// Optimiser runs (starts), empty without optimisation.
    public let optimizerRuns: [BoundedQuasiNewton.Result]
    let factor: Cholesky

    /// Fits on `[n x featureCount]` X and n targets y.
    /// - Throws: ``LearningError`` for shapes, non-finite values, an invalid kernel or option,
    ///   and `linearAlgebra` when `K + alpha·I` is not positive definite for the fitted kernel
    ///   (raise `alpha` or add a `white` term).
    public init(features: Matrix, targets: [Double], kernel: Kernel, options: GaussianProcessOptions = .init()) throws(LearningError) {
        let context = "Gaussian-process regression"
        try Validate.features(features, context: context)
        try Validate.targets(targets, sampleCount: features.rowCount, context: context)
        try kernel.validate(featureCount: features.columnCount, context: context)
        guard options.alpha.isFinite, options.alpha >= 0 else {
            throw .invalidParameter(context: context, name: "alpha", value: "\(options.alpha)", reason: "it must be finite and >= 0")
        }
        guard options.restartCount >= 0 else {
            throw .invalidParameter(context: context, name: "restarts", value: "\(options.restartCount)", reason: "it must be >= 0")
        }
        guard options.bounds.lowerBound > 0, options.bounds.upperBound.isFinite else {
            throw .invalidParameter(context: context, name: "bounds", value: "\(options.bounds)",
                                    reason: "hyperparameter bounds must be finite and > 0")
        }
        var (shift, scale) = (0.0, 1.0)
        if options.normalizeTargets {
            let mean = targets.mean
            let std = (targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(targets.count)).squareRoot()
            // scikit-learn's _handle_zeros_in_scale: a (near-)zero scale becomes 1.
            (shift, scale) = (mean, std < 10 * Double.ulpOfOne ? 1 : std)
        }
        (targetMean, targetScale) = (shift, scale)
        let y = targets.map { ($0 - shift) / scale }
        var fitted = kernel
        var runs: [BoundedQuasiNewton.Result] = []
        if options.optimize, kernel.hyperparameterCount > 0 {
            let count = kernel.hyperparameterCount
            let optimizer = BoundedQuasiNewton(lower: Array(repeating: log(options.bounds.lowerBound), count: count),
                                               upper: Array(repeating: log(options.bounds.upperBound), count: count))
            let start = kernel
            let objective = { (theta: [Double]) -> (value: Double, gradient: [Double]) in
                let (value, gradient) = Self.logMarginalLikelihood(start.with(theta: theta), features: features,
                                                                   targets: y, alpha: options.alpha, gradient: true)
                return (-value, gradient.map { -$0 })
            }
            runs.append(optimizer.minimize(from: kernel.theta, objective))
            var generator = LearningRandom(seed: options.seed)
            for _ in 0..<options.restartCount {
                let start = (0..<count).map { _ in generator.uniform(optimizer.lower[0], optimizer.upper[0]) }
                runs.append(optimizer.minimize(from: start, objective))
            }
            // The first run with the smallest -log p wins, as numpy's argmin picks.
            var best = runs[0]
            for run in runs.dropFirst() where run.value < best.value { best = run }
            fitted = kernel.with(theta: best.point)
        }
        var matrix = fitted.covariance(features)
        for i in 0..<matrix.rowCount { matrix[i, i] += options.alpha }
        let factor: Cholesky
        do {
            factor = try matrix.cholesky()
        } catch {
            throw .invalidParameter(
                context: context, name: "kernel", value: fitted.description,
                reason: "K(X, X) + alpha·I is not positive definite (\(error)); increase alpha or add a white(...) noise term")
        }
        self.factor = factor
        self.kernel = fitted
        self.trainingFeatures = features
        self.dualCoefficients = try linearAlgebra(context) { try factor.solve(y) }
        self.optimizerRuns = runs
        let n = Double(y.count)
        logMarginalLikelihood = -0.5 * zip(y, dualCoefficients).reduce(0) { $0 + $1.0 * $1.1 }
            - 0.5 * factor.logDeterminant - n / 2 * log(2 * Double.pi)
    }

    /// `log p(y|X, θ)` and, with `gradient`, its derivatives in the log hyperparameters
    /// (scikit-learn's `log_marginal_likelihood(theta, eval_gradient=True)`). When
    /// `K + alpha·I` is not positive definite the value is `-∞` and the gradient 0, as there.
    /// - Parameter targets: y as the model sees it (already normalised).
    public static func logMarginalLikelihood(
        _ kernel: Kernel, features: Matrix, targets: [Double], alpha: Double, gradient: Bool
    ) -> (value: Double, gradient: [Double]) {
        let n = features.rowCount
        var matrix = kernel.covariance(features)
        for i in 0..<n { matrix[i, i] += alpha }
        let zeros = [Double](repeating: 0, count: kernel.hyperparameterCount)
        guard let factor = try? matrix.cholesky(), let a = try? factor.solve(targets) else { return (-.infinity, zeros) }
        let value = -0.5 * zip(targets, a).reduce(0) { $0 + $1.0 * $1.1 } - 0.5 * factor.logDeterminant
            - Double(n) / 2 * log(2 * Double.pi)
        guard gradient else { return (value, zeros) }
        guard var weights = try? factor.inverse().storage else { return (-.infinity, zeros) }
        // W = α αᵀ - K⁻¹.
        for i in 0..<n {
            for j in 0..<n { weights[i * n + j] = a[i] * a[j] - weights[i * n + j] }
        }
        return (value, kernel.gradientContractions(features, weights: weights).map { 0.5 * $0 })
    }

    /// Predictive mean and standard deviation at the rows of `[m x featureCount]` X*,
    /// in target units (scikit-learn's `predict(X, return_std=True)`).
    /// - Throws: ``LearningError/featureCountMismatch(context:name:count:expected:)``, `nonFinite`.
    public func predict(_ features: Matrix) throws(LearningError) -> (mean: [Double], standardDeviation: [Double]) {
        let context = "Gaussian-process prediction"
        try Validate.featureCount(features, expected: trainingFeatures.columnCount, name: "X", context: context)
        let cross = kernel.crossCovariance(trainingFeatures, features)  // [n x m] = K(X, X*)
        let mean = try linearAlgebra(context) { try cross.transposeMultiplied(by: dualCoefficients) }
        let v = try linearAlgebra(context) { try factor.solveLower(cross) }
        var variance = kernel.diagonal(features)
        let m = features.rowCount
        v.storage.withUnsafeBufferPointer { values in
            for i in 0..<v.rowCount {
                for j in 0..<m { variance[j] -= values[i * m + j] * values[i * m + j] }
            }
        }
        return (mean.map { $0 * targetScale + targetMean },
                variance.map { max($0, 0).squareRoot() * targetScale })
    }
}
