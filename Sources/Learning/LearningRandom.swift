/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014, doi:10.1145/2660193.2660195): the seeded
/// generator of the Learning kernels (GP restarts, forest bootstraps and feature draws). Its
/// stream is fixed by the 64-bit seed on every platform, so seeded fits are reproducible; it
/// is not scikit-learn's (numpy's) stream, so seeded results are not scikit-learn's draws.
public struct LearningRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for stream `index` of `seed` (one per tree of a forest, say): the seed and
    /// the index are mixed, so neighbouring streams are unrelated, and stream i depends only
    /// on (seed, i), never on which thread asks first.
    public init(seed: UInt64, stream index: Int) {
        var mixer = LearningRandom(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ 0x632B_E59B_D9B4_E019
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * unit() }

    /// Uniform integer in 0..<count (count >= 1), by rejection (no modulo bias).
    public mutating func index(below count: Int) -> Int {
        let bound = UInt64(count)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let x = next()
            if x < limit { return Int(x % bound) }
        }
    }
}
