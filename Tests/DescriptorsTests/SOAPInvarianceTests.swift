import Crystal
import Descriptors
import Foundation
import LinearAlgebra
import Testing
import TestSupport

/// SOAP vectors are invariant under rotation of the Cartesian frame, translation, permutation
/// of the sites (per-site vectors permuted accordingly), supercells (averages unchanged,
/// per-site vectors repeated) and moving a site by a lattice vector.
///
/// Tolerance: rtol 1e-9 with atol 1e-11 x max |vector|. The transformed copy differs from
/// the original only by rounding of the coordinates (~1e-15 A); the polynomial basis's
/// unstable Bessel recurrence (DScribe's, reproduced) amplifies that somewhat, still far
/// below these bounds at these parameters.
@Suite("SOAP invariances")
struct SOAPInvarianceTests {
    struct Setting: CustomTestStringConvertible, Sendable {
        let structure: String
        let basis: SOAPRadialBasis
        var testDescription: String { "\(structure), \(basis)" }
    }

    static let settings: [Setting] = ["SrTiO3", "LiFePO4", "TiO2", "Si"].flatMap { name in
        SOAPRadialBasis.allCases.map { Setting(structure: name, basis: $0) }
    }

    static func descriptor(for structure: Structure, _ basis: SOAPRadialBasis, _ averaging: SOAPAveraging = .off) throws -> SOAPDescriptor {
        try SOAPDescriptor(
            species: structure.species, cutoffRadius: 4.5, nMax: 4, lMax: 4, sigma: 0.5, radialBasis: basis, averaging: averaging)
    }

    static func expectSame(_ observed: [Double], _ expected: [Double], _ label: String) {
        let scale = expected.map(abs).max() ?? 0
        let comparison = compare(observed, expected, atol: 1e-11 * scale, rtol: 1e-9)
        #expect(comparison.isWithinTolerance, "\(label): \(comparison)")
    }

    static func expectSameRows(_ observed: Matrix, _ expected: Matrix, order: [Int]? = nil, _ label: String) {
        #expect(observed.rowCount == (order?.count ?? expected.rowCount), "\(label): row count")
        for row in 0..<min(observed.rowCount, order?.count ?? expected.rowCount) {
            expectSame(observed.row(row), expected.row(order?[row] ?? row), "\(label), row \(row)")
        }
    }

    /// Rodrigues' rotation of `vector` about unit `axis` by `angle` radians.
    static func rotate(_ vector: SIMD3<Double>, axis: SIMD3<Double>, angle: Double) -> SIMD3<Double> {
        let crossed = SIMD3(axis.y * vector.z - axis.z * vector.y, axis.z * vector.x - axis.x * vector.z, axis.x * vector.y - axis.y * vector.x)
        return vector * cos(angle) + crossed * sin(angle) + axis * (axis * vector).sum() * (1 - cos(angle))
    }

    @Test("rotation of lattice and positions", arguments: settings)
    func rotation(_ setting: Setting) throws {
        let structure = try bundledStructure(setting.structure)
        let raw = SIMD3<Double>(1, -2, 3)
        let axis = raw / (raw * raw).sum().squareRoot()
        let turn = { (v: SIMD3<Double>) in Self.rotate(v, axis: axis, angle: 0.7) }
        let lattice = structure.lattice
        let rotated = try Structure(
            lattice: try Lattice(a: turn(lattice.a), b: turn(lattice.b), c: turn(lattice.c)), species: structure.species,
            cartesianCoordinates: structure.cartesianCoordinates.map(turn))
        let descriptor = try Self.descriptor(for: structure, setting.basis)
        Self.expectSameRows(try descriptor.spectra(of: rotated), try descriptor.spectra(of: structure), "rotated")
    }

    @Test("translation of every site", arguments: settings)
    func translation(_ setting: Setting) throws {
        let structure = try bundledStructure(setting.structure)
        let shift = SIMD3<Double>(0.37, -1.21, 2.05)
        let moved = try Structure(
            lattice: structure.lattice, species: structure.species, cartesianCoordinates: structure.cartesianCoordinates.map { $0 + shift })
        let descriptor = try Self.descriptor(for: structure, setting.basis)
        Self.expectSameRows(try descriptor.spectra(of: moved), try descriptor.spectra(of: structure), "translated")
    }

    @Test("permutation of the sites permutes the per-site vectors", arguments: settings)
    func permutation(_ setting: Setting) throws {
        let structure = try bundledStructure(setting.structure)
        var generator = SeededGenerator(seed: 11)
        let order = Array(0..<structure.atomCount).shuffled(using: &generator)
        let permuted = try structure.permuted(order)
        let descriptor = try Self.descriptor(for: structure, setting.basis)
        Self.expectSameRows(try descriptor.spectra(of: permuted), try descriptor.spectra(of: structure), order: order, "permuted")
        for averaging in [SOAPAveraging.inner, .outer] {
            let averaged = try Self.descriptor(for: structure, setting.basis, averaging)
            Self.expectSame(try averaged.spectra(of: permuted).row(0), try averaged.spectra(of: structure).row(0), "permuted, \(averaging)")
        }
    }

    @Test("a 2x1x2 supercell keeps the averages and repeats each site's vector", arguments: settings)
    func supercell(_ setting: Setting) throws {
        let structure = try bundledStructure(setting.structure)
        let bigger = try structure.supercell(2, 1, 2)
        let descriptor = try Self.descriptor(for: structure, setting.basis)
        // pymatgen's order: each original site's 4 copies in a row.
        let copies = bigger.atomCount / structure.atomCount
        Self.expectSameRows(
            try descriptor.spectra(of: bigger), try descriptor.spectra(of: structure),
            order: (0..<bigger.atomCount).map { $0 / copies }, "supercell")
        for averaging in [SOAPAveraging.inner, .outer] {
            let averaged = try Self.descriptor(for: structure, setting.basis, averaging)
            Self.expectSame(try averaged.spectra(of: bigger).row(0), try averaged.spectra(of: structure).row(0), "supercell, \(averaging)")
        }
    }

    @Test("moving a site by a lattice vector changes nothing", arguments: settings)
    func periodicImage(_ setting: Setting) throws {
        let structure = try bundledStructure(setting.structure)
        var coordinates = structure.fractionalCoordinates
        coordinates[0] += SIMD3(1, -2, 1)
        let moved = try Structure(lattice: structure.lattice, species: structure.species, fractionalCoordinates: coordinates)
        let descriptor = try Self.descriptor(for: structure, setting.basis)
        Self.expectSameRows(try descriptor.spectra(of: moved), try descriptor.spectra(of: structure), "site 0 moved by (1, -2, 1)")
    }
}
