import Foundation
import LinearAlgebra

/// Elementwise activations. Each pullback multiplies the upstream gradient by the
/// derivative at the forward value.
extension Tensor {
    /// `max(0, x)`; derivative 0 at x = 0 (PyTorch's and scikit-learn's convention).
    public func relu() -> Tensor {
        elementwise({ max(0, $0) }, derivative: { x, _ in x > 0 ? 1 : 0 })
    }

    /// `tanh(x)`; derivative `1 - y²`.
    public func tanh() -> Tensor {
        elementwise({ Foundation.tanh($0) }, derivative: { _, y in 1 - y * y })
    }

    /// `1 / (1 + e^-x)`, computed without overflow for large |x|; derivative `y (1 - y)`.
    public func sigmoid() -> Tensor {
        elementwise(Self.logistic, derivative: { _, y in y * (1 - y) })
    }

    /// `log(1 + e^x)`, computed as `max(x, 0) + log1p(e^-|x|)` (no overflow); derivative
    /// `sigmoid(x)`. PyTorch's `Softplus()` (beta 1) switches to x above 20; the two differ by
    /// less than 2e-9 there.
    public func softplus() -> Tensor {
        elementwise({ max($0, 0) + log1p(exp(-abs($0))) }, derivative: { x, _ in Self.logistic(x) })
    }

    /// The identity (a linear output layer), recorded so that code can treat activations alike.
    public func identity() -> Tensor {
        elementwise({ $0 }, derivative: { _, _ in 1 })
    }

    static func logistic(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    /// `f` on every element; `derivative(x, f(x))` is f' at x.
    func elementwise(_ function: (Double) -> Double, derivative: @escaping (Double, Double) -> Double) -> Tensor {
        let input = value
        let output = input.mapElements(function)
        return tape.record(output, operands: [self]) { [i = index] upstream in
            let slope = input.combined(with: output, derivative)
            return [(i, upstream.combined(with: slope, *))]
        }
    }
}

/// The activations a network's hidden layers can use, by the names scikit-learn and the CLI
/// use.
public enum Activation: String, Hashable, Sendable, CaseIterable {
    case relu, tanh, logistic, softplus, identity

    /// Applies the activation on the tape.
    public func apply(_ tensor: Tensor) -> Tensor {
        switch self {
        case .relu: tensor.relu()
        case .tanh: tensor.tanh()
        case .logistic: tensor.sigmoid()
        case .softplus: tensor.softplus()
        case .identity: tensor.identity()
        }
    }
}
