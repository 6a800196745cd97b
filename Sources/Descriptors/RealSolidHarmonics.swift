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
    /// `N_lm` (times sqrt(2) for m > 0), index `l * (l + 1) / 2 + m`, m in 0...l.
    let normalization: [Double]

    init(lMax: Int) {
        self.lMax = lMax
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
        self.normalization = normalization
    }

    /// Values per point: `(lMax + 1)^2`.
    var count: Int { (lMax + 1) * (lMax + 1) }

    /// Writes the ``count`` values at (x, y, z) (Angstrom, or a unit vector for plain
    /// spherical harmonics) to `out`; `scratch` needs `2 (lMax + 1) + (lMax + 1)^2` doubles.
    func evaluate(
        _ x: Double, _ y: Double, _ z: Double, into out: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        let r2 = x * x + y * y + z * z
        let size = lMax + 1
        let cosine = scratch, sine = scratch + size, pi = scratch + 2 * size
        // (x + i y)^m.
        cosine[0] = 1
        sine[0] = 0
        if lMax > 0 {
            for m in 1...lMax {
                cosine[m] = cosine[m - 1] * x - sine[m - 1] * y
                sine[m] = cosine[m - 1] * y + sine[m - 1] * x
            }
        }
        // Pi_l^m in pi[l * size + m].
        var doubleFactorial = 1.0
        for m in 0...lMax {
            if m > 0 { doubleFactorial *= Double(2 * m - 1) }
            pi[m * size + m] = doubleFactorial
            if m + 1 <= lMax { pi[(m + 1) * size + m] = Double(2 * m + 1) * z * doubleFactorial }
            if m + 2 <= lMax {
                for l in (m + 2)...lMax {
                    pi[l * size + m] = (Double(2 * l - 1) * z * pi[(l - 1) * size + m]
                        - Double(l + m - 1) * r2 * pi[(l - 2) * size + m]) / Double(l - m)
                }
            }
        }
        for l in 0...lMax {
            let center = l * l + l
            let base = l * (l + 1) / 2
            out[center] = normalization[base] * pi[l * size]
            if l > 0 {
                for m in 1...l {
                    let radial = normalization[base + m] * pi[l * size + m]
                    out[center + m] = radial * cosine[m]
                    out[center - m] = radial * sine[m]
                }
            }
        }
    }

    /// Scratch doubles ``evaluate(_:_:_:into:scratch:)`` needs.
    var scratchCount: Int { 2 * (lMax + 1) + (lMax + 1) * (lMax + 1) }
}
