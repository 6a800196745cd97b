import LinearAlgebra

/// The normalised SOAP similarity kernel between structures and the ranking it induces.
///
/// `k(A, B) = p_A · p_B / sqrt((p_A · p_A)(p_B · p_B))` for averaged SOAP vectors p (one per
/// structure, all made by the same ``SOAPDescriptor``). With ``SOAPAveraging/outer`` vectors
/// this is exactly DScribe's `AverageKernel(metric="linear", normalize_kernel=True)` on the
/// per-site vectors: the mean of all site-pair dot products is the dot product of the mean
/// spectra (checked against DScribe in `SOAPSimilarityTests`). k is in [0, 1] for SOAP
/// vectors (their dot products are non-negative) and 1 on the diagonal.
public struct SOAPSimilarity: Sendable {
    /// `[structureCount x structureCount]`, symmetric, ones on the diagonal.
    public let kernel: Matrix

    /// - Parameter vectors: `[structureCount x featureCount]`, one averaged SOAP vector per row.
    /// - Throws: ``DescriptorsError/invalidOption(name:value:reason:)`` for an empty set or a
    ///   vector of norm 0 (a structure whose environments are all empty cannot be compared).
    public init(vectors: Matrix) throws {
        guard vectors.rowCount > 0 else {
            throw DescriptorsError.invalidOption(name: "structures", value: "0", reason: "give at least one structure")
        }
        let gram = try vectors.multiplied(by: vectors, .transposingRight)
        let n = vectors.rowCount
        let norms = (0..<n).map { gram[$0, $0].squareRoot() }
        if let zero = norms.firstIndex(where: { !($0 > 0) }) {
            throw DescriptorsError.invalidOption(
                name: "SOAP vector", value: "structure \(zero)", reason: "has norm 0, so its similarity is undefined; check its species and cutoff")
        }
        var kernel = Matrix(rowCount: n, columnCount: n)
        for i in 0..<n {
            for j in 0..<n { kernel[i, j] = i == j ? 1 : gram[i, j] / (norms[i] * norms[j]) }
        }
        self.kernel = kernel
    }

    /// For each structure i, the other structures from most to least similar (by k, ties by
    /// smaller index), `[structureCount][structureCount - 1]`.
    public var nearest: [[Int]] {
        let n = kernel.rowCount
        return (0..<n).map { i in
            (0..<n).filter { $0 != i }.sorted { a, b in
                let (ka, kb) = (kernel[i, a], kernel[i, b])
                return ka != kb ? ka > kb : a < b
            }
        }
    }
}
