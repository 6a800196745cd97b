import LinearAlgebra

/// Reverse-mode automatic differentiation over ``Matrix`` values.
///
/// A tape records every operation of one forward pass (a loss computed from inputs and
/// parameters) as a node holding its value and a pullback: given the gradient of the final
/// scalar with respect to the node's value, the pullback returns the contributions to its
/// operands' gradients. ``gradients(of:)`` walks the nodes in reverse order of creation, which
/// is a topological order because every operand exists before the node that uses it.
///
/// One tape is one forward pass: make a new tape per mini-batch. A tape is not thread-safe.
///
///     let tape = GradientTape()
///     let x = tape.constant(features)
///     let w = tape.variable(weights)
///     let loss = try x.matrixProduct(w).meanSquaredError(against: targets)
///     let gradient = try tape.gradients(of: loss)[w]
public final class GradientTape {
    /// One recorded value.
    struct Node {
        var value: Matrix
        /// Upstream gradient (same shape as `value`) -> (operand node, contribution) pairs;
        /// nil for leaves (constants and variables).
        var pullback: ((Matrix) -> [(Int, Matrix)])?
        /// Whether a gradient flows into this node (a variable, or computed from one).
        var needsGradient: Bool
    }

    private(set) var nodes: [Node] = []

    public init() {}

    /// A value the loss is not differentiated with respect to (inputs, targets).
    public func constant(_ value: Matrix) -> Tensor {
        append(Node(value: value, pullback: nil, needsGradient: false))
    }

    /// A value the loss is differentiated with respect to (a parameter).
    public func variable(_ value: Matrix) -> Tensor {
        append(Node(value: value, pullback: nil, needsGradient: true))
    }

    /// The value of `tensor`.
    public func value(_ tensor: Tensor) -> Matrix { nodes[tensor.index].value }

    /// Records the result of an operation on `operands`; `pullback` is only called when one
    /// of them needs a gradient. The pullback must capture operand indices and values, never
    /// a ``Tensor``: a tensor holds its tape, so a captured one would keep the tape, and every
    /// value on it, alive after the pass (a reference cycle through `nodes`).
    func record(_ value: Matrix, operands: [Tensor], pullback: @escaping (Matrix) -> [(Int, Matrix)]) -> Tensor {
        let needsGradient = operands.contains { nodes[$0.index].needsGradient }
        return append(Node(value: value, pullback: needsGradient ? pullback : nil, needsGradient: needsGradient))
    }

    private func append(_ node: Node) -> Tensor {
        nodes.append(node)
        let value = node.value
        return Tensor(tape: self, index: nodes.count - 1, shape: value.shape)
    }

    /// The gradient of the scalar `loss` (a `1 x 1` tensor) with respect to every tensor
    /// that needs one.
    /// - Throws: ``LearningError/shapeMismatch(operation:left:right:rule:)`` when `loss` is
    ///   not `1 x 1`, ``LearningError/invalidParameter(context:name:value:reason:)`` when it
    ///   belongs to another tape.
    public func gradients(of loss: Tensor) throws(LearningError) -> Gradients {
        guard loss.tape === self else {
            throw .invalidParameter(context: "gradients", name: "loss", value: "a tensor of another tape",
                                    reason: "differentiate a loss on the tape that computed it")
        }
        guard loss.shape == MatrixShape(rowCount: 1, columnCount: 1) else {
            throw .shapeMismatch(operation: "gradients", left: loss.shape, right: MatrixShape(rowCount: 1, columnCount: 1),
                                 rule: "the loss must be a scalar (1x1); reduce it with sum() or mean() first")
        }
        var gradients = [Matrix?](repeating: nil, count: loss.index + 1)
        gradients[loss.index] = Matrix(rowCount: 1, columnCount: 1, repeating: 1)
        for index in stride(from: loss.index, through: 0, by: -1) {
            guard let upstream = gradients[index], let pullback = nodes[index].pullback else { continue }
            for (operand, contribution) in pullback(upstream) where nodes[operand].needsGradient {
                if let existing = gradients[operand] {
                    gradients[operand] = Self.sum(existing, contribution)
                } else {
                    gradients[operand] = contribution
                }
            }
        }
        return Gradients(tape: self, byNode: gradients)
    }

    /// Elementwise sum of two matrices of one shape (shapes are right by construction).
    static func sum(_ left: Matrix, _ right: Matrix) -> Matrix {
        left.combined(with: right, +)
    }
}

/// A value recorded on a ``GradientTape``: the operand and result of differentiable
/// operations. Cheap to copy (a reference to its tape and an index).
public struct Tensor {
    public let tape: GradientTape
    let index: Int
    /// The shape of the value.
    public let shape: MatrixShape

    /// The tensor's value.
    public var value: Matrix { tape.value(self) }
}

/// The gradients of one backward pass, looked up by tensor.
public struct Gradients {
    let tape: GradientTape
    let byNode: [Matrix?]

    /// The gradient with respect to `tensor`, same shape as its value; zeros when the loss
    /// does not depend on it.
    public subscript(tensor: Tensor) -> Matrix {
        if tensor.tape === tape, tensor.index < byNode.count, let gradient = byNode[tensor.index] { return gradient }
        return Matrix(rowCount: tensor.shape.rowCount, columnCount: tensor.shape.columnCount)
    }
}
