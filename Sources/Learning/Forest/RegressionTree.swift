import Foundation
import LinearAlgebra

/// How many features a split may look at (scikit-learn's `max_features`).
public enum MaxFeatures: Hashable, Sendable, CustomStringConvertible {
    /// Every feature (`None`, or `1.0`, the regressor's default).
    case all
    /// This many features, `1...featureCount`.
    case count(Int)
    /// `max(1, floor(fraction · featureCount))` features, fraction in (0, 1].
    case fraction(Double)
    /// `max(1, floor(√featureCount))`.
    case sqrt
    /// `max(1, floor(log₂ featureCount))`.
    case log2

    /// The number of features for `featureCount` features.
    public func resolved(featureCount: Int) -> Int {
        switch self {
        case .all: featureCount
        case .count(let count): min(count, featureCount)
        case .fraction(let fraction): max(1, Int(fraction * Double(featureCount)))
        case .sqrt: max(1, Int(Double(featureCount).squareRoot()))
        case .log2: max(1, Int(Foundation.log2(Double(featureCount))))
        }
    }

    public var description: String {
        switch self {
        case .all: "all"
        case .count(let count): "\(count)"
        case .fraction(let fraction): "\(fraction)"
        case .sqrt: "sqrt"
        case .log2: "log2"
        }
    }

    func validate(featureCount: Int, context: String) throws(LearningError) {
        switch self {
        case .count(let count) where count < 1 || count > featureCount:
            throw .invalidParameter(context: context, name: "max_features", value: "\(count)",
                                    reason: "a count must be in 1...\(featureCount) (the feature count)")
        case .fraction(let fraction) where !(fraction > 0 && fraction <= 1):
            throw .invalidParameter(context: context, name: "max_features", value: "\(fraction)",
                                    reason: "a fraction must be in (0, 1]")
        default: break
        }
    }
}

/// Growth limits of a regression tree; the defaults are scikit-learn 1.9's.
public struct TreeOptions: Hashable, Sendable {
    /// Deepest node depth (the root is 0); nil grows until the leaves are pure (`max_depth`).
    public var maxDepth: Int?
    /// Fewest samples a node needs to be split, >= 2 (`min_samples_split`).
    public var minSamplesSplit = 2
    /// Fewest samples in each child of a split, >= 1 (`min_samples_leaf`).
    public var minSamplesLeaf = 1
    /// Features drawn per split (`max_features`).
    public var maxFeatures = MaxFeatures.all

    public init(maxDepth: Int? = nil, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, maxFeatures: MaxFeatures = .all) {
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
    }

    func validate(featureCount: Int, context: String) throws(LearningError) {
        if let maxDepth, maxDepth < 1 {
            throw .invalidParameter(context: context, name: "max_depth", value: "\(maxDepth)", reason: "it must be >= 1 (or unlimited)")
        }
        guard minSamplesSplit >= 2 else {
            throw .invalidParameter(context: context, name: "min_samples_split", value: "\(minSamplesSplit)", reason: "it must be >= 2")
        }
        guard minSamplesLeaf >= 1 else {
            throw .invalidParameter(context: context, name: "min_samples_leaf", value: "\(minSamplesLeaf)", reason: "it must be >= 1")
        }
        try maxFeatures.validate(featureCount: featureCount, context: context)
    }
}

/// A fitted CART regression tree (squared-error criterion), scikit-learn's
/// `DecisionTreeRegressor` / one of `RandomForestRegressor.estimators_`.
///
/// Nodes are stored in flat arrays (node 0 is the root); an internal node sends a sample
/// left when `x[feature] <= threshold`. As in scikit-learn, features are compared as 32-bit
/// floats (X is rounded to `Float` before fitting and predicting), and thresholds are the
/// midpoints of consecutive distinct (by more than 1e-7) sorted values.
public struct RegressionTree: Regressor, Sendable {
    /// Split feature of each node, -1 for a leaf.
    public let feature: [Int32]
    /// Split threshold of each node (unused for leaves).
    public let threshold: [Double]
    /// Child indices, -1 for a leaf.
    public let left: [Int32]
    public let right: [Int32]
    /// Weighted mean target of each node's training samples: a leaf's prediction.
    public let value: [Double]
    /// Weighted impurity decrease per feature, normalised to sum 1 (all 0 for a single leaf)
    /// (`feature_importances_`).
    public let featureImportances: [Double]
    /// The deepest leaf's depth (`get_depth()`).
    public let depth: Int

    /// The number of nodes (`tree_.node_count`).
    public var nodeCount: Int { feature.count }

    /// Fits a single tree on every sample with weight 1, the features visited in an order
    /// drawn from `seed` (scikit-learn's `DecisionTreeRegressor(random_state=...)`, whose draws
    /// it does not reproduce: with every feature considered and no exact ties between
    /// features' best splits, the tree is the same).
    /// - Throws: ``LearningError`` for shapes, non-finite values and options out of range.
    public init(features: Matrix, targets: [Double], options: TreeOptions = .init(), seed: UInt64 = 0) throws(LearningError) {
        let context = "regression tree"
        try Validate.features(features, context: context)
        try Validate.targets(targets, sampleCount: features.rowCount, context: context)
        try options.validate(featureCount: features.columnCount, context: context)
        let data = TreeTrainingData(features: features, targets: targets)
        var generator = LearningRandom(seed: seed)
        self = data.grow(weights: Array(repeating: 1, count: features.rowCount), options: options, using: &generator)
    }

    init(feature: [Int32], threshold: [Double], left: [Int32], right: [Int32], value: [Double], featureImportances: [Double], depth: Int) {
        self.feature = feature
        self.threshold = threshold
        self.left = left
        self.right = right
        self.value = value
        self.featureImportances = featureImportances
        self.depth = depth
    }

    /// One prediction per row of `[sampleCount x featureCount]` X.
    /// - Throws: ``LearningError/featureCountMismatch(context:name:count:expected:)``, `nonFinite`.
    public func predict(_ features: Matrix) throws(LearningError) -> [Double] {
        try Validate.featureCount(features, expected: featureImportances.count, name: "X", context: "regression tree prediction")
        return (0..<features.rowCount).map { predict(row: features.storage, offset: $0 * features.columnCount) }
    }

    /// The prediction for the row starting at `offset` of row-major `storage`.
    func predict(row storage: [Double], offset: Int) -> Double {
        var node = 0
        while feature[node] >= 0 {
            let x = Double(Float(storage[offset + Int(feature[node])]))
            node = Int(x <= threshold[node] ? left[node] : right[node])
        }
        return value[node]
    }
}
