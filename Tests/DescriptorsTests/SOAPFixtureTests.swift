import Crystal
@testable import Descriptors
import LinearAlgebra
import Testing
import TestSupport

/// ``SOAPDescriptor`` against DScribe 2.1.2 on every element of every vector
/// (`Tests/Fixtures/soap/`, made by `scripts/fixtures/soap_dscribe.py`).
///
/// Tolerance contract, per vector (one center's spectrum, or an averaged one), element by
/// element `|observed - expected| <= atol + rtol |expected|`:
/// - gto: rtol = 1e-8, atol = 1e-10 x max |expected| of the vector. The expansion is analytic
///   on both sides; what remains is the orthonormalisation (DScribe's `sqrtm(inv(S))` against
///   an extended-precision eigendecomposition here) and summation order. The absolute floor
///   covers elements that cancel to nearly 0 (a sum over m of products of both signs), whose
///   relative error is meaningless.
/// - polynomial: rtol = max(1e-8, 1e4 x e), atol = rtol x max |expected|, where e is DScribe's
///   own orthonormality error of its polynomial basis on its grid, recorded in the fixture
///   (1e-13 at n_max = 3, 6e-9 at n_max = 6). DScribe's `sqrtm(inv(S))` of the badly
///   conditioned polynomial overlap carries an error of that size, amplified in the products of
///   the power spectrum; no independent implementation can agree more closely than DScribe
///   agrees with itself. The quadrature, the recurrence and DScribe's cut-offs of the
///   exponentials are reproduced step for step, so they add nothing beyond rounding.
@Suite("SOAP against DScribe fixtures")
struct SOAPFixtureTests {
    static func tolerance(_ fixture: SOAPFixtureCase) -> (relative: Double, absoluteScale: Double) {
        if fixture.rbf == "gto" { return (1e-8, 1e-10) }
        let relative = max(1e-8, 1e4 * (fixture.dscribe_basis_orthonormality_error ?? 0))
        return (relative, relative)
    }

    static func check(_ observed: [Double], _ expected: [Double], _ fixture: SOAPFixtureCase, _ what: String) {
        let (relative, absoluteScale) = tolerance(fixture)
        let scale = expected.map(abs).max() ?? 0
        let comparison = compare(observed, expected, atol: absoluteScale * scale, rtol: relative)
        #expect(comparison.isWithinTolerance, "\(what): \(comparison)")
    }

    @Test("per-site vectors (average off)", arguments: SOAPFixtureFile.gto + SOAPFixtureFile.polynomial)
    func perSite(_ fixture: SOAPFixtureCase) throws {
        let structure = try fixture.structure.structure()
        let descriptor = try fixture.descriptor(.off)
        #expect(descriptor.featureCount == fixture.feature_count)
        let spectra = try descriptor.spectra(of: structure)
        #expect(spectra.rowCount == fixture.off.count)
        #expect(spectra.columnCount == fixture.feature_count)
        for (row, expected) in fixture.off.enumerated() where row < spectra.rowCount {
            Self.check(spectra.row(row), expected, fixture, "center \(row)")
        }
    }

    @Test("averaged vectors (inner and outer)", arguments: SOAPFixtureFile.gto + SOAPFixtureFile.polynomial)
    func averaged(_ fixture: SOAPFixtureCase) throws {
        let structure = try fixture.structure.structure()
        for (averaging, expected) in [(SOAPAveraging.inner, fixture.inner), (.outer, fixture.outer)] {
            let spectra = try fixture.descriptor(averaging).spectra(of: structure)
            #expect(spectra.rowCount == 1)
            Self.check(spectra.row(0), expected, fixture, "average \(averaging)")
        }
    }

    @Test("the polynomial radial grid equals DScribe's tabulated nodes to within 1 ulp", arguments: SOAPFixtureFile.polynomial)
    func radialGrid(_ fixture: SOAPFixtureCase) throws {
        let grid = try #require(fixture.dscribe_radial_grid)
        let basis = try SOAPPolynomialBasis(cutoffRadius: fixture.r_cut, nMax: fixture.n_max, sigma: fixture.sigma)
        #expect(basis.nodes.count == grid.count)
        for (mine, theirs) in zip(basis.nodes, grid) {
            #expect(abs(mine - theirs) <= theirs.ulp, "node \(mine) vs DScribe's \(theirs)")
        }
    }

    @Test("fixtures are present and cover both bases, 1 to 4 species, periodic and not")
    func coverage() {
        let all = SOAPFixtureFile.gto + SOAPFixtureFile.polynomial
        #expect(SOAPFixtureFile.gto.count >= 20 && SOAPFixtureFile.polynomial.count >= 20)
        #expect(Set(all.map(\.species.count)) == [1, 2, 3, 4])
        #expect(all.contains { !$0.periodic } && all.contains { $0.periodic })
    }

    /// Prints the agreement per basis (copied into reports); the bounds above are the test.
    @Test("measured agreement per basis")
    func agreementReport() throws {
        for (name, cases) in [("gto", SOAPFixtureFile.gto), ("polynomial", SOAPFixtureFile.polynomial)] {
            var agreement = SOAPAgreement()
            var byRadialCount: [Int: SOAPAgreement] = [:]
            for fixture in cases {
                var one = SOAPAgreement()
                let structure = try fixture.structure.structure()
                let spectra = try fixture.descriptor(.off).spectra(of: structure)
                for (row, expected) in fixture.off.enumerated() { one.add(spectra.row(row), expected) }
                var merged = byRadialCount[fixture.n_max, default: SOAPAgreement()]
                merged.maximumAbsolute = max(merged.maximumAbsolute, one.maximumAbsolute)
                merged.maximumRelative = max(merged.maximumRelative, one.maximumRelative)
                byRadialCount[fixture.n_max] = merged
                for (row, expected) in fixture.off.enumerated() { agreement.add(spectra.row(row), expected) }
                agreement.add(try fixture.descriptor(.inner).spectra(of: structure).row(0), fixture.inner)
                agreement.add(try fixture.descriptor(.outer).spectra(of: structure).row(0), fixture.outer)
            }
            print("SOAP agreement with DScribe, \(name): \(agreement)")
            for (nMax, part) in byRadialCount.sorted(by: { $0.key < $1.key }) {
                print("SOAP agreement with DScribe, \(name), n_max \(nMax) (per-site): \(part)")
            }
        }
    }
}
