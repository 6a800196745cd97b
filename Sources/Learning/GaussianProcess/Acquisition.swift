import Foundation

/// Acquisition functions of Bayesian optimisation, from a Gaussian predictive distribution
/// (mean μ, standard deviation σ, as ``GaussianProcessRegressor/predict(_:)`` returns) and the
/// best target seen so far, the incumbent `y⁺`. Jones, Schonlau & Welch, J. Global Optim. 13,
/// 455 (1998), doi:10.1023/A:1008306431147 (expected improvement); Kushner (1964) (probability
/// of improvement); Srinivas et al., ICML 2010, arXiv:0912.3995 (upper confidence bound).
///
/// With `I = μ - y⁺ - ξ` when maximising and `I = y⁺ - μ - ξ` when minimising, `z = I/σ`:
/// - ``expectedImprovement``: `I Φ(z) + σ φ(z)`;
/// - ``probabilityOfImprovement``: `Φ(z)`;
/// - ``upperConfidenceBound``: `μ + κσ` when maximising, `μ - κσ` (the lower confidence bound,
///   to be minimised) when minimising.
/// At σ = 0 the values are the limits σ → 0⁺: EI = max(I, 0), PI = 1 if I > 0 else 0.
/// Larger EI and PI are better in both directions. The values agree with the same formulas
/// evaluated with scipy.stats.norm to `1e-12` relative (Tests/Fixtures/learning/gp.json).
public enum Acquisition: Hashable, Sendable {
    /// ξ >= 0, in target units: how much better than the incumbent counts as improvement.
    case expectedImprovement(incumbent: Double, xi: Double)
    case probabilityOfImprovement(incumbent: Double, xi: Double)
    /// κ >= 0, in standard deviations.
    case upperConfidenceBound(kappa: Double)

    /// One value per point.
    /// - Parameters:
    ///   - mean: μ, target units; standardDeviation: σ >= 0, the same count.
    ///   - minimize: true when smaller targets are better.
    public func values(mean: [Double], standardDeviation: [Double], minimize: Bool) -> [Double] {
        zip(mean, standardDeviation).map { mu, sigma in
            switch self {
            case .upperConfidenceBound(let kappa):
                return minimize ? mu - kappa * sigma : mu + kappa * sigma
            case .expectedImprovement(let incumbent, let xi), .probabilityOfImprovement(let incumbent, let xi):
                let improvement = minimize ? incumbent - mu - xi : mu - incumbent - xi
                let isExpected: Bool
                if case .expectedImprovement = self { isExpected = true } else { isExpected = false }
                guard sigma > 0 else {
                    return isExpected ? max(improvement, 0) : (improvement > 0 ? 1 : 0)
                }
                let z = improvement / sigma
                let cdf = 0.5 * erfc(-z / 2.0.squareRoot())
                guard isExpected else { return cdf }
                let pdf = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
                return improvement * cdf + sigma * pdf
            }
        }
    }
}
