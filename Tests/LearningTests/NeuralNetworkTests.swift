import Foundation
import Learning
import LinearAlgebra
import Testing

/// The networks learn what they should, reproducibly; the optimisers follow their update rules.
@Suite("Neural networks: MLP, autoencoder, deep ensemble, optimisers")
struct NeuralNetworkTests {
    /// y = sin(2 x0) + 0.5 x1² on [-1.5, 1.5]², seeded.
    static func smoothProblem(count: Int, seed: UInt64, range: Double = 1.5) -> (Matrix, [Double]) {
        var random = LearningRandom(seed: seed)
        var rows: [Double] = [], targets: [Double] = []
        for _ in 0..<count {
            let x0 = random.uniform(-range, range), x1 = random.uniform(-range, range)
            rows += [x0, x1]
            targets.append(sin(2 * x0) + 0.5 * x1 * x1)
        }
        return (Matrix(rowCount: count, columnCount: 2, exactStorage: rows), targets)
    }

    static func variance(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    }

    static func meanSquaredError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(a.count)
    }

    static var settings: MultilayerPerceptron.Settings {
        var settings = MultilayerPerceptron.Settings()
        settings.hiddenLayerSizes = [32, 32]
        settings.activation = .tanh
        settings.learningRate = 0.01
        settings.maximumEpochs = 300
        settings.batchSize = 32
        settings.seed = 3
        return settings
    }

    @Test func anMLPLearnsASmoothFunction() throws {
        let (x, y) = Self.smoothProblem(count: 300, seed: 1)
        let (xTest, yTest) = Self.smoothProblem(count: 200, seed: 2)
        let model = try MultilayerPerceptron(features: x, targets: y, settings: Self.settings)
        let error = Self.meanSquaredError(try model.predict(xTest), yTest)
        // The mean predictor's error is the variance (~0.6); a fitted network is far below it.
        #expect(error < 0.02 * Self.variance(yTest), "test MSE \(error), target variance \(Self.variance(yTest))")
        #expect(model.lossCurve.first! > 4 * model.lossCurve.last!, "loss curve \(model.lossCurve.prefix(3))...\(model.lossCurve.suffix(3))")
        #expect(model.epochCount <= Self.settings.maximumEpochs)
    }

    @Test func trainingIsReproducibleAndSeedDependent() throws {
        let (x, y) = Self.smoothProblem(count: 60, seed: 4)
        var settings = Self.settings
        settings.maximumEpochs = 20
        let a = try MultilayerPerceptron(features: x, targets: y, settings: settings)
        let b = try MultilayerPerceptron(features: x, targets: y, settings: settings)
        settings.seed = 4
        let c = try MultilayerPerceptron(features: x, targets: y, settings: settings)
        #expect(try a.predict(x) == b.predict(x))
        #expect(try a.predict(x) != c.predict(x))
    }

    /// With early stopping the kept weights are those of the best validation epoch, and the
    /// run stops once `patience` epochs pass without improvement.
    @Test func earlyStoppingKeepsTheBestEpoch() throws {
        // Few noisy samples and a large network overfit, so the validation score peaks early.
        let (x, cleanTargets) = Self.smoothProblem(count: 60, seed: 5)
        var noise = LearningRandom(seed: 9)
        let y = cleanTargets.map { $0 + noise.uniform(-0.8, 0.8) }
        var settings = Self.settings
        settings.hiddenLayerSizes = [64, 64]
        settings.earlyStopping = true
        settings.validationFraction = 0.2
        settings.patience = 5
        settings.maximumEpochs = 500
        let model = try MultilayerPerceptron(features: x, targets: y, settings: settings)
        #expect(model.converged)
        #expect(model.validationScores.count == model.epochCount)
        let best = model.validationScores.indices.max { model.validationScores[$0] < model.validationScores[$1] }!
        #expect(model.epochCount - 1 - best >= settings.patience, "stopped at \(model.epochCount), best epoch \(best + 1)")
    }

    @Test func badSettingsAndDataAreRefusedWithTheirValue() throws {
        let (x, y) = Self.smoothProblem(count: 10, seed: 1)
        var settings = Self.settings
        settings.learningRate = -1
        #expect(throws: LearningError.invalidParameter(context: "MLP regressor", name: "learning rate", value: "-1.0",
                                                       reason: "use a small positive number such as 0.001")) {
            try MultilayerPerceptron(features: x, targets: y, settings: settings)
        }
        #expect(throws: LearningError.sampleCountMismatch(context: "MLP regressor", name: "y", count: 9, expected: 10)) {
            try MultilayerPerceptron(features: x, targets: Array(y.dropLast()), settings: Self.settings)
        }
        var early = Self.settings
        early.earlyStopping = true
        #expect(throws: LearningError.self) { try MultilayerPerceptron(features: x, targets: y, settings: early) }
    }

    /// Points on a 2D plane inside 5D space: a 2-dimensional code reconstructs them far better
    /// than the mean does.
    @Test func anAutoencoderCompressesAPlane() throws {
        var random = LearningRandom(seed: 7)
        let basis = (0..<2).map { _ in (0..<5).map { _ in random.uniform(-1, 1) } }
        var values: [Double] = []
        for _ in 0..<200 {
            let (a, b) = (random.uniform(-1, 1), random.uniform(-1, 1))
            values += (0..<5).map { a * basis[0][$0] + b * basis[1][$0] }
        }
        let x = Matrix(rowCount: 200, columnCount: 5, exactStorage: values)
        var settings = Autoencoder.Settings()
        settings.hiddenLayerSizes = [16]
        settings.codeSize = 2
        settings.activation = .tanh
        settings.learningRate = 0.01
        settings.epochs = 150
        settings.batchSize = 32
        settings.seed = 1
        let model = try Autoencoder(features: x, settings: settings)
        let total = Self.variance(values)
        let error = try model.reconstructionError(x)
        #expect(error < 0.05 * total, "reconstruction MSE \(error), per-element variance \(total)")
        #expect(try model.encode(x).shape == MatrixShape(rowCount: 200, columnCount: 2))
    }

    /// Members agree where the data are and disagree away from them.
    @Test func anEnsembleIsMoreUncertainOutsideItsData() throws {
        let (x, y) = Self.smoothProblem(count: 150, seed: 11, range: 1)
        var settings = Self.settings
        settings.maximumEpochs = 150
        let ensemble = try DeepEnsemble(features: x, targets: y, memberCount: 4, settings: settings)
        let (inside, _) = Self.smoothProblem(count: 50, seed: 12, range: 1)
        let outside = Matrix(rowCount: 3, columnCount: 2, exactStorage: [4, 4, -4, 3, 5, -5])
        let spreadInside = try ensemble.predict(inside).standardDeviation.reduce(0, +) / 50
        let spreadOutside = try ensemble.predict(outside).standardDeviation.reduce(0, +) / 3
        #expect(spreadOutside > 3 * spreadInside, "spread inside \(spreadInside), outside \(spreadOutside)")
        #expect(throws: LearningError.self) { try DeepEnsemble(features: x, targets: y, memberCount: 1) }
    }

    /// Adam's first step moves every parameter by lr against the sign of its gradient
    /// (m̂ / sqrt(v̂) = g / |g|); SGD with momentum accumulates.
    @Test func optimisersFollowTheirUpdateRules() throws {
        var parameters = ParameterSet()
        parameters.append("w", Matrix(rowCount: 1, columnCount: 3, exactStorage: [1, -2, 0.5]))
        let gradient = Matrix(rowCount: 1, columnCount: 3, exactStorage: [0.3, -4, 1e-3])
        var adam = Adam(learningRate: 0.1)
        adam.step(&parameters, gradients: [gradient])
        expectClose(parameters["w"]!.storage, [0.9, -1.9, 0.4], atol: 1e-6, rtol: 0, "Adam first step")
        var sgdParameters = ParameterSet()
        sgdParameters.append("w", Matrix(rowCount: 1, columnCount: 1, exactStorage: [1]))
        var sgd = StochasticGradientDescent(learningRate: 0.1, momentum: 0.9)
        let g = Matrix(rowCount: 1, columnCount: 1, exactStorage: [1])
        sgd.step(&sgdParameters, gradients: [g])  // b = 1, w = 0.9
        sgd.step(&sgdParameters, gradients: [g])  // b = 1.9, w = 0.71
        expectClose(sgdParameters["w"]![0, 0], 0.71, atol: 1e-15, rtol: 0, "SGD momentum")
    }

    @Test func weightsSaveAndLoad() throws {
        let (x, y) = Self.smoothProblem(count: 40, seed: 1)
        var settings = Self.settings
        settings.maximumEpochs = 5
        let model = try MultilayerPerceptron(features: x, targets: y, settings: settings)
        let data = try JSONEncoder().encode(model.network.parameters)
        let loaded = try JSONDecoder().decode(ParameterSet.self, from: data)
        #expect(loaded == model.network.parameters)
        let broken = Data(#"{"parameters": [{"name": "W0", "shape": [2, 3], "values": [1, 2]}]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ParameterSet.self, from: broken) }
    }
}
