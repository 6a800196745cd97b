import Crystal
import LinearAlgebra

extension SOAPDescriptor {
    /// SOAP vectors of `structure`, one per center (every site, in site order) for
    /// ``SOAPAveraging/off``, one row for ``SOAPAveraging/inner`` and ``SOAPAveraging/outer``:
    /// `[rowCount x featureCount]`, in the layout documented on ``SOAPDescriptor``.
    /// - Throws: ``DescriptorsError/invalidOption(name:value:reason:)`` when the structure holds
    ///   an element outside ``species``; the neighbor search's errors for an impossible cutoff.
    public func spectra(of structure: Structure) throws -> Matrix {
        try validateSpecies(of: structure)
        let environments = try environments(of: structure)
        let harmonics = RealSolidHarmonics(lMax: lMax)
        let centerCount = environments.count
        let coefficientCount = self.coefficientCount
        var coefficients = [Double](repeating: 0, count: centerCount * coefficientCount)
        var workspace = SOAPWorkspace()
        try coefficients.withUnsafeMutableBufferPointer { c in
            for (center, environment) in environments.enumerated() {
                try expand(environment, harmonics: harmonics, workspace: &workspace, into: c.baseAddress! + center * coefficientCount)
            }
        }
        let features = featureCount
        switch averaging {
        case .off:
            var storage = [Double](repeating: 0, count: centerCount * features)
            storage.withUnsafeMutableBufferPointer { out in
                coefficients.withUnsafeBufferPointer { c in
                    for center in 0..<centerCount {
                        powerSpectrum(c.baseAddress! + center * coefficientCount, into: out.baseAddress! + center * features)
                    }
                }
            }
            return try Matrix(rowCount: centerCount, columnCount: features, storage: storage)
        case .inner:
            var mean = [Double](repeating: 0, count: coefficientCount)
            for center in 0..<centerCount {
                for k in 0..<coefficientCount { mean[k] += coefficients[center * coefficientCount + k] }
            }
            for k in 0..<coefficientCount { mean[k] /= Double(centerCount) }
            var storage = [Double](repeating: 0, count: features)
            storage.withUnsafeMutableBufferPointer { out in
                mean.withUnsafeBufferPointer { powerSpectrum($0.baseAddress!, into: out.baseAddress!) }
            }
            return try Matrix(rowCount: 1, columnCount: features, storage: storage)
        case .outer:
            var sum = [Double](repeating: 0, count: features)
            var row = [Double](repeating: 0, count: features)
            coefficients.withUnsafeBufferPointer { c in
                for center in 0..<centerCount {
                    row.withUnsafeMutableBufferPointer { powerSpectrum(c.baseAddress! + center * coefficientCount, into: $0.baseAddress!) }
                    for k in 0..<features { sum[k] += row[k] }
                }
            }
            return try Matrix(rowCount: 1, columnCount: features, storage: sum.map { $0 / Double(centerCount) })
        }
    }

    /// `p^{Z1 Z2}_{n n' l} = pi sqrt(8 / (2l + 1)) sum_m c^Z1_nlm c^Z2_n'lm` in DScribe's order
    /// (pairs Z1 <= Z2, then l, then n, then n' from n for Z1 == Z2), ``featureCount`` values.
    func powerSpectrum(_ c: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let lmCount = (lMax + 1) * (lMax + 1)
        let prefactors = (0...lMax).map { Double.pi * (8 / Double(2 * $0 + 1)).squareRoot() }
        var index = 0
        for z1 in 0..<species.count {
            for z2 in z1..<species.count {
                for l in 0...lMax {
                    let first = l * l, last = (l + 1) * (l + 1)
                    for n in 0..<nMax {
                        let a = c + (z1 * nMax + n) * lmCount
                        for n2 in (z1 == z2 ? n : 0)..<nMax {
                            let b = c + (z2 * nMax + n2) * lmCount
                            var sum = 0.0
                            for lm in first..<last { sum += a[lm] * b[lm] }
                            out[index] = prefactors[l] * sum
                            index += 1
                        }
                    }
                }
            }
        }
    }
}
