import Foundation
import Learning
import LinearAlgebra
import Testing

/// Every differentiable operation against central finite differences: for a random input
/// and a random weighting of its output (so that every output element matters), the tape's
/// gradient of `sum(weights * op(inputs))` must match `(L(x + h) - L(x - h)) / 2h` per element.
@Suite("Autodiff: gradients against finite differences")
struct AutodiffGradientTests {
    /// Central differences have error O(h²) ≈ 1e-12 relative for smooth functions here, plus
    /// rounding ε·L/h ≈ 1e-10; 1e-6 leaves room for the kinks of relu and |x| (never sampled
    /// at exactly 0 with these random inputs).
    static let tolerance = 1e-6

    /// Compares analytic and numerical gradients of `build(variables)` weighted by random
    /// output weights, for every variable.
    static func check(_ name: String, inputs: [Matrix], seed: UInt64 = 1,
                      sourceLocation: SourceLocation = #_sourceLocation,
                      _ build: ([Tensor]) throws -> Tensor) throws {
        var random = LearningRandom(seed: seed)
        func loss(_ values: [Matrix], weights: Matrix?) throws -> (Double, Tensor, [Tensor], Matrix) {
            let tape = GradientTape()
            let variables = values.map(tape.variable)
            let output = try build(variables)
            let w = weights ?? Matrix(rowCount: output.shape.rowCount, columnCount: output.shape.columnCount,
                                      exactStorage: (0..<(output.shape.rowCount * output.shape.columnCount)).map { _ in random.uniform(-1, 1) })
            let total = try output.multiplyingElementwise(tape.constant(w)).sum()
            return (total.value[0, 0], total, variables, w)
        }
        let (_, total, variables, weights) = try loss(inputs, weights: nil)
        let gradients = try total.tape.gradients(of: total)
        let h = 1e-5
        for (k, variable) in variables.enumerated() {
            let analytic = gradients[variable]
            var numeric = [Double]()
            for element in 0..<inputs[k].storage.count {
                var plus = inputs, minus = inputs
                var up = plus[k].storage, down = minus[k].storage
                up[element] += h
                down[element] -= h
                plus[k] = Matrix(rowCount: inputs[k].rowCount, columnCount: inputs[k].columnCount, exactStorage: up)
                minus[k] = Matrix(rowCount: inputs[k].rowCount, columnCount: inputs[k].columnCount, exactStorage: down)
                numeric.append((try loss(plus, weights: weights).0 - loss(minus, weights: weights).0) / (2 * h))
            }
            expectClose(analytic.storage, numeric, atol: tolerance, rtol: tolerance, "\(name): d/d operand \(k)",
                        sourceLocation: sourceLocation)
        }
    }

    static func random(_ rows: Int, _ columns: Int, seed: UInt64, scale: Double = 1) -> Matrix {
        var random = LearningRandom(seed: seed)
        return Matrix(rowCount: rows, columnCount: columns,
                      exactStorage: (0..<(rows * columns)).map { _ in scale * random.uniform(-1, 1) })
    }

    @Test func productsSumsAndBroadcasts() throws {
        let a = Self.random(3, 4, seed: 1), b = Self.random(4, 2, seed: 2), c = Self.random(3, 4, seed: 3)
        let row = Self.random(1, 4, seed: 4)
        try Self.check("matrix product", inputs: [a, b]) { try $0[0].matrixProduct($0[1]) }
        try Self.check("addition", inputs: [a, c]) { try $0[0].adding($0[1]) }
        try Self.check("subtraction", inputs: [a, c]) { try $0[0].subtracting($0[1]) }
        try Self.check("elementwise product", inputs: [a, c]) { try $0[0].multiplyingElementwise($0[1]) }
        try Self.check("scaling", inputs: [a]) { $0[0].scaled(by: -2.5) }
        try Self.check("adding a row", inputs: [a, row]) { try $0[0].addingRow($0[1]) }
        try Self.check("multiplying by a row", inputs: [a, row]) { try $0[0].multiplyingRow($0[1]) }
        try Self.check("mean", inputs: [a]) { $0[0].mean() }
        // An operand used twice gets both contributions.
        try Self.check("x·x elementwise", inputs: [a]) { try $0[0].multiplyingElementwise($0[0]) }
    }

    @Test(arguments: Activation.allCases)
    func activations(_ activation: Activation) throws {
        let x = Self.random(4, 3, seed: 7, scale: 3)
        try Self.check("\(activation)", inputs: [x]) { activation.apply($0[0]) }
    }

    @Test func graphOperations() throws {
        let nodes = Self.random(4, 3, seed: 11)
        let edges = Self.random(5, 2, seed: 12)
        try Self.check("gathering rows (repeated)", inputs: [nodes]) { try $0[0].gatheringRows([3, 0, 3, 1, 1, 2]) }
        try Self.check("segment sums", inputs: [nodes]) { try $0[0].segmentSums([1, 0, 1, 1], segmentCount: 3) }
        try Self.check("segment means", inputs: [nodes]) { try $0[0].segmentMeans([2, 0, 2, 2], segmentCount: 3) }
        try Self.check("slicing columns", inputs: [nodes]) { try $0[0].slicingColumns(1..<3) }
        try Self.check("concatenation", inputs: [nodes, Self.random(4, 2, seed: 13)]) {
            try Tensor.concatenatingColumns([$0[0], $0[1], $0[0]])
        }
        // A CGCNN-style message: gather both ends of each edge, join with the edge features.
        try Self.check("edge message", inputs: [nodes, edges]) { v in
            let joined = try Tensor.concatenatingColumns([v[0].gatheringRows([0, 1, 2, 3, 0]), v[0].gatheringRows([1, 2, 3, 0, 2]), v[1]])
            return try joined.sigmoid().multiplyingElementwise(joined.softplus()).segmentSums([0, 1, 2, 3, 0], segmentCount: 4)
        }
    }

    @Test func batchNormalisation() throws {
        let x = Self.random(5, 3, seed: 21, scale: 2)
        let gamma = Self.random(1, 3, seed: 22), beta = Self.random(1, 3, seed: 23)
        try Self.check("batch norm", inputs: [x, gamma, beta]) { v in
            try v[0].batchNormalized(gamma: v[1], beta: v[2]).output
        }
        // Forward: each column of the output has mean beta and (biased) deviation |gamma|·sqrt(var/(var+eps)).
        let tape = GradientTape()
        let (output, statistics) = try tape.constant(x).batchNormalized(gamma: tape.constant(gamma), beta: tape.constant(beta))
        for column in 0..<3 {
            let values = output.value.column(column)
            let mean = values.reduce(0, +) / 5
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5
            let xColumn = x.column(column)
            let xMean = xColumn.reduce(0, +) / 5
            expectClose(mean, beta[0, column], atol: 1e-12, rtol: 0, "batch norm column \(column) mean")
            expectClose(statistics.mean[column], xMean, atol: 1e-14, rtol: 0, "batch statistics mean")
            expectClose(variance, gamma[0, column] * gamma[0, column] * statistics.variance[column] / (statistics.variance[column] + 1e-5),
                        atol: 1e-12, rtol: 1e-12, "batch norm column \(column) variance")
        }
    }

    @Test func losses() throws {
        let prediction = Self.random(6, 1, seed: 31), target = Self.random(6, 1, seed: 32)
        try Self.check("mean squared error", inputs: [prediction]) { try $0[0].meanSquaredError(against: target) }
        try Self.check("mean absolute error", inputs: [prediction]) { try $0[0].meanAbsoluteError(against: target) }
        let tape = GradientTape()
        let mse = try tape.constant(prediction).meanSquaredError(against: target).value[0, 0]
        let expected = zip(prediction.storage, target.storage).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 6
        expectClose(mse, expected, atol: 0, rtol: 1e-14, "MSE value")
    }

    @Test func misfitShapesAndForeignTensorsAreRefused() throws {
        let tape = GradientTape()
        let a = tape.variable(Self.random(3, 4, seed: 1))
        #expect(throws: LearningError.self) { try a.matrixProduct(tape.variable(Self.random(3, 2, seed: 2))) }
        #expect(throws: LearningError.self) { try a.addingRow(tape.variable(Self.random(1, 3, seed: 2))) }
        #expect(throws: LearningError.self) { try a.gatheringRows([0, 3]) }
        #expect(throws: LearningError.self) { try a.segmentSums([0, 1], segmentCount: 2) }
        #expect(throws: LearningError.self) { try a.adding(GradientTape().variable(Self.random(3, 4, seed: 1))) }
        #expect(throws: LearningError.self) { try tape.gradients(of: a) }
        do {
            _ = try a.matrixProduct(tape.variable(Self.random(3, 2, seed: 2)))
        } catch {
            #expect(error.description == "matrix product: operands of shapes 3x4 and 3x2 do not fit; the left operand's columns must equal the right operand's rows")
        }
    }

    /// A constant's gradient is never formed; a variable the loss ignores gets zeros.
    @Test func unusedVariablesGetZeroGradients() throws {
        let tape = GradientTape()
        let used = tape.variable(Self.random(2, 2, seed: 1))
        let unused = tape.variable(Self.random(2, 3, seed: 2))
        let loss = used.sum()
        let gradients = try tape.gradients(of: loss)
        #expect(gradients[used].storage == [1, 1, 1, 1])
        #expect(gradients[unused].storage == [Double](repeating: 0, count: 6))
    }

    /// No pullback keeps its tape alive: once the pass and its gradients are dropped, the tape
    /// and its values are freed (training makes one tape per batch; a reference cycle through
    /// a captured tensor kept every batch's values until the process ended).
    @Test func aTapeIsFreedAfterItsPass() throws {
        weak var released: GradientTape?
        try {
            let tape = GradientTape()
            released = tape
            let x = tape.variable(Self.random(6, 3, seed: 31)), w = tape.variable(Self.random(3, 4, seed: 32))
            let row = tape.variable(Self.random(1, 4, seed: 33)), other = tape.variable(Self.random(6, 4, seed: 34))
            let h = try x.matrixProduct(w).addingRow(row).multiplyingRow(row).adding(other).subtracting(other)
                .multiplyingElementwise(other).scaled(by: 0.5).softplus()
            let (normalized, _) = try h.batchNormalized(gamma: row, beta: row)
            let joined = try Tensor.concatenatingColumns([normalized.gatheringRows([0, 2, 4, 5]), tape.constant(Self.random(4, 2, seed: 35))])
            let pooled = try joined.slicingColumns(0..<5).segmentSums([0, 1, 0, 1], segmentCount: 2).segmentMeans([0, 0], segmentCount: 1)
            let (messages, _) = try x.gatedEdgeMessages(centers: [0, 1, 2, 3, 4, 5], neighbors: [1, 2, 3, 4, 5, 0],
                                                        edgeFeatures: Self.random(6, 2, seed: 36), weight: tape.variable(Self.random(8, 6, seed: 37)),
                                                        bias: tape.variable(Self.random(1, 6, seed: 38)), gamma: tape.variable(Self.random(1, 6, seed: 39)),
                                                        beta: tape.variable(Self.random(1, 6, seed: 40)))
            let loss = try pooled.sum().adding(messages.mean()).adding(h.tanh().relu().mean())
            _ = try tape.gradients(of: loss)
        }()
        #expect(released == nil, "the tape outlived its pass")
    }
}
