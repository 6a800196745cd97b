import Foundation
import LinearAlgebra

/// A stack of fully connected layers: `h_{k+1} = act(h_k · W_k + b_k)`, with `activation` on
/// every hidden layer and `outputActivation` (identity for regression) on the last.
///
/// Initialisation as scikit-learn's `MLPRegressor`: weights and biases uniform in
/// `±sqrt(f / (fan_in + fan_out))` with f = 6, or 2 for the logistic activation (Glorot and
/// Bengio, 2010), drawn from a seeded ``LearningRandom`` (so not scikit-learn's numbers).
public struct DenseNetwork: Hashable, Sendable {
    /// Widths from input to output: `[featureCount, hidden..., outputCount]`.
    public let layerSizes: [Int]
    public let activation: Activation
    public let outputActivation: Activation
    /// `W0, b0, W1, b1, ...`; `Wk` is `[layerSizes[k] x layerSizes[k+1]]`, `bk` is `1 x layerSizes[k+1]`.
    public var parameters: ParameterSet

    /// A freshly initialised network.
    /// - Throws: for fewer than two layer sizes or a size below 1.
    public init(layerSizes: [Int], activation: Activation, outputActivation: Activation = .identity,
                random: inout LearningRandom) throws(LearningError) {
        guard layerSizes.count >= 2 else {
            throw .invalidParameter(context: "dense network", name: "layer sizes", value: "\(layerSizes)",
                                    reason: "give at least the input and the output width")
        }
        if let bad = layerSizes.firstIndex(where: { $0 < 1 }) {
            throw .invalidParameter(context: "dense network", name: "layer size \(bad)", value: "\(layerSizes[bad])",
                                    reason: "every layer needs at least one unit")
        }
        self.layerSizes = layerSizes
        self.activation = activation
        self.outputActivation = outputActivation
        var parameters = ParameterSet()
        let factor = activation == .logistic ? 2.0 : 6.0
        for k in 0..<(layerSizes.count - 1) {
            let (fanIn, fanOut) = (layerSizes[k], layerSizes[k + 1])
            let bound = (factor / Double(fanIn + fanOut)).squareRoot()
            parameters.append("W\(k)", Matrix(rowCount: fanIn, columnCount: fanOut,
                                               exactStorage: (0..<(fanIn * fanOut)).map { _ in random.uniform(-bound, bound) }))
            parameters.append("b\(k)", Matrix(rowCount: 1, columnCount: fanOut,
                                               exactStorage: (0..<fanOut).map { _ in random.uniform(-bound, bound) }))
        }
        self.parameters = parameters
    }

    /// The number of weight layers.
    public var layerCount: Int { layerSizes.count - 1 }

    /// The network applied to `input` with the weights `variables` (this network's
    /// parameters on the same tape, in order). `stopAfter` ends at that weight layer's
    /// activation (an autoencoder's code layer, say).
    public func forward(_ input: Tensor, variables: [Tensor], stopAfter: Int? = nil) throws(LearningError) -> Tensor {
        guard input.shape.columnCount == layerSizes[0] else {
            throw .featureCountMismatch(context: "dense network", name: "input", count: input.shape.columnCount, expected: layerSizes[0])
        }
        var hidden = input
        let last = stopAfter ?? (layerCount - 1)
        for k in 0...last {
            let linear = try hidden.matrixProduct(variables[2 * k]).addingRow(variables[2 * k + 1])
            hidden = (k == layerCount - 1 ? outputActivation : activation).apply(linear)
        }
        return hidden
    }

    /// The network's outputs for the rows of `features`, `[n x outputCount]`.
    public func evaluate(_ features: Matrix, stopAfter: Int? = nil) throws(LearningError) -> Matrix {
        let tape = GradientTape()
        return try forward(tape.constant(features), variables: parameters.values.map(tape.constant), stopAfter: stopAfter).value
    }

    /// The sum of the squared weights (not biases): scikit-learn's L2 penalty term.
    func squaredWeightNorm(_ variables: [Tensor]) throws(LearningError) -> Tensor? {
        var total: Tensor?
        for k in 0..<layerCount {
            let squares = try variables[2 * k].multiplyingElementwise(variables[2 * k]).sum()
            total = try total.map { t throws(LearningError) in try t.adding(squares) } ?? squares
        }
        return total
    }
}
