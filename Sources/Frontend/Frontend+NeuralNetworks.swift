import Foundation
import JSONSupport
import Learning
import LinearAlgebra

extension Frontend {
    /// The training options shared by `matgrade compute mlp|ensemble|autoencoder`.
    public struct NetworkOptions: Sendable {
        public var hiddenLayerSizes: [Int]
        public var activation: String
        public var learningRate: Double
        public var epochs: Int
        public var batchSize: Int?
        public var seed: UInt64

        public init(hiddenLayerSizes: [Int], activation: String, learningRate: Double, epochs: Int, batchSize: Int?, seed: UInt64) {
            self.hiddenLayerSizes = hiddenLayerSizes
            self.activation = activation
            self.learningRate = learningRate
            self.epochs = epochs
            self.batchSize = batchSize
            self.seed = seed
        }

        func activationValue() throws -> Activation {
            guard let value = Activation(rawValue: activation) else {
                throw FrontendError.invalidOption(
                    name: "--activation", value: activation,
                    reason: "use one of \(Activation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }

        func perceptronSettings(alpha: Double, earlyStopping: Bool, validationFraction: Double,
                                patience: Int, tolerance: Double) throws -> MultilayerPerceptron.Settings {
            var settings = MultilayerPerceptron.Settings()
            settings.hiddenLayerSizes = hiddenLayerSizes
            settings.activation = try activationValue()
            settings.alpha = alpha
            settings.batchSize = batchSize
            settings.learningRate = learningRate
            settings.maximumEpochs = epochs
            settings.earlyStopping = earlyStopping
            settings.validationFraction = validationFraction
            settings.patience = patience
            settings.tolerance = tolerance
            settings.seed = seed
            return settings
        }
    }

    /// `matgrade compute mlp --data FILE ...`: a multilayer-perceptron regressor with
    /// scikit-learn's `MLPRegressor(solver="adam")` semantics, fitted on X_train, y_train.
    ///
    /// JSON (stable): `{"hidden_layer_sizes": [...], "activation": a, "seed": s, "n_iter": n,
    /// "converged": bool, "loss_curve": [...], "validation_scores": [...] (early stopping),
    /// "pred_train": [...], "pred_test": [...] (with X_test)}`.
    public static func multilayerPerceptron(dataPath: String, options: NetworkOptions, alpha: Double, earlyStopping: Bool,
                                            validationFraction: Double, patience: Int, tolerance: Double) throws -> String {
        let data = try LearningDataFile(path: dataPath)
        let targets = try requireTargets(data, dataPath: dataPath, command: "mlp")
        let settings = try options.perceptronSettings(alpha: alpha, earlyStopping: earlyStopping, validationFraction: validationFraction,
                                                      patience: patience, tolerance: tolerance)
        let model = try MultilayerPerceptron(features: data.trainFeatures, targets: targets, settings: settings)
        var json = JSONWriter()
        writeNetworkHeader(options, to: &json)
        json.raw(", \"n_iter\": "); json.integer(model.epochCount)
        json.raw(", \"converged\": \(model.converged)")
        json.raw(",\n \"loss_curve\": "); json.numbers(model.lossCurve)
        if earlyStopping { json.raw(",\n \"validation_scores\": "); json.numbers(model.validationScores) }
        json.raw(",\n \"pred_train\": "); json.numbers(try model.predict(data.trainFeatures))
        if let test = data.testFeatures { json.raw(",\n \"pred_test\": "); json.numbers(try model.predict(test)) }
        json.raw("}\n")
        return json.text
    }

    /// `matgrade compute ensemble --data FILE --members M ...`: a deep ensemble of M
    /// perceptrons (seeds from --seed); mean and population standard deviation per row.
    ///
    /// JSON (stable): `{"members": M, ..., "mean_train": [...], "std_train": [...],
    /// "mean_test": [...], "std_test": [...] (with X_test)}`.
    public static func deepEnsemble(dataPath: String, options: NetworkOptions, memberCount: Int, alpha: Double) throws -> String {
        let data = try LearningDataFile(path: dataPath)
        let targets = try requireTargets(data, dataPath: dataPath, command: "ensemble")
        let settings = try options.perceptronSettings(alpha: alpha, earlyStopping: false, validationFraction: 0.1, patience: 10, tolerance: 1e-4)
        let ensemble = try DeepEnsemble(features: data.trainFeatures, targets: targets, memberCount: memberCount, settings: settings)
        var json = JSONWriter()
        json.raw("{\"members\": "); json.integer(memberCount); json.raw(", ")
        writeNetworkHeader(options, to: &json, opening: false)
        let train = try ensemble.predict(data.trainFeatures)
        json.raw(",\n \"mean_train\": "); json.numbers(train.mean)
        json.raw(",\n \"std_train\": "); json.numbers(train.standardDeviation)
        if let testFeatures = data.testFeatures {
            let test = try ensemble.predict(testFeatures)
            json.raw(",\n \"mean_test\": "); json.numbers(test.mean)
            json.raw(",\n \"std_test\": "); json.numbers(test.standardDeviation)
        }
        json.raw("}\n")
        return json.text
    }

    /// `matgrade compute autoencoder --data FILE --code-size K ...`: a dense autoencoder
    /// trained on X_train (y is ignored).
    ///
    /// JSON (stable): `{"code_size": K, ..., "loss_curve": [...], "reconstruction_error_train":
    /// e, "codes_train": [[...]], "codes_test": [[...]], "reconstruction_error_test": e (with X_test)}`.
    public static func autoencoder(dataPath: String, options: NetworkOptions, codeSize: Int) throws -> String {
        let data = try LearningDataFile(path: dataPath)
        var settings = Autoencoder.Settings()
        settings.hiddenLayerSizes = options.hiddenLayerSizes
        settings.codeSize = codeSize
        settings.activation = try options.activationValue()
        settings.learningRate = options.learningRate
        settings.epochs = options.epochs
        settings.batchSize = options.batchSize
        settings.seed = options.seed
        let model = try Autoencoder(features: data.trainFeatures, settings: settings)
        var json = JSONWriter()
        json.raw("{\"code_size\": "); json.integer(codeSize); json.raw(", ")
        writeNetworkHeader(options, to: &json, opening: false)
        json.raw(",\n \"loss_curve\": "); json.numbers(model.lossCurve)
        json.raw(",\n \"reconstruction_error_train\": "); json.number(try model.reconstructionError(data.trainFeatures))
        json.raw(",\n \"codes_train\": "); writeRows(try model.encode(data.trainFeatures), to: &json)
        if let test = data.testFeatures {
            json.raw(",\n \"reconstruction_error_test\": "); json.number(try model.reconstructionError(test))
            json.raw(",\n \"codes_test\": "); writeRows(try model.encode(test), to: &json)
        }
        json.raw("}\n")
        return json.text
    }

    private static func requireTargets(_ data: LearningDataFile, dataPath: String, command: String) throws -> [Double] {
        guard let targets = data.trainTargets else {
            throw FrontendError.invalidData(file: dataPath, field: "y_train", problem: "is missing",
                                            fix: "\(command) needs one target per training row (JSON y_train, or a CSV column named y)")
        }
        return targets
    }

    private static func writeNetworkHeader(_ options: NetworkOptions, to json: inout JSONWriter, opening: Bool = true) {
        if opening { json.raw("{") }
        json.raw("\"hidden_layer_sizes\": "); json.integers(options.hiddenLayerSizes)
        json.raw(", \"activation\": "); json.string(options.activation)
        json.raw(", \"learning_rate\": "); json.number(options.learningRate)
        json.raw(", \"seed\": \(options.seed)")
    }
}
