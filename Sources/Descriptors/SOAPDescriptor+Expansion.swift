import Foundation
import LinearAlgebra

/// Buffers reused from one center to the next.
final class SOAPWorkspace {
    let harmonics = ScratchBuffer<Double>(filler: 0)
    let scratch = ScratchBuffer<Double>(filler: 0)
    let distances = ScratchBuffer<Double>(filler: 0)
    let grid = ScratchBuffer<Double>(filler: 0)
    let lanes = ScratchBuffer<SIMD4<Double>>(filler: .zero)
    let laneSums = ScratchBuffer<SIMD4<Double>>(filler: .zero)
    /// The polynomial basis's radial factors, handed to a matrix product.
    var factors: [Double] = []
}

extension SOAPDescriptor {
    /// Radial functions of all species side by side: `species.count * nMax`.
    var radialCount: Int { species.count * nMax }

    /// ``radialCount`` rounded up to a multiple of 4: the row length of the coefficients, so
    /// that rows split into whole SIMD4 lanes (the padding stays 0).
    var radialStride: Int { (radialCount + 3) / 4 * 4 }

    /// Coefficients per center: `[(lMax + 1)^2 x radialStride]` doubles, index
    /// `(l * l + l + m) * radialStride + s * nMax + n` (lm-major, so that the power spectrum's
    /// sums over m are products of contiguous rows).
    var coefficientCount: Int { radialStride * (lMax + 1) * (lMax + 1) }

    /// The expansion coefficients c^Z_nlm of one environment, written to `out`
    /// (``coefficientCount`` values, overwritten).
    func expand(
        _ environment: SOAPEnvironment, harmonics: RealSolidHarmonics, workspace: SOAPWorkspace,
        into out: UnsafeMutablePointer<Double>
    ) throws {
        out.update(repeating: 0, count: coefficientCount)
        for (s, atoms) in environment.displacements.enumerated() where !atoms.isEmpty {
            if let gtoBasis {
                expandGTO(atoms, basis: gtoBasis, harmonics: harmonics, workspace: workspace, into: out + s * nMax)
            } else if let polynomialBasis {
                try expandPolynomial(atoms, basis: polynomialBasis, harmonics: harmonics, workspace: workspace, into: out + s * nMax)
            }
        }
    }

    /// Analytic GTO expansion (see ``SOAPGTOBasis``): for each l, `E_ik = exp(exponent_lk
    /// r_i^2)`, `T_mk = sum_i r_i^l Y_lm(r^_i) E_ik`, then `c_nlm = sum_k weight_lnk T_mk`.
    /// `out` points at this species' first radial function; rows are ``radialStride`` apart.
    private func expandGTO(
        _ atoms: [SIMD3<Double>], basis: SOAPGTOBasis, harmonics: RealSolidHarmonics, workspace: SOAPWorkspace,
        into out: UnsafeMutablePointer<Double>
    ) {
        let count = atoms.count, lmCount = harmonics.count, stride = radialStride, nMax = self.nMax
        let y = workspace.harmonics.reserve(count * lmCount), scratch = workspace.scratch.reserve(harmonics.scratchCount)
        let r2 = workspace.distances.reserve(count)
        for (i, d) in atoms.enumerated() {
            harmonics.evaluate(d.x, d.y, d.z, into: y + i * lmCount, scratch: scratch)
            r2[i] = (d * d).sum()
        }
        let chunks = basis.chunkCount
        let e = workspace.lanes.reserve(count * chunks), t = workspace.laneSums.reserve((2 * lMax + 1) * chunks)
        basis.paddedExponents.withUnsafeBufferPointer { exponents in
            basis.transposedWeights.withUnsafeBufferPointer { weightBuffer in
                guard let weightBase = weightBuffer.baseAddress else { return }
                for l in 0...lMax {
                    let width = 2 * l + 1, first = l * l
                    // E_ik = exp(exponent_lk r_i^2), four primitives per lane group. The
                    // exponents are <= 0 and r_i <= the cutoff, so the argument is in
                    // range unless the basis is extreme (then clamp).
                    for i in 0..<count {
                        let r = SIMD4<Double>(repeating: r2[i])
                        if basis.exponentsNeedClamping {
                            for q in 0..<chunks { e[i * chunks + q] = vectorExp(exponents[l * chunks + q] * r) }
                        } else {
                            for q in 0..<chunks { e[i * chunks + q] = vectorExpInRange(exponents[l * chunks + q] * r) }
                        }
                    }
                    // T_jk = sum_i Y_i,lm E_ik.
                    t.update(repeating: .zero, count: width * chunks)
                    if chunks == 2 {
                        // n_max 5...8, the common case: whole rows as SIMD8.
                        // Sums kept in registers, one m at a time.
                        let eBytes = UnsafeRawPointer(e), tBytes = UnsafeMutableRawPointer(t)
                        for j in 0..<width {
                            var sum = SIMD8<Double>()
                            var yPointer = y + first + j
                            for i in 0..<count {
                                sum += SIMD8<Double>(repeating: yPointer.pointee)
                                    * eBytes.loadUnaligned(fromByteOffset: i * 64, as: SIMD8<Double>.self)
                                yPointer += lmCount
                            }
                            tBytes.storeBytes(of: sum, toByteOffset: j * 64, as: SIMD8<Double>.self)
                        }
                    } else {
                        for i in 0..<count {
                            let eRow = e + i * chunks
                            for j in 0..<width {
                                let value = SIMD4<Double>(repeating: y[i * lmCount + first + j])
                                let tRow = t + j * chunks
                                for q in 0..<chunks { tRow[q] += value * eRow[q] }
                            }
                        }
                    }
                    // c_nlm += sum_k weight_lnk T_mk.
                    for j in 0..<width {
                        let row = out + (first + j) * stride
                        for k in 0..<nMax {
                            let value = t[j * chunks + k / 4][k % 4]
                            let w = weightBase + (l * nMax + k) * nMax
                            for n in 0..<nMax { row[n] += w[n] * value }
                        }
                    }
                }
            }
        }
    }

    /// Numerical polynomial expansion, DScribe's scheme step for step (soapGeneral): for an
    /// atom at distance r_i > 1e-6 A, the radial factor on the grid is
    /// `F_l(r_w) = exp(-eta (r_w^2 + r_i^2)) i_l(2 eta r_w r_i)` by the upward recurrence
    /// `F_l = F_(l-2) - (2l - 1) / (2 eta r_w r_i) F_(l-1)` from
    /// `F_0 = (E- - E+) / (4 eta r_w r_i)`, `F_1 = (E- + E+ - 2 F_0) / (4 eta r_w r_i)`,
    /// `E-+ = exp(-eta (r_w -+ r_i)^2)`, with DScribe's numerical conventions kept because
    /// they change the numbers: E- is 0 where `r_w - r_i > 5`, E+ is 0 where
    /// `r_w + r_i > 5` (Angstrom, whatever sigma), and a negative F_l (l >= 2; rounding in
    /// the unstable recurrence) is set to 0. An atom at the center (r_i^2 <= 1e-12 A^2)
    /// contributes only to l = 0, through ``SOAPPolynomialBasis/centerTerm``. Then
    /// `c_nlm = 2 pi r_cut sum_i Y_lm(r^_i) sum_w q_wn F_l(r_w)`, q from
    /// ``SOAPPolynomialBasis/quadrature`` (4 pi from the angular integral, r_cut / 2 from
    /// mapping the grid).
    private func expandPolynomial(
        _ atoms: [SIMD3<Double>], basis: SOAPPolynomialBasis, harmonics: RealSolidHarmonics, workspace: SOAPWorkspace,
        into out: UnsafeMutablePointer<Double>
    ) throws {
        let lmCount = harmonics.count, gridCount = SOAPPolynomialBasis.nodeCount
        let eta = 1 / (2 * sigma * sigma)
        let scale = 2 * Double.pi * cutoffRadius
        var offCenter: [SIMD3<Double>] = []
        offCenter.reserveCapacity(atoms.count)
        var centered = 0
        for d in atoms {
            if (d * d).sum() <= 1e-12 { centered += 1 } else { offCenter.append(d) }
        }
        if centered > 0 {
            for n in 0..<nMax { out[n] += scale * Double(centered) * basis.centerTerm[n] }
        }
        let count = offCenter.count
        guard count > 0 else { return }
        let rows = count * (lMax + 1), stride = radialStride, nMax = self.nMax
        let y = workspace.harmonics.reserve(count * lmCount), scratch = workspace.scratch.reserve(harmonics.scratchCount)
        let minus = workspace.grid.reserve(3 * gridCount), plus = minus + gridCount, factor = plus + gridCount
        // Every element is written below: no need to zero the buffer.
        workspace.factors = [Double](unsafeUninitializedCapacity: rows * gridCount) { _, initialized in
            initialized = rows * gridCount
        }
        let oneOverEta = 1 / eta
        workspace.factors.withUnsafeMutableBufferPointer { f in
            basis.inverseNodes.withUnsafeBufferPointer { inverseNodes in
                basis.nodes.withUnsafeBufferPointer { nodes in
                    guard let factorBase = f.baseAddress, let nodeBase = nodes.baseAddress else { return }
                    for (i, d) in offCenter.enumerated() {
                        let ri = (d.x * d.x + d.y * d.y + d.z * d.z).squareRoot()
                        let inverse = 1 / ri
                        harmonics.evaluate(
                            d.x * inverse, d.y * inverse, d.z * inverse, into: y + i * lmCount,
                            scratch: scratch)
                        let quarterOverEtaR = 0.25 * oneOverEta * inverse
                        // Four grid points at a time (100 is a multiple of 4).
                        let minusBytes = UnsafeMutableRawPointer(minus), plusBytes = UnsafeMutableRawPointer(plus)
                        let nodeBytes = UnsafeRawPointer(nodeBase)
                        let negativeEta = SIMD4<Double>(repeating: -eta), center = SIMD4<Double>(repeating: ri)
                        for w in Swift.stride(from: 0, to: gridCount, by: 4) {
                            let node = nodeBytes.loadUnaligned(fromByteOffset: w * 8, as: SIMD4<Double>.self)
                            let difference = node - center, sum = node + center
                            var e = vectorExp(negativeEta * difference * difference)
                            for lane in 0..<4 where difference[lane] > 5.0 { e[lane] = 0 }
                            // The nodes increase, so lane 0 has the smallest sum: past 5 A,
                            // DScribe drops E+ for the whole group.
                            var f = SIMD4<Double>()
                            if sum[0] <= 5.0 {
                                f = vectorExp(negativeEta * sum * sum)
                                for lane in 0..<4 where sum[lane] > 5.0 { f[lane] = 0 }
                            }
                            minusBytes.storeBytes(of: e, toByteOffset: w * 8, as: SIMD4<Double>.self)
                            plusBytes.storeBytes(of: f, toByteOffset: w * 8, as: SIMD4<Double>.self)
                        }
                        for w in 0..<gridCount { factor[w] = quarterOverEtaR * inverseNodes[w] }
                        let f0 = factorBase + i * (lMax + 1) * gridCount
                        for w in 0..<gridCount { f0[w] = factor[w] * (minus[w] - plus[w]) }
                        if lMax > 0 {
                            let f1 = f0 + gridCount
                            for w in 0..<gridCount { f1[w] = factor[w] * (minus[w] + plus[w] - 2 * f0[w]) }
                        }
                        if lMax > 1 {
                            for l in 2...lMax {
                                let current = f0 + l * gridCount, previous = current - gridCount, older = previous - gridCount
                                let order = Double(4 * l - 2)
                                for w in 0..<gridCount {
                                    let value = older[w] - factor[w] * order * previous[w]
                                    current[w] = value < 0 ? 0 : value
                                }
                            }
                        }
                    }
                }
            }
        }
        // R[(i, l), n] = sum_w F_l(r_w) q_wn: one product for all atoms and l.
        let radial = try Matrix(rowCount: rows, columnCount: gridCount, storage: workspace.factors)
            .multiplied(by: basis.quadratureMatrix)
        radial.storage.withUnsafeBufferPointer { r in
            guard let radialBase = r.baseAddress else { return }
            for i in 0..<count {
                for l in 0...lMax {
                    let rowR = radialBase + (i * (lMax + 1) + l) * nMax
                    for lm in (l * l)..<((l + 1) * (l + 1)) {
                        let value = scale * y[i * lmCount + lm]
                        let row = out + lm * stride
                        for n in 0..<nMax { row[n] += value * rowR[n] }
                    }
                }
            }
        }
    }
}
