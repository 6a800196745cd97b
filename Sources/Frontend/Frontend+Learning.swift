import Exercises
import Foundation
import JSONSupport
import Learning
import LinearAlgebra

extension Frontend {
    /// How `matgrade compute kmeans` chooses its initial centres.
    public enum KMeansInitialization: Sendable, Equatable {
        /// Centres read from a JSON file: `[[...], ...]` or `{"init": [[...], ...]}`.
        case centersFile(String)
        /// Seeded greedy k-means++ (our generator: reproducible, not scikit-learn's draws).
        case plusPlus(seed: UInt64)
    }

    /// `matgrade compute ridge --data FILE [--alpha A]`: scikit-learn's `Ridge(alpha)`
    /// (`alpha = 0`: `LinearRegression()`), fitted on X_train, y_train.
    ///
    /// Output keys are the documented names: scikit-learn's attribute names without
    /// the trailing underscore (`coef_` is `coef`), as in `gp` and `forest`.
    ///
    /// JSON (stable): `{"model": "ridge", "alpha": A, "coef": [...], "intercept": b,
    /// "pred_train": [...], "pred_test": [...]}`; `"model": "linear_regression"` and
    /// `"rank"` when alpha is 0; `pred_test` only when the file has X_test.
    public static func ridge(dataPath: String, alpha: Double) throws -> String {
        let data = try LearningDataFile(path: dataPath)
        guard let targets = data.trainTargets else {
            throw FrontendError.invalidData(file: dataPath, field: "y_train", problem: "is missing",
                                            fix: "ridge needs one target per training row (JSON y_train, or a CSV column named y)")
        }
        let model = try LinearModel.ridge(features: data.trainFeatures, targets: targets, alpha: alpha)
        var json = JSONWriter()
        json.raw("{\"model\": "); json.string(alpha == 0 ? "linear_regression" : "ridge")
        json.raw(", \"alpha\": "); json.number(alpha)
        if let rank = model.rank { json.raw(", \"rank\": "); json.integer(rank) }
        json.raw(",\n \"coef\": "); json.numbers(model.coefficients)
        json.raw(",\n \"intercept\": "); json.number(model.intercept)
        json.raw(",\n \"pred_train\": "); json.numbers(try model.predict(data.trainFeatures))
        if let test = data.testFeatures {
            json.raw(",\n \"pred_test\": "); json.numbers(try model.predict(test))
        }
        json.raw("}\n")
        return json.text
    }

    /// `matgrade compute pca --data FILE [--components K]`: scikit-learn's
    /// `PCA(n_components=K, svd_solver="full")` on X_train.
    ///
    /// JSON (stable): `{"n_components": K, "mean": [...], "components": [[...]],
    /// "explained_variance": [...], "explained_variance_ratio": [...], "singular_values":
    /// [...], "noise_variance": v, "transform_train": [[...]], "transform_test": [[...]]}`;
    /// components with scikit-learn's signs (largest-magnitude entry positive).
    public static func pca(dataPath: String, componentCount: Int?) throws -> String {
        let data = try LearningDataFile(path: dataPath)
        let pca = try PrincipalComponentAnalysis(fitting: data.trainFeatures, componentCount: componentCount)
        var json = JSONWriter()
        json.raw("{\"n_components\": "); json.integer(pca.componentCount)
        json.raw(",\n \"mean\": "); json.numbers(pca.mean)
        json.raw(",\n \"components\": "); writeRows(pca.components, to: &json)
        json.raw(",\n \"explained_variance\": "); json.numbers(pca.explainedVariance)
        json.raw(",\n \"explained_variance_ratio\": "); json.numbers(pca.explainedVarianceRatio)
        json.raw(",\n \"singular_values\": "); json.numbers(pca.singularValues)
        json.raw(",\n \"noise_variance\": "); json.number(pca.noiseVariance)
        json.raw(",\n \"transform_train\": "); writeRows(try pca.transform(data.trainFeatures), to: &json)
        if let test = data.testFeatures {
            json.raw(",\n \"transform_test\": "); writeRows(try pca.transform(test), to: &json)
        }
        json.raw("}\n")
        return json.text
    }

    /// `matgrade compute kmeans --data FILE (--init CENTERS.json | --init k-means++ --clusters K
    /// [--seed S]) [--max-iter N] [--tol T]`: scikit-learn's `KMeans(n_clusters, init,
    /// n_init=1, algorithm="lloyd")` on X_train.
    ///
    /// JSON (stable): `{"n_clusters": K, "init": "array"|"k-means++", "seed": S (k-means++
    /// only), "labels": [...], "cluster_centers": [[...]], "inertia": x, "n_iter": n,
    /// "predict_test": [...] (when the file has X_test)}`.
    public static func kmeans(
        dataPath: String, clusterCount: Int?, initialization: KMeansInitialization,
        maxIterations: Int, tolerance: Double
    ) throws -> String {
        let data = try LearningDataFile(path: dataPath)
        let initialCenters: Matrix
        switch initialization {
        case .centersFile(let path):
            initialCenters = try readCenters(path: path)
            if let clusterCount, clusterCount != initialCenters.rowCount {
                throw FrontendError.invalidOption(
                    name: "--clusters", value: String(clusterCount),
                    reason: "\(path) holds \(initialCenters.rowCount) centres; drop --clusters or make them agree")
            }
        case .plusPlus(let seed):
            guard let clusterCount else {
                throw FrontendError.invalidOption(name: "--clusters", value: "(none)", reason: "k-means++ needs the number of clusters")
            }
            var generator = SplitMix64(seed: seed)
            initialCenters = try KMeans.plusPlusCenters(features: data.trainFeatures, clusterCount: clusterCount, using: &generator)
        }
        let result = try KMeans.lloyd(features: data.trainFeatures, initialCenters: initialCenters,
                                      maxIterations: maxIterations, tolerance: tolerance)
        var json = JSONWriter()
        json.raw("{\"n_clusters\": "); json.integer(initialCenters.rowCount)
        switch initialization {
        case .centersFile: json.raw(", \"init\": \"array\"")
        case .plusPlus(let seed): json.raw(", \"init\": \"k-means++\", \"seed\": \(seed)")
        }
        json.raw(",\n \"labels\": "); json.integers(result.labels)
        json.raw(",\n \"cluster_centers\": "); writeRows(result.centers, to: &json)
        json.raw(",\n \"inertia\": "); json.number(result.inertia)
        json.raw(",\n \"n_iter\": "); json.integer(result.iterationCount)
        if let test = data.testFeatures {
            json.raw(",\n \"predict_test\": "); json.integers(try result.predict(test))
        }
        json.raw("}\n")
        return json.text
    }

    /// Initial centres from `[[...], ...]` or `{"init": [[...], ...]}`.
    static func readCenters(path: String) throws -> Matrix {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as JSONParseError {
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "write the centres with json.dump")
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: "cannot be read (\(error.localizedDescription))",
                                            fix: "check the path, or pass --init k-means++")
        }
        let centres = document.objectValue?["init"] ?? document
        return try LearningDataFile.matrix(centres, field: document.objectValue == nil ? "centres" : "init", path: path)
    }

    static func writeRows(_ matrix: Matrix, to json: inout JSONWriter) {
        json.array(matrix.rows) { json, row in json.numbers(row) }
    }
}
