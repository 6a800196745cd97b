import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade compute gp|forest|dbscan` on data from the scikit-learn fixtures
/// (Tests/Fixtures/learning/gp.json, forest.json, dbscan.json; scikit-learn 1.9.1).
@Suite("matgrade compute gp, forest, dbscan (end to end)")
struct ComputeGPForestCommandTests {
    typealias Helpers = ComputeLearningCommandTests

    static func withDataFile(_ object: [String: Any], _ body: (URL) throws -> Void) throws {
        let directory = try Helpers.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data.json")
        try Helpers.write(object, to: file)
        try body(file)
    }

    @Test("gp with a fixed kernel agrees with scikit-learn's mean, std and log marginal likelihood")
    func gpFixedKernel() throws {
        let fixture = try Helpers.fixture("gp")
        let fixed = try #require((fixture["fixed"] as? [[String: Any]])?.first)
        let data = ["X_train": fixture["X_train"] as Any, "y_train": fixture["y_train"] as Any, "X_test": fixture["X_test"] as Any]
        try Self.withDataFile(data) { file in
            let result = try MatgradeProcess.run(["compute", "gp", "--data", file.path, "--kernel", "constant(1.0)*rbf(1.5)+white(0.01)"])
            #expect(result.status == 0, "\(result)")
            let output = try Helpers.json(result)
            try Helpers.expectNumbers(output["mean_test"], fixed["mean_test"], atol: 1e-7, rtol: 1e-7, "mean_test")
            try Helpers.expectNumbers(output["std_test"], fixed["std_test"], atol: 1e-7, rtol: 1e-7, "std_test")
            try Helpers.expectNumbers(output["log_marginal_likelihood"], fixed["log_marginal_likelihood_value_"], atol: 0, rtol: 1e-9, "LML")
            let hyper = try #require(output["hyperparameters"] as? [String: Any])
            #expect(hyper["constant_value"] as? Double == 1.0 && hyper["length_scale"] as? Double == 1.5 && hyper["noise_level"] as? Double == 0.01,
                    "\(hyper)")
        }
    }

    @Test("gp --acquisition ei --minimize agrees with EI from scikit-learn's mean and std")
    func gpExpectedImprovement() throws {
        let fixture = try Helpers.fixture("gp")
        let cases = try #require(fixture["acquisitions"] as? [[String: Any]])
        let ei = try #require(cases.first { $0["kind"] as? String == "ei" && $0["minimize"] as? Bool == true && $0["xi"] as? Double == 0.01 })
        let data = ["X_train": fixture["X_train"] as Any, "y_train": fixture["y_train"] as Any, "X_test": fixture["X_test"] as Any]
        try Self.withDataFile(data) { file in
            let result = try MatgradeProcess.run([
                "compute", "gp", "--data", file.path, "--kernel", "constant(1.0)*rbf(1.5)+white(0.01)",
                "--acquisition", "ei", "--xi", "0.01", "--minimize",
            ])
            #expect(result.status == 0, "\(result)")
            let acquisition = try #require(try Helpers.json(result)["acquisition"] as? [String: Any])
            try Helpers.expectNumbers(acquisition["incumbent"], ei["incumbent"], atol: 0, rtol: 0, "incumbent (min of y_train)")
            try Helpers.expectNumbers(acquisition["values"], ei["values"], atol: 1e-9, rtol: 1e-7, "EI values")
        }
    }

    @Test("gp --optimize finds scikit-learn's optimum from the same start")
    func gpOptimize() throws {
        let fixture = try Helpers.fixture("gp")
        let data = try #require(fixture["optimization_data"] as? [String: Any])
        let expected = try #require((fixture["optimized"] as? [[String: Any]])?.first)
        try Self.withDataFile(data) { file in
            let result = try MatgradeProcess.run(["compute", "gp", "--data", file.path, "--kernel", "constant(1.0)*rbf(1.0)+white(0.1)", "--optimize"])
            #expect(result.status == 0, "\(result)")
            let output = try Helpers.json(result)
            let theta = try #require(output["theta"] as? [Double]).map { exp($0) }
            let reference = try #require(expected["theta_"] as? [Double]).map { exp($0) }
            try Helpers.expectNumbers(theta, reference, atol: 0, rtol: 1e-3, "optimised hyperparameters")
        }
    }

    @Test("a kernel that does not parse names the position and the expected token", arguments: [
        ("constant(1.0)*rbf(1.5", "position 22 expected ')'"),
        ("rbf(1.0)+", "position 10 expected a kernel"),
        ("matern(1.0, 3)", "position 13 expected Matérn's nu"),
    ])
    func gpKernelSyntaxError(_ kernel: String, _ message: String) throws {
        try Self.withDataFile(["X_train": [[0.0], [1.0]], "y_train": [0.0, 1.0]]) { file in
            let result = try MatgradeProcess.run(["compute", "gp", "--data", file.path, "--kernel", kernel])
            #expect(result.status == 2, "\(result)")
            #expect(result.standardError.contains(message), "\(result)")
        }
    }

    @Test("gp without y_train and with mismatched ARD length scales fails with the field named")
    func gpBadInput() throws {
        try Self.withDataFile(["X_train": [[0.0, 1.0], [1.0, 0.0]]]) { file in
            let result = try MatgradeProcess.run(["compute", "gp", "--data", file.path, "--kernel", "rbf(1.0)"])
            #expect(result.status == 2 && result.standardError.contains("y_train"), "\(result)")
        }
        try Self.withDataFile(["X_train": [[0.0, 1.0], [1.0, 0.0]], "y_train": [1.0, 2.0]]) { file in
            let result = try MatgradeProcess.run(["compute", "gp", "--data", file.path, "--kernel", "rbf([1.0,2.0,3.0])"])
            #expect(result.status == 2 && result.standardError.contains("length scales"), "\(result)")
        }
    }

    @Test("forest of one tree without bootstrap reproduces scikit-learn's DecisionTreeRegressor on the training set")
    func forestSingleTree() throws {
        let fixture = try Helpers.fixture("forest")
        let data = try #require(fixture["tree_data"] as? [String: Any])
        let tree = try #require((fixture["trees"] as? [[String: Any]])?.first)
        try Self.withDataFile(data) { file in
            let result = try MatgradeProcess.run(["compute", "forest", "--data", file.path, "--trees", "1", "--no-bootstrap"])
            #expect(result.status == 0, "\(result)")
            let output = try Helpers.json(result)
            try Helpers.expectNumbers(output["pred_train"], tree["pred_train"], atol: 1e-12, rtol: 1e-12, "pred_train")
            #expect(output["oob_score"] is NSNull)
        }
    }

    @Test("forest with bootstrap reports an out-of-bag score and importances summing to 1, the same for any thread count")
    func forestBootstrap() throws {
        let fixture = try Helpers.fixture("forest")
        let data = try #require(fixture["tree_data"] as? [String: Any])
        try Self.withDataFile(data) { file in
            let arguments = ["compute", "forest", "--data", file.path, "--trees", "30", "--max-features", "0.5", "--seed", "4"]
            let one = try MatgradeProcess.run(arguments + ["--threads", "1"])
            let two = try MatgradeProcess.run(arguments + ["--threads", "2"])
            #expect(one.status == 0, "\(one)")
            #expect(one.standardOutput == two.standardOutput)
            let output = try Helpers.json(one)
            let score = try #require(output["oob_score"] as? Double)
            #expect(score > 0.5 && score < 1, "oob_score \(score)")
            let importances = try #require(output["feature_importances"] as? [Double])
            #expect(abs(importances.reduce(0, +) - 1) < 1e-12)
            #expect((output["pred_test"] as? [Double])?.count == 30)
        }
    }

    @Test("forest rejects a bad --max-features and --min-samples-leaf 0 with the option named")
    func forestBadOptions() throws {
        try Self.withDataFile(["X_train": [[0.0], [1.0], [2.0]], "y_train": [0.0, 1.0, 2.0]]) { file in
            let features = try MatgradeProcess.run(["compute", "forest", "--data", file.path, "--max-features", "1.5"])
            #expect(features.status == 2 && features.standardError.contains("--max-features"), "\(features)")
            let leaf = try MatgradeProcess.run(["compute", "forest", "--data", file.path, "--min-samples-leaf", "0"])
            #expect(leaf.status == 2 && leaf.standardError.contains("min_samples_leaf is 0"), "\(leaf)")
        }
    }

    @Test("dbscan agrees with scikit-learn's labels and core samples on the 'blobs' fixture")
    func dbscan() throws {
        let data = try Helpers.fixtureCase("dbscan", "blobs")
        try Self.withDataFile(["X_train": data["X"] as Any]) { file in
            let result = try MatgradeProcess.run(["compute", "dbscan", "--data", file.path, "--eps", "0.5", "--min-samples", "5"])
            #expect(result.status == 0, "\(result)")
            let output = try Helpers.json(result)
            #expect(output["labels"] as? [Int] == data["labels_"] as? [Int])
            #expect(output["core_sample_indices"] as? [Int] == data["core_sample_indices_"] as? [Int])
        }
    }

    @Test("dbscan rejects eps <= 0 with the parameter named")
    func dbscanBadEps() throws {
        try Self.withDataFile(["X_train": [[0.0], [1.0]]]) { file in
            let result = try MatgradeProcess.run(["compute", "dbscan", "--data", file.path, "--eps=-1"])
            #expect(result.status == 2 && result.standardError.contains("eps is -1.0"), "\(result)")
        }
    }
}
