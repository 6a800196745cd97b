import Foundation

/// The 12-6 Lennard-Jones pair potential `V(r) = 4 ε [(σ/r)^12 - (σ/r)^6]`, cut at `r_c`,
/// summed over every pair and every periodic image closer than `r_c` (Jones, Proc. R. Soc.
/// A 106, 463 (1924), doi:10.1098/rspa.1924.0082).
///
/// It must agree with ASE's `ase.calculators.lj.LennardJones(sigma, epsilon, rc,
/// smooth=False)`, whose energy is shifted so that `V(r_c) = 0` while its forces are the
/// unshifted `-dV/dr` (the force jumps at `r_c`): ``EnergyShift/shifted`` here. The fixture
/// `Tests/Fixtures/simulation/lj_ase.json` (scripts/fixtures/lj_ase.py) holds ASE's answers;
/// energies, forces and stresses agree to a relative 1e-10 (both sum the same pairs in a
/// different order, so only rounding differs).
public struct LennardJones: Hashable, Sendable {
    /// How the pair energy is offset.
    public enum EnergyShift: String, Hashable, Sendable, CaseIterable {
        /// The bare truncated potential: `V(r_c^-) != 0`.
        case none
        /// `V(r) - V(r_c)`, zero at the cutoff (ASE's `LennardJones` default).
        case shifted
    }

    /// Well depth ε, eV; > 0.
    public let epsilon: Double
    /// Zero crossing σ, Angstrom; > 0.
    public let sigma: Double
    /// Pairs at `r < cutoffRadius` interact, Angstrom; > 0 (often 2.5σ or 3σ, ASE's default).
    /// ASE also counts a pair at exactly `r = r_c` (zero energy, the full force there); that
    /// measure-zero case is the only one where the two differ.
    public let cutoffRadius: Double
    public let shift: EnergyShift

    /// - Throws: ``SimulationError`` naming `epsilon`, `sigma` or `cutoff_radius` when one is
    ///   not a positive finite number.
    public init(epsilon: Double, sigma: Double, cutoffRadius: Double, shift: EnergyShift = .shifted) throws(SimulationError) {
        for (name, value) in [("epsilon", epsilon), ("sigma", sigma), ("cutoff_radius", cutoffRadius)] where !(value > 0 && value.isFinite) {
            throw .invalid(field: name, value: "\(value)", fix: "must be a positive finite number (epsilon in eV, lengths in Angstrom)")
        }
        (self.epsilon, self.sigma, self.cutoffRadius, self.shift) = (epsilon, sigma, cutoffRadius, shift)
    }

    /// The pair energy at distance `r` (Angstrom), eV, including the shift; 0 at `r >= r_c`.
    public func pairEnergy(at r: Double) -> Double {
        guard r < cutoffRadius else { return 0 }
        return bare(r * r) - offset
    }

    /// `V(r_c)` when shifted, else 0, eV.
    public var offset: Double { shift == .shifted ? bare(cutoffRadius * cutoffRadius) : 0 }

    private func bare(_ r2: Double) -> Double {
        let s6 = pow(sigma * sigma / r2, 3)
        return 4 * epsilon * (s6 * s6 - s6)
    }

    /// Energy, forces and stress of one configuration.
    public struct Evaluation: Hashable, Sendable {
        /// Total potential energy, eV.
        public let potentialEnergy: Double
        /// `[atomCount]` force on each atom, eV/Angstrom.
        public let forces: [SIMD3<Double>]
        /// Configurational stress `σ = (1/V) ∂E/∂ε` (no kinetic part), eV/Angstrom^3, rows of
        /// the symmetric 3 x 3 tensor: ASE's sign convention (tensile positive), so the
        /// virial pressure is `-trace(σ)/3`. Pairwise: `σ = -(1/V) Σ_pairs r_ij ⊗ F_j`.
        public let stress: [SIMD3<Double>]
    }

    /// - Parameters:
    ///   - cartesianCoordinates: `[atomCount]` positions, Angstrom (need not be wrapped).
    ///   - cell: the periodic cell.
    /// - Throws: ``SimulationError`` for no atom or a non-finite coordinate.
    public func evaluate(cartesianCoordinates: [SIMD3<Double>], cell: PeriodicCell) throws(SimulationError) -> Evaluation {
        try Self.checkCoordinates(cartesianCoordinates, field: "cartesian_coordinates")
        let count = cartesianCoordinates.count
        // Scalar loops over fractional coordinates (the image bound of ``PeriodicCell``),
        // written out so that debug builds stay fast enough for 1000-step tests.
        let fractional = cartesianCoordinates.map(cell.fractional)
        let (a, b, c) = (cell.latticeVectors[0], cell.latticeVectors[1], cell.latticeVectors[2])
        let reach = SIMD3(repeating: cutoffRadius) / cell.planeSpacings
        let (cutoff2, sigma2, shiftValue) = (cutoffRadius * cutoffRadius, sigma * sigma, offset)
        var energy = 0.0
        var fx = [Double](repeating: 0, count: count), fy = fx, fz = fx
        var (vxx, vyy, vzz, vyz, vxz, vxy) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        for i in 0..<count {
            for j in i..<count {
                // A self pair (i == j) meets each image twice (n and -n): half weight, no force.
                let weight = i == j ? 0.5 : 1.0
                var (gx, gy, gz) = (fractional[j].x - fractional[i].x, fractional[j].y - fractional[i].y, fractional[j].z - fractional[i].z)
                gx -= gx.rounded(.toNearestOrEven); gy -= gy.rounded(.toNearestOrEven); gz -= gz.rounded(.toNearestOrEven)
                let (lowX, highX) = (Int((-gx - reach.x).rounded(.up)), Int((-gx + reach.x).rounded(.down)))
                let (lowY, highY) = (Int((-gy - reach.y).rounded(.up)), Int((-gy + reach.y).rounded(.down)))
                let (lowZ, highZ) = (Int((-gz - reach.z).rounded(.up)), Int((-gz + reach.z).rounded(.down)))
                guard lowX <= highX, lowY <= highY, lowZ <= highZ else { continue }
                var (sx, sy, sz) = (0.0, 0.0, 0.0)
                for nx in lowX...highX {
                    let ux = gx + Double(nx)
                    for ny in lowY...highY {
                        let uy = gy + Double(ny)
                        for nz in lowZ...highZ {
                            let uz = gz + Double(nz)
                            let dx = ux * a.x + uy * b.x + uz * c.x
                            let dy = ux * a.y + uy * b.y + uz * c.y
                            let dz = ux * a.z + uy * b.z + uz * c.z
                            let r2 = dx * dx + dy * dy + dz * dz
                            guard r2 < cutoff2 && r2 > 0 else { continue }
                            let q = sigma2 / r2
                            let s6 = q * q * q
                            energy += weight * (4 * epsilon * (s6 * s6 - s6) - shiftValue)
                            // F_j = -dV/dr · d/r = 24 ε (2 s^12 - s^6) / r^2 · d
                            let scale = 24 * epsilon * (2 * s6 * s6 - s6) / r2
                            let (px, py, pz) = (scale * dx, scale * dy, scale * dz)
                            sx += px; sy += py; sz += pz
                            vxx += weight * dx * px; vyy += weight * dy * py; vzz += weight * dz * pz
                            vyz += weight * dy * pz; vxz += weight * dx * pz; vxy += weight * dx * py
                        }
                    }
                }
                if i != j {
                    fx[j] += sx; fy[j] += sy; fz[j] += sz
                    fx[i] -= sx; fy[i] -= sy; fz[i] -= sz
                }
            }
        }
        let v = cell.volume
        let stress = [SIMD3(-vxx, -vxy, -vxz) / v, SIMD3(-vxy, -vyy, -vyz) / v, SIMD3(-vxz, -vyz, -vzz) / v]
        return Evaluation(potentialEnergy: energy, forces: (0..<count).map { SIMD3(fx[$0], fy[$0], fz[$0]) }, stress: stress)
    }

    static func checkCoordinates(_ points: [SIMD3<Double>], field: String) throws(SimulationError) {
        guard !points.isEmpty else { throw .invalid(field: field, value: "[]", fix: "give at least one atom") }
        for (k, p) in points.enumerated() where !(p.x.isFinite && p.y.isFinite && p.z.isFinite) {
            throw .invalid(field: "\(field)[\(k)]", value: PeriodicCell.text(p), fix: "use finite numbers (Angstrom)")
        }
    }
}
