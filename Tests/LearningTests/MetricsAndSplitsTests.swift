import LinearAlgebra
import Testing
import TestSupport
@testable import Learning

/// Metrics (scikit-learn, scipy's spearmanr) and splitters (KFold, GroupKFold,
/// StratifiedKFold) against scikit-learn 1.9.1 (metrics.json, splits.json).
@Suite struct MetricsTests {
    static let cases = fixtureCases { try LearningFixtures.load("metrics", as: LearningFixtures.Metrics.self).cases }

    @Test func fixtureReads() throws {
        let cases = try LearningFixtures.load("metrics", as: LearningFixtures.Metrics.self).cases
        #expect(cases.count == 6)
        #expect(cases.filter { $0.spearmanr != nil }.count == 4)
    }

    @Test(arguments: cases) func metricsMatchScikitLearn(_ data: LearningFixtures.MetricsCase) throws {
        let (t, p) = (data.y_true, data.y_pred)
        expectClose(try RegressionMetrics.meanAbsoluteError(t, p), data.mean_absolute_error, atol: 1e-15, rtol: 1e-12, "\(data.name) MAE")
        expectClose(try RegressionMetrics.rootMeanSquaredError(t, p), data.root_mean_squared_error, atol: 1e-15, rtol: 1e-12, "\(data.name) RMSE")
        // Constant y_true: exactly 1 (perfect) or exactly 0 (imperfect), as force_finite=True.
        expectClose(try RegressionMetrics.r2Score(t, p), data.r2_score, atol: 1e-14, rtol: 1e-12, "\(data.name) R2")
        if let spearman = data.spearmanr {
            expectClose(try RegressionMetrics.spearmanCorrelation(t, p), spearman, atol: 1e-14, rtol: 1e-12, "\(data.name) Spearman")
        }
    }

    @Test(arguments: [
        ([10.0, 20, 20, 5], [2.0, 3.5, 3.5, 1]),
        ([1.0, 1, 1], [2.0, 2, 2]),
        ([3.0, -1, 2, -1, 3, 3], [5.0, 1.5, 3, 1.5, 5, 5]),
    ])
    func averageRanksOfTies(values: [Double], ranks: [Double]) {
        #expect(RegressionMetrics.averageRanks(values) == ranks)
    }

    @Test func spearmanOfConstantInputIsNaN() throws {
        #expect(try RegressionMetrics.spearmanCorrelation([1, 1, 1], [1, 2, 3]).isNaN)
    }

    @Test func mismatchedLengthsAreRejected() {
        #expect(throws: LearningError.sampleCountMismatch(context: "R2 score", name: "predictions", count: 2, expected: 3)) {
            _ = try RegressionMetrics.r2Score([1, 2, 3], [1, 2])
        }
    }
}

@Suite struct CrossValidationTests {
    static let splits = try? LearningFixtures.load("splits", as: LearningFixtures.Splits.self)

    @Test func fixtureReads() throws {
        let splits = try LearningFixtures.load("splits", as: LearningFixtures.Splits.self)
        #expect(splits.kfold.count == 4 && splits.group_kfold.count == 4 && splits.stratified_kfold.count == 4)
    }

    static func records(_ folds: [Fold]) -> [LearningFixtures.FoldRecord] {
        folds.map { LearningFixtures.FoldRecord(train: $0.trainIndices, test: $0.testIndices) }
    }

    @Test(arguments: splits?.kfold ?? []) func kFoldMatchesScikitLearn(_ data: LearningFixtures.KFoldCase) throws {
        #expect(Self.records(try CrossValidation.kFold(sampleCount: data.sample_count, foldCount: data.n_splits)) == data.folds)
    }

    @Test(arguments: splits?.group_kfold ?? []) func groupKFoldMatchesScikitLearn(_ data: LearningFixtures.GroupCase) throws {
        let folds = try CrossValidation.groupKFold(groups: data.groups, foldCount: data.n_splits)
        #expect(Self.records(folds) == data.folds)
        // No group on both sides of any split.
        for fold in folds {
            let testGroups = Set(fold.testIndices.map { data.groups[$0] })
            #expect(fold.trainIndices.allSatisfy { !testGroups.contains(data.groups[$0]) })
        }
    }

    @Test(arguments: splits?.stratified_kfold ?? []) func stratifiedKFoldMatchesScikitLearn(_ data: LearningFixtures.StratifiedCase) throws {
        #expect(Self.records(try CrossValidation.stratifiedKFold(labels: data.y, foldCount: data.n_splits)) == data.folds)
    }

    @Test func groupLabelsMayBeStrings() throws {
        let folds = try CrossValidation.groupKFold(groups: ["b", "a", "b", "c", "a", "b"], foldCount: 2)
        // b (3 samples) first to fold 0, then a (2) to fold 1, then c (1) to fold 1.
        #expect(folds.map(\.testIndices) == [[0, 2, 5], [1, 3, 4]])
    }

    @Test func tooManyFoldsAreRejected() {
        #expect(throws: LearningError.tooManyFolds(context: "k-fold split", foldCount: 5, available: 4, what: "samples")) {
            _ = try CrossValidation.kFold(sampleCount: 4, foldCount: 5)
        }
        #expect(throws: LearningError.tooManyFolds(context: "group k-fold split", foldCount: 3, available: 2, what: "distinct groups")) {
            _ = try CrossValidation.groupKFold(groups: [1, 1, 2, 2], foldCount: 3)
        }
        #expect(throws: LearningError.tooManyFolds(context: "stratified k-fold split", foldCount: 3, available: 2,
                                                   what: "members in the largest class")) {
            _ = try CrossValidation.stratifiedKFold(labels: [0, 0, 1, 1], foldCount: 3)
        }
    }
}

@Suite struct LearningCurveTests {
    static let fixture = try? LearningFixtures.load("learning_curve", as: LearningFixtures.Curve.self)

    @Test func fixtureReads() throws {
        #expect(try LearningFixtures.load("learning_curve", as: LearningFixtures.Curve.self).cases.count == 3)
    }

    @Test(arguments: fixture?.cases ?? []) func learningCurveMatchesScikitLearn(_ data: LearningFixtures.CurveCase) throws {
        let fixture = try #require(Self.fixture)
        let x = try LearningFixtures.matrix(fixture.X)
        let folds = try CrossValidation.kFold(sampleCount: x.rowCount, foldCount: data.n_splits)
        let sizes: TrainSizes = data.train_sizes_are_fractions ? .fractions(data.train_sizes) : .counts(data.train_sizes.map { Int($0) })
        let scoring = try #require(RegressionScoring(rawValue: data.scoring))
        let curve = try learningCurve(features: x, targets: fixture.y, folds: folds, trainSizes: sizes, scoring: scoring) {
            (subsetX: Matrix, subsetY: [Double]) throws(LearningError) -> any Regressor in
            try LinearModel.ridge(features: subsetX, targets: subsetY, alpha: data.alpha)
        }
        #expect(curve.trainSizes == data.train_sizes_abs)
        expectClose(curve.trainScores.flatMap { $0 }, data.train_scores.flatMap { $0 }, atol: 1e-10, rtol: 1e-9, "\(data) train_scores")
        expectClose(curve.testScores.flatMap { $0 }, data.test_scores.flatMap { $0 }, atol: 1e-10, rtol: 1e-9, "\(data) test_scores")
    }
}
