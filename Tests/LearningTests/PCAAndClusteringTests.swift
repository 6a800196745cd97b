import LinearAlgebra
import Testing
import TestSupport
@testable import Learning

/// PCA, k-means and outlier scores against scikit-learn 1.9.1 (pca.json, kmeans.json,
/// outliers.json).
@Suite struct PCATests {
    static let cases = fixtureCases { try LearningFixtures.load("pca", as: LearningFixtures.PCA.self).cases }

    @Test func fixtureReads() throws {
        #expect(try LearningFixtures.load("pca", as: LearningFixtures.PCA.self).cases.count == 5)
    }

    @Test(arguments: cases) func pcaMatchesScikitLearn(_ data: LearningFixtures.PCACase) throws {
        let pca = try PrincipalComponentAnalysis(fitting: try LearningFixtures.matrix(data.X_train), componentCount: data.n_components)
        let name = data.name
        expectClose(pca.mean, data.mean_, atol: 1e-13, rtol: 1e-12, "\(name) mean_")
        expectClose(pca.explainedVariance, data.explained_variance_, atol: 1e-12, rtol: 1e-10, "\(name) explained_variance_")
        expectClose(pca.explainedVarianceRatio, data.explained_variance_ratio_, atol: 1e-12, rtol: 1e-10, "\(name) explained_variance_ratio_")
        expectClose(pca.singularValues, data.singular_values_, atol: 1e-12, rtol: 1e-10, "\(name) singular_values_")
        expectClose(pca.noiseVariance, data.noise_variance_, atol: 1e-12, rtol: 1e-10, "\(name) noise_variance_")
        // Signs included: the svd_flip rule must give the same signs, not just the same axes.
        expectClose(pca.components, data.components_, atol: 1e-9, rtol: 0, "\(name) components_")
        let scores = try pca.transform(try LearningFixtures.matrix(data.X_test))
        expectClose(scores, data.transform_test, atol: 1e-9, rtol: 1e-9, "\(name) transform")
        expectClose(try pca.inverseTransform(scores), data.inverse_transform_test, atol: 1e-9, rtol: 1e-9, "\(name) inverse_transform")
    }

    /// The convention as an identity: each component's largest-magnitude entry is positive.
    @Test(arguments: cases) func largestEntryOfEachComponentIsPositive(_ data: LearningFixtures.PCACase) throws {
        let pca = try PrincipalComponentAnalysis(fitting: try LearningFixtures.matrix(data.X_train), componentCount: data.n_components)
        for k in 0..<pca.componentCount {
            let row = pca.components.row(k)
            let largest = try #require(row.max { abs($0) < abs($1) })
            #expect(largest > 0, "component \(k) of \(data.name): \(row)")
        }
    }

    @Test func tooManyComponentsAreRejected() throws {
        let x = try Matrix(rows: [[1, 2, 3], [4, 5, 7], [2, 2, 2]])
        #expect(throws: LearningError.invalidParameter(context: "PCA", name: "n_components", value: "4",
                                                       reason: "it must be in [0, min(samples, features)] = [0, 3]")) {
            _ = try PrincipalComponentAnalysis(fitting: x, componentCount: 4)
        }
    }
}

@Suite struct KMeansTests {
    static let cases = fixtureCases { try LearningFixtures.load("kmeans", as: LearningFixtures.KMeans.self).cases }

    @Test func fixtureReads() throws {
        #expect(try LearningFixtures.load("kmeans", as: LearningFixtures.KMeans.self).cases.count == 6)
    }

    @Test(arguments: cases) func lloydMatchesScikitLearn(_ data: LearningFixtures.KMeansCase) throws {
        let result = try KMeans.lloyd(
            features: try LearningFixtures.matrix(data.X), initialCenters: try LearningFixtures.matrix(data.`init`),
            maxIterations: data.max_iter, tolerance: data.tol)
        #expect(result.labels == data.labels_, "\(data.name) labels_")
        #expect(result.iterationCount == data.n_iter_, "\(data.name) n_iter_")
        expectClose(result.centers, data.cluster_centers_, atol: 1e-10, rtol: 0, "\(data.name) cluster_centers_")
        expectClose(result.inertia, data.inertia_, atol: 1e-12, rtol: 1e-10, "\(data.name) inertia_")
    }

    @Test func plusPlusIsReproducibleAndPicksDistinctSamples() throws {
        let cases = try LearningFixtures.load("kmeans", as: LearningFixtures.KMeans.self).cases
        let x = try LearningFixtures.matrix(try #require(cases.first { $0.name == "blobs" }).X)
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        let a = try KMeans.plusPlusCenters(features: x, clusterCount: 3, using: &first)
        let b = try KMeans.plusPlusCenters(features: x, clusterCount: 3, using: &second)
        #expect(a == b)
        #expect(Set(a.rows).count == 3)
        #expect(a.rows.allSatisfy { x.rows.contains($0) })
        // Three well separated blobs of 20: seeded k-means++ then Lloyd finds them.
        let result = try KMeans.lloyd(features: x, initialCenters: a)
        let blobOf = (0..<60).map { $0 / 20 }
        let pairsAgree = (0..<60).allSatisfy { i in (0..<60).allSatisfy { j in
            (blobOf[i] == blobOf[j]) == (result.labels[i] == result.labels[j]) } }
        #expect(pairsAgree)
    }

    @Test(arguments: [(1, 0), (2, 0), (3, 1), (7, 1), (8, 2), (20, 2), (21, 3)])
    func floorOfNaturalLog(k: Int, expected: Int) {
        #expect(KMeans.floorNaturalLog(k) == expected)
    }

    @Test func tooManyCentresAreRejected() throws {
        let x = try Matrix(rows: [[0, 0], [1, 1]])
        #expect(throws: LearningError.invalidParameter(context: "k-means", name: "n_clusters", value: "3",
                                                       reason: "give between 1 and 2 (the sample count) initial centres")) {
            _ = try KMeans.lloyd(features: x, initialCenters: try Matrix(rows: [[0, 0], [1, 1], [2, 2]]))
        }
    }
}

@Suite struct OutlierScoreTests {
    static let fixture = try? LearningFixtures.load("outliers", as: LearningFixtures.Outliers.self)

    @Test func mahalanobisMatchesScikitLearn() throws {
        let data = try LearningFixtures.load("outliers", as: LearningFixtures.Outliers.self)
        let x = try LearningFixtures.matrix(data.X)
        expectClose(try OutlierScores.squaredMahalanobis(reference: x, queries: try LearningFixtures.matrix(data.X_test)),
                    data.mahalanobis_test, atol: 1e-12, rtol: 1e-9, "mahalanobis test")
        expectClose(try OutlierScores.squaredMahalanobis(reference: x, queries: x),
                    data.mahalanobis_train, atol: 1e-12, rtol: 1e-9, "mahalanobis train")
    }

    @Test(arguments: fixture?.knn ?? []) func nearestNeighborDistancesMatchScikitLearn(_ data: LearningFixtures.KNNCase) throws {
        let fixture = try #require(Self.fixture)
        let x = try LearningFixtures.matrix(fixture.X)
        let test = try OutlierScores.nearestNeighborDistances(
            reference: x, queries: try LearningFixtures.matrix(fixture.X_test), neighborCount: data.n_neighbors)
        expectClose(test.flatMap { $0 }, data.kneighbors_test.flatMap { $0 }, atol: 1e-14, rtol: 1e-12, "k=\(data.n_neighbors) test")
        let train = try OutlierScores.nearestNeighborDistances(reference: x, neighborCount: data.n_neighbors)
        expectClose(train.flatMap { $0 }, data.kneighbors_train.flatMap { $0 }, atol: 1e-14, rtol: 1e-12, "k=\(data.n_neighbors) train")
    }
}
