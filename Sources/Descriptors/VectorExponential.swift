import Foundation

/// `exp(x)` on four lanes at once, for the SOAP expansions' many Gaussians (the GTO expansion
/// evaluates `n_max (l_max + 1)` of them per neighbor and center).
///
/// Method (Cody and Waite's range reduction with a table, as in fdlibm and Tang's method):
/// see ``vectorExpInRange(_:)``; the result is scaled by `2^n1 2^n2` (n1 + n2 = n, each a
/// normal power of two built from exponent bits) so that results below the normal range
/// underflow gracefully to subnormals and 0. Arguments are clamped to [-1400, 709] first.
/// Accuracy: within 2 ulp of `Foundation.exp` on [-708, 709] (`SOAPDescriptorTests` checks
/// it), subnormal results within a few multiples of the smallest subnormal.
@inline(__always)
func vectorExp(_ input: SIMD4<Double>) -> SIMD4<Double> {
    // Lane by lane: the generic pointwiseMin/Max are not inlined.
    @inline(__always) func clamp(_ v: Double) -> Double { v < -1400 ? -1400 : (v > 709 ? 709 : v) }
    return vectorExpInRange(SIMD4(clamp(input[0]), clamp(input[1]), clamp(input[2]), clamp(input[3])))
}

/// ``vectorExp(_:)`` for arguments the caller knows to lie in [-1400, 709] (no clamping).
///
/// Method: `x = (32 n + j) ln 2 / 32 + r` with j in 0..<32 and |r| <= ln 2 / 64, the head of
/// ln 2 / 32 with trailing zero bits so that `k * head` is exact; `exp(r)` by its Taylor
/// series to degree 7 (truncation below 1e-19 relative) by Estrin's scheme, as exp(r) - 1 so
/// that `2^(j/32) (1 + (exp(r) - 1))` rounds once at the end; `2^(j/32)` from a
/// table made in extended precision; `2^n` in two normal factors.
@inline(__always)
func vectorExpInRange(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let magic = SIMD4<Double>(repeating: 6_755_399_441_055_744.0)  // 1.5 x 2^52: rounds to an integer
    let shifted = x * SIMD4(repeating: 46.16624130844683) + magic  // 32 / ln 2
    let k = shifted - magic
    // ln 2 / 32 = head + tail; head has 32 significant bits.
    let r = (x - k * SIMD4(repeating: 0.0216608493938110768795013427734375)) - k * SIMD4(repeating: -1.3127859602128390e-12)
    let r2 = r * r, r4 = r2 * r2
    // exp(r) - 1, kept apart from the 1 so that table + table x (exp(r) - 1) rounds once.
    let q1 = SIMD4<Double>(repeating: 1.0 / 2) + r * SIMD4(repeating: 1.0 / 6)
    let q2 = SIMD4<Double>(repeating: 1.0 / 24) + r * SIMD4(repeating: 1.0 / 120)
    let q3 = SIMD4<Double>(repeating: 1.0 / 720) + r * SIMD4(repeating: 1.0 / 5040)
    let expm1 = r + (r2 * q1 + r4 * (q2 + r2 * q3))
    // k's low bits sit in the mantissa of `shifted` (two's complement in the low 32 bits).
    let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self)
    var table = SIMD4<Double>(), n = SIMD4<Double>()
    ExponentialTable.values.withUnsafeBufferPointer { values in
        for lane in 0..<4 {
            let integer = Int64(Int32(truncatingIfNeeded: bits[lane]))
            table[lane] = values[Int(integer & 31)]
            n[lane] = Double(integer >> 5)
        }
    }
    let n1 = ((n * SIMD4(repeating: 0.5)) + magic) - magic
    let n2 = n - n1
    let bias = SIMD4<Double>(repeating: 4_503_599_627_371_519.0)  // 2^52 + 1023
    let scale1 = unsafeBitCast(unsafeBitCast(n1 + bias, to: SIMD4<UInt64>.self) &<< 52, to: SIMD4<Double>.self)
    let scale2 = unsafeBitCast(unsafeBitCast(n2 + bias, to: SIMD4<UInt64>.self) &<< 52, to: SIMD4<Double>.self)
    return (table + table * expm1) * scale1 * scale2
}

/// `2^(j/32)` for j in 0..<32, correctly rounded: 2^(1/32) by five square roots and its
/// powers, in extended precision.
enum ExponentialTable {
    static let values: [Double] = {
        var root = WideReal(2)
        for _ in 0..<5 { root = root.squareRoot() }
        var power = WideReal(1)
        var values: [Double] = []
        for _ in 0..<32 {
            values.append(Double(power))
            power *= root
        }
        return values
    }()
}
