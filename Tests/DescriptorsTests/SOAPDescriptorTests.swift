import Crystal
@testable import Descriptors
import Foundation
import Testing
import TestSupport

/// SOAP's parts checked against their defining identities: validation messages, the vector
/// layout, orthonormality of the harmonics and of both radial bases, the quadrature rule.
@Suite("SOAP parts")
struct SOAPDescriptorTests {
    static let fe = try! Element(symbol: "Fe")
    static let o = try! Element(symbol: "O")

    struct BadParameters: CustomTestStringConvertible, Sendable {
        let label: String
        let rCut: Double, nMax: Int, lMax: Int, sigma: Double, basis: SOAPRadialBasis
        let message: String
        var testDescription: String { label }
    }

    static let bad: [BadParameters] = [
        .init(label: "n_max 0", rCut: 5, nMax: 0, lMax: 4, sigma: 0.5, basis: .gto, message: "invalid n_max '0': must be >= 1"),
        .init(label: "l_max -1", rCut: 5, nMax: 4, lMax: -1, sigma: 0.5, basis: .gto, message: "invalid l_max '-1': must be in 0...20"),
        .init(label: "l_max 21", rCut: 5, nMax: 4, lMax: 21, sigma: 0.5, basis: .polynomial, message: "invalid l_max '21'"),
        .init(label: "r_cut 1 with gto", rCut: 1, nMax: 4, lMax: 4, sigma: 0.5, basis: .gto, message: "invalid r_cut '1.0': must be greater than 1 Angstrom for the gto radial basis"),
        .init(label: "sigma 0", rCut: 5, nMax: 4, lMax: 4, sigma: 0, basis: .gto, message: "invalid sigma '0.0': must be a positive Gaussian width"),
    ]

    @Test("bad parameters are refused with the parameter, the value and the fix", arguments: bad)
    func validation(_ input: BadParameters) {
        do {
            _ = try SOAPDescriptor(
                species: [Self.fe], cutoffRadius: input.rCut, nMax: input.nMax, lMax: input.lMax, sigma: input.sigma, radialBasis: input.basis)
            Issue.record("accepted \(input.label)")
        } catch {
            #expect("\(error)".contains(input.message), "\(error)")
        }
    }

    @Test("r_cut 1 is fine for the polynomial basis; a structure with an unlisted element is refused")
    func speciesCheck() throws {
        _ = try SOAPDescriptor(species: [Self.fe], cutoffRadius: 1, nMax: 2, lMax: 1, sigma: 0.5, radialBasis: .polynomial)
        let descriptor = try SOAPDescriptor(species: [Self.fe], cutoffRadius: 4, nMax: 2, lMax: 1, sigma: 0.5, radialBasis: .gto)
        let structure = try bundledStructure("LiFePO4")
        #expect { try descriptor.spectra(of: structure) } throws: { error in
            "\(error)".contains("the structure contains Li, O, P, which is not in the species list")
        }
    }

    @Test("layout: feature count and pair blocks as DScribe's get_location")
    func layout() throws {
        let descriptor = try SOAPDescriptor(species: [Self.o, Self.fe], cutoffRadius: 4, nMax: 3, lMax: 2, sigma: 0.5, radialBasis: .gto)
        #expect(descriptor.species == [Self.o, Self.fe].sorted())
        #expect(descriptor.species.map(\.symbol) == ["O", "Fe"])
        #expect(descriptor.featureCount == 6 * 7 / 2 * 3)
        #expect(descriptor.featureRange(Self.o, Self.o) == 0..<18)
        #expect(descriptor.featureRange(Self.fe, Self.o) == 18..<45)
        #expect(descriptor.featureRange(Self.o, Self.fe) == 18..<45)
        #expect(descriptor.featureRange(Self.fe, Self.fe) == 45..<63)
        #expect(abs(descriptor.cutoffPadding - 0.5 * (-2 * log(0.001)).squareRoot()) < 1e-15)
    }

    @Test("real solid harmonics are orthonormal on the unit sphere (Lebedev-free check by quadrature)")
    func harmonicsOrthonormal() {
        let lMax = 8
        let harmonics = RealSolidHarmonics(lMax: lMax)
        let (nodes, weights) = GaussLegendre.rule(24)
        let count = harmonics.count
        var gram = [Double](repeating: 0, count: count * count)
        var values = [Double](repeating: 0, count: count), scratch = [Double](repeating: 0, count: harmonics.scratchCount)
        let phiCount = 40
        for (cosTheta, w) in zip(nodes, weights) {
            let sinTheta = (1 - cosTheta * cosTheta).squareRoot()
            for k in 0..<phiCount {
                let phi = 2 * Double.pi * Double(k) / Double(phiCount)
                values.withUnsafeMutableBufferPointer { out in
                    scratch.withUnsafeMutableBufferPointer { s in
                        harmonics.evaluate(sinTheta * cos(phi), sinTheta * sin(phi), cosTheta, into: out.baseAddress!, scratch: s.baseAddress!)
                    }
                }
                let weight = w * 2 * Double.pi / Double(phiCount)
                for i in 0..<count { for j in 0..<count { gram[i * count + j] += weight * values[i] * values[j] } }
            }
        }
        let identity = (0..<(count * count)).map { $0 / count == $0 % count ? 1.0 : 0.0 }
        let comparison = compare(gram, identity, atol: 1e-12, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }

    @Test("vectorExp is within 2 ulp of Foundation.exp, underflows gracefully, exp(0) = 1")
    func vectorExponential() {
        var generator = SeededGenerator(seed: 5)
        var worstUlps = 0.0, worstArgument = 0.0
        for _ in 0..<20_000 {
            let x = SIMD4<Double>((0..<4).map { _ in Double.random(in: -708...709, using: &generator) })
            let fast = vectorExp(x)
            for lane in 0..<4 {
                let exact = exp(x[lane])
                let ulps = abs(fast[lane] - exact) / exact.ulp
                if ulps > worstUlps { (worstUlps, worstArgument) = (ulps, x[lane]) }
            }
        }
        #expect(worstUlps <= 2, "worst \(worstUlps) ulp at x = \(worstArgument)")
        let edges = vectorExp(SIMD4(0, -745, -2000, -720))
        #expect(edges[0] == 1)
        #expect(edges[1] < 1e-300 && edges[2] == 0)
        #expect(abs(edges[3] - exp(-720)) <= 4 * Double.leastNonzeroMagnitude)
    }

    @Test("Gauss-Legendre rule integrates polynomials of degree 2n - 1 exactly")
    func quadrature() {
        let (nodes, weights) = GaussLegendre.rule(100)
        #expect(nodes == nodes.sorted())
        #expect(abs(weights.reduce(0, +) - 2) < 1e-14)
        for degree in [2, 10, 60, 198] {
            let integral = zip(nodes, weights).reduce(0) { $0 + $1.1 * pow($1.0, Double(degree)) }
            #expect(abs(integral - 2 / Double(degree + 1)) < 1e-14, "degree \(degree): \(integral)")
        }
    }

    @Test("both radial bases are orthonormal: GTO analytically, polynomial on its grid", arguments: [(5.0, 4), (5.0, 6), (6.0, 3)])
    func radialOrthonormal(_ cutoff: Double, _ nMax: Int) throws {
        let polynomial = try SOAPPolynomialBasis(cutoffRadius: cutoff, nMax: nMax, sigma: 0.5)
        var worst = 0.0
        for a in 0..<nMax {
            for b in 0..<nMax {
                var sum = 0.0
                for w in 0..<SOAPPolynomialBasis.nodeCount {
                    sum += polynomial.quadrature[w * nMax + a] * polynomial.values[b * SOAPPolynomialBasis.nodeCount + w] * cutoff / 2
                }
                worst = max(worst, abs(sum - (a == b ? 1 : 0)))
            }
        }
        #expect(worst < 1e-9, "polynomial basis: max |G - I| \(worst)")
        let gto = try SOAPGTOBasis(cutoffRadius: cutoff, nMax: nMax, lMax: 3, sigma: 0.5)
        worst = 0
        for l in 0...3 {
            // <g_nl, g_n'l> = sum_kk' beta_nk beta_n'k' Gamma(l + 3/2) / 2 (alpha_k + alpha_k')^-(l+3/2).
            for a in 0..<nMax {
                for b in 0..<nMax {
                    var sum = 0.0
                    for k in 0..<nMax {
                        for k2 in 0..<nMax {
                            let s = tgamma(Double(l) + 1.5) / 2 * pow(gto.alphas[l * nMax + k] + gto.alphas[l * nMax + k2], -(Double(l) + 1.5))
                            sum += gto.betas[(l * nMax + a) * nMax + k] * gto.betas[(l * nMax + b) * nMax + k2] * s
                        }
                    }
                    worst = max(worst, abs(sum - (a == b ? 1 : 0)))
                }
            }
        }
        #expect(worst < 1e-9, "gto basis: max |G - I| \(worst)")
    }
}
