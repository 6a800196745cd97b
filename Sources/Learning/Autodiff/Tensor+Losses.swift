import LinearAlgebra

/// Losses against constant targets, each a `1 x 1` tensor.
extension Tensor {
    /// `mean((self - targets)²)` over all elements (PyTorch's `MSELoss()`).
    public func meanSquaredError(against targets: Matrix) throws(LearningError) -> Tensor {
        let difference = try subtracting(tape.constant(targets))
        return try difference.multiplyingElementwise(difference).mean()
    }

    /// `mean(|self - targets|)` over all elements (PyTorch's `L1Loss()`); the derivative of
    /// |x| at 0 is taken as 0.
    public func meanAbsoluteError(against targets: Matrix) throws(LearningError) -> Tensor {
        let difference = try subtracting(tape.constant(targets))
        return difference.elementwise({ abs($0) }, derivative: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }).mean()
    }
}
