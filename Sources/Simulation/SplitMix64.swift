import Foundation

/// SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014, doi:10.1145/2660193.2660195): the seeded generator of every stochastic kernel
/// here, so that a seed fixes a run on every platform. It is Sebastiano Vigna's published
/// constant set; its 64-bit output passes BigCrush and is plenty for teaching-size MC.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on [0, 1): the top 53 bits of one output times 2^-53.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Standard normal by the Box-Muller transform (two uniforms per draw; the second
    /// normal is discarded, so each call consumes exactly two outputs).
    public mutating func nextStandardNormal() -> Double {
        let u1 = 1 - nextUniform()  // in (0, 1]: log is finite
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
