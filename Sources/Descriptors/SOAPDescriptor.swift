import Crystal
import Foundation

/// The radial basis of a SOAP expansion (DScribe's `rbf`).
public enum SOAPRadialBasis: String, CaseIterable, Hashable, Sendable {
    /// DScribe's Gaussian-type orbitals `g_nl(r) = sum_k beta_nkl r^l exp(-alpha_kl r^2)`,
    /// Loewdin-orthonormalised per l; the density is expanded analytically.
    case gto
    /// DScribe's polynomials `g_n(r) = sum_k beta_nk (r_cut - r)^(k+2)`, Loewdin-orthonormalised
    /// on [0, r_cut]; the density is expanded numerically on a 100-point Gauss-Legendre grid.
    case polynomial
}

/// How per-site SOAP spectra are combined into one vector per structure (DScribe's `average`).
public enum SOAPAveraging: String, CaseIterable, Hashable, Sendable {
    /// One power spectrum per center.
    case off
    /// Average the expansion coefficients over the centers, then form one power spectrum.
    case inner
    /// Form each center's power spectrum, then average the spectra.
    case outer
}

/// The SOAP power spectrum exactly as DScribe defines it: a reference kernel that must agree
/// with DScribe's `SOAP(species, r_cut, n_max, l_max, sigma, rbf, periodic, average)` (DScribe
/// 2.1.2, default compression "off", no weighting) on every vector element.
///
/// References: Bartok, Kondor and Csanyi, Phys. Rev. B 87, 184115 (2013),
/// doi:10.1103/PhysRevB.87.184115 (SOAP); Himanen et al., Comput. Phys. Commun. 247, 106949
/// (2020), doi:10.1016/j.cpc.2019.106949 (DScribe).
///
/// Definitions, in the paper's symbols (`nMax`, `lMax`, `sigma`):
/// - density of species Z around a center: `rho_Z(r) = sum_i exp(-|r - r_i|^2 / (2 sigma^2))`
///   over the atoms i of species Z (the center itself included, periodic images included)
///   whose distance from the center is at most `cutoffRadius + cutoffPadding`, where
///   ``cutoffPadding`` is `sigma sqrt(-2 ln 0.001)` (where such a Gaussian falls to 1e-3);
///   the Gaussians are not normalised;
/// - coefficients `c^Z_nlm = integral g_nl(r) Y_lm(r^) rho_Z(r) d^3r`, real orthonormal
///   spherical harmonics `Y_lm`; for `.gto` the integral runs over all space, for
///   `.polynomial` over `r <= cutoffRadius` (see ``SOAPRadialBasis``);
/// - power spectrum `p^{Z1 Z2}_{n n' l} = pi sqrt(8 / (2l + 1)) sum_m c^Z1_nlm c^Z2_n'lm`.
///
/// Vector layout (DScribe's): species sorted by atomic number; for each pair Z1 <= Z2 (in that
/// order, Z2 innermost), for each l in 0...lMax, for each n, for each n' (n' from n when
/// Z1 == Z2, from 0 otherwise). ``featureCount`` is `(S nMax)(S nMax + 1)/2 (lMax + 1)` for S
/// species; ``featureRange(_:_:)`` gives one pair's block, as DScribe's `get_location`.
///
/// Where this kernel deliberately differs from DScribe (never on the fixtures): periodic
/// images come from ``Crystal/Structure/neighbors(within:)``, so every image within the cutoff
/// counts even when a site's fractional coordinates lie outside [0, 1) (DScribe's cell
/// extension assumes wrapped coordinates); and a second site of the same element stored at a
/// center's position is skipped by that search, where DScribe would count it.
///
/// Agreement with DScribe (`Tests/DescriptorsTests/SOAPFixtureTests.swift`): `.gto` to 1e-8
/// relative; `.polynomial` to a relative tolerance that grows with the conditioning of
/// DScribe's polynomial overlap matrix (see ``SOAPPolynomialBasis``).
public struct SOAPDescriptor: Sendable {
    /// The species the vectors are laid out for, sorted by atomic number, no duplicates.
    public let species: [Element]
    /// Local-environment cutoff r_cut, Angstrom; > 1 for `.gto` (DScribe's rule), > 0 otherwise.
    public let cutoffRadius: Double
    /// Number of radial basis functions n_max; >= 1.
    public let nMax: Int
    /// Maximum degree l_max of the spherical harmonics; 0...20 (DScribe's range).
    public let lMax: Int
    /// Width sigma of the atomic Gaussians, Angstrom; > 0.
    public let sigma: Double
    public let radialBasis: SOAPRadialBasis
    /// Periodic images count (the structure's lattice is used); false treats the sites as a
    /// finite molecule and ignores the lattice.
    public let periodic: Bool
    public let averaging: SOAPAveraging

    let gtoBasis: SOAPGTOBasis?
    let polynomialBasis: SOAPPolynomialBasis?

    /// The largest l_max DScribe accepts.
    public static let maximumLMax = 20

    /// - Parameters:
    ///   - species: every element any structure will contain (order and duplicates do not matter).
    ///   - cutoffRadius: r_cut, Angstrom; > 1 for `.gto`, > 0 for `.polynomial`.
    ///   - nMax: radial functions; >= 1.
    ///   - lMax: 0...20.
    ///   - sigma: Angstrom; > 0.
    /// - Throws: ``DescriptorsError/invalidOption(name:value:reason:)`` naming the parameter
    ///   as DScribe does (`species`, `r_cut`, `n_max`, `l_max`, `sigma`), or when the radial
    ///   basis cannot be orthonormalised in real numbers (DScribe's condition).
    public init(
        species: [Element], cutoffRadius: Double, nMax: Int, lMax: Int, sigma: Double,
        radialBasis: SOAPRadialBasis, periodic: Bool = true, averaging: SOAPAveraging = .off
    ) throws {
        let sorted = Array(Set(species)).sorted()
        guard !sorted.isEmpty else {
            throw DescriptorsError.invalidOption(name: "species", value: "[]", reason: "give at least one element, e.g. Fe,O")
        }
        guard sigma > 0, sigma.isFinite else {
            throw DescriptorsError.invalidOption(
                name: "sigma", value: String(sigma), reason: "must be a positive Gaussian width in Angstrom, e.g. 0.5")
        }
        guard nMax >= 1 else {
            throw DescriptorsError.invalidOption(
                name: "n_max", value: String(nMax), reason: "must be >= 1 (the number of radial basis functions), e.g. 8")
        }
        guard (0...Self.maximumLMax).contains(lMax) else {
            throw DescriptorsError.invalidOption(
                name: "l_max", value: String(lMax), reason: "must be in 0...\(Self.maximumLMax) (DScribe's range), e.g. 6")
        }
        guard cutoffRadius.isFinite, cutoffRadius > (radialBasis == .gto ? 1 : 0) else {
            let reason = radialBasis == .gto
                ? "must be greater than 1 Angstrom for the gto radial basis (DScribe's rule), e.g. 5"
                : "must be a positive number of Angstrom, e.g. 5"
            throw DescriptorsError.invalidOption(name: "r_cut", value: String(cutoffRadius), reason: reason)
        }
        self.species = sorted
        self.cutoffRadius = cutoffRadius
        self.nMax = nMax
        self.lMax = lMax
        self.sigma = sigma
        self.radialBasis = radialBasis
        self.periodic = periodic
        self.averaging = averaging
        switch radialBasis {
        case .gto:
            gtoBasis = try SOAPGTOBasis(cutoffRadius: cutoffRadius, nMax: nMax, lMax: lMax, sigma: sigma)
            polynomialBasis = nil
        case .polynomial:
            gtoBasis = nil
            polynomialBasis = try SOAPPolynomialBasis(cutoffRadius: cutoffRadius, nMax: nMax, sigma: sigma)
        }
    }

    /// DScribe's threshold at which the atomic Gaussians are cut off.
    static let gaussianThreshold = 0.001

    /// Extra reach beyond ``cutoffRadius``, Angstrom: `sigma sqrt(-2 ln 0.001)`, where an atom's
    /// Gaussian has fallen to 1e-3 (DScribe's `get_cutoff_padding`). Atoms up to
    /// `cutoffRadius + cutoffPadding` from a center contribute.
    public var cutoffPadding: Double { sigma * (-2 * log(Self.gaussianThreshold)).squareRoot() }

    /// Length of one SOAP vector: `(S nMax)(S nMax + 1)/2 (lMax + 1)` for S species.
    public var featureCount: Int {
        let radial = species.count * nMax
        return radial * (radial + 1) / 2 * (lMax + 1)
    }

    /// The block of the vector holding the pair (a, b) in either order (DScribe's
    /// `get_location`); nil when an element is not among ``species``.
    public func featureRange(_ a: Element, _ b: Element) -> Range<Int>? {
        guard let i = species.firstIndex(of: a), let j = species.firstIndex(of: b) else { return nil }
        let (low, high) = (min(i, j), max(i, j))
        var start = 0
        for z1 in 0..<species.count {
            for z2 in z1..<species.count {
                let size = pairBlockSize(sameSpecies: z1 == z2)
                if z1 == low && z2 == high { return start..<(start + size) }
                start += size
            }
        }
        return nil
    }

    /// Features of one species pair: `nMax (nMax + 1)/2 (lMax + 1)` for a species with itself,
    /// `nMax^2 (lMax + 1)` for two species.
    func pairBlockSize(sameSpecies: Bool) -> Int {
        (sameSpecies ? nMax * (nMax + 1) / 2 : nMax * nMax) * (lMax + 1)
    }

    /// Checks that every element of `structure` is among ``species``.
    func validateSpecies(of structure: Structure) throws {
        let missing = Set(structure.species).subtracting(species).sorted()
        guard missing.isEmpty else {
            throw DescriptorsError.invalidOption(
                name: "species", value: species.map(\.symbol).joined(separator: ","),
                reason: "the structure contains \(missing.map(\.symbol).joined(separator: ", ")), which is not in the species list; add it (the list must cover every element of every structure)")
        }
    }
}
