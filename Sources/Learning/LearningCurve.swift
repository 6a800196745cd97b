import LinearAlgebra

/// Training-set sizes of a learning curve, as scikit-learn's `train_sizes`.
public enum TrainSizes: Hashable, Sendable {
    /// Fractions in (0, 1] of the largest training set (the first fold's training samples);
    /// each becomes `Int(fraction · maximum)` (truncated, as numpy's `astype(int)`), clipped
    /// to [1, maximum].
    case fractions([Double])
    /// Absolute sample counts in [1, maximum].
    case counts([Int])
}

/// The score of a learning curve, as scikit-learn's `scoring` strings (greater is better).
public enum RegressionScoring: String, Hashable, Sendable, CaseIterable {
    /// `"r2"`, a regressor's default `score`.
    case r2
    /// `"neg_mean_absolute_error"`.
    case negativeMeanAbsoluteError = "neg_mean_absolute_error"
    /// `"neg_root_mean_squared_error"`.
    case negativeRootMeanSquaredError = "neg_root_mean_squared_error"

    func score(_ yTrue: [Double], _ yPredicted: [Double]) throws(LearningError) -> Double {
        switch self {
        case .r2: try RegressionMetrics.r2Score(yTrue, yPredicted)
        case .negativeMeanAbsoluteError: -(try RegressionMetrics.meanAbsoluteError(yTrue, yPredicted))
        case .negativeRootMeanSquaredError: -(try RegressionMetrics.rootMeanSquaredError(yTrue, yPredicted))
        }
    }
}

/// Scores of models trained on growing subsets, scikit-learn's `learning_curve`.
public struct LearningCurve: Hashable, Sendable {
    /// The training-set sizes used, ascending and distinct (`train_sizes_abs`).
    public let trainSizes: [Int]
    /// `[trainSizes.count][foldCount]`: the score on the training subset itself (`train_scores`).
    public let trainScores: [[Double]]
    /// `[trainSizes.count][foldCount]`: the score on the fold's test set (`test_scores`).
    public let testScores: [[Double]]
}

/// scikit-learn's `learning_curve(estimator, X, y, train_sizes, cv, scoring)` without
/// shuffling: for each fold and size m, fit on the first m of the fold's training indices
/// and score on the subset and on the test fold.
/// - Parameters:
///   - features: X, `[sampleCount x featureCount]`.
///   - targets: y, `sampleCount` values.
///   - folds: the splits (``CrossValidation``); the first fold's training count is the maximum size.
///   - fit: trains a model on a subset (for example `{ try LinearModel.ridge(features: $0, targets: $1, alpha: 1) }`).
/// - Throws: ``LearningError`` for sizes outside their range, and whatever `fit` or the
///   scoring throws.
public func learningCurve(
    features: Matrix, targets: [Double], folds: [Fold], trainSizes: TrainSizes,
    scoring: RegressionScoring = .r2, fit: (Matrix, [Double]) throws(LearningError) -> any Regressor
) throws(LearningError) -> LearningCurve {
    let context = "learning curve"
    try Validate.targets(targets, sampleCount: features.rowCount, context: context)
    guard let maximum = folds.first?.trainIndices.count, maximum > 0 else {
        throw .invalidParameter(context: context, name: "cv", value: "\(folds.count) folds",
                                reason: "give at least one fold with training samples")
    }
    let sizes: [Int]
    switch trainSizes {
    case .fractions(let fractions):
        if let bad = fractions.first(where: { !($0 > 0 && $0 <= 1) }) {
            throw .invalidParameter(context: context, name: "train_sizes", value: "\(bad)",
                                    reason: "fractions must be in (0, 1]")
        }
        sizes = fractions.map { Swift.min(Swift.max(Int($0 * Double(maximum)), 1), maximum) }
    case .counts(let counts):
        if let bad = counts.first(where: { !($0 >= 1 && $0 <= maximum) }) {
            throw .invalidParameter(context: context, name: "train_sizes", value: "\(bad)",
                                    reason: "counts must be in [1, \(maximum)], the first fold's training size")
        }
        sizes = counts
    }
    let distinct = Array(Set(sizes)).sorted()
    var trainScores = [[Double]](repeating: [], count: distinct.count)
    var testScores = [[Double]](repeating: [], count: distinct.count)
    let testSets = folds.map { (features.rows(at: $0.testIndices), $0.testIndices.map { targets[$0] }) }
    for (row, size) in distinct.enumerated() {
        for (foldIndex, fold) in folds.enumerated() {
            let subset = Array(fold.trainIndices.prefix(size))
            let (trainX, trainY) = (features.rows(at: subset), subset.map { targets[$0] })
            let model = try fit(trainX, trainY)
            trainScores[row].append(try scoring.score(trainY, try model.predict(trainX)))
            let (testX, testY) = testSets[foldIndex]
            testScores[row].append(try scoring.score(testY, try model.predict(testX)))
        }
    }
    return LearningCurve(trainSizes: distinct, trainScores: trainScores, testScores: testScores)
}
