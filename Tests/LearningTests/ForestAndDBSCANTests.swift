import Foundation
import LinearAlgebra
import Testing
import TestSupport
@testable import Learning

/// forest.json and dbscan.json, written by scripts/fixtures/sklearn_gp_forest.py with
/// scikit-learn 1.9.1.
enum ForestFixture {
    struct File: Decodable, Sendable {
        let tree_data: DataSet; let trees: [Tree]; let forest_data: Diabetes; let forests: [Forest]
    }
    struct DataSet: Decodable, Sendable { let X_train: [[Double]]; let y_train: [Double]; let X_test: [[Double]] }
    struct Params: Decodable, Sendable, CustomStringConvertible {
        let max_depth: Int?; let min_samples_leaf: Int?; let min_samples_split: Int?; let max_features: Double?; let n_estimators: Int?
        var tree: TreeOptions {
            TreeOptions(maxDepth: max_depth, minSamplesSplit: min_samples_split ?? 2, minSamplesLeaf: min_samples_leaf ?? 1,
                        maxFeatures: max_features.map { .fraction($0) } ?? .all)
        }
        var description: String {
            [("max_depth", max_depth), ("min_samples_leaf", min_samples_leaf), ("min_samples_split", min_samples_split)]
                .compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: ", ")
                + (max_features.map { ", max_features=\($0)" } ?? "")
        }
    }
    struct Tree: Decodable, Sendable, CustomTestStringConvertible {
        let params: Params; let pred_train: [Double]; let pred_test_by_seed: [[Double]]
        let node_count: Int; let depth: Int; let feature_importances_by_seed: [[Double]]
        var testDescription: String { "tree(\(params))" }
    }
    struct Diabetes: Decodable, Sendable { let X: [[Double]]; let y: [Double]; let train_indices: [Int]; let test_indices: [Int] }
    struct Forest: Decodable, Sendable, CustomTestStringConvertible {
        let params: Params; let test_mae: [Double]; let oob_score_: [Double]; let feature_importances_: [Double]
        var testDescription: String { "forest(\(params))" }
    }
    static func load() throws -> File { try LearningFixtures.load("forest", as: File.self) }
}

@Suite struct RegressionTreeTests {
    static let trees = fixtureCases { try ForestFixture.load().trees }

    @Test func fixtureReads() throws { #expect(try ForestFixture.load().trees.count == 5) }

    /// Same partition of the training set (train predictions, node count, depth); test
    /// predictions compared where the feature order does not matter (elsewhere ties between
    /// features decide: 5 of 30 points for the fully grown tree, 28-30 for the limited ones).
    @Test(arguments: trees) func treeMatchesScikitLearn(_ data: ForestFixture.Tree) throws {
        let file = try ForestFixture.load()
        let x = try Matrix(rows: file.tree_data.X_train)
        let tree = try RegressionTree(features: x, targets: file.tree_data.y_train, options: data.params.tree)
        #expect(tree.nodeCount == data.node_count, "\(data) node_count")
        #expect(tree.depth == data.depth, "\(data) depth")
        expectClose(try tree.predict(x), data.pred_train, atol: 1e-12, rtol: 1e-12, "\(data) pred_train")
        // Points whose prediction depends on the feature order (ties between features) in
        // either implementation are left out: scikit-learn's eight seeds and eight of ours must
        // each agree among themselves (leaf means may differ in the last bit: 1e-12 is equal).
        let xTest = try Matrix(rows: file.tree_data.X_test)
        let ours = try (0..<8).map { seed in
            try RegressionTree(features: x, targets: file.tree_data.y_train, options: data.params.tree, seed: UInt64(seed)).predict(xTest)
        }
        let stable = { (runs: [[Double]], i: Int) in runs.allSatisfy { abs($0[i] - runs[0][i]) <= 1e-12 } }
        let determined = ours[0].indices.filter { stable(data.pred_test_by_seed, $0) && stable(ours, $0) }
        #expect(determined.count * 6 >= ours[0].count, "\(data): only \(determined.count) of \(ours[0].count) test points seed-independent")
        expectClose(determined.map { ours[0][$0] }, determined.map { data.pred_test_by_seed[0][$0] }, atol: 1e-12, rtol: 1e-12,
                    "\(data) pred_test where seed-independent")
        let importances = data.feature_importances_by_seed
        if importances.allSatisfy({ zip($0, importances[0]).allSatisfy { abs($0 - $1) < 1e-12 } }) {
            expectClose(tree.featureImportances, importances[0], atol: 1e-10, rtol: 0, "\(data) feature_importances_")
        }
        expectClose(tree.featureImportances.reduce(0, +), 1, atol: 1e-12, rtol: 0, "\(data) importances sum")
    }

    /// A forest of one tree without bootstrap that sees every feature is that tree.
    @Test func oneTreeForestWithoutBootstrapIsTheTree() throws {
        let file = try ForestFixture.load()
        let x = try Matrix(rows: file.tree_data.X_train)
        let forest = try RandomForestRegressor(features: x, targets: file.tree_data.y_train,
                                               options: .init(treeCount: 1, bootstrap: false))
        let data = try #require(file.trees.first)
        expectClose(try forest.predict(x), data.pred_train, atol: 1e-12, rtol: 1e-12, "one-tree forest pred_train")
        #expect(forest.outOfBagScore == nil)
    }
}

@Suite struct RandomForestTests {
    static let forests = fixtureCases { try ForestFixture.load().forests }

    static func diabetes() throws -> (train: Matrix, yTrain: [Double], test: Matrix, yTest: [Double]) {
        let data = try ForestFixture.load().forest_data
        return (try Matrix(rows: data.train_indices.map { data.X[$0] }), data.train_indices.map { data.y[$0] },
                try Matrix(rows: data.test_indices.map { data.X[$0] }), data.test_indices.map { data.y[$0] })
    }

    /// Statistical agreement on scikit-learn's diabetes data: over five seeds, the mean test
    /// MAE within 3% and the mean OOB R² within 0.03 of scikit-learn's means (its seed-to-seed
    /// spread is about 3% and 0.02), importances rank-correlated (Spearman >= 0.9).
    @Test(arguments: forests) func forestAgreesWithScikitLearnStatistically(_ data: ForestFixture.Forest) throws {
        let (train, yTrain, test, yTest) = try Self.diabetes()
        var (maes, oobs) = ([Double](), [Double]())
        var importances = [Double](repeating: 0, count: train.columnCount)
        for seed in 0..<5 {
            let forest = try RandomForestRegressor(features: train, targets: yTrain,
                                                   options: .init(treeCount: data.params.n_estimators ?? 100, tree: data.params.tree,
                                                                  seed: UInt64(seed)))
            maes.append(try RegressionMetrics.meanAbsoluteError(yTest, try forest.predict(test)))
            oobs.append(try #require(forest.outOfBagScore))
            for f in importances.indices { importances[f] += forest.featureImportances[f] / 5 }
        }
        expectClose(maes.mean, data.test_mae.mean, atol: 0, rtol: 0.03, "\(data) mean test MAE")
        expectClose(oobs.mean, data.oob_score_.mean, atol: 0.03, rtol: 0, "\(data) mean oob_score_")
        let rho = try RegressionMetrics.spearmanCorrelation(importances, data.feature_importances_)
        #expect(rho >= 0.9, "\(data) importances Spearman \(rho): \(importances) vs \(data.feature_importances_)")
    }

    @Test func fitIsReproducibleForAnyThreadCount() throws {
        let (train, yTrain, test, _) = try Self.diabetes()
        let one = try RandomForestRegressor(features: train, targets: yTrain, options: .init(treeCount: 12, seed: 3, threadCount: 1))
        let three = try RandomForestRegressor(features: train, targets: yTrain, options: .init(treeCount: 12, seed: 3, threadCount: 3))
        #expect(try one.predict(test) == three.predict(test))
        #expect(one.outOfBagPrediction == three.outOfBagPrediction)
        #expect(one.featureImportances == three.featureImportances)
    }

    @Test func badOptionsNameTheParameter() throws {
        let x = try Matrix(rows: [[0], [1], [2]])
        #expect(throws: LearningError.invalidParameter(context: "random forest", name: "min_samples_leaf", value: "0", reason: "it must be >= 1")) {
            _ = try RandomForestRegressor(features: x, targets: [0, 1, 2], options: .init(tree: .init(minSamplesLeaf: 0)))
        }
        #expect(throws: LearningError.invalidParameter(context: "random forest", name: "max_features", value: "1.5", reason: "a fraction must be in (0, 1]")) {
            _ = try RandomForestRegressor(features: x, targets: [0, 1, 2], options: .init(tree: .init(maxFeatures: .fraction(1.5))))
        }
    }
}

enum DBSCANFixture {
    struct File: Decodable, Sendable { let cases: [Case] }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String; let X: [[Double]]; let eps: Double; let min_samples: Int; let labels_: [Int]; let core_sample_indices_: [Int]
        var testDescription: String { name }
    }
}

@Suite struct DBSCANTests {
    static let cases = fixtureCases { try LearningFixtures.load("dbscan", as: DBSCANFixture.File.self).cases }

    @Test func fixtureReads() throws { #expect(try LearningFixtures.load("dbscan", as: DBSCANFixture.File.self).cases.count == 6) }

    @Test(arguments: cases) func labelsMatchScikitLearn(_ data: DBSCANFixture.Case) throws {
        let result = try DBSCAN.fit(features: try Matrix(rows: data.X), eps: data.eps, minSamples: data.min_samples)
        #expect(result.labels == data.labels_, "\(data.name) labels_")
        #expect(result.coreSampleIndices == data.core_sample_indices_, "\(data.name) core_sample_indices_")
    }

    @Test func borderSampleJoinsTheFirstClusterThatReachesIt() throws {
        // A chain: the ends have 2 neighbours (not core with min_samples 3) and are borders.
        let chain = try DBSCAN.fit(features: try Matrix(rows: [[0], [0.5], [1.0], [1.5], [2.0]]), eps: 0.6, minSamples: 3)
        #expect(chain.coreSampleIndices == [1, 2, 3])
        #expect(chain.labels == [0, 0, 0, 0, 0])
        // Two groups of four cores; sample 4 (0.45) is within eps of a core of each but has
        // only 3 neighbours: a border of both, it joins cluster 0, found first.
        let x = try Matrix(rows: [[0], [0.05], [0.1], [0.15], [0.45], [0.75], [0.8], [0.85], [0.9]])
        let split = try DBSCAN.fit(features: x, eps: 0.31, minSamples: 4)
        #expect(split.coreSampleIndices == [0, 1, 2, 3, 5, 6, 7, 8])
        #expect(split.labels == [0, 0, 0, 0, 0, 1, 1, 1, 1])
    }

    @Test func invalidParametersAreRejected() throws {
        let x = try Matrix(rows: [[0.0], [1.0]])
        #expect(throws: LearningError.invalidParameter(context: "DBSCAN", name: "eps", value: "0.0", reason: "it must be a finite number > 0")) {
            _ = try DBSCAN.fit(features: x, eps: 0, minSamples: 2)
        }
    }
}
