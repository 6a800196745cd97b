import Foundation
import LinearAlgebra

/// Buffers reused from one center to the next.
struct SOAPWorkspace {
    var harmonics: [Double] = []
    var scratch: [Double] = []
    var exponentials: [Double] = []
    var partial: [Double] = []
    var radial: [Double] = []
    var distances: [Double] = []
}

extension SOAPDescriptor {
    /// Coefficients per center: `[species x nMax x (lMax + 1)^2]` doubles, index
    /// `(s * nMax + n) * (lMax + 1)^2 + l * l + l + m`.
    var coefficientCount: Int { species.count * nMax * (lMax + 1) * (lMax + 1) }

    /// The expansion coefficients c^Z_nlm of one environment, written to `out`
    /// (``coefficientCount`` values, overwritten).
    func expand(
        _ environment: SOAPEnvironment, harmonics: RealSolidHarmonics, workspace: inout SOAPWorkspace,
        into out: UnsafeMutablePointer<Double>
    ) throws {
        out.update(repeating: 0, count: coefficientCount)
        let block = nMax * harmonics.count
        for (s, atoms) in environment.displacements.enumerated() where !atoms.isEmpty {
            if let gtoBasis {
                expandGTO(atoms, basis: gtoBasis, harmonics: harmonics, workspace: &workspace, into: out + s * block)
            } else if let polynomialBasis {
                try expandPolynomial(atoms, basis: polynomialBasis, harmonics: harmonics, workspace: &workspace, into: out + s * block)
            }
        }
    }

    /// Analytic GTO expansion (see ``SOAPGTOBasis``): for each l and primitive k,
    /// `T_k,lm = sum_i exp(exponent_lk r_i^2) r_i^l Y_lm(r^_i)`, then `c_nlm = sum_k weight_lnk T_k,lm`.
    private func expandGTO(
        _ atoms: [SIMD3<Double>], basis: SOAPGTOBasis, harmonics: RealSolidHarmonics, workspace: inout SOAPWorkspace,
        into out: UnsafeMutablePointer<Double>
    ) {
        let count = atoms.count, lmCount = harmonics.count
        if workspace.harmonics.count < count * lmCount { workspace.harmonics = [Double](repeating: 0, count: count * lmCount) }
        if workspace.scratch.count < harmonics.scratchCount { workspace.scratch = [Double](repeating: 0, count: harmonics.scratchCount) }
        if workspace.exponentials.count < count { workspace.exponentials = [Double](repeating: 0, count: count) }
        if workspace.distances.count < count { workspace.distances = [Double](repeating: 0, count: count) }
        if workspace.partial.count < nMax * (2 * lMax + 1) { workspace.partial = [Double](repeating: 0, count: nMax * (2 * lMax + 1)) }
        workspace.harmonics.withUnsafeMutableBufferPointer { y in
            workspace.scratch.withUnsafeMutableBufferPointer { scratch in
                workspace.distances.withUnsafeMutableBufferPointer { r2 in
                    for (i, d) in atoms.enumerated() {
                        harmonics.evaluate(d.x, d.y, d.z, into: y.baseAddress! + i * lmCount, scratch: scratch.baseAddress!)
                        r2[i] = (d * d).sum()
                    }
                }
            }
        }
        workspace.harmonics.withUnsafeBufferPointer { y in
            workspace.distances.withUnsafeBufferPointer { r2 in
                workspace.exponentials.withUnsafeMutableBufferPointer { e in
                    workspace.partial.withUnsafeMutableBufferPointer { t in
                        basis.exponents.withUnsafeBufferPointer { exponents in
                            basis.weights.withUnsafeBufferPointer { weights in
                                for l in 0...lMax {
                                    let width = 2 * l + 1, first = l * l
                                    for k in 0..<nMax {
                                        let a = exponents[l * nMax + k]
                                        for i in 0..<count { e[i] = exp(a * r2[i]) }
                                        for j in 0..<width {
                                            var sum = 0.0
                                            for i in 0..<count { sum += e[i] * y[i * lmCount + first + j] }
                                            t[k * width + j] = sum
                                        }
                                    }
                                    for n in 0..<nMax {
                                        let row = out + n * lmCount + first
                                        for k in 0..<nMax {
                                            let w = weights[(l * nMax + n) * nMax + k]
                                            for j in 0..<width { row[j] += w * t[k * width + j] }
                                        }
                                    }
                                }
                            }
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
        _ atoms: [SIMD3<Double>], basis: SOAPPolynomialBasis, harmonics: RealSolidHarmonics, workspace: inout SOAPWorkspace,
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
            for n in 0..<nMax { out[n * lmCount] += scale * Double(centered) * basis.centerTerm[n] }
        }
        let count = offCenter.count
        guard count > 0 else { return }
        let rows = count * (lMax + 1)
        if workspace.harmonics.count < count * lmCount { workspace.harmonics = [Double](repeating: 0, count: count * lmCount) }
        if workspace.scratch.count < harmonics.scratchCount { workspace.scratch = [Double](repeating: 0, count: harmonics.scratchCount) }
        var factors = [Double](repeating: 0, count: rows * gridCount)
        let oneOverEta = 1 / eta
        let inverseNodes = basis.nodes.map { 1 / $0 }
        workspace.harmonics.withUnsafeMutableBufferPointer { y in
            workspace.scratch.withUnsafeMutableBufferPointer { scratch in
                factors.withUnsafeMutableBufferPointer { f in
                    for (i, d) in offCenter.enumerated() {
                        let ri = (d.x * d.x + d.y * d.y + d.z * d.z).squareRoot()
                        let inverse = 1 / ri
                        harmonics.evaluate(d.x * inverse, d.y * inverse, d.z * inverse, into: y.baseAddress! + i * lmCount, scratch: scratch.baseAddress!)
                        let quarterOverEtaR = 0.25 * oneOverEta * inverse
                        let f0 = f.baseAddress! + i * (lMax + 1) * gridCount
                        for w in 0..<gridCount {
                            let rw = basis.nodes[w]
                            let difference = rw - ri, sum = rw + ri
                            let minus = difference > 5.0 ? 0.0 : exp(-eta * difference * difference)
                            let plus = sum > 5.0 ? 0.0 : exp(-eta * sum * sum)
                            let factor = quarterOverEtaR * inverseNodes[w]
                            let first = factor * (minus - plus)
                            f0[w] = first
                            if lMax > 0 {
                                f0[gridCount + w] = factor * (minus + plus - 2 * first)
                            }
                            if lMax > 1 {
                                for l in 2...lMax {
                                    let value = f0[(l - 2) * gridCount + w] - factor * Double(4 * l - 2) * f0[(l - 1) * gridCount + w]
                                    f0[l * gridCount + w] = value < 0 ? 0 : value
                                }
                            }
                        }
                    }
                }
            }
        }
        // R[(i, l), n] = sum_w F_l(r_w) q_wn: one product for all atoms and l.
        let radial = try Matrix(rowCount: rows, columnCount: gridCount, storage: factors)
            .multiplied(by: try Matrix(rowCount: gridCount, columnCount: nMax, storage: basis.quadrature))
        radial.storage.withUnsafeBufferPointer { r in
            workspace.harmonics.withUnsafeBufferPointer { y in
                for i in 0..<count {
                    for l in 0...lMax {
                        let rowR = r.baseAddress! + (i * (lMax + 1) + l) * nMax
                        for n in 0..<nMax {
                            let value = scale * rowR[n]
                            let row = out + n * lmCount
                            for lm in (l * l)..<((l + 1) * (l + 1)) { row[lm] += value * y[i * lmCount + lm] }
                        }
                    }
                }
            }
        }
    }
}
