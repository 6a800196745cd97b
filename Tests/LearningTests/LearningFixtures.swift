import Foundation
import LinearAlgebra
import TestSupport
import Testing

/// The golden fixtures of Tests/Fixtures/learning/, made by
/// scripts/fixtures/sklearn_classical.py with scikit-learn 1.9.1. Field names are the
/// fixture's (scikit-learn's attribute names).
enum LearningFixtures {
    static func load<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        let url = RepositoryPaths.fixtures.appendingPathComponent("learning/\(name).json")
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    static func matrix(_ rows: [[Double]]) throws -> Matrix { try Matrix(rows: rows) }

    struct Provenance: Decodable, Sendable { let sklearn_version: String }

    // regression.json
    struct Regression: Decodable, Sendable { let provenance: Provenance; let cases: [RegressionCase] }
    struct RegressionCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let X_train: [[Double]]
        let y_train: [Double]
        let X_test: [[Double]]
        let standard_scaler: Scaler
        let ridge: [Ridge]
        let linear_regression: OLS
        var testDescription: String { name }
    }
    struct Scaler: Decodable, Sendable { let mean_: [Double]; let var_: [Double]; let scale_: [Double]; let transform_test: [[Double]] }
    struct Ridge: Decodable, Sendable {
        let alpha: Double; let coef_: [Double]; let intercept_: Double; let pred_train: [Double]; let pred_test: [Double]
    }
    struct OLS: Decodable, Sendable {
        let tol: Double; let rank_: Int; let coef_: [Double]; let intercept_: Double; let pred_test: [Double]
    }

    // metrics.json
    struct Metrics: Decodable, Sendable { let cases: [MetricsCase] }
    struct MetricsCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let y_true: [Double]
        let y_pred: [Double]
        let mean_absolute_error: Double
        let root_mean_squared_error: Double
        let r2_score: Double
        let spearmanr: Double?
        var testDescription: String { name }
    }

    // splits.json
    struct Splits: Decodable, Sendable {
        let kfold: [KFoldCase]
        let group_kfold: [GroupCase]
        let stratified_kfold: [StratifiedCase]
    }
    struct FoldRecord: Decodable, Equatable, Sendable { let train: [Int]; let test: [Int] }
    struct KFoldCase: Decodable, Sendable, CustomTestStringConvertible {
        let sample_count: Int; let n_splits: Int; let folds: [FoldRecord]
        var testDescription: String { "\(sample_count) samples, \(n_splits) folds" }
    }
    struct GroupCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String; let groups: [Int]; let n_splits: Int; let folds: [FoldRecord]
        var testDescription: String { name }
    }
    struct StratifiedCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String; let y: [Int]; let n_splits: Int; let folds: [FoldRecord]
        var testDescription: String { name }
    }

    // learning_curve.json
    struct Curve: Decodable, Sendable { let X: [[Double]]; let y: [Double]; let cases: [CurveCase] }
    struct CurveCase: Decodable, Sendable, CustomTestStringConvertible {
        let alpha: Double; let n_splits: Int; let scoring: String
        let train_sizes: [Double]; let train_sizes_are_fractions: Bool
        let train_sizes_abs: [Int]; let train_scores: [[Double]]; let test_scores: [[Double]]
        var testDescription: String { "ridge \(alpha), \(n_splits) folds, \(scoring), sizes \(train_sizes)" }
    }

    // pca.json
    struct PCA: Decodable, Sendable { let cases: [PCACase] }
    struct PCACase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String; let n_components: Int?
        let X_train: [[Double]]; let X_test: [[Double]]
        let mean_: [Double]; let components_: [[Double]]
        let explained_variance_: [Double]; let explained_variance_ratio_: [Double]
        let singular_values_: [Double]; let noise_variance_: Double
        let transform_test: [[Double]]; let inverse_transform_test: [[Double]]
        var testDescription: String { name }
    }

    // kmeans.json
    struct KMeans: Decodable, Sendable { let cases: [KMeansCase] }
    struct KMeansCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String; let X: [[Double]]; let `init`: [[Double]]; let max_iter: Int; let tol: Double
        let scaled_tol: Double; let labels_: [Int]; let cluster_centers_: [[Double]]
        let inertia_: Double; let n_iter_: Int
        var testDescription: String { name }
    }

    // outliers.json
    struct Outliers: Decodable, Sendable {
        let X: [[Double]]; let X_test: [[Double]]
        let mahalanobis_test: [Double]; let mahalanobis_train: [Double]
        let knn: [KNNCase]
    }
    struct KNNCase: Decodable, Sendable { let n_neighbors: Int; let kneighbors_test: [[Double]]; let kneighbors_train: [[Double]] }
}

/// Fixture cases for `@Test(arguments:)`; an unreadable fixture gives no cases, and the
/// `fixtureReads` test of each suite fails instead.
func fixtureCases<T>(_ read: () throws -> [T]) -> [T] { (try? read()) ?? [] }
