import JSONSupport
import Learning
import LinearAlgebra

extension Frontend {
    /// `matgrade compute forest --data FILE [--trees N] [--max-features F] [--min-samples-leaf K]
    /// [--min-samples-split K] [--max-depth D] [--no-bootstrap] [--seed S] [--threads T]`:
    /// scikit-learn's `RandomForestRegressor(n_estimators=N, max_features, min_samples_leaf,
    /// max_depth, oob_score=True)` on X_train, y_train, with our seeded streams.
    ///
    /// JSON (stable): `{"trees": N, "seed": S, "pred_train": [...], "pred_test": [...] (with
    /// X_test), "oob_score": R² or null, "oob_prediction": [...] or null (without bootstrap),
    /// "feature_importances": [...]}`.
    public static func randomForest(
        dataPath: String, treeCount: Int, maxFeatures maxFeaturesText: String, minSamplesLeaf: Int, minSamplesSplit: Int,
        maxDepth: Int?, bootstrap: Bool, seed: UInt64, threadCount: Int?
    ) throws -> String {
        let tree = TreeOptions(maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
                               maxFeatures: try maxFeatures(maxFeaturesText))
        let options = RandomForestOptions(treeCount: treeCount, tree: tree, bootstrap: bootstrap, seed: seed, threadCount: threadCount)
        let data = try LearningDataFile(path: dataPath)
        guard let targets = data.trainTargets else {
            throw FrontendError.invalidData(file: dataPath, field: "y_train", problem: "is missing",
                                            fix: "forest needs one target per training row (JSON y_train, or a CSV column named y)")
        }
        let forest = try RandomForestRegressor(features: data.trainFeatures, targets: targets, options: options)
        var json = JSONWriter()
        json.raw("{\"trees\": "); json.integer(options.treeCount)
        json.raw(", \"seed\": \(options.seed)")
        json.raw(",\n \"pred_train\": "); json.numbers(try forest.predict(data.trainFeatures))
        if let test = data.testFeatures {
            json.raw(",\n \"pred_test\": "); json.numbers(try forest.predict(test))
        }
        json.raw(",\n \"oob_score\": ")
        if let score = forest.outOfBagScore { json.number(score) } else { json.raw("null") }
        json.raw(",\n \"oob_prediction\": ")
        if let prediction = forest.outOfBagPrediction { json.numbers(prediction) } else { json.raw("null") }
        json.raw(",\n \"feature_importances\": "); json.numbers(forest.featureImportances)
        json.raw("}\n")
        return json.text
    }

    /// Parses `--max-features`: `all`, `sqrt`, `log2`, a count (`3`) or a fraction with a
    /// decimal point (`0.33`, `1.0`), as scikit-learn reads an int or a float.
    static func maxFeatures(_ text: String) throws -> MaxFeatures {
        switch text {
        case "all", "None", "none": return .all
        case "sqrt": return .sqrt
        case "log2": return .log2
        default:
            if !text.contains("."), !text.lowercased().contains("e"), let count = Int(text), count >= 1 { return .count(count) }
            if let fraction = Double(text), fraction > 0, fraction <= 1 { return .fraction(fraction) }
            throw FrontendError.invalidOption(name: "--max-features", value: text,
                                              reason: "give all, sqrt, log2, a count >= 1 (3) or a fraction in (0, 1] (0.33)")
        }
    }

    /// `matgrade compute dbscan --data FILE --eps E --min-samples K`: scikit-learn's
    /// `DBSCAN(eps, min_samples)` on X_train (X_test and y_train are ignored).
    ///
    /// JSON (stable): `{"eps": E, "min_samples": K, "n_clusters": k, "labels": [...] (-1 noise),
    /// "core_sample_indices": [...]}`.
    public static func dbscan(dataPath: String, eps: Double, minSamples: Int) throws -> String {
        let data = try LearningDataFile(path: dataPath)
        let result = try DBSCAN.fit(features: data.trainFeatures, eps: eps, minSamples: minSamples)
        var json = JSONWriter()
        json.raw("{\"eps\": "); json.number(eps)
        json.raw(", \"min_samples\": "); json.integer(minSamples)
        json.raw(", \"n_clusters\": "); json.integer((result.labels.max() ?? -1) + 1)
        json.raw(",\n \"labels\": "); json.integers(result.labels)
        json.raw(",\n \"core_sample_indices\": "); json.integers(result.coreSampleIndices)
        json.raw("}\n")
        return json.text
    }
}
