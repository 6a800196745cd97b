import LinearAlgebra

/// The training set of one or many regression trees, prepared once: X rounded to `Float`
/// (scikit-learn fits trees on float32 features) and stored column by column, and each
/// feature's sample order sorted once (ties by sample index).
///
/// Growing a tree (``grow(weights:options:using:)``) then never sorts: every node is a range
/// `[start, end)` of the same length in each feature's sorted list of in-bag samples, and a
/// split stably partitions every feature's range into left and right parts, which keeps them
/// sorted (the "presorting" scheme of CART implementations; Breiman et al., *Classification and
/// Regression Trees*, 1984; Louppe, *Understanding Random Forests*, PhD thesis 2014,
/// arXiv:1407.7502, §5.3).
struct TreeTrainingData: Sendable {
    let sampleCount: Int
    let featureCount: Int
    /// `columns[f * sampleCount + i]`: feature f of sample i, rounded to Float.
    let columns: [Double]
    let targets: [Double]
    /// `order[f * sampleCount ..< (f + 1) * sampleCount]`: samples by increasing feature f.
    let order: [Int32]

    /// Values closer than this are one value (scikit-learn's `FEATURE_THRESHOLD`).
    static let featureThreshold = 1e-7

    /// Split scores within this relative difference are a tie, which the first candidate
    /// visited wins. Two features that make the same partition (common in nodes of 2-3
    /// samples) score the same up to the rounding of their sums, whose order depends on the
    /// feature; without this the winner would be decided by that rounding.
    static let tieTolerance = 1e-12

    init(features: Matrix, targets: [Double]) {
        let (n, p) = (features.rowCount, features.columnCount)
        var columns = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for f in 0..<p { columns[f * n + i] = Double(Float(features.storage[i * p + f])) }
        }
        var order = [Int32](repeating: 0, count: n * p)
        for f in 0..<p {
            let sorted = (0..<n).sorted { a, b in
                let (x, y) = (columns[f * n + a], columns[f * n + b])
                return x < y || (x == y && a < b)
            }
            for (k, i) in sorted.enumerated() { order[f * n + k] = Int32(i) }
        }
        sampleCount = n
        featureCount = p
        self.columns = columns
        self.targets = targets
        self.order = order
    }

    /// Grows one tree on the samples with `weights > 0` (bootstrap counts, or all 1).
    ///
    /// The rules are scikit-learn's `BestSplitter` with the squared-error criterion:
    /// - a node is a leaf when its depth reaches `maxDepth`, it has fewer than
    ///   `max(minSamplesSplit, 2·minSamplesLeaf)` samples, or its weighted variance is <= ε;
    /// - otherwise features are drawn without replacement until `maxFeatures` non-constant ones
    ///   were searched (constant ones do not count) or none are left;
    /// - each candidate position between consecutive distinct sorted values that leaves at
    ///   least `minSamplesLeaf` samples on both sides is scored by
    ///   `S_left²/W_left + S_right²/W_right` (S weighted target sums, W weights), and the first
    ///   strictly best wins (better by more than ``tieTolerance`` relative: near-ties count as
    ///   ties, where scikit-learn lets rounding decide); its threshold is the midpoint of the two values (the lower value
    ///   when the midpoint rounds up to the upper one);
    /// - a leaf predicts the weighted mean target; a split's importance is
    ///   `W·imp - W_left·imp_left - W_right·imp_right` added to its feature, and the totals are
    ///   divided by the root's weight and normalised to sum 1.
    /// Nodes are grown depth first, left child first.
    func grow(weights: [Double], options: TreeOptions, using generator: inout LearningRandom) -> RegressionTree {
        let (n, p) = (sampleCount, featureCount)
        let m = weights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        // Each feature's in-bag samples in increasing order, and their values in the same
        // positions (exact as Float: X was rounded to Float). Splits move both, so scanning a
        // node reads memory in order instead of gathering from the feature's column, which
        // was about 40 % of the time in cache misses.
        var sorted = [Int32](repeating: 0, count: p * m)
        var values = [Float](repeating: 0, count: p * m)
        for f in 0..<p {
            var k = 0
            for index in order[(f * n)..<((f + 1) * n)] where weights[Int(index)] > 0 {
                sorted[f * m + k] = index
                values[f * m + k] = Float(columns[f * n + Int(index)])
                k += 1
            }
        }
        let weightedTargets = zip(weights, targets).map { $0 * $1 }
        let maxFeatures = options.maxFeatures.resolved(featureCount: p)
        let maxDepth = options.maxDepth ?? Int.max
        let minLeaf = options.minSamplesLeaf
        let minSplit = max(options.minSamplesSplit, 2 * minLeaf)
        var builder = TreeNodes()
        var goesLeft = [Bool](repeating: false, count: n)
        var buffer = [Int32](repeating: 0, count: max(m, 1))
        var valueBuffer = [Float](repeating: 0, count: max(m, 1))
        var featureOrder = Array(0..<p)
        var stack: [(start: Int, end: Int, depth: Int, parent: Int, isLeft: Bool)] = [(0, m, 0, -1, false)]
        columns.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                weightedTargets.withUnsafeBufferPointer { wy in
                    targets.withUnsafeBufferPointer { y in
                        sorted.withUnsafeMutableBufferPointer { s in
                          values.withUnsafeMutableBufferPointer { v in
                            while let item = stack.popLast() {
                                let (start, end, depth, parent, isLeft) = item
                                var (total, sum, squares) = (0.0, 0.0, 0.0)
                                for k in start..<end {
                                    let i = Int(s[k])
                                    total += w[i]
                                    sum += wy[i]
                                    squares += wy[i] * y[i]
                                }
                                let mean = sum / total
                                let impurity = squares / total - mean * mean
                                let node = builder.append(value: mean, weight: total, impurity: impurity, depth: depth,
                                                          parent: parent, isLeft: isLeft)
                                let count = end - start
                                if depth >= maxDepth || count < minSplit || impurity <= Double.ulpOfOne { continue }
                                // Best split over the drawn features.
                                var best: (proxy: Double, feature: Int, position: Int, threshold: Double) = (-.infinity, -1, -1, 0)
                                var remaining = p
                                var visited = 0
                                while remaining > 0 && visited < maxFeatures {
                                    let draw = generator.index(below: remaining)
                                    let f = featureOrder[draw]
                                    featureOrder.swapAt(draw, remaining - 1)
                                    remaining -= 1
                                    let base = f * m
                                    if Double(v[base + end - 1]) <= Double(v[base + start]) + Self.featureThreshold {
                                        continue
                                    }
                                    visited += 1
                                    var (leftWeight, leftSum) = (0.0, 0.0)
                                    // Each sorted value is read once: `next` becomes the following position's `current`.
                                    var next = Double(v[base + start])
                                    for k in start..<(end - 1) {
                                        let i = Int(s[base + k])
                                        leftWeight += w[i]
                                        leftSum += wy[i]
                                        let current = next
                                        next = Double(v[base + k + 1])
                                        if next <= current + Self.featureThreshold { continue }
                                        let leftCount = k - start + 1
                                        if leftCount < minLeaf { continue }
                                        if count - leftCount < minLeaf { break }
                                        let rightSum = sum - leftSum
                                        let proxy = leftSum * leftSum / leftWeight + rightSum * rightSum / (total - leftWeight)
                                        if best.feature < 0 || proxy > best.proxy + Self.tieTolerance * abs(best.proxy) {
                                            var threshold = current / 2 + next / 2
                                            if threshold == next || !threshold.isFinite { threshold = current }
                                            best = (proxy, f, k, threshold)
                                        }
                                    }
                                }
                                guard best.feature >= 0 else { continue }
                                // Stable partition of every feature's range.
                                let splitColumn = best.feature * n
                                for k in start..<end {
                                    let i = Int(s[k])
                                    goesLeft[i] = x[splitColumn + i] <= best.threshold
                                }
                                for f in 0..<p {
                                    let base = f * m
                                    var (l, r) = (start, 0)
                                    for k in start..<end {
                                        let i = s[base + k]
                                        if goesLeft[Int(i)] {
                                            s[base + l] = i
                                            v[base + l] = v[base + k]
                                            l += 1
                                        } else {
                                            buffer[r] = i
                                            valueBuffer[r] = v[base + k]
                                            r += 1
                                        }
                                    }
                                    for k in 0..<r {
                                        s[base + l + k] = buffer[k]
                                        v[base + l + k] = valueBuffer[k]
                                    }
                                }
                                let middle = best.position + 1
                                builder.split(node, feature: best.feature, threshold: best.threshold)
                                stack.append((middle, end, depth + 1, node, false))
                                stack.append((start, middle, depth + 1, node, true))
                            }
                          }
                        }
                    }
                }
            }
        }
        return builder.tree(featureCount: p)
    }
}

/// The growing node arrays of one tree.
struct TreeNodes {
    var feature: [Int32] = []
    var threshold: [Double] = []
    var left: [Int32] = []
    var right: [Int32] = []
    var value: [Double] = []
    var weight: [Double] = []
    var impurity: [Double] = []
    var depth = 0

    mutating func append(value mean: Double, weight total: Double, impurity nodeImpurity: Double, depth nodeDepth: Int,
                         parent: Int, isLeft: Bool) -> Int {
        let index = feature.count
        feature.append(-1)
        threshold.append(0)
        left.append(-1)
        right.append(-1)
        value.append(mean)
        weight.append(total)
        impurity.append(nodeImpurity)
        depth = max(depth, nodeDepth)
        if parent >= 0 {
            if isLeft { left[parent] = Int32(index) } else { right[parent] = Int32(index) }
        }
        return index
    }

    mutating func split(_ node: Int, feature splitFeature: Int, threshold value: Double) {
        feature[node] = Int32(splitFeature)
        threshold[node] = value
    }

    func tree(featureCount: Int) -> RegressionTree {
        var importances = [Double](repeating: 0, count: featureCount)
        for node in feature.indices where feature[node] >= 0 {
            let (l, r) = (Int(left[node]), Int(right[node]))
            importances[Int(feature[node])] += weight[node] * impurity[node] - weight[l] * impurity[l] - weight[r] * impurity[r]
        }
        if let root = weight.first, root > 0 {
            for f in importances.indices { importances[f] /= root }
        }
        let total = importances.reduce(0, +)
        if total > 0 {
            for f in importances.indices { importances[f] /= total }
        }
        return RegressionTree(feature: feature, threshold: threshold, left: left, right: right, value: value,
                              featureImportances: importances, depth: depth)
    }
}
