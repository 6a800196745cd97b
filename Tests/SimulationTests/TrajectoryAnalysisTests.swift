import Foundation
import Simulation
import Testing
import TestSupport

/// g(r), MSD and the diffusion coefficient on inputs with known answers.
@Suite("Radial distribution and diffusion")
struct TrajectoryAnalysisTests {
    /// Uniform random points: g(r) ≈ (N-1)/N in every bin. 400 points in a 20 A cube, bins
    /// of 0.5 A up to 8 A: the bins past 3 A hold hundreds of pairs each, so their mean is
    /// within 3 % of (N-1)/N; the mean over all bins within 2 %.
    @Test func anIdealGasHasGOfROne() throws {
        var generator = SplitMix64(seed: 2024)
        let cell = try PeriodicCell(latticeVectors: [SIMD3(20, 0, 0), SIMD3(3, 19, 0), SIMD3(-2, 1, 21)])
        let points = (0..<400).map { _ in cell.cartesian(SIMD3(generator.nextUniform(), generator.nextUniform(), generator.nextUniform())) }
        let rdf = try RadialDistribution(cartesianCoordinates: points, cell: cell, maximumRadius: 8, binCount: 16)
        let expected = 399.0 / 400
        let outer = Array(rdf.values[6...])
        let mean = outer.reduce(0, +) / Double(outer.count)
        #expect(abs(mean - expected) < 0.02, "mean g over 3-8 A: \(mean)")
        for (r, g) in zip(rdf.radii, rdf.values) where r > 3 { #expect(abs(g - expected) < 0.1, "g(\(r)) = \(g)") }
        #expect(abs(rdf.radii[0] - 0.25) < 1e-15)
    }

    /// A perfect simple cubic crystal: the first shell holds exactly 6 neighbours per atom,
    /// so its bin has 3N pairs and nothing comes closer.
    @Test func aSimpleCubicLatticeHasSixNearestNeighbours() throws {
        let cell = try PeriodicCell(orthorhombic: SIMD3(repeating: 6))
        var points: [SIMD3<Double>] = []
        for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { points.append(2 * SIMD3(Double(i), Double(j), Double(k))) } } }
        let rdf = try RadialDistribution(cartesianCoordinates: points, cell: cell, maximumRadius: 2.5, binCount: 5)
        #expect(rdf.pairCounts == [0, 0, 0, 0, 81])
        // A one-atom cell: the same shell made only of self images.
        let single = try RadialDistribution(cartesianCoordinates: [.zero], cell: try PeriodicCell(orthorhombic: SIMD3(repeating: 2)),
                                            maximumRadius: 2.5, binCount: 5)
        #expect(single.pairCounts == [0, 0, 0, 0, 3])
    }

    /// Straight-line motion r = r0 + v t: MSD(k) = |v|² (k dt)², all origins alike.
    @Test func straightLineMotion() throws {
        let velocities: [SIMD3<Double>] = [SIMD3(0.01, 0, 0), SIMD3(0, -0.02, 0.03), SIMD3(0.005, 0.005, 0.005)]
        let dt = 2.0
        let frames = (0..<50).map { step in velocities.enumerated().map { SIMD3(Double($0.offset), 0, 0) + Double(step) * dt * $0.element } }
        let msd = try meanSquaredDisplacement(frames: frames)
        let speed2 = velocities.map { ($0 * $0).sum() }.reduce(0, +) / 3
        let expected = (0..<50).map { speed2 * pow(Double($0) * dt, 2) }
        let comparison = compare(msd, expected, atol: 1e-14, rtol: 1e-12)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }

    /// MSD = 6 D t + c exactly: the fit returns D whatever the window or the offset.
    @Test(arguments: [0...9, 3...40, 10...99])
    func diffusionFromALinearMSD(_ window: ClosedRange<Int>) throws {
        let d = 0.0123, dt = 0.5
        let msd = (0..<100).map { 6 * d * Double($0) * dt + 0.7 }
        #expect(abs(try diffusionCoefficient(msd: msd, timeStep: dt, window: window) - d) < 1e-14)
    }

    @Test func badInputIsRefusedByName() throws {
        #expect(throws: SimulationError.invalid(field: "window", value: "5...12", fix: "give at least two lags within 0...9")) {
            try diffusionCoefficient(msd: Array(repeating: 0, count: 10), timeStep: 1, window: 5...12)
        }
        #expect(throws: SimulationError.self) { try meanSquaredDisplacement(frames: [[.zero], [.zero, .zero]]) }
        #expect(throws: SimulationError.self) {
            try RadialDistribution(cartesianCoordinates: [.zero], cell: try PeriodicCell(orthorhombic: SIMD3(repeating: 2)), maximumRadius: 0, binCount: 3)
        }
    }
}
