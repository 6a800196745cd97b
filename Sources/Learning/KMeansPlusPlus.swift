import LinearAlgebra

extension KMeans {
    /// Seeded greedy k-means++ initial centres (Arthur and Vassilvitskii, SODA 2007; the
    /// greedy variant with `2 + ⌊ln k⌋` candidates per step, as scikit-learn's `kmeans_plusplus`).
    ///
    /// The first centre is a uniformly drawn sample; each further centre is chosen among
    /// `2 + ⌊ln k⌋` candidates drawn with probability proportional to the squared distance to
    /// the nearest centre so far, keeping the candidate that lowers the total squared
    /// distance most (the first such candidate on a tie).
    ///
    /// Reproducible, not equal to scikit-learn: the draws come from `generator` (pass a seeded
    /// one, such as SplitMix64), never from numpy's Mersenne Twister, so the same seed gives the
    /// same centres on every machine and Swift version here, and different centres from
    /// scikit-learn's `random_state`. Uniform draws use the top 53 bits of `generator.next()`
    /// (`Double(bits >> 11) · 2⁻⁵³`), never the standard library's `random(in:)`, whose
    /// algorithm is not promised across releases. Compare clusterings from it with
    /// scikit-learn's by a permutation-invariant score (adjusted Rand index), not label by label.
    /// - Parameters:
    ///   - features: X, `[sampleCount x featureCount]`, finite.
    ///   - clusterCount: k in [1, sampleCount].
    /// - Returns: `[clusterCount x featureCount]`, rows of X.
    /// - Throws: ``LearningError`` for shapes, non-finite values, k out of range.
    public static func plusPlusCenters<Generator: RandomNumberGenerator>(
        features: Matrix, clusterCount: Int, using generator: inout Generator
    ) throws(LearningError) -> Matrix {
        let context = "k-means++"
        try Validate.features(features, context: context)
        let n = features.rowCount
        guard clusterCount >= 1 && clusterCount <= n else {
            throw .invalidParameter(context: context, name: "n_clusters", value: "\(clusterCount)",
                                    reason: "it must be between 1 and \(n), the sample count")
        }
        let candidateCount = 2 + floorNaturalLog(clusterCount)
        var chosen = [Int(uniform(&generator) * Double(n)) % n]
        var closest = squaredDistances(features, to: chosen[0])
        while chosen.count < clusterCount {
            let total = closest.reduce(0, +)
            var bestCandidate = -1
            var bestPotential = Double.infinity
            var bestDistances = closest
            for _ in 0..<candidateCount {
                let candidate = total > 0 ? draw(proportionalTo: closest, total: total, &generator)
                                          : Int(uniform(&generator) * Double(n)) % n
                let updated = zip(closest, squaredDistances(features, to: candidate)).map { Swift.min($0, $1) }
                let potential = updated.reduce(0, +)
                if potential < bestPotential {
                    (bestCandidate, bestPotential, bestDistances) = (candidate, potential, updated)
                }
            }
            chosen.append(bestCandidate)
            closest = bestDistances
        }
        return features.rows(at: chosen)
    }

    /// ⌊ln k⌋ for k >= 1, by counting powers of e (no Foundation needed).
    static func floorNaturalLog(_ k: Int) -> Int {
        var (power, count) = (2.718281828459045, 0)
        while power <= Double(k) {
            power *= 2.718281828459045
            count += 1
        }
        return count
    }

    /// A uniform double in [0, 1) from the top 53 bits of one draw.
    static func uniform<Generator: RandomNumberGenerator>(_ generator: inout Generator) -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }

    /// An index i drawn with probability `weights[i] / total` (inverse CDF, first index whose
    /// running sum exceeds the draw; never an index of zero weight).
    private static func draw<Generator: RandomNumberGenerator>(
        proportionalTo weights: [Double], total: Double, _ generator: inout Generator
    ) -> Int {
        let target = uniform(&generator) * total
        var running = 0.0
        var last = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            running += weight
            last = index
            if running > target { return index }
        }
        return last
    }

    private static func squaredDistances(_ x: Matrix, to sample: Int) -> [Double] {
        let center = x.row(sample)
        return (0..<x.rowCount).map { i in
            (0..<x.columnCount).reduce(0.0) { $0 + (x[i, $1] - center[$1]) * (x[i, $1] - center[$1]) }
        }
    }
}
