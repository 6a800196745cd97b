import Foundation

/// The 2D Ising model on an L x L square lattice with periodic boundaries, in units J = 1,
/// k_B = 1: `E = -Σ_<ij> s_i s_j - h Σ_i s_i`, each nearest-neighbour bond counted once
/// (2N bonds), spins ±1. The all-up state has `E/N = -2 - h`.
///
/// Exact results (Onsager, Phys. Rev. 65, 117 (1944), doi:10.1103/PhysRev.65.117; Yang, Phys.
/// Rev. 85, 808 (1952), doi:10.1103/PhysRev.85.808) are ``criticalTemperature`` and
/// ``spontaneousMagnetisation(temperature:)``.
public struct IsingLattice: Hashable, Sendable {
    /// Edge length L; >= 2.
    public let size: Int
    /// `[L*L]` spins ±1, row-major: site (row, column) is `row * L + column`.
    public private(set) var spins: [Int8]

    /// - Throws: ``SimulationError`` for L < 2, a spin count other than L², or a spin not ±1.
    public init(size: Int, spins: [Int8]) throws(SimulationError) {
        guard size >= 2 && size <= 100_000 else {
            throw .invalid(field: "size", value: "\(size)", fix: "the lattice edge L must be in 2...100000")
        }
        guard spins.count == size * size else {
            throw .invalid(field: "spins", value: "\(spins.count) values", fix: "give L*L = \(size * size) spins")
        }
        if let bad = spins.firstIndex(where: { $0 != 1 && $0 != -1 }) {
            throw .invalid(field: "spins[\(bad)]", value: "\(spins[bad])", fix: "a spin is +1 or -1")
        }
        (self.size, self.spins) = (size, spins)
    }

    /// All spins up.
    public init(allUp size: Int) throws(SimulationError) {
        let count = (2...100_000).contains(size) ? size * size : 0
        try self.init(size: size, spins: [Int8](repeating: 1, count: count))
    }

    public var siteCount: Int { size * size }

    /// Sum of the four neighbours of a site (periodic).
    @inline(__always)
    func neighbourSum(_ site: Int) -> Int {
        let (row, column) = (site / size, site % size)
        let up = ((row + size - 1) % size) * size + column, down = ((row + 1) % size) * size + column
        let left = row * size + (column + size - 1) % size, right = row * size + (column + 1) % size
        return Int(spins[up]) + Int(spins[down]) + Int(spins[left]) + Int(spins[right])
    }

    /// Total magnetisation `Σ s_i`.
    public var magnetisation: Int { spins.reduce(0) { $0 + Int($1) } }

    /// Total energy in units of J, with field `h` (J units).
    public func energy(field h: Double = 0) -> Double {
        var bonds = 0
        for site in 0..<siteCount {
            let (row, column) = (site / size, site % size)
            // Right and down neighbours: each bond once.
            bonds += Int(spins[site]) * (Int(spins[row * size + (column + 1) % size]) + Int(spins[((row + 1) % size) * size + column]))
        }
        return -Double(bonds) - h * Double(magnetisation)
    }

    /// Energy change of flipping one site: `ΔE = 2 s_i (Σ_nn s_j + h)`.
    public func flipEnergyChange(site: Int, field h: Double = 0) -> Double {
        2 * Double(spins[site]) * (Double(neighbourSum(site)) + h)
    }

    mutating func flip(_ site: Int) { spins[site] = -spins[site] }

    /// In-place access to the spins for the sweep's inner loop (values must stay ±1).
    mutating func withSpins<R>(_ body: (inout UnsafeMutableBufferPointer<Int8>) -> R) -> R {
        spins.withUnsafeMutableBufferPointer(body)
    }

    /// Onsager's critical temperature `2 / ln(1 + sqrt 2)` ≈ 2.269 (J = k_B = 1).
    public static let criticalTemperature = 2 / log(1 + 2.0.squareRoot())

    /// The spontaneous magnetisation per spin of the infinite lattice (Onsager, Yang):
    /// `(1 - sinh(2/T)^-4)^(1/8)` below ``criticalTemperature``, 0 at and above it.
    public static func spontaneousMagnetisation(temperature: Double) -> Double {
        guard temperature > 0 else { return 1 }
        guard temperature < criticalTemperature else { return 0 }
        return pow(1 - pow(sinh(2 / temperature), -4), 0.125)
    }
}
