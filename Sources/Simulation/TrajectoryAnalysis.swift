import Foundation

/// The radial distribution function of one configuration in a periodic cell, by the
/// standard shell normalisation (Allen & Tildesley, Computer Simulation of Liquids, 2nd ed.,
/// §2.6, doi:10.1093/oso/9780198803195.001.0001):
///
///     g(r_k) = 2 n_k / (N ρ · 4π/3 (r_{k+1}^3 - r_k^3)),   ρ = N / V,
///
/// `n_k` the number of unordered pairs (every periodic image, self images of an atom
/// included) with distance in bin k = [k Δr, (k+1) Δr), reported at the bin centre. With
/// ρ = N/V an uncorrelated (ideal-gas) configuration has `g = (N-1)/N` on average, not 1.
public struct RadialDistribution: Hashable, Sendable {
    /// `[binCount]` bin centres, Angstrom.
    public let radii: [Double]
    /// `[binCount]` g(r), dimensionless.
    public let values: [Double]
    /// `[binCount]` unordered pair counts per bin.
    public let pairCounts: [Int]

    /// - Parameters:
    ///   - cartesianCoordinates: `[atomCount]` positions, Angstrom.
    ///   - maximumRadius: outer edge of the last bin, Angstrom; > 0.
    ///   - binCount: number of bins; >= 1.
    public init(cartesianCoordinates: [SIMD3<Double>], cell: PeriodicCell, maximumRadius: Double, binCount: Int) throws(SimulationError) {
        try LennardJones.checkCoordinates(cartesianCoordinates, field: "cartesian_coordinates")
        guard maximumRadius > 0 && maximumRadius.isFinite else {
            throw .invalid(field: "maximum_radius", value: "\(maximumRadius)", fix: "must be a positive finite number (Angstrom)")
        }
        guard binCount >= 1 else { throw .invalid(field: "bin_count", value: "\(binCount)", fix: "must be at least 1") }
        let width = maximumRadius / Double(binCount)
        var counts = [Int](repeating: 0, count: binCount)
        let n = cartesianCoordinates.count
        var selfImageCounts = [Int](repeating: 0, count: binCount)
        for i in 0..<n {
            for j in i..<n {
                cell.forEachImage(from: cartesianCoordinates[i], to: cartesianCoordinates[j], within: maximumRadius) { _, r2 in
                    let bin = min(Int(r2.squareRoot() / width), binCount - 1)
                    if i == j { selfImageCounts[bin] += 1 } else { counts[bin] += 1 }
                }
            }
        }
        // An atom's images n and -n are one unordered pair.
        for k in 0..<binCount { counts[k] += selfImageCounts[k] / 2 }
        let density = Double(n) / cell.volume
        pairCounts = counts
        radii = (0..<binCount).map { (Double($0) + 0.5) * width }
        values = (0..<binCount).map { k in
            let (inner, outer) = (Double(k) * width, Double(k + 1) * width)
            let shell = 4 * Double.pi / 3 * (outer * outer * outer - inner * inner * inner)
            return 2 * Double(counts[k]) / (Double(n) * density * shell)
        }
    }
}

/// Mean-squared displacement of an unwrapped trajectory, averaged over atoms and over every
/// time origin: `MSD(k) = <|r_i(t0 + k) - r_i(t0)|^2>` over atoms i and origins t0 = 0 ...
/// frameCount-1-k, Angstrom^2. `MSD(0) = 0`. Frames must be unwrapped (as
/// ``MolecularDynamics`` keeps them): a wrapped coordinate jumps by a cell vector.
/// - Parameter frames: `[frameCount][atomCount]` positions, Angstrom, equally spaced in time.
/// - Returns: `[frameCount]` MSD per lag, Angstrom^2.
public func meanSquaredDisplacement(frames: [[SIMD3<Double>]]) throws(SimulationError) -> [Double] {
    guard let first = frames.first, !first.isEmpty else {
        throw .invalid(field: "frames", value: "\(frames.count) frames of \(frames.first?.count ?? 0) atoms", fix: "give at least one frame with atoms")
    }
    for (k, frame) in frames.enumerated() {
        guard frame.count == first.count else {
            throw .invalid(field: "frames[\(k)]", value: "\(frame.count) atoms", fix: "every frame has \(first.count) atoms, in the same order")
        }
        try LennardJones.checkCoordinates(frame, field: "frames[\(k)]")
    }
    let (frameCount, atomCount) = (frames.count, first.count)
    return (0..<frameCount).map { lag in
        var total = 0.0
        for origin in 0..<(frameCount - lag) {
            for atom in 0..<atomCount {
                let d = frames[origin + lag][atom] - frames[origin][atom]
                total += PeriodicCell.dot(d, d)
            }
        }
        return total / Double((frameCount - lag) * atomCount)
    }
}

/// Self-diffusion coefficient from the Einstein relation `MSD(t) = 6 D t` (3D): `D` is one
/// sixth of the ordinary least-squares slope of MSD against time over the lags in `window`
/// (an intercept is fitted too, so a ballistic start or a constant offset does not bias it).
/// - Parameters:
///   - msd: MSD per lag, Angstrom^2 (``meanSquaredDisplacement(frames:)``).
///   - timeStep: time between frames, fs; > 0.
///   - window: the lags fitted; at least two, within `msd`.
/// - Returns: D in Angstrom^2/fs (times 0.1 for cm^2/s).
public func diffusionCoefficient(msd: [Double], timeStep: Double, window: ClosedRange<Int>) throws(SimulationError) -> Double {
    guard timeStep > 0 && timeStep.isFinite else {
        throw .invalid(field: "time_step", value: "\(timeStep)", fix: "must be a positive finite number of fs")
    }
    guard window.lowerBound >= 0, window.upperBound < msd.count, window.count >= 2 else {
        throw .invalid(field: "window", value: "\(window.lowerBound)...\(window.upperBound)",
                       fix: "give at least two lags within 0...\(msd.count - 1)")
    }
    let times = window.map { Double($0) * timeStep }
    let values = window.map { msd[$0] }
    let (meanT, meanY) = (times.reduce(0, +) / Double(times.count), values.reduce(0, +) / Double(values.count))
    var (stt, sty) = (0.0, 0.0)
    for (t, y) in zip(times, values) {
        stt += (t - meanT) * (t - meanT)
        sty += (t - meanT) * (y - meanY)
    }
    return sty / stt / 6
}
