import Foundation

/// `exp(x)` on four lanes at once, for the SOAP expansions' many Gaussians (the GTO expansion
/// evaluates `n_max (l_max + 1)` of them per neighbor and center).
///
/// Method (Cody and Waite's range reduction, as in fdlibm): `x = n ln 2 + r` with n an integer
/// and |r| <= ln 2 / 2, ln 2 split in a head with trailing zero bits (so `n * head` is exact)
/// and a tail; `exp(r)` by its Taylor series to degree 13 (truncation error below 5e-18
/// relative) evaluated by Estrin's scheme (short dependency chains); then scaled by
/// `2^n1 2^n2` (n1 + n2 = n, both built from exponent bits) so that results below the normal
/// range underflow gracefully to subnormals and 0. Branch-free: arguments are clamped to
/// [-1400, 709]. Accuracy: within 2 ulp of `Foundation.exp` on [-708, 709]
/// (`SOAPDescriptorTests` checks it), subnormal results within 1e-300 absolute.
@inline(__always)
func vectorExp(_ input: SIMD4<Double>) -> SIMD4<Double> {
    // Lane by lane: the generic pointwiseMin/Max are not inlined.
    @inline(__always) func clamp(_ v: Double) -> Double { v < -1400 ? -1400 : (v > 709 ? 709 : v) }
    return vectorExpInRange(SIMD4(clamp(input[0]), clamp(input[1]), clamp(input[2]), clamp(input[3])))
}

/// ``vectorExp(_:)`` for arguments the caller knows to lie in [-1400, 709] (no clamping).
@inline(__always)
func vectorExpInRange(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let magic = SIMD4<Double>(repeating: 6_755_399_441_055_744.0)  // 1.5 x 2^52: rounds to an integer
    let n = (x * SIMD4(repeating: 1.44269504088896338700e+00) + magic) - magic
    let r = (x - n * SIMD4(repeating: 6.93147180369123816490e-01)) - n * SIMD4(repeating: 1.90821492927058770002e-10)
    let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
    // Pairs c_2i + c_(2i+1) r of the Taylor coefficients 1/k!.
    let q0 = SIMD4<Double>(repeating: 1) + r
    let q1 = SIMD4<Double>(repeating: 1.0 / 2) + r * SIMD4(repeating: 1.0 / 6)
    let q2 = SIMD4<Double>(repeating: 1.0 / 24) + r * SIMD4(repeating: 1.0 / 120)
    let q3 = SIMD4<Double>(repeating: 1.0 / 720) + r * SIMD4(repeating: 1.0 / 5040)
    let q4 = SIMD4<Double>(repeating: 1.0 / 40320) + r * SIMD4(repeating: 1.0 / 362880)
    let q5 = SIMD4<Double>(repeating: 1.0 / 3628800) + r * SIMD4(repeating: 1.0 / 39916800)
    let q6 = SIMD4<Double>(repeating: 1.0 / 479001600) + r * SIMD4(repeating: 1.0 / 6227020800)
    let s0 = q0 + r2 * q1, s1 = q2 + r2 * q3, s2 = q4 + r2 * q5
    let t0 = s0 + r4 * s1, t1 = s2 + r4 * q6
    let p = t0 + r8 * t1
    // 2^n as 2^n1 x 2^n2, each a normal number for n in [-2020, 1023].
    let n1 = ((n * SIMD4(repeating: 0.5)) + magic) - magic
    let n2 = n - n1
    let bias = SIMD4<Double>(repeating: 4_503_599_627_371_519.0)  // 2^52 + 1023
    let scale1 = unsafeBitCast(unsafeBitCast(n1 + bias, to: SIMD4<UInt64>.self) &<< 52, to: SIMD4<Double>.self)
    let scale2 = unsafeBitCast(unsafeBitCast(n2 + bias, to: SIMD4<UInt64>.self) &<< 52, to: SIMD4<Double>.self)
    return p * scale1 * scale2
}
