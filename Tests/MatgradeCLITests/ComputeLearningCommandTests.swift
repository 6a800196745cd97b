import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade compute ridge|pca|kmeans` on data from the scikit-learn fixtures
/// (Tests/Fixtures/learning/, scikit-learn 1.9.1), checked against scikit-learn's numbers.
@Suite("matgrade compute ridge, pca, kmeans (end to end)")
struct ComputeLearningCommandTests {
    static func fixture(_ name: String) throws -> [String: Any] {
        let url = RepositoryPaths.fixtures.appendingPathComponent("learning/\(name).json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func fixtureCase(_ file: String, _ name: String) throws -> [String: Any] {
        let cases = try #require(try fixture(file)["cases"] as? [[String: Any]])
        return try #require(cases.first { $0["name"] as? String == name })
    }

    /// A scratch folder that the test removes.
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-learning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func write(_ object: Any, to url: URL) throws {
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    static func json(_ result: MatgradeProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    static func expectNumbers(_ observed: Any?, _ expected: Any?, atol: Double, rtol: Double, _ what: String) throws {
        let o = try #require(((observed as? [Any]) ?? [observed as Any]).flatMap { ($0 as? [Double]) ?? [$0 as? Double ?? .nan] })
        let e = try #require(((expected as? [Any]) ?? [expected as Any]).flatMap { ($0 as? [Double]) ?? [$0 as? Double ?? .nan] })
        let comparison = compare(o, e, atol: atol, rtol: rtol)
        #expect(comparison.isWithinTolerance, "\(what): \(comparison)")
    }

    @Test("ridge agrees with scikit-learn's Ridge(alpha=1.0) on the 'tall' fixture")
    func ridge() throws {
        let data = try Self.fixtureCase("regression", "tall")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data.json")
        try Self.write(["X_train": data["X_train"] as Any, "y_train": data["y_train"] as Any, "X_test": data["X_test"] as Any], to: file)
        let result = try MatgradeProcess.run(["compute", "ridge", "--data", file.path, "--alpha", "1.0"])
        #expect(result.status == 0, "\(result)")
        let output = try Self.json(result)
        let expected = try #require((data["ridge"] as? [[String: Any]])?.first { $0["alpha"] as? Double == 1.0 })
        // Output keys drop scikit-learn's trailing underscore; the fixture keeps it.
        for (field, fixtureField) in [("coef", "coef_"), ("intercept", "intercept_"), ("pred_train", "pred_train"), ("pred_test", "pred_test")] {
            try Self.expectNumbers(output[field], expected[fixtureField], atol: 1e-10, rtol: 1e-9, field)
        }
    }

    @Test("pca agrees with scikit-learn's PCA on the 'wide' fixture (n < p), signs included")
    func pca() throws {
        let data = try Self.fixtureCase("pca", "wide")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data.json")
        try Self.write(["X_train": data["X_train"] as Any, "X_test": data["X_test"] as Any], to: file)
        let result = try MatgradeProcess.run(["compute", "pca", "--data", file.path, "--components", "5"])
        #expect(result.status == 0, "\(result)")
        let output = try Self.json(result)
        #expect(output["n_components"] as? Int == 5)
        for field in ["mean", "components", "explained_variance", "explained_variance_ratio", "singular_values"] {
            try Self.expectNumbers(output[field], data[field + "_"], atol: 1e-9, rtol: 1e-9, field)
        }
        try Self.expectNumbers(output["transform_test"], data["transform_test"], atol: 1e-9, rtol: 1e-9, "transform_test")
    }

    @Test("kmeans from a centres file agrees with scikit-learn's KMeans on the 'empty_cluster' fixture")
    func kmeans() throws {
        let data = try Self.fixtureCase("kmeans", "empty_cluster")
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data.json")
        let centres = directory.appendingPathComponent("centres.json")
        try Self.write(["X_train": data["X"] as Any], to: file)
        try Self.write(["init": data["init"] as Any], to: centres)
        let result = try MatgradeProcess.run(["compute", "kmeans", "--data", file.path, "--init", centres.path])
        #expect(result.status == 0, "\(result)")
        let output = try Self.json(result)
        #expect(output["labels"] as? [Int] == data["labels_"] as? [Int])
        #expect(output["n_iter"] as? Int == data["n_iter_"] as? Int)
        try Self.expectNumbers(output["cluster_centers"], data["cluster_centers_"], atol: 1e-10, rtol: 0, "cluster_centers_")
        try Self.expectNumbers(output["inertia"], data["inertia_"], atol: 1e-12, rtol: 1e-10, "inertia_")
    }

    @Test("kmeans with seeded k-means++ from CSV prints the same result twice")
    func kmeansPlusPlusIsReproducible() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("data.csv")
        try "a,b\n0,0\n0.1,0\n5,5\n5.1,5\n0,0.2\n5,5.2\n".write(to: file, atomically: true, encoding: .utf8)
        let arguments = ["compute", "kmeans", "--data", file.path, "--clusters", "2", "--seed", "7"]
        let first = try MatgradeProcess.run(arguments)
        let second = try MatgradeProcess.run(arguments)
        #expect(first.status == 0, "\(first)")
        #expect(first.standardOutput == second.standardOutput)
        let labels = try #require(try Self.json(first)["labels"] as? [Int])
        #expect(labels[0] == labels[1] && labels[1] == labels[4] && labels[2] == labels[3] && labels[3] == labels[5] && labels[0] != labels[2],
                "\(labels)")
    }

    @Test("a CSV with CRLF endings, spaces, blank lines and a split column gives the JSON file's ridge")
    func csvAndJSONAgree() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "\r\n a , b ,y,split\r\n1,2,3.5,train\r\n\r\n 2 ,-1e-1,1,train\r\n3,1,+2,train\r\n0.5,0.25,0,test\r\n4,3,7.25,train"
            .write(to: directory.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try #"{"X_train": [[1, 2], [2, -0.1], [3, 1], [4, 3]], "y_train": [3.5, 1, 2, 7.25], "X_test": [[0.5, 0.25]]}"#
            .write(to: directory.appendingPathComponent("d.json"), atomically: true, encoding: .utf8)
        let csv = try MatgradeProcess.run(["compute", "ridge", "--data", "d.csv", "--alpha", "0.5"], in: directory)
        let json = try MatgradeProcess.run(["compute", "ridge", "--data", "d.json", "--alpha", "0.5"], in: directory)
        #expect(csv.status == 0, "\(csv)")
        #expect(!csv.standardOutput.isEmpty && csv.standardOutput == json.standardOutput, "\(csv)\n\(json)")
    }

    struct BadData: CustomTestStringConvertible, Sendable {
        let name: String
        let fileName: String
        let contents: String
        let arguments: [String]
        let message: String
        var testDescription: String { name }
    }

    static let badData: [BadData] = [
        BadData(name: "NaN in X_train", fileName: "d.json", contents: #"{"X_train": [[1, 2], [3, "NaN"]], "y_train": [1, 2]}"#,
                arguments: ["ridge"], message: "d.json: X_train[1][1] is nan; every value must be a finite number"),
        BadData(name: "y_train too short", fileName: "d.json", contents: #"{"X_train": [[1], [2], [3]], "y_train": [1, 2]}"#,
                arguments: ["ridge"], message: "d.json: y_train has 2 values but X_train has 3 rows; give one target per training row"),
        BadData(name: "no y_train for ridge", fileName: "d.json", contents: #"{"X_train": [[1], [2]]}"#,
                arguments: ["ridge"], message: "d.json: y_train is missing; ridge needs one target per training row"),
        BadData(name: "ragged rows", fileName: "d.json", contents: #"{"X_train": [[1, 2], [3]]}"#,
                arguments: ["pca"], message: "d.json: 'X_train' is ragged: 'X_train[1]' has 1 element but 'X_train[0]' has 2 elements"),
        BadData(name: "bad CSV cell", fileName: "d.csv", contents: "a,b\n1,2\n3,x\n",
                arguments: ["pca"], message: "d.csv: line 3, column 'b' is 'x', not a finite number"),
        BadData(name: "CSV cell with trailing text, CRLF lines, blank line counted", fileName: "d.csv",
                contents: "a, b\r\n1, 2\r\n\r\n3, 4.5e\r\n", arguments: ["pca"],
                message: "d.csv: line 4, column 'b' is '4.5e', not a finite number"),
        BadData(name: "empty CSV cell", fileName: "d.csv", contents: "a,b,split\n1,,train\n",
                arguments: ["pca"], message: "d.csv: line 2, column 'b' is '', not a finite number"),
        BadData(name: "CSV split neither train nor test", fileName: "d.csv", contents: "a,y,split\n1,2,train\n3,4,Test\n",
                arguments: ["ridge"], message: "d.csv: line 3, column 'split' is 'Test'; write train or test"),
        BadData(name: "too many components", fileName: "d.json", contents: #"{"X_train": [[1, 2], [3, 5], [4, 4]]}"#,
                arguments: ["pca", "--components", "3"], message: "PCA: n_components is 3; it must be in [0, min(samples, features)] = [0, 2]"),
        BadData(name: "k-means++ without --clusters", fileName: "d.json", contents: #"{"X_train": [[1], [2]]}"#,
                arguments: ["kmeans"], message: "invalid value '(none)' for --clusters: k-means++ needs the number of clusters"),
        BadData(name: "negative alpha", fileName: "d.json", contents: #"{"X_train": [[1], [2]], "y_train": [1, 2]}"#,
                arguments: ["ridge", "--alpha=-1"], message: "ridge regression: alpha is -1.0; the penalty must be a finite number >= 0"),
    ]

    @Test("bad data exits 2 naming the file, field and value", arguments: badData)
    func errors(_ input: BadData) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try input.contents.write(to: directory.appendingPathComponent(input.fileName), atomically: true, encoding: .utf8)
        var arguments = ["compute", input.arguments[0], "--data", input.fileName]
        arguments += input.arguments.dropFirst()
        let result = try MatgradeProcess.run(arguments, in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.isEmpty, "\(result)")
        #expect(result.standardError.contains(input.message), "\(result)")
    }
}
