import Foundation

#if arch(x86_64) || arch(i386)
/// Extended precision (64-bit significand) where the hardware has it.
typealias WideReal = Float80
#else
typealias WideReal = Double
#endif

/// Loewdin orthonormalisation: the symmetric inverse square root `S^(-1/2)` of an overlap
/// matrix, as DScribe obtains it with `scipy.linalg.sqrtm(inv(S))`.
///
/// The overlap matrices of both SOAP radial bases are badly conditioned (the polynomial one
/// reaches 1e9 at n_max = 5 and 1e17 at n_max = 8), and a double-precision eigensolver loses
/// the smallest eigenvalues' relative accuracy: `S^(-1/2)` from LAPACK's `dsyevd` breaks
/// orthonormality by 2e-7 at n_max = 5, where DScribe's `sqrtm(inv(S))` stays within 7e-11.
/// So the eigendecomposition runs in extended precision (Float80 on x86; Double elsewhere)
/// with cyclic Jacobi rotations, which are accurate for small symmetric matrices, and only the
/// result is rounded to Double. The matrices are at most n_max x n_max; this costs nothing.
enum Lowdin {
    /// `S^(-1/2)` of the symmetric `[n x n]` row-major `overlap`, or nil when `S` is not
    /// positive definite in floating point (DScribe then refuses: the root would be complex).
    static func inverseSquareRoot(_ overlap: [WideReal], size n: Int) -> [Double]? {
        var a = overlap
        var v = [WideReal](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        // Sweeps until every off-diagonal element is negligible next to its diagonal pair
        // (the relative criterion that keeps small eigenvalues accurate).
        for _ in 0..<60 {
            var rotations = 0
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    if abs(apq) <= WideReal.ulpOfOne * (abs(a[p * n + p] * a[q * n + q])).squareRoot() {
                        a[p * n + q] = 0
                        a[q * n + p] = 0
                        continue
                    }
                    rotations += 1
                    let app = a[p * n + p], aqq = a[q * n + q]
                    let theta = (aqq - app) / (2 * apq)
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
            if rotations == 0 { break }
        }
        var scale = [WideReal](repeating: 0, count: n)
        for i in 0..<n {
            let eigenvalue = a[i * n + i]
            guard eigenvalue > 0, eigenvalue.isFinite else { return nil }
            scale[i] = 1 / eigenvalue.squareRoot()
        }
        var result = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var sum: WideReal = 0
                for k in 0..<n { sum += v[i * n + k] * scale[k] * v[j * n + k] }
                result[i * n + j] = Double(sum)
            }
        }
        return result
    }
}
