import Foundation

/// A Gaussian expansion of an interatomic distance: the edge feature of CGCNN and MEGNet.
///
/// `expand(d)[k] = exp(-(d - centers[k])^2 / width^2)`, dimensionless, in (0, 1].
///
/// The convention matters when comparing with other codes: the exponent divides by `width^2`
/// with no factor 2, so a Gaussian falls to 1/e (not e^(-1/2)) at `|d - mu_k| = width`. This
/// is what both reference codes do: CGCNN's `GaussianDistance.expand` (txie-93/cgcnn,
/// `cgcnn/data.py`) divides by `var**2`, where `var` defaults to the step and is a width,
/// not a variance; MEGNet's `GaussianDistance.convert` (materialsvirtuallab/megnet,
/// `megnet/data/graph.py`) divides by `width**2`.
public struct GaussianExpansion: Hashable, Sendable {
    /// Centers mu_k, Angstrom, `[centerCount]`, increasing.
    public let centers: [Double]
    /// Width, Angstrom; > 0. See the type's doc comment for the convention.
    public let width: Double

    /// An expansion with explicit centers.
    /// - Parameters:
    ///   - centers: Angstrom; at least one, all finite.
    ///   - width: Angstrom; > 0 and finite.
    /// - Throws: ``DescriptorsError/invalidOption(name:value:reason:)`` otherwise.
    public init(centers: [Double], width: Double) throws {
        guard !centers.isEmpty, centers.allSatisfy(\.isFinite) else {
            throw DescriptorsError.invalidOption(
                name: "Gaussian centers", value: "\(centers)", reason: "give at least one finite center, in Angstrom")
        }
        guard width > 0, width.isFinite else {
            throw DescriptorsError.invalidOption(
                name: "Gaussian width", value: String(width), reason: "must be a positive number of Angstrom")
        }
        self.centers = centers
        self.width = width
    }

    /// CGCNN's `GaussianDistance(dmin, dmax, step, var)`: centers `np.arange(dmin, dmax + step,
    /// step)`, width `var` (default: `step`).
    ///
    /// numpy's rules are reproduced so that the centers agree bit for bit: the count is
    /// `ceil((dmax + step - dmin) / step)` evaluated in Double, and center k is
    /// `dmin + k * delta` with `delta = (dmin + step) - dmin`. So `dmax` is a center when
    /// rounding allows (0...8 step 0.2 gives the 41 centers 0, 0.2, ..., 8.0), and rounding can
    /// add a center past `dmax` (0...1.1 step 0.1 gives 13 centers, the last 1.2), exactly as
    /// CGCNN's filter does.
    /// - Parameters:
    ///   - minimum: `dmin`, Angstrom; finite.
    ///   - maximum: `dmax`, Angstrom; `maximum - minimum > step` (CGCNN asserts the same).
    ///   - step: Angstrom; > 0.
    ///   - width: `var`, Angstrom; > 0; nil means `step`, CGCNN's default.
    public init(minimum: Double, maximum: Double, step: Double, width: Double? = nil) throws {
        guard step > 0, step.isFinite, minimum.isFinite, maximum.isFinite, maximum - minimum > step else {
            throw DescriptorsError.invalidOption(
                name: "Gaussian grid", value: "\(minimum)...\(maximum) step \(step)",
                reason: "need a positive step smaller than maximum - minimum, in Angstrom")
        }
        let count = Int(((maximum + step - minimum) / step).rounded(.up))
        let delta = (minimum + step) - minimum
        try self.init(centers: (0..<count).map { minimum + Double($0) * delta }, width: width ?? step)
    }

    /// MEGNet's centers `np.linspace(lower, upper, count)`: `lower + k * (upper - lower) /
    /// (count - 1)`, the last center exactly `upper` (as numpy sets it).
    /// - Parameters:
    ///   - lower, upper: Angstrom; `lower < upper`.
    ///   - count: >= 2.
    ///   - width: Angstrom; > 0.
    public init(linearlySpacedFrom lower: Double, through upper: Double, count: Int, width: Double) throws {
        guard count >= 2, lower.isFinite, upper.isFinite, lower < upper else {
            throw DescriptorsError.invalidOption(
                name: "Gaussian grid", value: "\(lower)...\(upper), \(count) centers",
                reason: "need lower < upper (Angstrom) and at least 2 centers")
        }
        let step = (upper - lower) / Double(count - 1)
        var centers = (0..<count).map { Double($0) * step + lower }
        centers[count - 1] = upper
        try self.init(centers: centers, width: width)
    }

    /// Value of every Gaussian at `distance` (Angstrom), `[centerCount]`.
    public func expand(_ distance: Double) -> [Double] {
        let inverseWidthSquared = 1 / (width * width)
        return centers.map { center in
            let offset = distance - center
            return exp(-offset * offset * inverseWidthSquared)
        }
    }
}

extension GaussianExpansion {
    /// CGCNN's edge features (Xie and Grossman, Phys. Rev. Lett. 120, 145301 (2018),
    /// doi:10.1103/PhysRevLett.120.145301; `CIFData(radius=8, dmin=0, step=0.2)`): 41 centers
    /// 0, 0.2, ..., 8.0 Angstrom, width 0.2 Angstrom.
    public static let cgcnn = GaussianExpansion(
        validatedCenters: (0..<41).map { Double($0) * 0.2 }, width: 0.2)

    /// MEGNet's bond features (Chen et al., Chem. Mater. 31, 3564 (2019),
    /// doi:10.1021/acs.chemmater.9b01294; `GaussianDistance(np.linspace(0, 5, 100), 0.5)`,
    /// the default of `MEGNetModel`): 100 centers from 0 to 5 Angstrom, width 0.5 Angstrom.
    public static let megnet: GaussianExpansion = {
        let step = 5.0 / 99
        var centers = (0..<100).map { Double($0) * step }
        centers[99] = 5
        return GaussianExpansion(validatedCenters: centers, width: 0.5)
    }()

    /// For the constants above, whose arguments are valid by construction.
    private init(validatedCenters: [Double], width: Double) {
        centers = validatedCenters
        self.width = width
    }
}
