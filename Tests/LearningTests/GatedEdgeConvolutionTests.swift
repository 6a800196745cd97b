import Foundation
import Learning
import LinearAlgebra
import Testing

/// The fused gated edge convolution against its slow, obvious oracle (the composite of the
/// tape's elementary operations, each checked against finite differences in
/// AutodiffGradientTests), against finite differences itself, and for independence of the
/// thread count.
@Suite("Gated edge convolution (fused CGCNN layer)")
struct GatedEdgeConvolutionTests {
    struct Case {
        let atoms: Matrix, edges: Matrix, weight: Matrix, bias: Matrix, gamma: Matrix, beta: Matrix
        let centers: [Int], neighbors: [Int]
    }

    /// `atomCount` atoms of `a` features, `edgesPerAtom` edges each (centers in order, as the
    /// week-6 graphs list them, then shuffled so the kernel cannot rely on the order).
    static func randomCase(atomCount: Int, a: Int, b: Int, edgesPerAtom: Int, seed: UInt64) -> Case {
        var random = LearningRandom(seed: seed)
        var centers: [Int] = [], neighbors: [Int] = []
        for atom in 0..<atomCount {
            for _ in 0..<edgesPerAtom {
                centers.append(atom)
                neighbors.append(random.index(below: atomCount))
            }
        }
        var order = Array(centers.indices)
        order.shuffle(using: &random)
        let e = centers.count
        let gammaValues: [Double] = AutodiffGradientTests.random(1, 2 * a, seed: seed + 5).storage.map { 1 + 0.5 * $0 }
        return Case(atoms: AutodiffGradientTests.random(atomCount, a, seed: seed + 1),
                    edges: AutodiffGradientTests.random(e, b, seed: seed + 2),
                    weight: AutodiffGradientTests.random(2 * a + b, 2 * a, seed: seed + 3, scale: 0.5),
                    bias: AutodiffGradientTests.random(1, 2 * a, seed: seed + 4),
                    gamma: Matrix(rowCount: 1, columnCount: 2 * a, exactStorage: gammaValues),
                    beta: AutodiffGradientTests.random(1, 2 * a, seed: seed + 6),
                    centers: order.map { centers[$0] }, neighbors: order.map { neighbors[$0] })
    }

    static func fused(_ c: Case, _ v: [Tensor], threads: Int = 1) throws -> (Tensor, Tensor.BatchStatistics) {
        let result = try v[0].gatedEdgeMessages(centers: c.centers, neighbors: c.neighbors, edgeFeatures: c.edges, weight: v[1], bias: v[2],
                                                gamma: v[3], beta: v[4], threadCount: threads)
        return (result.output, result.statistics)
    }

    static func composite(_ c: Case, _ v: [Tensor]) throws -> (Tensor, Tensor.BatchStatistics) {
        let a = c.atoms.columnCount
        let joined = try Tensor.concatenatingColumns([v[0].gatheringRows(c.centers), v[0].gatheringRows(c.neighbors), v[0].tape.constant(c.edges)])
        let (gated, statistics) = try joined.matrixProduct(v[1]).addingRow(v[2]).batchNormalized(gamma: v[3], beta: v[4])
        let messages = try gated.slicingColumns(0..<a).sigmoid().multiplyingElementwise(gated.slicingColumns(a..<(2 * a)).softplus())
        return (try messages.segmentSums(c.centers, segmentCount: c.atoms.rowCount), statistics)
    }

    /// Values, statistics and every gradient (of a random weighting of the output) agree with
    /// the composite. Tolerance: both are float64 and differ only in summation order (products
    /// split by blocks of W, sums in blocks); the observed deviations are about 1e-14
    /// relative, 1e-10 leaves room for other BLAS kernels.
    @Test(arguments: [(atomCount: 7, a: 3, b: 4, edgesPerAtom: 3), (atomCount: 60, a: 8, b: 5, edgesPerAtom: 12)])
    func agreesWithTheComposite(shape: (atomCount: Int, a: Int, b: Int, edgesPerAtom: Int)) throws {
        let c = Self.randomCase(atomCount: shape.atomCount, a: shape.a, b: shape.b, edgesPerAtom: shape.edgesPerAtom, seed: 40)
        let weights = AutodiffGradientTests.random(shape.atomCount, shape.a, seed: 9)
        var results: [(output: Matrix, statistics: Tensor.BatchStatistics, gradients: [Matrix])] = []
        let builds: [(Case, [Tensor]) throws -> (Tensor, Tensor.BatchStatistics)] = [
            { try Self.fused($0, $1) }, { try Self.composite($0, $1) },
        ]
        for build in builds {
            let tape = GradientTape()
            let variables = [c.atoms, c.weight, c.bias, c.gamma, c.beta].map(tape.variable)
            let (output, statistics) = try build(c, variables)
            let loss = try output.multiplyingElementwise(tape.constant(weights)).sum()
            let gradients = try tape.gradients(of: loss)
            results.append((output.value, statistics, variables.map { gradients[$0] }))
        }
        let (fused, composite) = (results[0], results[1])
        expectClose(fused.output.storage, composite.output.storage, atol: 1e-10, rtol: 1e-10, "message sums")
        expectClose(fused.statistics.mean, composite.statistics.mean, atol: 1e-10, rtol: 1e-10, "batch mean")
        expectClose(fused.statistics.variance, composite.statistics.variance, atol: 1e-10, rtol: 1e-10, "batch variance")
        for (k, name) in ["atoms", "weight", "bias", "gamma", "beta"].enumerated() {
            expectClose(fused.gradients[k].storage, composite.gradients[k].storage, atol: 1e-10, rtol: 1e-10, "d/d \(name)")
        }
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        let c = Self.randomCase(atomCount: 5, a: 2, b: 3, edgesPerAtom: 3, seed: 50)
        try AutodiffGradientTests.check("gated edge convolution", inputs: [c.atoms, c.weight, c.bias, c.gamma, c.beta]) { v in
            try Self.fused(c, v).0
        }
    }

    /// More edges than one block of rows, so that several threads share the work: the
    /// results are bit for bit those of one thread.
    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let c = Self.randomCase(atomCount: 90, a: 4, b: 3, edgesPerAtom: 12, seed: 60)
        var runs: [[Double]] = []
        for threads in [1, 2, 3] {
            let tape = GradientTape()
            let variables = [c.atoms, c.weight, c.bias, c.gamma, c.beta].map(tape.variable)
            let (output, statistics) = try Self.fused(c, variables, threads: threads)
            let gradients = try tape.gradients(of: output.multiplyingElementwise(output).sum())
            runs.append(output.value.storage + statistics.mean + statistics.variance + variables.flatMap { gradients[$0].storage })
        }
        #expect(runs[1] == runs[0] && runs[2] == runs[0])
    }

    @Test func misfitShapesAreRefused() throws {
        let c = Self.randomCase(atomCount: 4, a: 2, b: 3, edgesPerAtom: 2, seed: 70)
        let tape = GradientTape()
        let v = [c.atoms, c.weight, c.bias, c.gamma, c.beta].map(tape.variable)
        #expect(throws: LearningError.self) {
            try v[0].gatedEdgeMessages(centers: c.centers, neighbors: c.neighbors, edgeFeatures: c.edges, weight: v[2], bias: v[2], gamma: v[3], beta: v[4])
        }
        #expect(throws: LearningError.self) {
            try v[0].gatedEdgeMessages(centers: c.centers.map { $0 + 4 }, neighbors: c.neighbors, edgeFeatures: c.edges, weight: v[1], bias: v[2],
                                       gamma: v[3], beta: v[4])
        }
        #expect(throws: LearningError.self) {
            try v[0].gatedEdgeMessages(centers: [0], neighbors: [1], edgeFeatures: Matrix(rowCount: 1, columnCount: 3), weight: v[1], bias: v[2],
                                       gamma: v[3], beta: v[4])
        }
    }
}
