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
        // Pointers into these buffers are used below: keep the owners alive until the end.
        let coefficientBuffer = ScratchBuffer<Double>(filler: 0), gramBuffer = ScratchBuffer<Double>(filler: 0)
        let output = ScratchBuffer<Double>(filler: 0), meanBuffer = ScratchBuffer<Double>(filler: 0)
        let workspace = SOAPWorkspace()
        return try withExtendedLifetime((coefficientBuffer, gramBuffer, output, meanBuffer)) {
            let coefficients = coefficientBuffer.reserve(centerCount * coefficientCount)
            for (center, environment) in environments.enumerated() {
                try expand(environment, harmonics: harmonics, workspace: workspace, into: coefficients + center * coefficientCount)
            }
            let features = featureCount
            let gram = gramBuffer.reserve(gramCount)
            switch averaging {
            case .off:
                // Written straight into the matrix's storage (every element is set).
                let storage = [Double](unsafeUninitializedCapacity: centerCount * features) { buffer, initialized in
                    initialized = 0
                    guard let out = buffer.baseAddress else { return }
                    for center in 0..<centerCount {
                        powerSpectrum(coefficients + center * coefficientCount, into: out + center * features, gram: gram)
                    }
                    initialized = centerCount * features
                }
                return try Matrix(rowCount: centerCount, columnCount: features, storage: storage)
            case .inner:
                let mean = meanBuffer.reserve(coefficientCount)
                for center in 0..<centerCount {
                    for k in 0..<coefficientCount { mean[k] += coefficients[center * coefficientCount + k] }
                }
                for k in 0..<coefficientCount { mean[k] /= Double(centerCount) }
                let out = output.reserve(features)
                powerSpectrum(mean, into: out, gram: gram)
                return try Matrix(rowCount: 1, columnCount: features, storage: Array(UnsafeBufferPointer(start: out, count: features)))
            case .outer:
                var sum = [Double](repeating: 0, count: features)
                let row = output.reserve(features)
                for center in 0..<centerCount {
                    powerSpectrum(coefficients + center * coefficientCount, into: row, gram: gram)
                    for k in 0..<features { sum[k] += row[k] }
                }
                return try Matrix(rowCount: 1, columnCount: features, storage: sum.map { $0 / Double(centerCount) })
            }
        }
    }

    /// `p^{Z1 Z2}_{n n' l} = pi sqrt(8 / (2l + 1)) sum_m c^Z1_nlm c^Z2_n'lm` in DScribe's order
    /// (pairs Z1 <= Z2, then l, then n, then n' from n for Z1 == Z2), ``featureCount`` values.
    /// For each l, the upper triangle of the Gram matrix of the coefficient rows
    /// `G_ab = sum_m c_am c_bm` (a <= b over species x radial functions) is accumulated four
    /// columns at a time, then scattered to each pair's block; `gram` needs ``gramCount``
    /// doubles.
    func powerSpectrum(_ c: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, gram: UnsafeMutablePointer<Double>) {
        let size = radialCount, stride = radialStride, chunks = stride / 4
        let rawGram = UnsafeMutableRawPointer(gram), rawCoefficients = UnsafeRawPointer(c)
        var pairStart = 0
        var pairStarts = [Int](repeating: 0, count: species.count * species.count)
        for z1 in 0..<species.count {
            for z2 in z1..<species.count {
                pairStarts[z1 * species.count + z2] = pairStart
                pairStart += pairBlockSize(sameSpecies: z1 == z2)
            }
        }
        for l in 0...lMax {
            for lm in (l * l)..<((l + 1) * (l + 1)) {
                let row = c + lm * stride
                let rowBytes = rawCoefficients + lm * stride * 8
                let first = lm == l * l
                for a in 0..<size {
                    let value = SIMD4<Double>(repeating: row[a])
                    let gBytes = rawGram + a * stride * 8
                    for q in (a / 4)..<chunks {
                        let update = rowBytes.loadUnaligned(fromByteOffset: q * 32, as: SIMD4<Double>.self)
                        // The first m of each l starts the sums (no zeroing pass).
                        let current = first ? SIMD4<Double>() : gBytes.loadUnaligned(fromByteOffset: q * 32, as: SIMD4<Double>.self)
                        gBytes.storeBytes(of: current + value * update, toByteOffset: q * 32, as: SIMD4<Double>.self)
                    }
                }
            }
            let prefactor = Double.pi * (8 / Double(2 * l + 1)).squareRoot()
            for z1 in 0..<species.count {
                for z2 in z1..<species.count {
                    let same = z1 == z2
                    var index = pairStarts[z1 * species.count + z2] + l * (same ? nMax * (nMax + 1) / 2 : nMax * nMax)
                    for n in 0..<nMax {
                        let gRow = gram + (z1 * nMax + n) * stride + z2 * nMax
                        for n2 in (same ? n : 0)..<nMax {
                            out[index] = prefactor * gRow[n2]
                            index += 1
                        }
                    }
                }
            }
        }
    }

    /// Doubles ``powerSpectrum(_:into:gram:)`` needs as scratch.
    var gramCount: Int { radialCount * radialStride }
}
