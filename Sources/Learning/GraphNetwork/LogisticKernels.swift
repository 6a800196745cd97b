/// `e^x` for x ≤ 0 and `log(1 + t)` for t in [0, 1]: the two functions the gated
/// convolution's sigmoid and softplus need (on `t = e^-|y|`), as branch-free polynomials
/// that the compiler can inline and vectorise. glibc's `exp` and `log1p` are calls that
/// took about 15 and 35 ns each here, a third of a training epoch.
///
/// Accuracy (the contract): a few ulp of the correctly rounded values over the whole
/// domain (truncation below 1e-17 relative, plus the rounding of about 15 operations), so
/// the fused convolution agrees with the tape's ``Tensor/sigmoid()`` and ``Tensor/softplus()``
/// (glibc's functions) to rounding; GatedEdgeConvolutionTests compares the two at 1e-10.
enum LogisticKernels {
    typealias Vector = SIMD4<Double>

    /// `e^x` for 4 values `x` in `[-∞, 0]`: `x = k ln 2 + r` with |r| ≤ ln 2 / 2, the degree-13
    /// Taylor polynomial of `e^r` (truncation below 1e-17 relative), times `2^k` built from
    /// its exponent bits (`2^k` from the bits of `x log2(e) + 1.5·2^52`, whose low mantissa
    /// bits hold k rounded to nearest). Below -708 (where `2^k` would be subnormal) the result
    /// is 0 (the true value is below 3.4e-308). Columns that do not fill 4 lanes use one lane.
    @inline(__always)
    static func exponential(ofNonPositive x: Vector) -> Vector {
        let floor = Vector(repeating: -708)
        let clamped = x.replacing(with: floor, where: x .< floor)
        let shifter = Vector(repeating: 6755399441055744.0)
        let shifted = clamped * 1.4426950408889634 + shifter
        let k = shifted - shifter
        let r = (clamped - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
        var p = Vector(repeating: 1.0 / 6227020800)
        p = p * r + 1.0 / 479001600
        p = p * r + 1.0 / 39916800
        p = p * r + 1.0 / 3628800
        p = p * r + 1.0 / 362880
        p = p * r + 1.0 / 40320
        p = p * r + 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self)
        let scale = unsafeBitCast((bits &+ 1023) &<< 52, to: Vector.self)
        return (p * scale).replacing(with: 0, where: x .< floor)
    }

    /// `log(1 + t)` for 4 values `t` in `[0, 1]`: `2 atanh(s)` with `s = t / (2 + t)` in
    /// `[0, 1/3]`, the odd series `2 (s + s³/3 + ... + s³³/33)` (truncation below 1e-17 relative).
    @inline(__always)
    static func logOnePlus(_ t: Vector) -> Vector {
        let s = t / (2 + t)
        let s2 = s * s
        var p = Vector(repeating: 1.0 / 33)
        p = p * s2 + 1.0 / 31
        p = p * s2 + 1.0 / 29
        p = p * s2 + 1.0 / 27
        p = p * s2 + 1.0 / 25
        p = p * s2 + 1.0 / 23
        p = p * s2 + 1.0 / 21
        p = p * s2 + 1.0 / 19
        p = p * s2 + 1.0 / 17
        p = p * s2 + 1.0 / 15
        p = p * s2 + 1.0 / 13
        p = p * s2 + 1.0 / 11
        p = p * s2 + 1.0 / 9
        p = p * s2 + 1.0 / 7
        p = p * s2 + 1.0 / 5
        p = p * s2 + 1.0 / 3
        return 2 * s + 2 * s * s2 * p
    }

    /// The gated message of CGCNN for 4 columns: from pre-activations `yf` (gate) and `ys`
    /// (core), the message `σ(yf) softplus(ys)` and the derivative factors
    /// `softplus(ys) σ(yf)(1 - σ(yf))` and `σ(yf) σ(ys)`.
    @inline(__always)
    static func gatedMessage(gate yf: Vector, core ys: Vector) -> (message: Vector, gateFactor: Vector, coreFactor: Vector) {
        let zero = Vector(repeating: 0)
        let tf = exponential(ofNonPositive: (-yf).replacing(with: yf, where: yf .< zero))
        let ts = exponential(ofNonPositive: (-ys).replacing(with: ys, where: ys .< zero))
        let inverseF = 1 / (1 + tf), inverseS = 1 / (1 + ts)
        let gate = (tf * inverseF).replacing(with: inverseF, where: yf .>= zero)
        let core = ys.replacing(with: zero, where: ys .< zero) + logOnePlus(ts)
        let coreSlope = (ts * inverseS).replacing(with: inverseS, where: ys .>= zero)
        return (gate * core, core * (gate * (1 - gate)), gate * coreSlope)
    }
}
