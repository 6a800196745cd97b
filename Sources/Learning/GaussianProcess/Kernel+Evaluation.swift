import Foundation
import LinearAlgebra

/// Covariance matrices and the gradient of a contraction with them.
///
/// Distances are taken from exact coordinate differences, `Σ_d ((x_d - x'_d)/l_d)²`, as
/// scikit-learn's `pdist`/`cdist` do (not the `|x|² + |x'|² - 2x·x'` shortcut, whose
/// cancellation would make nearby points' covariances less accurate).
extension Kernel {
    /// `K(X, X)`, `[n x n]` for `[n x featureCount]` X, white noise on the diagonal.
    /// - Precondition: the kernel is valid for X's feature count (``validate(featureCount:context:)``).
    public func covariance(_ x: Matrix) -> Matrix {
        Matrix(rowCount: x.rowCount, columnCount: x.rowCount, exactStorage: values(x, nil))
    }

    /// `K(A, B)`, `[a x b]` for rows of A and B; a white-noise term contributes 0.
    public func crossCovariance(_ a: Matrix, _ b: Matrix) -> Matrix {
        Matrix(rowCount: a.rowCount, columnCount: b.rowCount, exactStorage: values(a, b))
    }

    /// `diag K(X, X)`, `n` values, white noise included (scikit-learn's `kernel.diag(X)`).
    public func diagonal(_ x: Matrix) -> [Double] {
        switch self {
        case .constant(let value): return Array(repeating: value, count: x.rowCount)
        case .rbf, .matern: return Array(repeating: 1, count: x.rowCount)
        case .white(let noise): return Array(repeating: noise, count: x.rowCount)
        case .sum(let p, let q): return zip(p.diagonal(x), q.diagonal(x)).map { $0 + $1 }
        case .product(let p, let q): return zip(p.diagonal(x), q.diagonal(x)).map { $0 * $1 }
        }
    }

    /// `Σ_ij W_ij ∂K(X, X)_ij / ∂θ_k` for every log-hyperparameter θ_k, in ``theta`` order.
    ///
    /// The gradient of the log marginal likelihood is half of this with
    /// `W = α αᵀ - K⁻¹`; contracting term by term never stores the `[n x n x θ]` gradient
    /// tensor that scikit-learn builds. For a product, `∂(K₁ ∘ K₂) = ∂K₁ ∘ K₂ + K₁ ∘ ∂K₂`, so
    /// each factor is contracted with `W ∘` the other factor's matrix.
    /// - Parameter weights: W, `n x n` row-major, symmetric (stationary terms use only i < j).
    public func gradientContractions(_ x: Matrix, weights: [Double]) -> [Double] {
        let n = x.rowCount
        switch self {
        case .constant(let value):
            return [value * weights.reduce(0, +)]
        case .white(let noise):
            return [noise * (0..<n).reduce(0.0) { $0 + weights[$1 * n + $1] }]
        case .rbf(let scales):
            return stationaryContractions(x, scales: scales, weights: weights) { _, _, k in k }
        case .matern(let scales, let nu):
            switch nu {
            case .half:
                return stationaryContractions(x, scales: scales, weights: weights) { _, r, k in r > 0 ? k / r : 0 }
            case .threeHalves:
                return stationaryContractions(x, scales: scales, weights: weights) { _, r, _ in 3 * exp(-3.0.squareRoot() * r) }
            case .fiveHalves:
                return stationaryContractions(x, scales: scales, weights: weights) { _, r, _ in
                    let a = 5.0.squareRoot() * r
                    return 5.0 / 3.0 * (1 + a) * exp(-a)
                }
            }
        case .sum(let p, let q):
            return p.gradientContractions(x, weights: weights) + q.gradientContractions(x, weights: weights)
        case .product(let p, let q):
            let (kp, kq) = (p.values(x, nil), q.values(x, nil))
            let weightedByQ = zip(weights, kq).map { $0 * $1 }
            let weightedByP = zip(weights, kp).map { $0 * $1 }
            return p.gradientContractions(x, weights: weightedByQ) + q.gradientContractions(x, weights: weightedByP)
        }
    }

    /// Row-major values of `K(A, B)`, or of `K(A, A)` with white noise when `b` is nil.
    func values(_ a: Matrix, _ b: Matrix?) -> [Double] {
        let (rows, columns) = (a.rowCount, b?.rowCount ?? a.rowCount)
        switch self {
        case .constant(let value):
            return Array(repeating: value, count: rows * columns)
        case .white(let noise):
            var result = [Double](repeating: 0, count: rows * columns)
            if b == nil { for i in 0..<rows { result[i * columns + i] = noise } }
            return result
        case .rbf(let scales):
            return stationaryValues(a, b, scales: scales) { exp(-0.5 * $0) }
        case .matern(let scales, let nu):
            switch nu {
            case .half:
                return stationaryValues(a, b, scales: scales) { exp(-$0.squareRoot()) }
            case .threeHalves:
                return stationaryValues(a, b, scales: scales) {
                    let s = (3 * $0).squareRoot()
                    return (1 + s) * exp(-s)
                }
            case .fiveHalves:
                return stationaryValues(a, b, scales: scales) {
                    let s = (5 * $0).squareRoot()
                    return (1 + s + s * s / 3) * exp(-s)
                }
            }
        case .sum(let p, let q):
            var result = p.values(a, b)
            let other = q.values(a, b)
            for index in result.indices { result[index] += other[index] }
            return result
        case .product(let p, let q):
            var result = p.values(a, b)
            let other = q.values(a, b)
            for index in result.indices { result[index] *= other[index] }
            return result
        }
    }

    /// `f(r²)` for every pair, `r² = Σ_d ((a_d - b_d)/l_d)²`; for `b == nil` the upper
    /// triangle is computed and mirrored, and the diagonal is `f(0)`.
    private func stationaryValues(_ a: Matrix, _ b: Matrix?, scales: [Double], _ f: (Double) -> Double) -> [Double] {
        let p = a.columnCount
        let inverse = scales.count == 1 ? Array(repeating: 1 / scales[0], count: p) : scales.map { 1 / $0 }
        let scaledA = scaled(a, inverse)
        let scaledB = b.map { scaled($0, inverse) }
        let (rows, columns) = (a.rowCount, b?.rowCount ?? a.rowCount)
        var result = [Double](repeating: 0, count: rows * columns)
        let atZero = f(0)
        scaledA.withUnsafeBufferPointer { xa in
            (scaledB ?? scaledA).withUnsafeBufferPointer { xb in
                result.withUnsafeMutableBufferPointer { out in
                    for i in 0..<rows {
                        let start = b == nil ? i + 1 : 0
                        if b == nil { out[i * columns + i] = atZero }
                        for j in start..<columns {
                            var squared = 0.0
                            for d in 0..<p {
                                let difference = xa[i * p + d] - xb[j * p + d]
                                squared += difference * difference
                            }
                            let value = f(squared)
                            out[i * columns + j] = value
                            if b == nil { out[j * columns + i] = value }
                        }
                    }
                }
            }
        }
        return result
    }

    /// `2 Σ_{i<j} W_ij g(r²_ij, r_ij, k_ij) D_ij` per log length scale, where `D = r²`
    /// (isotropic) or `D = ((x_id - x_jd)/l_d)²` for each feature d (ARD), and
    /// `∂k/∂log l_d = g · D_d`; the diagonal (r = 0) contributes nothing.
    private func stationaryContractions(
        _ x: Matrix, scales: [Double], weights: [Double], _ g: (Double, Double, Double) -> Double
    ) -> [Double] {
        let (n, p) = (x.rowCount, x.columnCount)
        let isotropic = scales.count == 1
        let inverse = isotropic ? Array(repeating: 1 / scales[0], count: p) : scales.map { 1 / $0 }
        let kernelValue = values(x, nil)
        let scaledX = scaled(x, inverse)
        var sums = [Double](repeating: 0, count: scales.count)
        scaledX.withUnsafeBufferPointer { xs in
            weights.withUnsafeBufferPointer { w in
                kernelValue.withUnsafeBufferPointer { k in
                    sums.withUnsafeMutableBufferPointer { acc in
                        for i in 0..<n {
                            for j in (i + 1)..<n {
                                let weight = w[i * n + j]
                                if weight == 0 { continue }
                                var squared = 0.0
                                for d in 0..<p {
                                    let difference = xs[i * p + d] - xs[j * p + d]
                                    squared += difference * difference
                                }
                                let factor = 2 * weight * g(squared, squared.squareRoot(), k[i * n + j])
                                if isotropic {
                                    acc[0] += factor * squared
                                } else {
                                    for d in 0..<p {
                                        let difference = xs[i * p + d] - xs[j * p + d]
                                        acc[d] += factor * difference * difference
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return sums
    }

    private func scaled(_ x: Matrix, _ inverseScales: [Double]) -> [Double] {
        var result = x.storage
        let p = x.columnCount
        for index in result.indices { result[index] *= inverseScales[index % p] }
        return result
    }
}
