import Foundation
import LinearAlgebra

/// Batch normalisation (Ioffe and Szegedy, 2015) in training mode, as PyTorch's
/// `BatchNorm1d`: each column is standardised with the batch's mean and biased variance
/// (divisor n), then scaled by `gamma` and shifted by `beta`.
extension Tensor {
    /// The batch statistics used, for a layer's running averages.
    public struct BatchStatistics: Sendable {
        /// Per column, `1 x d`.
        public let mean: [Double]
        /// Per column, biased (divisor n), `1 x d`.
        public let variance: [Double]
    }

    /// `gamma * (x - mean) / sqrt(variance + epsilon) + beta`, per column over the rows.
    /// - Parameters:
    ///   - gamma: `1 x d` scale.
    ///   - beta: `1 x d` shift.
    ///   - epsilon: added to the variance (PyTorch's default 1e-5).
    /// - Throws: for `gamma`/`beta` not `1 x d`, or fewer than 2 rows (PyTorch refuses one).
    public func batchNormalized(gamma: Tensor, beta: Tensor, epsilon: Double = 1e-5)
        throws(LearningError) -> (output: Tensor, statistics: BatchStatistics)
    {
        try fitsRow(gamma, "batch normalisation (gamma)")
        try fitsRow(beta, "batch normalisation (beta)")
        let (n, d) = (shape.rowCount, shape.columnCount)
        guard n >= 2 else { throw .tooFewSamples(context: "batch normalisation", sampleCount: n, minimum: 2) }
        let x = value.storage
        var mean = [Double](repeating: 0, count: d)
        var variance = [Double](repeating: 0, count: d)
        for row in 0..<n { for column in 0..<d { mean[column] += x[row * d + column] } }
        for column in 0..<d { mean[column] /= Double(n) }
        for row in 0..<n {
            for column in 0..<d {
                let centred = x[row * d + column] - mean[column]
                variance[column] += centred * centred
            }
        }
        for column in 0..<d { variance[column] /= Double(n) }
        let inverseDeviation = variance.map { 1 / sqrt($0 + epsilon) }
        var normalized = [Double](repeating: 0, count: n * d)
        for row in 0..<n {
            for column in 0..<d { normalized[row * d + column] = (x[row * d + column] - mean[column]) * inverseDeviation[column] }
        }
        let xHat = Matrix(rowCount: n, columnCount: d, exactStorage: normalized)
        let gammaValue = gamma.value
        let output = xHat.combinedWithRow(gammaValue, *).combinedWithRow(beta.value, +)
        let result = tape.record(output, operands: [self, gamma, beta]) { [i = index, gammaIndex = gamma.index, betaIndex = beta.index] upstream in
            // dx = (gamma * inv / n) * (n g - sum(g) - xhat * sum(g * xhat)), per column.
            let g = upstream.storage
            var sumG = [Double](repeating: 0, count: d)
            var sumGXHat = [Double](repeating: 0, count: d)
            for row in 0..<n {
                for column in 0..<d {
                    sumG[column] += g[row * d + column]
                    sumGXHat[column] += g[row * d + column] * normalized[row * d + column]
                }
            }
            var dx = [Double](repeating: 0, count: n * d)
            for row in 0..<n {
                for column in 0..<d {
                    let k = row * d + column
                    dx[k] = gammaValue[0, column] * inverseDeviation[column] / Double(n)
                        * (Double(n) * g[k] - sumG[column] - normalized[k] * sumGXHat[column])
                }
            }
            return [(i, Matrix(rowCount: n, columnCount: d, exactStorage: dx)),
                    (gammaIndex, Matrix(rowCount: 1, columnCount: d, exactStorage: sumGXHat)),
                    (betaIndex, Matrix(rowCount: 1, columnCount: d, exactStorage: sumG))]
        }
        return (result, BatchStatistics(mean: mean, variance: variance))
    }
}
