import Foundation

/// Real, orthonormal spherical harmonics times r^l (regular solid harmonics), for l in
/// 0...lMax, evaluated from Cartesian components without trigonometry.
///
/// Value index `l * l + l + m` for m in -l...l (`(lMax + 1)^2` values per point):
/// - m = 0: `N_l0 r^l P_l(cos theta)`;
/// - m > 0: `sqrt(2) N_lm r^l P_l^m(cos theta) cos(m phi)`;
/// - m < 0: `sqrt(2) N_l|m| r^l P_l^|m|(cos theta) sin(|m| phi)`;
/// with `N_lm = sqrt((2l + 1) / (4 pi) (l - m)! / (l + m)!)` and P_l^m without the
/// Condon-Shortley phase. They are orthonormal on the unit sphere; a sign convention does not
/// change a SOAP power spectrum, which sums products over m.
///
/// Method: `(x + i y)^m = (r sin theta)^m e^(i m phi)` and the polynomial part
/// `Pi_l^m = r^(l-m) P_l^m / sin^m theta` obeys `Pi_m^m = (2m - 1)!!`,
/// `Pi_(m+1)^m = (2m + 1) z Pi_m^m`,
/// `(l - m) Pi_l^m = (2l - 1) z Pi_(l-1)^m - (l + m - 1) r^2 Pi_(l-2)^m`.
struct RealSolidHarmonics: Sendable {
    let lMax: Int
    /// One buffer for ``evaluate(_:_:_:into:scratch:)``, three `[(lMax + 1) x (lMax + 1)]`
    /// blocks then one of `lMax + 1`, index `l * (lMax + 1) + m`: the recurrence factors
    /// `(2l - 1) / (l - m)` and `(l + m - 1) / (l - m)` (no divisions per point), `N_lm`
    /// (times sqrt(2) for m > 0), then `(2m - 1)!!` per m.
    let tables: [Double]

    init(lMax: Int) {
        self.lMax = lMax
        let size = lMax + 1
        var zFactor = [Double](repeating: 0, count: size * size), r2Factor = zFactor
        var doubleFactorials = [Double](repeating: 1, count: size)
        for m in 0...lMax {
            if m > 0 { doubleFactorials[m] = doubleFactorials[m - 1] * Double(2 * m - 1) }
            for l in m...lMax where l > m {
                zFactor[l * size + m] = Double(2 * l - 1) / Double(l - m)
                r2Factor[l * size + m] = Double(l + m - 1) / Double(l - m)
            }
        }
        var normalization = [Double]()
        for l in 0...lMax {
            for m in 0...l {
                // (l - m)! / (l + m)! as a product, no overflow for l <= 20.
                var ratio = 1.0
                if m > 0 { for k in (l - m + 1)...(l + m) { ratio /= Double(k) } }
                let n = (Double(2 * l + 1) / (4 * Double.pi) * ratio).squareRoot()
                normalization.append(m == 0 ? n : n * 2.0.squareRoot())
            }
        }
        var square = [Double](repeating: 0, count: size * size)
        for l in 0...lMax { for m in 0...l { square[l * size + m] = normalization[l * (l + 1) / 2 + m] } }
        tables = zFactor + r2Factor + square + doubleFactorials
    }

    /// Values per point: `(lMax + 1)^2`.
    var count: Int { (lMax + 1) * (lMax + 1) }

    /// Writes the ``count`` values at (x, y, z) (Angstrom, or a unit vector for plain
    /// spherical harmonics) to `out`; `scratch` needs ``scratchCount`` doubles.
    func evaluate(
        _ x: Double, _ y: Double, _ z: Double, into out: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        let r2 = x * x + y * y + z * z
        let size = lMax + 1
        let cosine = scratch, sine = scratch + size
        // (x + i y)^m.
        cosine[0] = 1
        sine[0] = 0
        if lMax > 0 {
            for m in 1...lMax {
                cosine[m] = cosine[m - 1] * x - sine[m - 1] * y
                sine[m] = cosine[m - 1] * y + sine[m - 1] * x
            }
        }
        tables.withUnsafeBufferPointer { table in
            guard let zf = table.baseAddress else { return }
            let rf = zf + size * size, norm = rf + size * size, start = norm + size * size
            // For each m, Pi_l^m for l = m...lMax by the recurrence, written out as it goes:
            // m = 0 to index l^2 + l, m > 0 to l^2 + l + m (cosine) and l^2 + l - m (sine).
            var older = start[0], previous = z
            out[0] = norm[0] * older
            if lMax >= 1 { out[2] = norm[size] * previous }
            if lMax >= 2 {
                for l in 2...lMax {
                    let value = zf[l * size] * z * previous - rf[l * size] * r2 * older
                    out[l * l + l] = norm[l * size] * value
                    older = previous
                    previous = value
                }
            }
            guard lMax >= 1 else { return }
            for m in 1...lMax {
                let c = cosine[m], s = sine[m]
                older = start[m]
                var radial = norm[m * size + m] * older
                out[m * m + 2 * m] = radial * c
                out[m * m] = radial * s
                guard m < lMax else { break }
                previous = Double(2 * m + 1) * z * older
                var l = m + 1
                radial = norm[l * size + m] * previous
                out[l * l + l + m] = radial * c
                out[l * l + l - m] = radial * s
                l += 1
                while l <= lMax {
                    let value = zf[l * size + m] * z * previous - rf[l * size + m] * r2 * older
                    radial = norm[l * size + m] * value
                    out[l * l + l + m] = radial * c
                    out[l * l + l - m] = radial * s
                    older = previous
                    previous = value
                    l += 1
                }
            }
        }
    }

    /// Scratch doubles ``evaluate(_:_:_:into:scratch:)`` needs.
    var scratchCount: Int { 2 * (lMax + 1) }
}
