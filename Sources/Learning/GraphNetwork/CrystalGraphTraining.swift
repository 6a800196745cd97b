import Foundation
import LinearAlgebra

/// A crystal graph network trained on targets, with the target normalisation of CGCNN's
/// reference code (the network learns `(y - mean) / std` of the training targets;
/// predictions are mapped back).
public struct TrainedCrystalGraphNetwork: Sendable {
    public struct Settings: Hashable, Sendable {
        public var epochs: Int = 30
        public var batchSize: Int = 64
        public var learningRate: Double = 1e-2
        public var weightDecay: Double = 0
        public var seed: UInt64 = 0
        /// Threads of the convolutions' per-edge passes and products (other BLAS products
        /// follow `OPENBLAS_NUM_THREADS`); the results do not depend on it. ≥ 1.
        public var threadCount: Int = 1

        public init() {}
    }

    public private(set) var network: CrystalGraphNetwork
    public let targetMean: Double
    public let targetStandardDeviation: Double
    /// Mean squared error on the normalised targets, per epoch (sample-weighted over batches).
    public private(set) var lossCurve: [Double] = []
    /// Wall-clock seconds of each epoch (batching, forward, backward and optimiser steps;
    /// the graphs were built before).
    public private(set) var epochSeconds: [Double] = []

    /// Trains a fresh network of `architecture` on `graphs` and `targets` with Adam and the
    /// mean squared error, reshuffling every epoch.
    /// - Throws: for mismatched counts, fewer than 2 graphs, bad settings, divergence.
    /// - Parameter progress: called after every epoch with its number (1-based) and loss.
    public init(graphs: [CrystalGraphInput], targets: [Double], architecture: CrystalGraphNetwork.Architecture,
                settings: Settings = Settings(), progress: (Int, Double) -> Void = { _, _ in }) throws(LearningError) {
        let context = "crystal graph network training"
        guard graphs.count >= 2 else { throw .tooFewSamples(context: context, sampleCount: graphs.count, minimum: 2) }
        guard targets.count == graphs.count else {
            throw .sampleCountMismatch(context: context, name: "targets", count: targets.count, expected: graphs.count)
        }
        try Validate.finite(targets, name: "targets", context: context)
        guard settings.threadCount >= 1 else {
            throw .invalidParameter(context: context, name: "threads", value: "\(settings.threadCount)", reason: "it must be >= 1")
        }
        guard settings.epochs >= 1, settings.batchSize >= 2, settings.learningRate > 0, settings.learningRate.isFinite else {
            throw .invalidParameter(context: context, name: "epochs / batch size / learning rate",
                                    value: "\(settings.epochs) / \(settings.batchSize) / \(settings.learningRate)",
                                    reason: "train at least one epoch, with batches of at least 2 crystals (batch norm needs 2) and a small positive learning rate")
        }
        let mean = targets.reduce(0, +) / Double(targets.count)
        let deviation = (targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(targets.count)).squareRoot()
        targetMean = mean
        targetStandardDeviation = deviation > 0 ? deviation : 1
        network = try CrystalGraphNetwork(architecture: architecture, seed: settings.seed)
        var random = LearningRandom(seed: settings.seed, stream: 1)
        var optimizer = Adam(learningRate: settings.learningRate, weightDecay: settings.weightDecay)
        var order = Array(graphs.indices)
        for _ in 0..<settings.epochs {
            let epochStart = DispatchTime.now().uptimeNanoseconds
            order.shuffle(using: &random)
            var epochLoss = 0.0
            for start in stride(from: 0, to: order.count, by: settings.batchSize) {
                var members = Array(order[start..<min(start + settings.batchSize, order.count)])
                // A last batch of one crystal cannot be batch-normalised: fold it into the previous.
                if members.count < 2 { members = Array(order[max(0, start - 1)...start]) }
                let batch = try CrystalGraphBatch(members.map { graphs[$0] })
                let normalized = Matrix(column: members.map { (targets[$0] - targetMean) / targetStandardDeviation })
                let tape = GradientTape()
                let variables = network.parameters.variables(on: tape)
                let pass = try network.forward(batch, variables: variables, training: true, threadCount: settings.threadCount)
                let loss = try pass.prediction.meanSquaredError(against: normalized)
                let gradients = try tape.gradients(of: loss)
                optimizer.step(&network.parameters, gradients: variables.map { gradients[$0] })
                network.runningStatistics = pass.updatedStatistics
                epochLoss += loss.value[0, 0] * Double(members.count)
            }
            epochLoss /= Double(order.count)
            try Divergence.check(epochLoss, context: context, learningRate: settings.learningRate)
            lossCurve.append(epochLoss)
            epochSeconds.append(Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9)
            progress(lossCurve.count, epochLoss)
        }
    }

    /// Restores a trained network (its weights, running statistics and normalisation).
    public init(network: CrystalGraphNetwork, targetMean: Double, targetStandardDeviation: Double) {
        self.network = network
        self.targetMean = targetMean
        self.targetStandardDeviation = targetStandardDeviation
    }

    /// Predictions in the targets' units and the pooled embeddings, `[count x atomFeatureLength]`.
    public func predict(_ graphs: [CrystalGraphInput]) throws(LearningError) -> (predictions: [Double], embeddings: Matrix) {
        let (normalized, embeddings) = try network.evaluate(graphs)
        return (normalized.map { $0 * targetStandardDeviation + targetMean }, embeddings)
    }
}

extension TrainedCrystalGraphNetwork: Codable {
    enum CodingKeys: String, CodingKey {
        case architecture, parameters, runningStatistics = "running_statistics", targetMean = "target_mean"
        case targetStandardDeviation = "target_std"
    }

    /// JSON: `{"architecture": {...}, "parameters": {...}, "running_statistics": {...},
    /// "target_mean": m, "target_std": s}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(network.architecture, forKey: .architecture)
        try container.encode(network.parameters, forKey: .parameters)
        try container.encode(network.runningStatistics, forKey: .runningStatistics)
        try container.encode(targetMean, forKey: .targetMean)
        try container.encode(targetStandardDeviation, forKey: .targetStandardDeviation)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let architecture = try container.decode(CrystalGraphNetwork.Architecture.self, forKey: .architecture)
        let network = try CrystalGraphNetwork(
            architecture: architecture, parameters: container.decode(ParameterSet.self, forKey: .parameters),
            runningStatistics: container.decode(ParameterSet.self, forKey: .runningStatistics))
        self.init(network: network, targetMean: try container.decode(Double.self, forKey: .targetMean),
                  targetStandardDeviation: try container.decode(Double.self, forKey: .targetStandardDeviation))
    }
}
