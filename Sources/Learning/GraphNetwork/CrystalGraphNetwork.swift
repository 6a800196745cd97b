import Foundation
import LinearAlgebra

/// A crystal graph convolutional neural network as Xie and Grossman define it (Phys. Rev.
/// Lett. 120, 145301, 2018; the layer shapes of their reference code):
///
/// 1. embedding: `v_i = x_i W_e + b_e` (atom features to `atomFeatureLength` A);
/// 2. `convolutionCount` gated convolutions, each: for every edge (i, j) with features
///    u_ij, `z = [v_i, v_j, u_ij] W_f + b_f` (width 2A), batch-normalised over the edges,
///    split into halves `z_f`, `z_s`; the message `σ(z_f) ⊙ softplus(z_s)` is summed over
///    the edges of each center i, batch-normalised over the atoms, and
///    `v_i ← softplus(v_i + Σ messages)` (residual);
/// 3. mean pooling over each crystal's atoms: the crystal's embedding (A values);
/// 4. head: `softplus(softplus(pooled) W_h + b_h)` (`hiddenLength` H), then `W_o`, `b_o` to
///    one output.
///
/// Linear layers start as PyTorch's (`U(±1/sqrt(fan_in))` for weights and biases), batch
/// norms at γ = 1, β = 0 with running statistics (momentum 0.1, unbiased running
/// variance, ε = 1e-5) used outside training, all from a seeded ``LearningRandom``.
public struct CrystalGraphNetwork: Sendable {
    public struct Architecture: Hashable, Sendable, Codable {
        public var atomInputLength: Int
        public var edgeFeatureLength: Int
        public var atomFeatureLength: Int = 64
        public var convolutionCount: Int = 3
        public var hiddenLength: Int = 128

        public init(atomInputLength: Int, edgeFeatureLength: Int) {
            self.atomInputLength = atomInputLength
            self.edgeFeatureLength = edgeFeatureLength
        }
    }

    public let architecture: Architecture
    /// Trained weights, in order: `embedding.W, embedding.b`, per convolution k
    /// `conv{k}.W, conv{k}.b, conv{k}.bn1.gamma, conv{k}.bn1.beta, conv{k}.bn2.gamma,
    /// conv{k}.bn2.beta`, then `hidden.W, hidden.b, output.W, output.b`.
    public var parameters: ParameterSet
    /// Batch-norm running statistics (`conv{k}.bn1.mean`, `.variance`, ...): not trained,
    /// updated by training forward passes.
    public var runningStatistics: ParameterSet

    static let momentum = 0.1
    static let epsilon = 1e-5

    /// A freshly initialised network.
    /// - Throws: for a length below 1 or no convolution.
    public init(architecture: Architecture, seed: UInt64) throws(LearningError) {
        let a = architecture
        for (name, value) in [("atom input length", a.atomInputLength), ("edge feature length", a.edgeFeatureLength),
                              ("atom feature length", a.atomFeatureLength), ("convolution count", a.convolutionCount),
                              ("hidden length", a.hiddenLength)] where value < 1 {
            throw .invalidParameter(context: "crystal graph network", name: name, value: "\(value)", reason: "must be at least 1")
        }
        self.architecture = a
        var random = LearningRandom(seed: seed)
        var parameters = ParameterSet()
        var statistics = ParameterSet()
        func linear(_ name: String, _ fanIn: Int, _ fanOut: Int) {
            let bound = 1 / Double(fanIn).squareRoot()
            parameters.append("\(name).W", Matrix(rowCount: fanIn, columnCount: fanOut,
                                                  exactStorage: (0..<(fanIn * fanOut)).map { _ in random.uniform(-bound, bound) }))
            parameters.append("\(name).b", Matrix(rowCount: 1, columnCount: fanOut,
                                                  exactStorage: (0..<fanOut).map { _ in random.uniform(-bound, bound) }))
        }
        func batchNorm(_ name: String, _ width: Int) {
            parameters.append("\(name).gamma", Matrix(rowCount: 1, columnCount: width, repeating: 1))
            parameters.append("\(name).beta", Matrix(rowCount: 1, columnCount: width, repeating: 0))
            statistics.append("\(name).mean", Matrix(rowCount: 1, columnCount: width, repeating: 0))
            statistics.append("\(name).variance", Matrix(rowCount: 1, columnCount: width, repeating: 1))
        }
        linear("embedding", a.atomInputLength, a.atomFeatureLength)
        for k in 0..<a.convolutionCount {
            linear("conv\(k)", 2 * a.atomFeatureLength + a.edgeFeatureLength, 2 * a.atomFeatureLength)
            batchNorm("conv\(k).bn1", 2 * a.atomFeatureLength)
            batchNorm("conv\(k).bn2", a.atomFeatureLength)
        }
        linear("hidden", a.atomFeatureLength, a.hiddenLength)
        linear("output", a.hiddenLength, 1)
        self.parameters = parameters
        runningStatistics = statistics
    }

    /// Restores a saved network.
    /// - Throws: when the parameters do not fit the architecture.
    public init(architecture: Architecture, parameters: ParameterSet, runningStatistics: ParameterSet) throws(LearningError) {
        let fresh = try CrystalGraphNetwork(architecture: architecture, seed: 0)
        for (expected, given) in [(fresh.parameters, parameters), (fresh.runningStatistics, runningStatistics)] {
            guard expected.names == given.names, zip(expected.values, given.values).allSatisfy({ $0.shape == $1.shape }) else {
                throw .invalidParameter(context: "crystal graph network weights", name: "parameters",
                                        value: given.names.prefix(4).joined(separator: ", ") + (given.names.count > 4 ? ", ..." : ""),
                                        reason: "they do not fit the architecture (expected \(expected.names.count) matrices named "
                                            + "\(expected.names.prefix(3).joined(separator: ", ")), ...); save and load with the same settings")
            }
        }
        self.architecture = architecture
        self.parameters = parameters
        self.runningStatistics = runningStatistics
    }

    /// The outputs of one forward pass.
    public struct Pass {
        /// `[crystalCount x 1]`.
        public let prediction: Tensor
        /// The pooled crystal vectors, `[crystalCount x atomFeatureLength]`.
        public let embedding: Tensor
        /// In training, the running statistics after this batch.
        public let updatedStatistics: ParameterSet
    }

    /// The network on `batch` with the weights `variables` (``parameters`` on the same tape).
    /// - Parameters:
    ///   - training: batch statistics (and updated running ones) when true, the running
    ///     statistics when false. Training runs each convolution as one fused tape operation,
    ///     ``Tensor/gatedEdgeMessages(centers:neighbors:edgeFeatures:weight:bias:gamma:beta:epsilon:threadCount:)``;
    ///     evaluation composes the elementary operations.
    ///   - threadCount: threads of the fused per-edge passes (results do not depend on it).
    public func forward(_ batch: CrystalGraphBatch, variables: [Tensor], training: Bool, threadCount: Int = 1) throws(LearningError) -> Pass {
        guard batch.atomFeatures.columnCount == architecture.atomInputLength,
              batch.edgeFeatures.columnCount == architecture.edgeFeatureLength else {
            throw .invalidParameter(
                context: "crystal graph network", name: "feature lengths",
                value: "atom \(batch.atomFeatures.columnCount), edge \(batch.edgeFeatures.columnCount)",
                reason: "the network was built for atom \(architecture.atomInputLength), edge \(architecture.edgeFeatureLength); featurise as in training")
        }
        let tape = variables[0].tape
        var statistics = runningStatistics
        var cursor = 0
        func next() -> Tensor { defer { cursor += 1 }; return variables[cursor] }
        func normalize(_ x: Tensor, _ name: String) throws(LearningError) -> Tensor {
            let (gamma, beta) = (next(), next())
            if training {
                let (output, batchStatistics) = try x.batchNormalized(gamma: gamma, beta: beta, epsilon: Self.epsilon)
                let n = Double(x.shape.rowCount)
                statistics = Self.updating(statistics, name, batchStatistics, unbiasing: n / max(n - 1, 1))
                return output
            }
            let mean = statistics["\(name).mean"]!, variance = statistics["\(name).variance"]!
            let shift = tape.constant(mean.mapElements { -$0 })
            let scale = tape.constant(variance.mapElements { 1 / ($0 + Self.epsilon).squareRoot() })
            return try x.addingRow(shift).multiplyingRow(scale).multiplyingRow(gamma).addingRow(beta)
        }
        let a = architecture.atomFeatureLength
        var atoms = try tape.constant(batch.atomFeatures).matrixProduct(next()).addingRow(next())
        let edges = tape.constant(batch.edgeFeatures)
        for k in 0..<architecture.convolutionCount {
            let messageSums: Tensor
            if training {
                // One fused operation (the composite below, with the product split by atoms).
                let (weight, bias, gamma, beta) = (next(), next(), next(), next())
                let (sums, batchStatistics) = try atoms.gatedEdgeMessages(
                    centers: batch.centers, neighbors: batch.neighbors, edgeFeatures: batch.edgeFeatures, weight: weight, bias: bias,
                    gamma: gamma, beta: beta, epsilon: Self.epsilon, threadCount: threadCount)
                let n = Double(batch.centers.count)
                statistics = Self.updating(statistics, "conv\(k).bn1", batchStatistics, unbiasing: n / max(n - 1, 1))
                messageSums = sums
            } else {
                let joined = try Tensor.concatenatingColumns([atoms.gatheringRows(batch.centers), atoms.gatheringRows(batch.neighbors), edges])
                let gated = try normalize(joined.matrixProduct(next()).addingRow(next()), "conv\(k).bn1")
                let messages = try gated.slicingColumns(0..<a).sigmoid().multiplyingElementwise(gated.slicingColumns(a..<(2 * a)).softplus())
                messageSums = try messages.segmentSums(batch.centers, segmentCount: atoms.shape.rowCount)
            }
            let summed = try normalize(messageSums, "conv\(k).bn2")
            atoms = try atoms.adding(summed).softplus()
        }
        let pooled = try atoms.segmentMeans(batch.crystalOfAtom, segmentCount: batch.crystalCount)
        let hidden = try pooled.softplus().matrixProduct(next()).addingRow(next()).softplus()
        let prediction = try hidden.matrixProduct(next()).addingRow(next())
        return Pass(prediction: prediction, embedding: pooled, updatedStatistics: statistics)
    }

    /// PyTorch's running update: `r ← (1 - m) r + m · batch`, with the batch variance
    /// unbiased (times n / (n - 1)).
    static func updating(_ statistics: ParameterSet, _ name: String, _ batch: Tensor.BatchStatistics, unbiasing: Double) -> ParameterSet {
        var values = statistics.values
        if let meanIndex = statistics.names.firstIndex(of: "\(name).mean"),
           let varianceIndex = statistics.names.firstIndex(of: "\(name).variance") {
            let mean = values[meanIndex].storage, variance = values[varianceIndex].storage
            values[meanIndex] = Matrix(rowCount: 1, columnCount: mean.count, exactStorage: mean.indices.map {
                (1 - momentum) * mean[$0] + momentum * batch.mean[$0]
            })
            values[varianceIndex] = Matrix(rowCount: 1, columnCount: variance.count, exactStorage: variance.indices.map {
                (1 - momentum) * variance[$0] + momentum * batch.variance[$0] * unbiasing
            })
        }
        var updated = statistics
        updated.replaceValues(values)
        return updated
    }

    /// Predictions (in the network's output units) and embeddings of `graphs`, evaluated in
    /// batches of `batchSize` with the running statistics.
    public func evaluate(_ graphs: [CrystalGraphInput], batchSize: Int = 64) throws(LearningError) -> (predictions: [Double], embeddings: Matrix) {
        var predictions: [Double] = [], embeddingValues: [Double] = []
        for start in stride(from: 0, to: graphs.count, by: max(1, batchSize)) {
            let batch = try CrystalGraphBatch(Array(graphs[start..<min(start + max(1, batchSize), graphs.count)]))
            let tape = GradientTape()
            let pass = try forward(batch, variables: parameters.values.map(tape.constant), training: false)
            predictions += pass.prediction.value.storage
            embeddingValues += pass.embedding.value.storage
        }
        return (predictions, Matrix(rowCount: graphs.count, columnCount: architecture.atomFeatureLength, exactStorage: embeddingValues))
    }
}
