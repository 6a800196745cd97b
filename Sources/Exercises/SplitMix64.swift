import Foundation

/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014, doi:10.1145/2660193.2660195): a small,
/// fast generator whose stream is fixed by its 64-bit seed on every platform, so generated
/// case inputs (and the grader's shuffled folds) are reproducible byte for byte. Not for
/// cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits (the same on every platform, unlike
    /// `Double.random(in:using:)`, whose algorithm the standard library may change).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// Uniform integer in 0..<count (count >= 1), by rejection so it has no modulo bias.
    mutating func index(below count: Int) -> Int {
        let bound = UInt64(count)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let x = next()
            if x < limit { return Int(x % bound) }
        }
    }

    /// A uniformly random point of the ball of radius `radius` (rejection from the cube).
    mutating func pointInBall(radius: Double) -> SIMD3<Double> {
        while true {
            let p = SIMD3(uniform(-1, 1), uniform(-1, 1), uniform(-1, 1))
            if (p * p).sum() <= 1 { return p * radius }
        }
    }

    /// A uniformly random rotation matrix (rows), from a uniform unit quaternion
    /// (Shoemake, Graphics Gems III, 1992).
    mutating func rotation() -> [SIMD3<Double>] {
        let u1 = unit(), u2 = unit() * 2 * Double.pi, u3 = unit() * 2 * Double.pi
        let a = (1 - u1).squareRoot(), b = u1.squareRoot()
        let (w, x, y, z) = (a * sin(u2), a * cos(u2), b * sin(u3), b * cos(u3))
        return [
            SIMD3(1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)),
            SIMD3(2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)),
            SIMD3(2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)),
        ]
    }

    /// A uniformly random permutation of 0..<count (Fisher-Yates).
    mutating func permutation(of count: Int) -> [Int] {
        var order = Array(0..<count)
        guard count > 1 else { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, index(below: i + 1))
        }
        return order
    }
}
