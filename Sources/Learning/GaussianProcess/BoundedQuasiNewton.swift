/// A bound-constrained limited-memory quasi-Newton minimiser: projected L-BFGS in the spirit
/// of L-BFGS-B (Byrd, Lu, Nocedal & Zhu, SIAM J. Sci. Comput. 16, 1190 (1995),
/// doi:10.1137/0916069), with scipy's `fmin_l_bfgs_b` stopping rules, which is what
/// scikit-learn's `GaussianProcessRegressor` uses to maximise the log marginal likelihood.
///
/// Each iteration:
/// 1. variables at a bound whose gradient points out of the box are held fixed (the active
///    set); the others are free;
/// 2. the direction is the two-loop L-BFGS product `-H g` over the free variables (memory of
///    `memory` pairs; pairs with `sᵀy <= ε yᵀy` are skipped, as in L-BFGS-B); a direction that is
///    not downhill resets the memory and falls back to steepest descent;
/// 3. a backtracking search along the projected path `P(x + α d)` accepts the first α (from 1,
///    or `1/‖d‖∞` when the memory is empty) with `f(x_α) <= f(x) + 10⁻⁴ gᵀ(x_α - x)`; a
///    non-finite `f` counts as a failure and halves α.
///
/// It stops (converged) when the projected gradient `‖P(x - g) - x‖∞ <= gradientTolerance`
/// (scipy's `pgtol`, default 1e-5) or the relative reduction
/// `(f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) <= relativeReductionTolerance` (scipy's
/// `factr·ε = 1e7·2.2e-16`), and otherwise after `maxIterations` or when the line search fails.
/// It does not reproduce scipy's generalised Cauchy point and subspace minimisation step for
/// step; on a smooth problem with one minimum inside the box both reach the same point to
/// within the stopping tolerances.
public struct BoundedQuasiNewton: Sendable {
    /// Result of ``minimize(from:_:)``.
    public struct Result: Sendable {
        public let point: [Double]
        public let value: Double
        public let gradient: [Double]
        public let iterationCount: Int
        public let evaluationCount: Int
        /// True when a stopping rule (not the iteration limit or a failed line search) ended it.
        public let converged: Bool
    }

    public var lower: [Double]
    public var upper: [Double]
    public var memory = 10
    public var gradientTolerance = 1e-5
    public var relativeReductionTolerance = 1e7 * Double.ulpOfOne
    public var maxIterations = 15_000
    public var maxLineSearchSteps = 20

    /// - Parameters: lower, upper: the box, one entry per variable, `lower <= upper`.
    public init(lower: [Double], upper: [Double]) {
        precondition(lower.count == upper.count, "bounds of different lengths")
        self.lower = lower
        self.upper = upper
    }

    /// Minimises `objective` (value and gradient) from `start`, projected into the box.
    public func minimize(from start: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])) -> Result {
        let n = lower.count
        var x = project(start)
        var (f, g) = objective(x)
        var evaluations = 1
        var pairs: [(s: [Double], y: [Double], rho: Double)] = []
        var iteration = 0
        var converged = false
        while iteration < maxIterations {
            if projectedGradientNorm(x, g) <= gradientTolerance {
                converged = true
                break
            }
            iteration += 1
            let free = (0..<n).map { i in !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0)) }
            var direction = twoLoop(g, free: free, pairs: pairs)
            var slope = zip(direction, g).reduce(0) { $0 + $1.0 * $1.1 }
            if !(slope < 0) {
                pairs.removeAll()
                direction = (0..<n).map { free[$0] ? -g[$0] : 0 }
                slope = zip(direction, g).reduce(0) { $0 + $1.0 * $1.1 }
                if !(slope < 0) { break }
            }
            var accepted: (x: [Double], f: Double, g: [Double])?
            var tries = 0
            while accepted == nil {
                let largest = direction.reduce(0) { max($0, abs($1)) }
                var step = pairs.isEmpty ? min(1, 1 / largest) : 1
                for _ in 0..<maxLineSearchSteps {
                    let candidate = project(zip(x, direction).map { $0 + step * $1 })
                    if candidate == x { break }
                    let (fc, gc) = objective(candidate)
                    evaluations += 1
                    let decrease = zip(g, zip(candidate, x)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
                    if fc.isFinite, fc <= f + 1e-4 * decrease {
                        accepted = (candidate, fc, gc)
                        break
                    }
                    step *= 0.5
                }
                tries += 1
                if accepted != nil || pairs.isEmpty || tries > 1 { break }
                // Retry once as steepest descent with a fresh memory.
                pairs.removeAll()
                direction = (0..<n).map { free[$0] ? -g[$0] : 0 }
            }
            guard let (xNew, fNew, gNew) = accepted else { break }
            let s = zip(xNew, x).map { $0 - $1 }
            let y = zip(gNew, g).map { $0 - $1 }
            let sy = zip(s, y).reduce(0) { $0 + $1.0 * $1.1 }
            let yy = y.reduce(0) { $0 + $1 * $1 }
            if sy > Double.ulpOfOne * yy {
                pairs.append((s, y, 1 / sy))
                if pairs.count > memory { pairs.removeFirst() }
            }
            let reduction = (f - fNew) / max(abs(f), abs(fNew), 1)
            (x, f, g) = (xNew, fNew, gNew)
            if reduction <= relativeReductionTolerance {
                converged = true
                break
            }
        }
        return Result(point: x, value: f, gradient: g, iterationCount: iteration, evaluationCount: evaluations,
                      converged: converged)
    }

    private func project(_ x: [Double]) -> [Double] {
        x.indices.map { min(max(x[$0], lower[$0]), upper[$0]) }
    }

    private func projectedGradientNorm(_ x: [Double], _ g: [Double]) -> Double {
        x.indices.reduce(0) { norm, i in
            let moved = min(max(x[i] - g[i], lower[i]), upper[i])
            return max(norm, abs(moved - x[i]))
        }
    }

    /// `-H g` restricted to the free variables (the two-loop recursion, Nocedal & Wright,
    /// *Numerical Optimization*, 2nd ed., Algorithm 7.4), with the initial scaling `sᵀy / yᵀy`.
    private func twoLoop(_ g: [Double], free: [Bool], pairs: [(s: [Double], y: [Double], rho: Double)]) -> [Double] {
        let mask = { (v: [Double]) in v.indices.map { free[$0] ? v[$0] : 0 } }
        var q = mask(g)
        var alphas = [Double](repeating: 0, count: pairs.count)
        for k in pairs.indices.reversed() {
            let s = mask(pairs[k].s)
            alphas[k] = pairs[k].rho * zip(s, q).reduce(0) { $0 + $1.0 * $1.1 }
            for i in q.indices { q[i] -= alphas[k] * (free[i] ? pairs[k].y[i] : 0) }
        }
        if let last = pairs.last {
            let y = mask(last.y)
            let yy = y.reduce(0) { $0 + $1 * $1 }
            let sy = zip(mask(last.s), y).reduce(0) { $0 + $1.0 * $1.1 }
            let gamma = yy > 0 && sy > 0 ? sy / yy : 1
            for i in q.indices { q[i] *= gamma }
        }
        for k in pairs.indices {
            let beta = pairs[k].rho * zip(mask(pairs[k].y), q).reduce(0) { $0 + $1.0 * $1.1 }
            for i in q.indices where free[i] { q[i] += (alphas[k] - beta) * pairs[k].s[i] }
        }
        return q.map { -$0 }
    }
}
