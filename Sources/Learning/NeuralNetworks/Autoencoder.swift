import Foundation
import LinearAlgebra

/// A dense autoencoder: an encoder `d -> hidden... -> codeSize` (linear code layer) and a
/// mirrored decoder `codeSize -> ...hidden -> d` (linear output), trained jointly by Adam on
/// mini-batches to minimise the mean squared reconstruction error `mean((x - x̂)²)`.
///
/// Standardise the features first when their scales differ: the loss weighs every column
/// alike. Seeded and reproducible; not bit-equal to a PyTorch model of the same shape.
public struct Autoencoder: Sendable {
    public struct Settings: Hashable, Sendable {
        public var hiddenLayerSizes: [Int] = [32]
        public var codeSize: Int = 2
        public var activation: Activation = .relu
        public var learningRate: Double = 1e-3
        public var epochs: Int = 200
        /// Nil: `min(64, n)`.
        public var batchSize: Int?
        public var seed: UInt64 = 0

        public init() {}
    }

    public let settings: Settings
    public private(set) var encoder: DenseNetwork
    public private(set) var decoder: DenseNetwork
    /// The mean reconstruction error of every epoch (over its batches, sample-weighted).
    public private(set) var lossCurve: [Double] = []

    /// Trains on the rows of `features` (`[n x d]`).
    public init(features: Matrix, settings: Settings = Settings()) throws(LearningError) {
        let context = "autoencoder"
        try Validate.features(features, context: context, minimumSamples: 2)
        try Validate.finite(features, name: "X", context: context)
        guard settings.codeSize >= 1 else {
            throw .invalidParameter(context: context, name: "code size", value: "\(settings.codeSize)", reason: "use at least one latent dimension")
        }
        guard settings.epochs >= 1, settings.learningRate > 0, settings.learningRate.isFinite else {
            throw .invalidParameter(context: context, name: "epochs / learning rate", value: "\(settings.epochs) / \(settings.learningRate)",
                                    reason: "train for at least one epoch with a small positive learning rate such as 0.001")
        }
        if let batch = settings.batchSize, batch < 1 {
            throw .invalidParameter(context: context, name: "batch size", value: "\(batch)", reason: "use at least one sample per batch")
        }
        self.settings = settings
        var random = LearningRandom(seed: settings.seed)
        let d = features.columnCount
        encoder = try DenseNetwork(layerSizes: [d] + settings.hiddenLayerSizes + [settings.codeSize],
                                   activation: settings.activation, random: &random)
        decoder = try DenseNetwork(layerSizes: [settings.codeSize] + settings.hiddenLayerSizes.reversed() + [d],
                                   activation: settings.activation, random: &random)
        var encoderOptimizer = Adam(learningRate: settings.learningRate)
        var decoderOptimizer = Adam(learningRate: settings.learningRate)
        let batchSize = min(settings.batchSize ?? 64, features.rowCount)
        var rows = Array(0..<features.rowCount)
        for _ in 0..<settings.epochs {
            rows.shuffle(using: &random)
            var epochLoss = 0.0
            for start in stride(from: 0, to: rows.count, by: batchSize) {
                let batch = MultilayerPerceptron.rows(Array(rows[start..<min(start + batchSize, rows.count)]), of: features)
                let tape = GradientTape()
                let encoderVariables = encoder.parameters.variables(on: tape)
                let decoderVariables = decoder.parameters.variables(on: tape)
                let code = try encoder.forward(tape.constant(batch), variables: encoderVariables)
                let loss = try decoder.forward(code, variables: decoderVariables).meanSquaredError(against: batch)
                let gradients = try tape.gradients(of: loss)
                encoderOptimizer.step(&encoder.parameters, gradients: encoderVariables.map { gradients[$0] })
                decoderOptimizer.step(&decoder.parameters, gradients: decoderVariables.map { gradients[$0] })
                epochLoss += loss.value[0, 0] * Double(batch.rowCount)
            }
            epochLoss /= Double(rows.count)
            try Divergence.check(epochLoss, context: context, learningRate: settings.learningRate, advice: "standardise X")
            lossCurve.append(epochLoss)
        }
    }

    /// The codes (latent vectors) of the rows of `features`, `[n x codeSize]`.
    public func encode(_ features: Matrix) throws(LearningError) -> Matrix {
        try Validate.finite(features, name: "X", context: "autoencoder encoding")
        return try encoder.evaluate(features)
    }

    /// The reconstructions of the rows of `features`, `[n x d]`.
    public func reconstruct(_ features: Matrix) throws(LearningError) -> Matrix {
        try decoder.evaluate(encode(features))
    }

    /// The mean squared reconstruction error over all elements of `features`.
    public func reconstructionError(_ features: Matrix) throws(LearningError) -> Double {
        let reconstruction = try reconstruct(features)
        let squares = zip(features.storage, reconstruction.storage).map { ($0 - $1) * ($0 - $1) }
        return squares.reduce(0, +) / Double(max(1, squares.count))
    }
}
