import Foundation
import LinearAlgebra
import Testing
import TestSupport

@Suite("Cholesky: dpotrf, dpotrs and the log-determinant")
struct CholeskyTests {
    @Test func handComputed2x2And3x3() throws {
        // [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]]; det = 8.
        let small = try Matrix(rows: [[4, 2], [2, 3]]).cholesky()
        let c2 = compare(small.lower, try Matrix(rows: [[2, 0], [1, 2.0.squareRoot()]]), atol: 1e-15, rtol: 1e-15)
        #expect(c2.isWithinTolerance, "\(c2)")
        #expect(abs(small.logDeterminant - log(8)) <= 1e-15)
        // [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] has L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]:
        // check by multiplying out L·Lᵀ by hand. det = (2·1·3)² = 36.
        let three = try Matrix(rows: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]]).cholesky()
        let c3 = compare(three.lower, try Matrix(rows: [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]), atol: 1e-14, rtol: 1e-14)
        #expect(c3.isWithinTolerance, "\(c3)")
        #expect(abs(three.logDeterminant - log(36)) <= 1e-14)
        // [[4, 2], [2, 3]]·x = [2, 1] has x = [0.5, 0].
        let x = compare(try small.solve([2, 1]), [0.5, 0], atol: 1e-15, rtol: 0)
        #expect(x.isWithinTolerance, "\(x)")
    }

    @Test("L is lower triangular with a positive diagonal and L·Lᵀ = A", arguments: TestShape.square)
    func factorReconstructsTheMatrix(shape: TestShape) throws {
        let a = Matrix.randomPositiveDefinite(shape.rowCount, seed: shape.seed)
        let factor = try a.cholesky()
        let l = factor.lower
        #expect(l.shape == a.shape)
        for i in 0..<l.rowCount {
            #expect(l[i, i] > 0, "diagonal \(i) is \(l[i, i])")
            for j in (i + 1)..<l.columnCount {
                #expect(l[i, j] == 0, "L[\(i), \(j)] = \(l[i, j]) above the diagonal")
            }
        }
        let scale = Oracle.maximumAbsoluteElement(a)
        let c = compare(Oracle.product(l, Oracle.transpose(l)), a, atol: 1e-14 * scale, rtol: 0)
        #expect(c.isWithinTolerance, "L·Lᵀ vs A: \(c)")
    }

    @Test("log det from the factor = Σ log of the oracle's pivots", arguments: TestShape.square)
    func logDeterminantMatchesEliminationOracle(shape: TestShape) throws {
        let a = Matrix.randomPositiveDefinite(shape.rowCount, seed: shape.seed)
        // det A = product of the pivots of Gaussian elimination without pivoting, which is
        // stable for positive definite A; written out here independently of the factor.
        var rows = a.rows
        var expected = 0.0
        for k in 0..<a.rowCount {
            expected += log(rows[k][k])
            for i in (k + 1)..<a.rowCount {
                let factor = rows[i][k] / rows[k][k]
                for j in k..<a.rowCount { rows[i][j] -= factor * rows[k][j] }
            }
        }
        let c = compare([try a.cholesky().logDeterminant], [expected], atol: 1e-12, rtol: 1e-12)
        #expect(c.isWithinTolerance, "\(c)")
    }

    @Test("solve(B) gives A·X = B for several right-hand sides", arguments: TestShape.square)
    func solveSatisfiesTheSystem(shape: TestShape) throws {
        let n = shape.rowCount
        let a = Matrix.randomPositiveDefinite(n, seed: shape.seed)
        let b = Matrix.random(rowCount: n, columnCount: 3, seed: shape.seed + 7)
        let factor = try a.cholesky()
        let x = try factor.solve(b)
        #expect(x.shape == b.shape)
        let c = compare(Oracle.product(a, x), b, atol: 1e-12, rtol: 0)
        #expect(c.isWithinTolerance, "A·X vs B: \(c)")
        let vector = try factor.solve(b.column(1))
        let cv = compare(vector, x.column(1), atol: 1e-13, rtol: 1e-13)
        #expect(cv.isWithinTolerance, "vector vs matrix right-hand side: \(cv)")
    }

    /// A matrix and the order of its first leading minor that is not positive.
    struct IndefiniteCase: Sendable, CustomTestStringConvertible {
        let name: String
        let rows: [[Double]]
        let failingMinor: Int
        var testDescription: String { name }
    }

    @Test("the error names the first leading minor that is not positive", arguments: [
        IndefiniteCase(name: "negative 1x1", rows: [[-1]], failingMinor: 1),
        IndefiniteCase(name: "zero first pivot", rows: [[0, 1], [1, 2]], failingMinor: 1),
        IndefiniteCase(name: "indefinite 2x2", rows: [[1, 2], [2, 1]], failingMinor: 2),
        IndefiniteCase(name: "singular 2x2", rows: [[1, 1], [1, 1]], failingMinor: 2),
        IndefiniteCase(name: "negative last eigenvalue", rows: [[2, 0, 0], [0, 3, 0], [0, 0, -1]], failingMinor: 3),
    ])
    func notPositiveDefinite(testCase: IndefiniteCase) throws {
        let a = try Matrix(rows: testCase.rows)
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinorOrder: testCase.failingMinor, dimension: a.rowCount)) {
            try a.cholesky()
        }
    }

    @Test func notPositiveDefiniteMessage() throws {
        let error = #expect(throws: LinearAlgebraError.self) {
            try Matrix(rows: [[2, 0, 0], [0, 3, 0], [0, 0, -1]]).cholesky()
        }
        #expect(error?.description == "Cholesky factorization: matrix is not positive definite: the leading "
            + "minor of order 3 (of 3) is not positive; check the matrix for negative or zero eigenvalues, "
            + "or add a small jitter to the diagonal of a kernel or covariance matrix")
    }

    @Test func rightHandSideMustMatch() throws {
        let factor = try Matrix.identity(3).cholesky()
        #expect(throws: LinearAlgebraError.rightHandSideMismatch(
            operation: "Cholesky solve", matrix: MatrixShape(rowCount: 3, columnCount: 3),
            rightHandSide: MatrixShape(rowCount: 2, columnCount: 1))) {
            try factor.solve(Matrix.zeros(rowCount: 2, columnCount: 1))
        }
        #expect(throws: LinearAlgebraError.self) { try factor.solve([1, 2]) }
    }

    @Test func rectangularOrAsymmetricInputIsRejected() throws {
        #expect(throws: LinearAlgebraError.notSquare(
            operation: "Cholesky factorization", shape: MatrixShape(rowCount: 3, columnCount: 2))) {
            try Matrix.zeros(rowCount: 3, columnCount: 2).cholesky()
        }
        // dpotrf would read only one triangle and succeed; the symmetry check refuses.
        let asymmetric = try Matrix(rows: [[4, 1], [3, 4]])
        #expect(throws: LinearAlgebraError.notSymmetric(
            operation: "Cholesky factorization", row: 0, column: 1, difference: 2,
            allowed: Matrix.defaultSymmetryTolerance * 4)) { try asymmetric.cholesky() }
    }

    @Test func emptyMatrixHasAnEmptyFactor() throws {
        let factor = try Matrix.zeros(rowCount: 0, columnCount: 0).cholesky()
        #expect(factor.dimension == 0)
        #expect(factor.logDeterminant == 0)
        #expect(try factor.solve([]) == [])
    }
}
