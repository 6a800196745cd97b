import Crystal
import Descriptors
import LinearAlgebra
import Testing
import TestSupport

/// The normalised SOAP kernel against DScribe's `AverageKernel(metric="linear")` on per-site
/// vectors (`Tests/Fixtures/soap/similarity.json`), and the nearest-structure ranking.
/// Tolerance: 1e-9 absolute on kernel values in [0, 1] (the vectors agree to 1e-8 relative,
/// and a cosine is less sensitive than its inputs).
@Suite("SOAP similarity")
struct SOAPSimilarityTests {
    @Test("outer-averaged SOAP cosine equals DScribe's AverageKernel(linear)")
    func againstDScribe() throws {
        let fixture = try SOAPSimilarityFixture.load()
        let descriptor = try SOAPDescriptor(
            species: try fixture.species.map { try Element(symbol: $0) }, cutoffRadius: fixture.r_cut, nMax: fixture.n_max,
            lMax: fixture.l_max, sigma: fixture.sigma, radialBasis: .gto, periodic: true, averaging: .outer)
        var rows: [[Double]] = []
        for (index, record) in fixture.structures.enumerated() {
            let vector = try descriptor.spectra(of: try record.structure.structure()).row(0)
            let scale = fixture.outer[index].map(abs).max() ?? 0
            let comparison = compare(vector, fixture.outer[index], atol: 1e-10 * scale, rtol: 1e-8)
            #expect(comparison.isWithinTolerance, "\(record.name): \(comparison)")
            rows.append(vector)
        }
        let similarity = try SOAPSimilarity(vectors: try Matrix(rows: rows))
        let expected = try Matrix(rows: fixture.average_kernel_linear)
        let comparison = compare(similarity.kernel, expected, atol: 1e-9, rtol: 0)
        #expect(comparison.isWithinTolerance, "kernel: \(comparison)")
        // The supercell (last) is the same crystal as NaCl (first).
        #expect(abs(similarity.kernel[0, rows.count - 1] - 1) < 1e-9)
        #expect(similarity.nearest[0].first == rows.count - 1)
    }

    @Test("nearest: others by decreasing similarity, ties by index")
    func ranking() throws {
        // Vectors chosen so that rows 1 and 2 are equally similar to row 0, row 3 less.
        let vectors = try Matrix(rows: [[1, 0, 0], [1, 1, 0], [1, 0, 1], [0, 1, 1]])
        let similarity = try SOAPSimilarity(vectors: vectors)
        #expect(similarity.nearest[0] == [1, 2, 3])
        #expect(similarity.nearest[3] == [1, 2, 0])
        #expect(similarity.kernel[0, 0] == 1)
        #expect(abs(similarity.kernel[0, 1] - 0.5.squareRoot()) < 1e-15)
    }

    @Test("a zero vector is refused with a clear message")
    func zeroVector() throws {
        #expect(throws: DescriptorsError.self) { try SOAPSimilarity(vectors: try Matrix(rows: [[1, 2], [0, 0]])) }
    }
}
