import Foundation
@testable import Learning
import Testing

/// The branch-free exp and log1p of the fused CGCNN convolution against glibc's.
@Suite("Logistic kernels (exp, log1p) of the fused convolution")
struct LogisticKernelTests {
    /// The polynomial exp and log1p against glibc's (correctly rounded to within 1 ulp) on a
    /// dense grid of their domains and the edges: within 4 ulp (1e-15 relative).
    @Test func logisticKernelsAgreeWithTheLibrary() {
        let wide: [Double] = (0...20000).map { -745 * Double($0) / 20000 }
        let near: [Double] = (0...20000).map { -2 * Double($0) / 20000 }
        var xs: [Double] = wide + near
        xs += [0, -0.0, -1e-300, -1e-17, -0.34657359027997264, -0.34657359027997270, -708, -707.9, -708.1, -1000, -Double.infinity]
        var ts: [Double] = (0...20000).map { Double($0) / 20000 }
        ts += [1e-300, 1e-17, 5e-324, 1]
        var observed: [Double] = [], expected: [Double] = []
        for x in xs {
            let vector = LogisticKernels.exponential(ofNonPositive: SIMD4(repeating: x))
            observed += [vector[0], vector[3]]
            let reference: Double = x < -708 ? 0 : exp(x)
            expected += [reference, reference]
        }
        for t in ts {
            let vector = LogisticKernels.logOnePlus(SIMD4(repeating: t))
            observed += [vector[0], vector[3]]
            expected += [log1p(t), log1p(t)]
        }
        expectClose(observed, expected, atol: 1e-300, rtol: 1e-15, "exp and log1p kernels")
    }

}
