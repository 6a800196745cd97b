import Foundation
import LinearAlgebra

/// A first-order optimiser: one step moves every parameter against its gradient.
public protocol Optimizer {
    /// Updates `parameters` in place from `gradients` (one per parameter, same shapes).
    mutating func step(_ parameters: inout ParameterSet, gradients: [Matrix])
}

/// Adam (Kingma and Ba, 2015) as PyTorch's `torch.optim.Adam`: `m = β1 m + (1-β1) g`,
/// `v = β2 v + (1-β2) g²`, `p -= lr · m̂ / (sqrt(v̂) + ε)` with bias corrections
/// `m̂ = m / (1-β1^t)`, `v̂ = v / (1-β2^t)`; `weightDecay` adds `λ p` to the gradient first
/// (L2, not AdamW).
public struct Adam: Optimizer, Sendable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double
    private var firstMoments: [[Double]] = []
    private var secondMoments: [[Double]] = []
    /// Steps taken.
    public private(set) var stepCount = 0

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: inout ParameterSet, gradients: [Matrix]) {
        if firstMoments.isEmpty {
            firstMoments = parameters.values.map { [Double](repeating: 0, count: $0.storage.count) }
            secondMoments = firstMoments
        }
        stepCount += 1
        let correction1 = 1 - pow(beta1, Double(stepCount))
        let correction2 = 1 - pow(beta2, Double(stepCount))
        var updated: [Matrix] = []
        for (k, parameter) in parameters.values.enumerated() {
            var values = parameter.storage
            let gradient = gradients[k].storage
            for i in values.indices {
                let g = gradient[i] + weightDecay * values[i]
                firstMoments[k][i] = beta1 * firstMoments[k][i] + (1 - beta1) * g
                secondMoments[k][i] = beta2 * secondMoments[k][i] + (1 - beta2) * g * g
                let mHat = firstMoments[k][i] / correction1
                let vHat = secondMoments[k][i] / correction2
                values[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
            }
            updated.append(Matrix(rowCount: parameter.rowCount, columnCount: parameter.columnCount, exactStorage: values))
        }
        parameters.replaceValues(updated)
    }
}

/// Stochastic gradient descent with momentum, as PyTorch's `torch.optim.SGD` (dampening 0,
/// no Nesterov): `b = μ b + g` (b = g on the first step), `p -= lr · b`; `weightDecay` adds
/// `λ p` to the gradient first.
public struct StochasticGradientDescent: Optimizer, Sendable {
    public var learningRate: Double
    public var momentum: Double
    public var weightDecay: Double
    private var buffers: [[Double]] = []

    public init(learningRate: Double, momentum: Double = 0, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func step(_ parameters: inout ParameterSet, gradients: [Matrix]) {
        let first = buffers.isEmpty
        if first { buffers = parameters.values.map { [Double](repeating: 0, count: $0.storage.count) } }
        var updated: [Matrix] = []
        for (k, parameter) in parameters.values.enumerated() {
            var values = parameter.storage
            let gradient = gradients[k].storage
            for i in values.indices {
                let g = gradient[i] + weightDecay * values[i]
                buffers[k][i] = first ? g : momentum * buffers[k][i] + g
                values[i] -= learningRate * (momentum == 0 ? g : buffers[k][i])
            }
            updated.append(Matrix(rowCount: parameter.rowCount, columnCount: parameter.columnCount, exactStorage: values))
        }
        parameters.replaceValues(updated)
    }
}

/// The one check every training loop makes after an epoch.
enum Divergence {
    /// - Throws: ``LearningError/invalidParameter(context:name:value:reason:)`` naming the
    ///   learning rate when the epoch's loss is not finite.
    static func check(_ epochLoss: Double, context: String, learningRate: Double, advice: String? = nil) throws(LearningError) {
        guard epochLoss.isFinite else {
            throw .invalidParameter(context: context, name: "learning rate", value: "\(learningRate)",
                                    reason: "training diverged (the loss became \(epochLoss)); lower the learning rate"
                                        + (advice.map { " or \($0)" } ?? ""))
        }
    }
}
