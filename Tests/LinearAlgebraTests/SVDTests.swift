import LinearAlgebra
import Testing
import TestSupport

@Suite("Singular value decomposition: dgesdd")
struct SVDTests {
    @Test func handComputed2x2() throws {
        // [[3, 0], [4, 5]]: AᵀA = [[25, 20], [20, 25]] has eigenvalues 45 and 5,
        // so σ = (3√5, √5).
        let a = try Matrix(rows: [[3, 0], [4, 5]])
        let expected = [3 * 5.0.squareRoot(), 5.0.squareRoot()]
        let c = compare(try a.singularValues(), expected, atol: 1e-14, rtol: 1e-14)
        #expect(c.isWithinTolerance, "\(c)")
        let svd = try a.singularValueDecomposition()
        let reconstructed = Oracle.reconstruct(u: svd.u, singularValues: svd.singularValues, vTransposed: svd.vTransposed)
        let r = compare(reconstructed, a, atol: 1e-14, rtol: 0)
        #expect(r.isWithinTolerance, "\(r)")
    }

    @Test("U·diag(σ)·Vᵀ = A with orthonormal U and V, σ descending", arguments: TestShape.general, SVDMode.allCases)
    func reconstructionAndOrthonormality(shape: TestShape, mode: SVDMode) throws {
        let (m, n) = (shape.rowCount, shape.columnCount)
        let p = min(m, n)
        let a = Matrix.random(rowCount: m, columnCount: n, seed: shape.seed)
        let svd = try a.singularValueDecomposition(mode)
        let (uColumns, vtRows) = mode == .thin ? (p, p) : (m, n)
        #expect(svd.u.shape == MatrixShape(rowCount: m, columnCount: uColumns))
        #expect(svd.vTransposed.shape == MatrixShape(rowCount: vtRows, columnCount: n))
        #expect(svd.singularValues.count == p)
        #expect(svd.singularValues.allSatisfy { $0 >= 0 }, "negative σ: \(svd.singularValues)")
        #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 },
                "not descending: \(svd.singularValues)")

        let tolerance = 1e-14 * Double(max(m, n))
        let reconstructed = Oracle.reconstruct(u: svd.u, singularValues: svd.singularValues, vTransposed: svd.vTransposed)
        let r = compare(reconstructed, a, atol: tolerance, rtol: 0)
        #expect(r.isWithinTolerance, "U·S·Vᵀ vs A: \(r)")
        let uGram = compare(Oracle.product(Oracle.transpose(svd.u), svd.u), Matrix.identity(uColumns), atol: tolerance, rtol: 0)
        #expect(uGram.isWithinTolerance, "Uᵀ·U vs I: \(uGram)")
        let v = Oracle.transpose(svd.vTransposed)
        let vGram = compare(Oracle.product(svd.vTransposed, v), Matrix.identity(vtRows), atol: tolerance, rtol: 0)
        #expect(vGram.isWithinTolerance, "Vᵀ·V vs I: \(vGram)")
        // Σσ² is the squared Frobenius norm.
        let energy = compare([svd.singularValues.reduce(0) { $0 + $1 * $1 }], [a.storage.reduce(0) { $0 + $1 * $1 }],
                             atol: 0, rtol: 1e-13)
        #expect(energy.isWithinTolerance, "Σσ² vs ||A||²: \(energy)")
        let valuesOnly = compare(try a.singularValues(), svd.singularValues, atol: tolerance, rtol: 0)
        #expect(valuesOnly.isWithinTolerance, "singular values alone vs with vectors: \(valuesOnly)")
    }

    @Test func rankDeficientMatrixHasZeroSingularValues() throws {
        // Rank 1: every row is a multiple of (1, 2, 3); σ₁ = |u|·|v| = √14·√(1+4+9+16).
        let a = try Matrix(rows: [[1, 2, 3], [2, 4, 6], [3, 6, 9], [4, 8, 12]])
        let sigma = try a.singularValues()
        let c = compare(sigma, [(14.0 * 30.0).squareRoot(), 0, 0], atol: 1e-13, rtol: 1e-14)
        #expect(c.isWithinTolerance, "\(c)")
    }

    @Test func emptyMatrices() throws {
        let wide = try Matrix.zeros(rowCount: 0, columnCount: 3).singularValueDecomposition(.full)
        #expect(wide.u.shape == MatrixShape(rowCount: 0, columnCount: 0))
        #expect(wide.vTransposed == Matrix.identity(3))
        #expect(wide.singularValues.isEmpty)
        let thin = try Matrix.zeros(rowCount: 2, columnCount: 0).singularValueDecomposition(.thin)
        #expect(thin.u.shape == MatrixShape(rowCount: 2, columnCount: 0))
        #expect(try Matrix.zeros(rowCount: 2, columnCount: 0).singularValues() == [])
    }
}
