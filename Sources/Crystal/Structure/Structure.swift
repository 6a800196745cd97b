/// A periodic crystal: a lattice and its sites (one element and one fractional coordinate
/// each). Ordered sites; fully occupied (partial occupancy is rejected by the readers).
public struct Structure: Hashable, Sendable {
    public let lattice: Lattice
    /// The element of each site, `[atomCount]`.
    public let species: [Element]
    /// Fractional coordinates of each site, `[atomCount]`, in the basis of `lattice`; not
    /// necessarily inside [0, 1).
    public let fractionalCoordinates: [SIMD3<Double>]
    /// A label per site (CIF `_atom_site_label`, pymatgen's `label`); defaults to the symbol.
    public let labels: [String]

    /// - Throws: ``CrystalError/invalidStructure(reason:)`` when the arrays differ in length,
    ///   a coordinate is not finite, or the structure has no sites.
    public init(lattice: Lattice, species: [Element], fractionalCoordinates: [SIMD3<Double>], labels: [String]? = nil) throws {
        guard !species.isEmpty else {
            throw CrystalError.invalidStructure(reason: "a structure needs at least one site")
        }
        guard species.count == fractionalCoordinates.count else {
            throw CrystalError.invalidStructure(
                reason: "\(species.count) species but \(fractionalCoordinates.count) coordinates; give one coordinate per site")
        }
        if let labels, labels.count != species.count {
            throw CrystalError.invalidStructure(reason: "\(labels.count) labels for \(species.count) sites")
        }
        if let bad = fractionalCoordinates.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
            throw CrystalError.invalidStructure(reason: "site \(bad) has a non-finite coordinate \(fractionalCoordinates[bad])")
        }
        self.lattice = lattice
        self.species = species
        self.fractionalCoordinates = fractionalCoordinates
        self.labels = labels ?? species.map(\.symbol)
    }

    /// A structure from Cartesian positions, Angstrom.
    public init(lattice: Lattice, species: [Element], cartesianCoordinates: [SIMD3<Double>], labels: [String]? = nil) throws {
        try self.init(
            lattice: lattice, species: species,
            fractionalCoordinates: cartesianCoordinates.map(lattice.fractional(fromCartesian:)), labels: labels)
    }

    public var atomCount: Int { species.count }

    /// Cartesian positions, Angstrom, `[atomCount]`.
    public var cartesianCoordinates: [SIMD3<Double>] {
        fractionalCoordinates.map(lattice.cartesian(fromFractional:))
    }

    /// The element counts of the cell.
    public var composition: Composition {
        var counts: [Element: Double] = [:]
        for element in species { counts[element, default: 0] += 1 }
        return Composition(uncheckedAmounts: counts)
    }

    /// Grams per atomic mass unit: pymatgen's `Mass(1, "amu").to("g")` (CODATA 2022 atomic
    /// mass constant, 1.66053906892e-27 kg).
    public static let gramsPerAtomicMassUnit = 1.66053906892e-24

    /// Mass density of the cell, g/cm^3, as pymatgen's `Structure.density`:
    /// `composition.weight` (amu) x ``gramsPerAtomicMassUnit`` / (`lattice.volume` (A^3) x
    /// 1e-24 cm^3/A^3).
    public var density: Double {
        composition.weight * Self.gramsPerAtomicMassUnit / (lattice.volume * 1e-24)
    }

    /// The same structure with every fractional coordinate wrapped into [0, 1).
    public func wrapped() -> Structure {
        let coordinates = fractionalCoordinates.map { f -> SIMD3<Double> in
            var w = f - f.rounded(.down)
            for axis in 0..<3 where w[axis] >= 1 { w[axis] = 0 }
            return w
        }
        return Structure(unchecked: lattice, species, coordinates, labels)
    }

    /// A copy with sites reordered: new site k is old site `order[k]`.
    public func permuted(_ order: [Int]) throws -> Structure {
        guard order.count == atomCount, Set(order) == Set(0..<atomCount) else {
            throw CrystalError.invalidArgument(
                name: "site permutation", value: "\(order)", reason: "must be a permutation of 0..<\(atomCount)")
        }
        return Structure(
            unchecked: lattice, order.map { species[$0] }, order.map { fractionalCoordinates[$0] }, order.map { labels[$0] })
    }

    init(unchecked lattice: Lattice, _ species: [Element], _ fractionalCoordinates: [SIMD3<Double>], _ labels: [String]) {
        self.lattice = lattice
        self.species = species
        self.fractionalCoordinates = fractionalCoordinates
        self.labels = labels
    }
}
