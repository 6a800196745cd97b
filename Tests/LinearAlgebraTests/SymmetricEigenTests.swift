import LinearAlgebra
import Testing
import TestSupport

@Suite("Symmetric eigendecomposition: dsyevd")
struct SymmetricEigenTests {
    @Test func handComputed2x2And3x3() throws {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, -1)/√2 and (1, 1)/√2.
        let two = try Matrix(rows: [[2, 1], [1, 2]]).symmetricEigendecomposition()
        let c2 = compare(two.eigenvalues, [1, 3], atol: 1e-15, rtol: 1e-15)
        #expect(c2.isWithinTolerance, "\(c2)")
        let v = two.eigenvectors
        let r = 0.5.squareRoot()
        // Up to sign: compare |components|, and check the relative sign within each vector.
        let magnitudes = compare(v.storage.map(abs), [r, r, r, r], atol: 1e-15, rtol: 0)
        #expect(magnitudes.isWithinTolerance, "\(magnitudes)")
        #expect(v[0, 0] * v[1, 0] < 0, "eigenvector of 1 is ±(1, -1)")
        #expect(v[0, 1] * v[1, 1] > 0, "eigenvector of 3 is ±(1, 1)")
        // tridiag(-1, 2, -1) of order 3: 2 - 2cos(kπ/4) = 2 - √2, 2, 2 + √2.
        let three = try Matrix(rows: [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]).symmetricEigenvalues()
        let c3 = compare(three, [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()], atol: 1e-14, rtol: 1e-14)
        #expect(c3.isWithinTolerance, "\(c3)")
    }

    @Test("A·v = λ·v, Vᵀ·V = I, eigenvalues ascending", arguments: TestShape.square)
    func eigenpairsAndOrthonormality(shape: TestShape) throws {
        let n = shape.rowCount
        let a = Matrix.randomSymmetric(n, seed: shape.seed)
        let decomposition = try a.symmetricEigendecomposition()
        let (values, vectors) = (decomposition.eigenvalues, decomposition.eigenvectors)
        #expect(values.count == n)
        #expect(vectors.shape == a.shape)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "not ascending: \(values)")
        let tolerance = 1e-13 * Double(n) * max(1, Oracle.maximumAbsoluteElement(a))
        for k in 0..<n {
            let v = vectors.column(k)
            let c = compare(Oracle.product(a, v), v.map { values[k] * $0 }, atol: tolerance, rtol: 0)
            #expect(c.isWithinTolerance, "A·v = λ·v for eigenpair \(k): \(c)")
        }
        let gram = Oracle.product(Oracle.transpose(vectors), vectors)
        let c = compare(gram, Matrix.identity(n), atol: 1e-13 * Double(n), rtol: 0)
        #expect(c.isWithinTolerance, "Vᵀ·V vs I: \(c)")
        let valuesOnly = compare(try a.symmetricEigenvalues(), values, atol: tolerance, rtol: 0)
        #expect(valuesOnly.isWithinTolerance, "eigenvalues alone vs with vectors: \(valuesOnly)")
    }

    @Test("trace and Frobenius norm are preserved", arguments: TestShape.square)
    func invariantsMatch(shape: TestShape) throws {
        let a = Matrix.randomSymmetric(shape.rowCount, seed: shape.seed)
        let values = try a.symmetricEigenvalues()
        let trace = a.diagonal.reduce(0, +)
        let sumOfSquares = a.storage.reduce(0) { $0 + $1 * $1 }
        let c = compare([values.reduce(0, +), values.reduce(0) { $0 + $1 * $1 }], [trace, sumOfSquares],
                        atol: 1e-12, rtol: 1e-12)
        #expect(c.isWithinTolerance, "[trace, Σλ²]: \(c)")
    }

    @Test func asymmetricInputIsRejectedWithTheWorstPair() throws {
        let a = try Matrix(rows: [[1, 2, 3], [2, 1, 0], [3.5, 0, 1]])
        #expect(throws: LinearAlgebraError.notSymmetric(
            operation: "symmetric eigendecomposition", row: 0, column: 2, difference: 0.5,
            allowed: Matrix.defaultSymmetryTolerance * 3.5)) { try a.symmetricEigendecomposition() }
        // 0.125 · max|A| = 0.4375 < 0.5, a tolerance that prints exactly.
        let error = #expect(throws: LinearAlgebraError.self) {
            try a.symmetricEigendecomposition(symmetryTolerance: 0.125)
        }
        #expect(error?.description == "symmetric eigendecomposition: matrix is not symmetric: "
            + "|A[0, 2] - A[2, 0]| = 0.5 exceeds the allowed 0.4375; pass a symmetric matrix "
            + "(for example (A + Aᵀ)/2) or raise symmetryTolerance")
        // Within a loosened tolerance the mean (A + Aᵀ)/2 is decomposed instead.
        let loosened = try a.symmetricEigenvalues(symmetryTolerance: 0.2)
        let expected = try Matrix(rows: [[1, 2, 3.25], [2, 1, 0], [3.25, 0, 1]]).symmetricEigenvalues()
        let c = compare(loosened, expected, atol: 1e-14, rtol: 1e-14)
        #expect(c.isWithinTolerance, "\(c)")
    }

    @Test func roundingLevelAsymmetryIsAccepted() throws {
        var a = Matrix.randomSymmetric(5, seed: 3)
        a[1, 3] += 1e-15
        #expect(try a.symmetricEigenvalues().count == 5)
    }

    @Test func rectangularInputIsRejected() {
        #expect(throws: LinearAlgebraError.notSquare(
            operation: "symmetric eigendecomposition", shape: MatrixShape(rowCount: 2, columnCount: 3))) {
            try Matrix.zeros(rowCount: 2, columnCount: 3).symmetricEigendecomposition()
        }
    }
}
