import Dispatch
import Foundation
import LinearAlgebra

/// Options of ``RandomForestRegressor``; the defaults are scikit-learn 1.9's
/// `RandomForestRegressor()` (100 trees, bootstrap, every feature per split).
public struct RandomForestOptions: Hashable, Sendable {
    /// Trees, >= 1 (`n_estimators`).
    public var treeCount = 100
    /// Growth limits and features per split of every tree.
    public var tree = TreeOptions()
    /// Fit each tree on n draws with replacement (`bootstrap`); false fits every tree on all samples.
    public var bootstrap = true
    /// Seed of the bootstraps and feature draws. Tree t draws from stream t of this seed, so a
    /// fit is the same for any thread count.
    public var seed: UInt64 = 0
    /// Threads that grow trees; nil uses every active processor.
    public var threadCount: Int?

    public init(treeCount: Int = 100, tree: TreeOptions = .init(), bootstrap: Bool = true, seed: UInt64 = 0, threadCount: Int? = nil) {
        self.treeCount = treeCount
        self.tree = tree
        self.bootstrap = bootstrap
        self.seed = seed
        self.threadCount = threadCount
    }
}

/// A random forest of CART regression trees (Breiman, Machine Learning 45, 5 (2001),
/// doi:10.1023/A:1010933404324) with scikit-learn 1.9's `RandomForestRegressor` semantics:
/// squared-error trees grown as ``TreeTrainingData/grow(weights:options:using:)`` describes, on
/// bootstrap counts used as sample weights; the prediction is the mean of the trees'.
///
/// - out-of-bag: each training sample's prediction averages the trees that did not draw it
///   (`oob_prediction_`); a sample every tree drew keeps 0, as scikit-learn does after its
///   warning; `oob_score_` is R² of those predictions;
/// - `feature_importances_`: the mean of the trees' normalised impurity importances (trees
///   that are a single leaf left out), normalised to sum 1.
///
/// scikit-learn's random streams are not reproduced, so a forest agrees with scikit-learn's
/// statistically (Tests/Fixtures/learning/forest.json: test MAE within a few per cent of the
/// mean over scikit-learn's seeds, importances rank-correlated), and a single tree without
/// bootstrap that sees every feature is scikit-learn's `DecisionTreeRegressor` up to ties.
public struct RandomForestRegressor: Regressor, Sendable {
    public let trees: [RegressionTree]
    /// `featureCount` values summing to 1 (or all 0 when every tree is a single leaf).
    public let featureImportances: [Double]
    /// One value per training sample with bootstrap, nil without (`oob_prediction_`).
    public let outOfBagPrediction: [Double]?
    /// R² of ``outOfBagPrediction`` (`oob_score_`), nil without bootstrap.
    public let outOfBagScore: Double?

    /// Fits on `[n x featureCount]` X and n targets.
    /// - Throws: ``LearningError`` for shapes, non-finite values and options out of range.
    public init(features: Matrix, targets: [Double], options: RandomForestOptions = .init()) throws(LearningError) {
        let context = "random forest"
        try Validate.features(features, context: context, minimumSamples: options.bootstrap ? 2 : 1)
        try Validate.targets(targets, sampleCount: features.rowCount, context: context)
        try options.tree.validate(featureCount: features.columnCount, context: context)
        guard options.treeCount >= 1 else {
            throw .invalidParameter(context: context, name: "trees", value: "\(options.treeCount)", reason: "it must be >= 1")
        }
        if let threads = options.threadCount, threads < 1 {
            throw .invalidParameter(context: context, name: "threads", value: "\(threads)", reason: "it must be >= 1")
        }
        let data = TreeTrainingData(features: features, targets: targets)
        let n = features.rowCount
        let treeCount = options.treeCount
        let threadCount = min(options.threadCount ?? ProcessInfo.processInfo.activeProcessorCount, treeCount)
        var grown = [RegressionTree?](repeating: nil, count: treeCount)
        var outOfBag = [[(sample: Int32, prediction: Double)]](repeating: [], count: treeCount)
        grown.withUnsafeMutableBufferPointer { treesOut in
            outOfBag.withUnsafeMutableBufferPointer { outOfBagOut in
                nonisolated(unsafe) let (treesBuffer, outOfBagBuffer) = (treesOut, outOfBagOut)
                // Worker w grows trees w, w + threads, ...: each slot is written by one thread.
                DispatchQueue.concurrentPerform(iterations: threadCount) { worker in
                    for t in stride(from: worker, to: treeCount, by: threadCount) {
                        var generator = LearningRandom(seed: options.seed, stream: t)
                        var weights = [Double](repeating: options.bootstrap ? 0 : 1, count: n)
                        if options.bootstrap {
                            for _ in 0..<n { weights[generator.index(below: n)] += 1 }
                        }
                        let tree = data.grow(weights: weights, options: options.tree, using: &generator)
                        treesBuffer[t] = tree
                        if options.bootstrap {
                            outOfBagBuffer[t] = (0..<n).filter { weights[$0] == 0 }.map { i in
                                (Int32(i), tree.predict(row: features.storage, offset: i * features.columnCount))
                            }
                        }
                    }
                }
            }
        }
        trees = grown.compactMap { $0 }
        let informative = trees.filter { $0.nodeCount > 1 }
        var importances = [Double](repeating: 0, count: features.columnCount)
        for tree in informative {
            for f in importances.indices { importances[f] += tree.featureImportances[f] / Double(informative.count) }
        }
        let total = importances.reduce(0, +)
        featureImportances = total > 0 ? importances.map { $0 / total } : importances
        if options.bootstrap {
            var sums = [Double](repeating: 0, count: n)
            var counts = [Int](repeating: 0, count: n)
            for list in outOfBag {
                for (sample, prediction) in list {
                    sums[Int(sample)] += prediction
                    counts[Int(sample)] += 1
                }
            }
            let prediction = (0..<n).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
            outOfBagPrediction = prediction
            outOfBagScore = try RegressionMetrics.r2Score(targets, prediction)
        } else {
            outOfBagPrediction = nil
            outOfBagScore = nil
        }
    }

    /// The mean of the trees' predictions, one per row of `[sampleCount x featureCount]` X.
    /// - Throws: ``LearningError/featureCountMismatch(context:name:count:expected:)``, `nonFinite`.
    public func predict(_ features: Matrix) throws(LearningError) -> [Double] {
        try Validate.featureCount(features, expected: featureImportances.count, name: "X", context: "random forest prediction")
        let p = features.columnCount
        return (0..<features.rowCount).map { i in
            trees.reduce(0) { $0 + $1.predict(row: features.storage, offset: i * p) } / Double(trees.count)
        }
    }
}
