import Foundation
import LinearAlgebra

/// DScribe's Gaussian-type-orbital radial basis and the constants of its analytic expansion.
///
/// Primitive functions `r^l exp(-alpha_kl r^2)`, k = 0..<nMax, with `alpha_kl =
/// -ln(0.001 / a_k^l) / a_k^2` for `a = linspace(1, r_cut, nMax)` Angstrom (each primitive
/// falls to 1e-3 at its a_k); overlap `S_ij = Gamma(l + 3/2) / 2 (alpha_il + alpha_jl)^-(l+3/2)`;
/// `g_nl = sum_k beta_nkl r^l exp(-alpha_kl r^2)` with `beta_l = S^(-1/2)` (Loewdin), as
/// DScribe's `SOAP.get_basis_gto`.
///
/// The expansion of one Gaussian `exp(-|r - r_i|^2 / (2 sigma^2))` (eta = 1 / (2 sigma^2))
/// on `g_nl Y_lm` is closed-form (the radial integral of `r^(l+2) exp(-a r^2) i_l(b r)`):
/// `c_nlm = pi^(3/2) sum_k beta_nkl eta^(-3/2) (1 + alpha_kl / eta)^-(l+3/2)
///  exp(-alpha_kl r_i^2 / (1 + alpha_kl / eta)) r_i^l Y_lm(r^_i)`.
/// This type holds `exponent[l][k] = -alpha_kl / (1 + alpha_kl / eta)` (1/Angstrom^2) and
/// `weight[l][n][k] = pi^(3/2) beta_nkl eta^(-3/2) (1 + alpha_kl / eta)^-(l+3/2)`.
struct SOAPGTOBasis: Sendable {
    let nMax: Int
    let lMax: Int
    /// alpha_kl, 1/Angstrom^2, `[(lMax + 1) x nMax]` row-major.
    let alphas: [Double]
    /// beta_nkl, `[(lMax + 1) x nMax x nMax]`.
    let betas: [Double]
    /// `-alpha / (1 + alpha / eta)`, `[(lMax + 1) x nMax]`.
    let exponents: [Double]
    /// ``exponents`` in groups of four lanes per l, zero-padded: `[(lMax + 1) x chunkCount]`.
    let paddedExponents: [SIMD4<Double>]
    /// True when some exponent x r^2 within the cutoff could leave ``vectorExpInRange(_:)``'s range.
    let exponentsNeedClamping: Bool
    /// Groups of four primitives: `(nMax + 3) / 4`.
    var chunkCount: Int { (nMax + 3) / 4 }
    /// `[(lMax + 1) x nMax x nMax]`: row n, column k.
    let weights: [Double]
    /// The same, transposed per l: `[(lMax + 1) x nMax x nMax]`, row k, column n.
    let transposedWeights: [Double]

    init(cutoffRadius: Double, nMax: Int, lMax: Int, sigma: Double) throws {
        self.nMax = nMax
        self.lMax = lMax
        // numpy.linspace(1, r_cut, nMax): start + k * step, the last point exactly r_cut.
        let step = nMax > 1 ? (cutoffRadius - 1) / Double(nMax - 1) : 0
        let decay = (0..<nMax).map { k in k == nMax - 1 && nMax > 1 ? cutoffRadius : Double(k) * step + 1 }
        var alphas = [Double](), betas = [Double]()
        for l in 0...lMax {
            let alpha = decay.map { a in -log(SOAPDescriptor.gaussianThreshold / pow(a, Double(l))) / (a * a) }
            alphas += alpha
            // The overlap in extended precision (its conditioning, not its size, is the issue).
            let gammaFactor = WideReal(tgamma(Double(l) + 1.5)) / 2
            var overlap = [WideReal](repeating: 0, count: nMax * nMax)
            for i in 0..<nMax {
                for j in 0..<nMax {
                    let sum = WideReal(alpha[i]) + WideReal(alpha[j])
                    overlap[i * nMax + j] = gammaFactor * Self.power(sum, -(WideReal(l) + 1.5))
                }
            }
            guard let beta = Lowdin.inverseSquareRoot(overlap, size: nMax) else {
                throw DescriptorsError.invalidOption(
                    name: "n_max", value: String(nMax),
                    reason: "the gto radial basis cannot be orthonormalised in real numbers for r_cut \(cutoffRadius) A, n_max \(nMax) (l = \(l)); lower n_max or raise r_cut, as DScribe advises")
            }
            betas += beta
        }
        self.alphas = alphas
        self.betas = betas
        let eta = 1 / (2 * sigma * sigma)
        var exponents = [Double](repeating: 0, count: (lMax + 1) * nMax)
        var weights = [Double](repeating: 0, count: (lMax + 1) * nMax * nMax)
        let piThreeHalves = Double.pi * Double.pi.squareRoot()
        for l in 0...lMax {
            for k in 0..<nMax {
                let alpha = alphas[l * nMax + k]
                let ratio = 1 / (1 + alpha / eta)
                exponents[l * nMax + k] = -alpha * ratio
                let factor = piThreeHalves * pow(1 / eta, 1.5) * pow(ratio, Double(l) + 1.5)
                for n in 0..<nMax {
                    weights[(l * nMax + n) * nMax + k] = factor * betas[(l * nMax + n) * nMax + k]
                }
            }
        }
        self.exponents = exponents
        self.weights = weights
        let chunks = (nMax + 3) / 4
        var padded = [SIMD4<Double>](repeating: .zero, count: (lMax + 1) * chunks)
        for l in 0...lMax {
            for k in 0..<nMax { padded[l * chunks + k / 4][k % 4] = exponents[l * nMax + k] }
        }
        paddedExponents = padded
        // Arguments exponent x r^2 reach at most min(exponent) x (r_cut + padding)^2.
        let reach = cutoffRadius + sigma * (-2 * log(SOAPDescriptor.gaussianThreshold)).squareRoot()
        exponentsNeedClamping = (exponents.min() ?? 0) * reach * reach * 1.01 < -1400
        var transposed = weights
        for l in 0...lMax {
            for n in 0..<nMax {
                for k in 0..<nMax { transposed[(l * nMax + k) * nMax + n] = weights[(l * nMax + n) * nMax + k] }
            }
        }
        transposedWeights = transposed
    }

    /// `x^y` for x > 0 in extended precision.
    static func power(_ x: WideReal, _ y: WideReal) -> WideReal {
        #if arch(x86_64) || arch(i386)
        return Foundation.exp(y * Foundation.log(x))
        #else
        return pow(x, y)
        #endif
    }
}

/// DScribe's polynomial radial basis on its integration grid.
///
/// Primitive functions `(r_cut - r)^(k+2)`, k = 1...nMax, on [0, r_cut], overlap (weight r^2)
/// `S_ij = 2 r_cut^(7+i+j) / ((5+i+j)(6+i+j)(7+i+j))`, orthonormalised by `S^(-1/2)`
/// (Loewdin), and tabulated at the 100 Gauss-Legendre nodes mapped to [0, r_cut], as
/// DScribe's `SOAP.get_basis_poly`. The nodes are computed here (Newton's method on P_100 in
/// extended precision) and agree with DScribe's tabulated ones to the last bit or one ulp.
///
/// Tolerance: S is badly conditioned (about 1e9 at n_max = 5, 1e13 at 6, 1e17 at 8), and
/// DScribe's `sqrtm(inv(S))` carries an error of about cond(S) x 1e-16 relative (measured:
/// its basis is orthonormal on the grid to 7e-11 at n_max = 5, 6e-6 at n_max = 8). This
/// kernel computes S^(-1/2) in extended precision, so the two agree to roughly that error.
/// The fixtures record DScribe's orthonormality error per case and the tests derive their
/// tolerance from it.
struct SOAPPolynomialBasis: Sendable {
    static let nodeCount = 100
    let nMax: Int
    let cutoffRadius: Double
    /// Radial grid r_w, Angstrom, `[100]`, increasing in (0, r_cut).
    let nodes: [Double]
    /// 1 / r_w, 1/Angstrom, `[100]`.
    let inverseNodes: [Double]
    /// Gauss-Legendre weights on [-1, 1], `[100]`.
    let nodeWeights: [Double]
    /// Orthonormal basis values g_n(r_w), `[nMax x 100]`.
    let values: [Double]
    /// `r_w^2 w_w g_n(r_w)`, the quadrature of `r^2 g_n(r) f(r)` (without the r_cut / 2 of
    /// the mapping), `[100 x nMax]` (column n), ready for a matrix product.
    let quadrature: [Double]
    /// ``quadrature`` as a `[100 x nMax]` matrix.
    let quadratureMatrix: Matrix
    /// Contribution of one atom at the center to c_n00 (before the overall factor):
    /// `sum_w r_w^2 w_w g_n(r_w) exp(-eta r_w^2) / (2 sqrt(pi))`, `[nMax]`.
    let centerTerm: [Double]

    init(cutoffRadius: Double, nMax: Int, sigma: Double) throws {
        self.nMax = nMax
        self.cutoffRadius = cutoffRadius
        let (x, w) = GaussLegendre.rule(Self.nodeCount)
        nodeWeights = w
        nodes = x.map { cutoffRadius * 0.5 * ($0 + 1) }
        inverseNodes = nodes.map { 1 / $0 }
        let rc = WideReal(cutoffRadius)
        var overlap = [WideReal](repeating: 0, count: nMax * nMax)
        for i in 1...nMax {
            for j in 1...nMax {
                var power: WideReal = 1
                for _ in 0..<(7 + i + j) { power *= rc }
                overlap[(i - 1) * nMax + (j - 1)] = 2 * power / WideReal((5 + i + j) * (6 + i + j) * (7 + i + j))
            }
        }
        guard let beta = Lowdin.inverseSquareRoot(overlap, size: nMax) else {
            throw DescriptorsError.invalidOption(
                name: "n_max", value: String(nMax),
                reason: "the polynomial radial basis cannot be orthonormalised in real numbers for r_cut \(cutoffRadius) A, n_max \(nMax); lower n_max, as DScribe advises")
        }
        var values = [Double](repeating: 0, count: nMax * Self.nodeCount)
        for n in 0..<nMax {
            for point in 0..<Self.nodeCount {
                var sum = 0.0
                for k in 0..<nMax {
                    let base = cutoffRadius - min(max(nodes[point], 0), cutoffRadius)
                    sum += beta[n * nMax + k] * pow(base, Double(k + 3))
                }
                values[n * Self.nodeCount + point] = sum
            }
        }
        self.values = values
        let eta = 1 / (2 * sigma * sigma)
        var quadrature = [Double](repeating: 0, count: Self.nodeCount * nMax)
        var centerTerm = [Double](repeating: 0, count: nMax)
        let inverseTwoSqrtPi = 0.5 / Double.pi.squareRoot()
        for point in 0..<Self.nodeCount {
            let r2 = nodes[point] * nodes[point]
            for n in 0..<nMax {
                let q = r2 * w[point] * values[n * Self.nodeCount + point]
                quadrature[point * nMax + n] = q
                centerTerm[n] += inverseTwoSqrtPi * q * exp(-eta * r2)
            }
        }
        self.quadrature = quadrature
        quadratureMatrix = try Matrix(rowCount: Self.nodeCount, columnCount: nMax, storage: quadrature)
        self.centerTerm = centerTerm
    }
}

/// Gauss-Legendre quadrature on [-1, 1].
enum GaussLegendre {
    /// Nodes (increasing) and weights of the n-point rule: the roots of the Legendre
    /// polynomial P_n by Newton's method from Tricomi's estimate, in extended precision, and
    /// `w = 2 / ((1 - x^2) P_n'(x)^2)`.
    static func rule(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        var nodes = [Double](repeating: 0, count: n), weights = [Double](repeating: 0, count: n)
        for i in 0..<((n + 1) / 2) {
            var x = WideReal(cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5)))
            var derivative: WideReal = 1
            for _ in 0..<100 {
                let (p, dp) = legendre(n, x)
                derivative = dp
                let dx = p / dp
                x -= dx
                if abs(dx) <= WideReal.ulpOfOne * abs(x) { break }
            }
            derivative = legendre(n, x).1
            let weight = Double(2 / ((1 - x * x) * derivative * derivative))
            nodes[i] = -Double(x)
            nodes[n - 1 - i] = Double(x)
            weights[i] = weight
            weights[n - 1 - i] = weight
        }
        return (nodes, weights)
    }

    /// P_n(x) and P_n'(x) by the three-term recurrence.
    static func legendre(_ n: Int, _ x: WideReal) -> (WideReal, WideReal) {
        var p0: WideReal = 1, p1 = x
        if n == 0 { return (1, 0) }
        for k in 2...max(2, n) where n >= 2 {
            let p2 = (WideReal(2 * k - 1) * x * p1 - WideReal(k - 1) * p0) / WideReal(k)
            p0 = p1
            p1 = p2
        }
        let derivative = WideReal(n) * (x * p1 - p0) / (x * x - 1)
        return (p1, derivative)
    }
}
