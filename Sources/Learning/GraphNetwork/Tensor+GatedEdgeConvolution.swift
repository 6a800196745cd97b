import Foundation
import LinearAlgebra

/// CGCNN's gated edge convolution (Xie and Grossman, Phys. Rev. Lett. 120, 145301, 2018,
/// eq. 5; see ``CrystalGraphNetwork``) in training mode, up to the sum of the messages into
/// each center, as one tape operation. It computes exactly what the composite
///
///     concatenatingColumns([x.gatheringRows(centers), x.gatheringRows(neighbors), edges])
///         .matrixProduct(weight).addingRow(bias).batchNormalized(gamma:beta:)
///     → sigmoid(first half) ⊙ softplus(second half) → segmentSums(centers)
///
/// computes (to rounding: sums are taken in another order), with fewer operations:
///
/// - the product of the concatenation `[v_i, v_j, u_ij] W` is split by the row blocks of
///   `W = [W_c; W_n; W_e]` into `(x W_c)[i] + (x W_n)[j] + u_ij W_e`: the atom products are
///   taken once per atom (not once per edge) and gathered, so only `u W_e` has one row per
///   edge (for 64 atom features and 41 Gaussians, 41 of the 169 inner terms per edge);
/// - batch statistics, gates and the derivative factors of the backward pass come from one
///   pass over the edges, in fixed blocks of rows spread over `threadCount` threads (partial
///   sums combined in block order: results do not depend on the thread count);
/// - the backward pass scatters the edge gradient into the atoms once and multiplies by
///   `W_cᵀ`, `W_nᵀ` per atom.
///
/// The sigmoid and softplus are the tape's (``Tensor/sigmoid()``, ``Tensor/softplus()``),
/// batch normalisation is ``Tensor/batchNormalized(gamma:beta:epsilon:)``'s (biased batch
/// variance; the statistics are returned for the running averages).
extension Tensor {
    /// - Parameters:
    ///   - centers: per edge, its center atom, a row of `self` (`[atomCount x A]`).
    ///   - neighbors: per edge, its neighbor atom.
    ///   - edgeFeatures: `[edgeCount x B]`, a constant (the Gaussian-expanded distances).
    ///   - weight: `[(2A + B) x 2A]`, rows in the order center, neighbor, edge features.
    ///   - bias, gamma, beta: `1 x 2A`.
    ///   - epsilon: added to the batch variance (PyTorch's 1e-5).
    ///   - threadCount: threads of the per-edge passes (BLAS has its own setting); ≥ 1.
    /// - Returns: `[atomCount x A]` message sums and the batch statistics of the first batch
    ///   norm (over the edges, `1 x 2A` each).
    /// - Throws: for shapes that do not fit, an index outside the atoms, or fewer than 2 edges.
    public func gatedEdgeMessages(centers: [Int], neighbors: [Int], edgeFeatures: Matrix, weight: Tensor, bias: Tensor,
                                  gamma: Tensor, beta: Tensor, epsilon: Double = 1e-5, threadCount: Int = 1)
        throws(LearningError) -> (output: Tensor, statistics: BatchStatistics)
    {
        let operation = "gated edge convolution"
        let (n, a, e, b) = (shape.rowCount, shape.columnCount, centers.count, edgeFeatures.columnCount)
        let w = 2 * a
        for parameter in [weight, bias, gamma, beta] { try sameTape(parameter, operation) }
        guard weight.shape == MatrixShape(rowCount: w + b, columnCount: w) else {
            throw .shapeMismatch(operation: operation, left: shape, right: weight.shape,
                                 rule: "the weight must be (2A + B) x 2A for A atom and B edge features")
        }
        for row in [bias, gamma, beta] { try weight.fitsRow(row, operation) }
        guard neighbors.count == e, edgeFeatures.rowCount == e else {
            throw .sampleCountMismatch(context: operation, name: "neighbors / edge feature rows",
                                       count: neighbors.count == e ? edgeFeatures.rowCount : neighbors.count, expected: e)
        }
        guard e >= 2 else { throw .tooFewSamples(context: "\(operation) (batch normalisation over edges)", sampleCount: e, minimum: 2) }
        for (name, list) in [("centers", centers), ("neighbors", neighbors)] {
            if let bad = list.firstIndex(where: { $0 < 0 || $0 >= n }) {
                throw .invalidParameter(context: operation, name: "\(name)[\(bad)]", value: "\(list[bad])",
                                        reason: "atom indices must be in 0..<\(n)")
            }
        }
        let forward = GatedEdgeForward(x: value, centers: centers, neighbors: neighbors, edges: edgeFeatures, weight: weight.value,
                                       bias: bias.value.storage, gamma: gamma.value.storage, beta: beta.value.storage,
                                       epsilon: epsilon, threadCount: threadCount)
        let output = Matrix(rowCount: n, columnCount: a, exactStorage: forward.messageSums)
        // The pullback captures operand indices, never tensors (a tensor holds its tape).
        let operands = [self, weight, bias, gamma, beta].map(\.index)
        let result = tape.record(output, operands: [self, weight, bias, gamma, beta]) { upstream in
            let g = forward.backward(upstream.storage)
            return [(operands[0], Matrix(rowCount: n, columnCount: a, exactStorage: g.x)),
                    (operands[1], Matrix(rowCount: w + b, columnCount: w, exactStorage: g.weight)),
                    (operands[2], Matrix(rowCount: 1, columnCount: w, exactStorage: g.bias)),
                    (operands[3], Matrix(rowCount: 1, columnCount: w, exactStorage: g.gamma)),
                    (operands[4], Matrix(rowCount: 1, columnCount: w, exactStorage: g.beta))]
        }
        return (result, BatchStatistics(mean: forward.mean, variance: forward.variance))
    }
}

/// The forward pass of ``Tensor/gatedEdgeMessages(centers:neighbors:edgeFeatures:weight:bias:gamma:beta:epsilon:threadCount:)``
/// and what its backward pass needs: the normalised pre-activations `h` and the derivative
/// factors `d` (`[edgeCount x 2A]` each). Working storage is raw memory (``ScratchBuffers``,
/// reused across batches; no zero-filling of buffers that are overwritten; no bounds or
/// exclusivity checks in the per-edge loops, whose indices were checked by the caller).
private final class GatedEdgeForward {
    let x: Matrix, edges: Matrix, weight: Matrix
    let (n, a, e, b, w): (Int, Int, Int, Int, Int)
    let blocks: RowBlocks
    /// Per edge, its center and its neighbor.
    let centers: UnsafeMutablePointer<Int>, neighbors: UnsafeMutablePointer<Int>
    /// Rows of `2A`: mean, 1 / sqrt(variance + ε), gamma, beta, bias.
    let rowParameters: UnsafeMutablePointer<Double>
    /// Normalised pre-activations `(z - mean) / sqrt(variance + ε)`, `[edgeCount x 2A]`.
    let h: UnsafeMutablePointer<Double>
    private let hBuffer: ScratchBuffers.Buffer, dBuffer: ScratchBuffers.Buffer
    /// d(message)/d(y): `softplus(y_s) σ(y_f)(1 - σ(y_f))` in the first half, `σ(y_f) σ(y_s)`
    /// in the second, `[edgeCount x 2A]`.
    let d: UnsafeMutablePointer<Double>
    /// `[atomCount x A]`.
    private(set) var messageSums: [Double] = []
    private(set) var mean: [Double] = [], variance: [Double] = []

    init(x: Matrix, centers: [Int], neighbors: [Int], edges: Matrix, weight: Matrix, bias: [Double], gamma: [Double], beta: [Double],
         epsilon: Double, threadCount: Int) {
        (self.x, self.edges, self.weight) = (x, edges, weight)
        let (n, a, e, b, w) = (x.rowCount, x.columnCount, centers.count, edges.columnCount, 2 * x.columnCount)
        (self.n, self.a, self.e, self.b, self.w) = (n, a, e, b, w)
        let blocks = RowBlocks(rowCount: e, threadCount: threadCount)
        self.blocks = blocks
        let (cp, np) = (UnsafeMutablePointer<Int>.allocate(capacity: e), UnsafeMutablePointer<Int>.allocate(capacity: e))
        centers.withUnsafeBufferPointer { cp.initialize(from: $0.baseAddress!, count: e) }
        neighbors.withUnsafeBufferPointer { np.initialize(from: $0.baseAddress!, count: e) }
        (self.centers, self.neighbors) = (cp, np)
        let parameters = UnsafeMutablePointer<Double>.allocate(capacity: 5 * w)
        parameters.initialize(repeating: 0, count: 5 * w)
        for j in 0..<w { (parameters[2 * w + j], parameters[3 * w + j], parameters[4 * w + j]) = (gamma[j], beta[j], bias[j]) }
        rowParameters = parameters
        let (meanRow, inverseRow, gammaRow, betaRow, biasRow) = (parameters, parameters + w, parameters + 2 * w, parameters + 3 * w, parameters + 4 * w)
        (hBuffer, dBuffer) = (ScratchBuffers.take(e * w), ScratchBuffers.take(e * w))
        let (z, factors) = (hBuffer.pointer, dBuffer.pointer)
        (h, d) = (z, factors)

        // Per atom, its center and neighbor terms x W_c and x W_n.
        let atomTermBuffer = ScratchBuffers.take(2 * n * w)
        defer { ScratchBuffers.give(atomTermBuffer) }
        let atomTerms = atomTermBuffer.pointer
        let (centerTerms, neighborTerms) = (atomTerms, atomTerms + n * w)
        x.storage.withUnsafeBufferPointer { xs in
            weight.storage.withUnsafeBufferPointer { ws in
                let (xp, wp) = (xs.baseAddress!, ws.baseAddress!)
                blocks.forEachPart(2) { part in
                    RowMajorProduct.accumulate(.plain, rowCount: n, columnCount: w, innerCount: a, xp, leadingA: a, wp + part * a * w,
                                               leadingB: w, beta: 0, into: atomTerms + part * n * w, leadingC: w)
                }
            }
        }
        let partial = UnsafeMutablePointer<Double>.allocate(capacity: blocks.blockCount * w)
        defer { partial.deallocate() }
        partial.initialize(repeating: 0, count: blocks.blockCount * w)
        // Per block of edges: z = u W_e (one product per block, on its thread) + the gathered
        // atom terms + bias; column sums per block.
        edges.storage.withUnsafeBufferPointer { us in
            weight.storage.withUnsafeBufferPointer { ws in
                let (up, wep) = (us.baseAddress!, ws.baseAddress! + 2 * a * w)
                blocks.forEach { block, rows in
                    RowMajorProduct.accumulate(.plain, rowCount: rows.count, columnCount: w, innerCount: b, up + rows.lowerBound * b,
                                               leadingA: b, wep, leadingB: w, beta: 0, into: z + rows.lowerBound * w, leadingC: w)
                    let sums = partial + block * w
                    for r in rows {
                        let row = z + r * w, c = centerTerms + cp[r] * w, m = neighborTerms + np[r] * w
                        for j in 0..<w {
                            let value = row[j] + c[j] + m[j] + biasRow[j]
                            row[j] = value
                            sums[j] += value
                        }
                    }
                }
            }
        }
        Self.combine(partial, blocks: blocks.blockCount, width: w, into: meanRow, scale: 1 / Double(e))
        partial.update(repeating: 0, count: blocks.blockCount * w)
        blocks.forEach { block, rows in
            let sums = partial + block * w
            for r in rows {
                let row = z + r * w
                for j in 0..<w {
                    let centred = row[j] - meanRow[j]
                    sums[j] += centred * centred
                }
            }
        }
        var variance = [Double](repeating: 0, count: w)
        variance.withUnsafeMutableBufferPointer { Self.combine(partial, blocks: blocks.blockCount, width: w, into: $0.baseAddress!, scale: 1 / Double(e)) }
        for j in 0..<w { inverseRow[j] = 1 / (variance[j] + epsilon).squareRoot() }
        // h, the gates and softplus, the messages and the derivative factors.
        let messageBuffer = ScratchBuffers.take(e * a)
        defer { ScratchBuffers.give(messageBuffer) }
        let messages = messageBuffer.pointer
        blocks.forEach { _, rows in
            for r in rows {
                let row = z + r * w, rowFactors = factors + r * w, message = messages + r * a
                // Four columns at a time (SIMD), the rest one by one.
                let vectorEnd = a - a % 4
                for j in stride(from: 0, to: vectorEnd, by: 4) {
                    let hf = (Self.load(row + j) - Self.load(meanRow + j)) * Self.load(inverseRow + j)
                    let hs = (Self.load(row + j + a) - Self.load(meanRow + j + a)) * Self.load(inverseRow + j + a)
                    Self.store(hf, row + j)
                    Self.store(hs, row + j + a)
                    let yf = hf * Self.load(gammaRow + j) + Self.load(betaRow + j)
                    let ys = hs * Self.load(gammaRow + j + a) + Self.load(betaRow + j + a)
                    let (value, gateFactor, coreFactor) = LogisticKernels.gatedMessage(gate: yf, core: ys)
                    Self.store(value, message + j)
                    Self.store(gateFactor, rowFactors + j)
                    Self.store(coreFactor, rowFactors + j + a)
                }
                for j in vectorEnd..<a {
                    let hf = (row[j] - meanRow[j]) * inverseRow[j]
                    let hs = (row[j + a] - meanRow[j + a]) * inverseRow[j + a]
                    row[j] = hf
                    row[j + a] = hs
                    let yf = hf * gammaRow[j] + betaRow[j], ys = hs * gammaRow[j + a] + betaRow[j + a]
                    // The same kernel in one lane: identical values to the vector columns'.
                    let (value, gateFactor, coreFactor) = LogisticKernels.gatedMessage(
                        gate: LogisticKernels.Vector(repeating: yf), core: LogisticKernels.Vector(repeating: ys))
                    message[j] = value[0]
                    rowFactors[j] = gateFactor[0]
                    rowFactors[j + a] = coreFactor[0]
                }
            }
        }
        // Sum the messages into their centers, in edge order; threads take column ranges.
        var sums = [Double](repeating: 0, count: n * a)
        sums.withUnsafeMutableBufferPointer { ss in
            let sp = ss.baseAddress!
            let parts = blocks.threadCount
            blocks.forEachPart(parts) { part in
                let columns = (part * a / parts)..<((part + 1) * a / parts)
                for r in 0..<e {
                    let target = sp + cp[r] * a, message = messages + r * a
                    for j in columns { target[j] += message[j] }
                }
            }
        }
        messageSums = sums
        mean = Array(UnsafeBufferPointer(start: meanRow, count: w))
        self.variance = variance
    }

    @inline(__always)
    private static func load(_ pointer: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func store(_ value: SIMD4<Double>, _ pointer: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Double>.self)
    }

    deinit {
        centers.deallocate()
        neighbors.deallocate()
        rowParameters.deallocate()
        ScratchBuffers.give(hBuffer)
        ScratchBuffers.give(dBuffer)
    }

    /// `into[j] = scale · Σ_blocks partial[block, j]`, in block order.
    private static func combine(_ partial: UnsafeMutablePointer<Double>, blocks: Int, width: Int, into result: UnsafeMutablePointer<Double>,
                                scale: Double) {
        for j in 0..<width {
            var total = 0.0
            for block in 0..<blocks { total += partial[block * width + j] }
            result[j] = total * scale
        }
    }

    struct Gradients { var x: [Double], weight: [Double], bias: [Double], gamma: [Double], beta: [Double] }

    /// The gradients of every operand from the upstream gradient of the message sums
    /// (`[atomCount x A]`).
    func backward(_ upstream: [Double]) -> Gradients {
        let (n, a, e, b, w, blocks) = (n, a, e, b, w, blocks)
        let (cp, np, h, d) = (centers, neighbors, h, d)
        let blockCount = blocks.blockCount
        let (inverseRow, gammaRow) = (rowParameters + w, rowParameters + 2 * w)
        let gzBuffer = ScratchBuffers.take(e * w)
        defer { ScratchBuffers.give(gzBuffer) }
        let gz = gzBuffer.pointer
        let partial = UnsafeMutablePointer<Double>.allocate(capacity: 2 * blockCount * w)
        defer { partial.deallocate() }
        partial.initialize(repeating: 0, count: 2 * blockCount * w)
        let (sumG, sumGH) = (partial, partial + blockCount * w)
        // Row vectors: gBeta, gGamma, gBias, factor = gamma · inv / n.
        let rows = UnsafeMutablePointer<Double>.allocate(capacity: 4 * w)
        defer { rows.deallocate() }
        rows.initialize(repeating: 0, count: 4 * w)
        let (gBeta, gGamma, gBias, factor) = (rows, rows + w, rows + 2 * w, rows + 3 * w)
        for j in 0..<w { factor[j] = gammaRow[j] * inverseRow[j] / Double(e) }
        let count = Double(e)
        upstream.withUnsafeBufferPointer { us in
            let up = us.baseAddress!
            // dL/dy per edge (its center's upstream row times the factors), and the column
            // sums that are the gamma and beta gradients.
            blocks.forEach { block, rows in
                let (sg, sgh) = (sumG + block * w, sumGH + block * w)
                for r in rows {
                    let g = up + cp[r] * a, factors = d + r * w, hr = h + r * w, out = gz + r * w
                    for j in 0..<a {
                        let gf = g[j] * factors[j], gc = g[j] * factors[j + a]
                        out[j] = gf
                        out[j + a] = gc
                        sg[j] += gf
                        sg[j + a] += gc
                        sgh[j] += gf * hr[j]
                        sgh[j + a] += gc * hr[j + a]
                    }
                }
            }
        }
        Self.combine(sumG, blocks: blockCount, width: w, into: gBeta, scale: 1)
        Self.combine(sumGH, blocks: blockCount, width: w, into: gGamma, scale: 1)
        sumG.update(repeating: 0, count: blockCount * w)
        // dL/dz = gamma · inv / n · (n g - Σg - h Σ(g h)), and its column sums (the bias gradient).
        blocks.forEach { block, rows in
            let sums = sumG + block * w
            for r in rows {
                let out = gz + r * w, hr = h + r * w
                for j in 0..<w {
                    let value = factor[j] * (count * out[j] - gBeta[j] - hr[j] * gGamma[j])
                    out[j] = value
                    sums[j] += value
                }
            }
        }
        Self.combine(sumG, blocks: blockCount, width: w, into: gBias, scale: 1)
        // Into the atoms: dL/d(x W_c) and dL/d(x W_n), scattered in edge order, threads taking
        // column ranges; W_e: uᵀ · dL/dz over all edges, in two fixed halves of the columns
        // (the same halves whatever the thread count).
        let atomGradientBuffer = ScratchBuffers.take(2 * n * w)
        defer { ScratchBuffers.give(atomGradientBuffer) }
        let atomGradients = atomGradientBuffer.pointer
        atomGradients.initialize(repeating: 0, count: 2 * n * w)
        let (gCenter, gNeighbor) = (atomGradients, atomGradients + n * w)
        let parts = blocks.threadCount
        blocks.forEachPart(parts) { part in
            let columns = (part * w / parts)..<((part + 1) * w / parts)
            for r in 0..<e {
                let source = gz + r * w, c = gCenter + cp[r] * w, m = gNeighbor + np[r] * w
                for j in columns {
                    c[j] += source[j]
                    m[j] += source[j]
                }
            }
        }
        var gWeight = [Double](repeating: 0, count: (w + b) * w)
        var gX = [Double](repeating: 0, count: n * a)
        gWeight.withUnsafeMutableBufferPointer { gws in
            let gwp = gws.baseAddress!
            edges.storage.withUnsafeBufferPointer { us in
                let up = us.baseAddress!
                blocks.forEachPart(2) { part in
                    let columns = (part * w / 2)..<((part + 1) * w / 2)
                    RowMajorProduct.accumulate(.transposingLeft, rowCount: b, columnCount: columns.count, innerCount: e, up, leadingA: b,
                                               gz + columns.lowerBound, leadingB: w, beta: 0, into: gwp + 2 * a * w + columns.lowerBound, leadingC: w)
                }
            }
            // Center part and neighbor part side by side: W_c (W_n) gets xᵀ · dL/d(x W_c)
            // (W_n), and x gets dL/d(x W_c) · W_cᵀ + dL/d(x W_n) · W_nᵀ, the two terms
            // formed apart and then added (in that order, whatever the thread count).
            let xParts = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n * a)
            defer { xParts.deallocate() }
            x.storage.withUnsafeBufferPointer { xs in
                weight.storage.withUnsafeBufferPointer { ws in
                    let (xp, wp) = (xs.baseAddress!, ws.baseAddress!)
                    blocks.forEachPart(2) { part in
                        let atomGradient = atomGradients + part * n * w
                        RowMajorProduct.accumulate(.transposingLeft, rowCount: a, columnCount: w, innerCount: n, xp, leadingA: a,
                                                   atomGradient, leadingB: w, beta: 0, into: gwp + part * a * w, leadingC: w)
                        RowMajorProduct.accumulate(.transposingRight, rowCount: n, columnCount: a, innerCount: w, atomGradient, leadingA: w,
                                                   wp + part * a * w, leadingB: w, beta: 0, into: xParts + part * n * a, leadingC: a)
                    }
                }
            }
            gX.withUnsafeMutableBufferPointer { gxs in
                for k in 0..<(n * a) { gxs[k] = xParts[k] + xParts[n * a + k] }
            }
        }
        return Gradients(x: gX, weight: gWeight, bias: Array(UnsafeBufferPointer(start: gBias, count: w)),
                         gamma: Array(UnsafeBufferPointer(start: gGamma, count: w)), beta: Array(UnsafeBufferPointer(start: gBeta, count: w)))
    }
}
