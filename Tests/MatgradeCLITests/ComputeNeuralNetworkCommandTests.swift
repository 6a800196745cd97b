import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade compute mlp|ensemble|autoencoder|cgcnn train|cgcnn predict`.
@Suite("matgrade compute mlp, ensemble, autoencoder, cgcnn (end to end)")
struct ComputeNeuralNetworkCommandTests {
    typealias Helpers = ComputeLearningCommandTests

    /// y = x0² - x1 on a grid, a held-out grid between its points.
    static var regressionData: [String: Any] {
        var train: [[Double]] = [], targets: [Double] = [], test: [[Double]] = []
        for i in 0..<12 { for j in 0..<12 {
            let (a, b) = (Double(i) / 5.5 - 1, Double(j) / 5.5 - 1)
            train.append([a, b]); targets.append(a * a - b)
        } }
        for i in 0..<5 { test.append([Double(i) / 5 - 0.45, 0.3]) }
        return ["X_train": train, "y_train": targets, "X_test": test]
    }

    @Test("mlp fits, reports its loss curve and is reproducible by seed")
    func mlp() throws {
        try ComputeGPForestCommandTests.withDataFile(Self.regressionData) { file in
            let arguments = ["compute", "mlp", "--data", file.path, "--hidden", "16,16", "--activation", "tanh",
                             "--learning-rate", "0.01", "--epochs", "150", "--batch-size", "16", "--seed", "2"]
            let first = try MatgradeProcess.run(arguments)
            #expect(first.status == 0, "\(first)")
            let output = try Helpers.json(first)
            let curve = try #require(output["loss_curve"] as? [Double])
            #expect(curve.count == output["n_iter"] as? Int)
            #expect(curve.last! < 0.05 * curve.first!, "\(curve.prefix(3)) ... \(curve.suffix(3))")
            let predictions = try #require(output["pred_test"] as? [Double])
            let expected = (0..<5).map { i -> Double in let a = Double(i) / 5 - 0.45; return a * a - 0.3 }
            #expect(zip(predictions, expected).allSatisfy { abs($0 - $1) < 0.15 }, "\(predictions) vs \(expected)")
            #expect(try MatgradeProcess.run(arguments).standardOutput == first.standardOutput)
        }
    }

    @Test("ensemble and autoencoder print their documented fields")
    func ensembleAndAutoencoder() throws {
        try ComputeGPForestCommandTests.withDataFile(Self.regressionData) { file in
            let ensemble = try MatgradeProcess.run(["compute", "ensemble", "--data", file.path, "--members", "3",
                                                    "--hidden", "8", "--epochs", "20", "--learning-rate", "0.01"])
            #expect(ensemble.status == 0, "\(ensemble)")
            let spread = try #require(try Helpers.json(ensemble)["std_test"] as? [Double])
            #expect(spread.count == 5 && spread.allSatisfy { $0 > 0 })
            let autoencoder = try MatgradeProcess.run(["compute", "autoencoder", "--data", file.path, "--code-size", "1",
                                                       "--hidden", "8", "--epochs", "10"])
            #expect(autoencoder.status == 0, "\(autoencoder)")
            let codes = try #require(try Helpers.json(autoencoder)["codes_test"] as? [[Double]])
            #expect(codes.count == 5 && codes.allSatisfy { $0.count == 1 })
        }
    }

    @Test("a bad option names itself and the fix")
    func badOptions() throws {
        try ComputeGPForestCommandTests.withDataFile(Self.regressionData) { file in
            let result = try MatgradeProcess.run(["compute", "mlp", "--data", file.path, "--activation", "swish"])
            #expect(result.status != 0)
            #expect(result.standardError.contains("invalid value 'swish' for --activation: use one of relu, tanh, logistic, softplus, identity"), "\(result.standardError)")
            let members = try MatgradeProcess.run(["compute", "ensemble", "--data", file.path, "--members", "1"])
            #expect(members.status != 0 && members.standardError.contains("member count is 1"), "\(members.standardError)")
        }
    }

    /// Trains briefly on bundled pymatgen example structures (targets are arbitrary: this is
    /// the plumbing; learning is LearningTests' CrystalGraphNetworkTests and the cgcnn
    /// benchmark), saves, reloads and predicts the same numbers.
    @Test("cgcnn train saves a network that cgcnn predict reloads exactly; embed and the CGCNN folder and CIF-column forms agree")
    func crystalGraphNetwork() throws {
        let directory = try Helpers.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = RepositoryPaths.exercisesData.appendingPathComponent("pymatgen-core/structures")
        let names = ["Si", "SrTiO3", "TiO2", "CsCl", "Li2O", "LiFePO4", "Li2O2", "BaNiO3"]
        var rows = ["structure,target"]
        for name in names {
            let path = folder.appendingPathComponent("\(name).json").path
            #expect(FileManager.default.fileExists(atPath: path), "bundled structure \(name) is missing")
            rows.append("\(path),\(Double(rows.count) * 0.5)")
        }
        let list = directory.appendingPathComponent("list.csv")
        try rows.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        let weights = directory.appendingPathComponent("weights.json")
        let train = try MatgradeProcess.run([
            "compute", "cgcnn", "train", "--data", list.path, "--save", weights.path, "--radius", "5", "--max-neighbors", "6",
            "--atom-feature-length", "8", "--convolutions", "2", "--hidden-length", "8", "--epochs", "3", "--batch-size", "4",
        ])
        #expect(train.status == 0, "\(train)")
        let trained = try Helpers.json(train)
        #expect((trained["loss_curve"] as? [Double])?.count == 3)
        let predict = try MatgradeProcess.run(["compute", "cgcnn", "predict", "--data", list.path, "--weights", weights.path])
        #expect(predict.status == 0, "\(predict)")
        let predicted = try Helpers.json(predict)
        try Helpers.expectNumbers(predicted["predictions"], trained["pred_train"], atol: 0, rtol: 1e-12, "reloaded predictions")
        let embeddings = try #require(predicted["embeddings"] as? [[Double]])
        #expect(embeddings.count == names.count && embeddings.allSatisfy { $0.count == 8 })

        #expect(train.standardError.contains("cgcnn train: epoch 3/3"), "progress per epoch: \(train.standardError)")
        let embed = try MatgradeProcess.run(["compute", "cgcnn", "embed", "--data", list.path, "--weights", weights.path])
        try Helpers.expectNumbers(try Helpers.json(embed)["embeddings"], predicted["embeddings"], atol: 0, rtol: 0, "embed = predict's embeddings")
        // Other structures in the three data forms: a CGCNN folder (id_prop.csv + ID.cif), a
        // CSV with the CIF text in a quoted column, and a CSV of paths: the same predictions.
        let cifs = RepositoryPaths.fixtures.appendingPathComponent("cif/pymatgen-written")
        let cifNames = ["CsCl-symprec0.01", "Li2O-symprec0.01", "LiFePO4-P1", "Si-symprec0.01", "SrTiO3-symprec0.01", "VO2-symprec0.01"]
        let cgcnnFolder = directory.appendingPathComponent("cgcnn")
        try FileManager.default.createDirectory(at: cgcnnFolder, withIntermediateDirectories: true)
        var idProp: [String] = [], cifRows = ["id,cif,target"], pathRows = ["structure,target"]
        for (k, name) in cifNames.enumerated() {
            let text = try String(contentsOf: cifs.appendingPathComponent("\(name).cif"), encoding: .utf8)
            try text.write(to: cgcnnFolder.appendingPathComponent("s\(k).cif"), atomically: true, encoding: .utf8)
            idProp.append("s\(k),\(Double(k))")
            cifRows.append("s\(k),\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\",\(Double(k))")
            pathRows.append("cgcnn/s\(k).cif,\(Double(k))")
        }
        try idProp.joined(separator: "\n").write(to: cgcnnFolder.appendingPathComponent("id_prop.csv"), atomically: true, encoding: .utf8)
        let cifList = directory.appendingPathComponent("cif.csv"), pathList = directory.appendingPathComponent("paths.csv")
        try cifRows.joined(separator: "\n").write(to: cifList, atomically: true, encoding: .utf8)
        try pathRows.joined(separator: "\n").write(to: pathList, atomically: true, encoding: .utf8)
        var forms: [[String: Any]] = []
        for data in [cgcnnFolder, cifList, pathList] {
            let run = try MatgradeProcess.run(["compute", "cgcnn", "predict", "--data", data.path, "--weights", weights.path])
            #expect(run.status == 0, "\(data.lastPathComponent): \(run)")
            forms.append(try Helpers.json(run))
        }
        try Helpers.expectNumbers(forms[0]["predictions"], forms[1]["predictions"], atol: 0, rtol: 0, "folder and CIF-column forms")
        try Helpers.expectNumbers(forms[0]["predictions"], forms[2]["predictions"], atol: 0, rtol: 0, "folder and path forms")
        #expect(forms.allSatisfy { $0["mae"] is Double })

        let broken = try MatgradeProcess.run(["compute", "cgcnn", "predict", "--data", list.path, "--weights", list.path])
        #expect(broken.status != 0 && broken.standardError.contains("is not a saved network"), "\(broken.standardError)")
    }
}
