import LinearAlgebra
import Testing
import TestSupport

@Suite("Least squares: dgelsd")
struct LeastSquaresTests {
    @Test func handComputedLineFit() throws {
        // Fit y = c0 + c1·t to (0, 0), (1, 1), (2, 1): slope Σ(t - t̄)(y - ȳ)/Σ(t - t̄)² = 1/2,
        // intercept ȳ - slope·t̄ = 2/3 - 1/2 = 1/6; residuals (-1/6, 1/3, -1/6), RSS 1/6.
        let design = try Matrix(rows: [[1, 0], [1, 1], [1, 2]])
        let fit = try design.leastSquares([0, 1, 1])
        let c = compare(fit.solution.column(0), [1.0 / 6, 0.5], atol: 1e-15, rtol: 1e-14)
        #expect(c.isWithinTolerance, "\(c)")
        #expect(fit.rank == 2)
        let rss = compare(fit.residualSumOfSquares, [1.0 / 6], atol: 1e-15, rtol: 1e-14)
        #expect(rss.isWithinTolerance, "\(rss)")
    }

    @Test("normal equations Aᵀ(AX - B) = 0 hold for every right-hand side", arguments: TestShape.general)
    func normalEquations(shape: TestShape) throws {
        let (m, n) = (shape.rowCount, shape.columnCount)
        let a = Matrix.random(rowCount: m, columnCount: n, seed: shape.seed)
        let b = Matrix.random(rowCount: m, columnCount: 3, seed: shape.seed + 9)
        let fit = try a.leastSquares(b)
        #expect(fit.solution.shape == MatrixShape(rowCount: n, columnCount: 3))
        #expect(fit.rank == min(m, n), "a random matrix has full rank")
        #expect(fit.singularValues.count == min(m, n))
        let residual = Oracle.difference(Oracle.product(a, fit.solution), b)
        let gradient = Oracle.product(Oracle.transpose(a), residual)
        let c = compare(gradient, Matrix.zeros(rowCount: n, columnCount: 3), atol: 1e-12, rtol: 0)
        #expect(c.isWithinTolerance, "Aᵀ(AX - B): \(c)")
        let rss = (0..<3).map { j in residual.column(j).reduce(0) { $0 + $1 * $1 } }
        let cr = compare(fit.residualSumOfSquares, rss, atol: 1e-12, rtol: 1e-10)
        #expect(cr.isWithinTolerance, "residual sums of squares: \(cr)")
    }

    @Test("tall full rank: X = (AᵀA)⁻¹AᵀB by Gaussian elimination", arguments: TestShape.general.filter { $0.rowCount >= $0.columnCount })
    func tallMatchesNormalEquationSolve(shape: TestShape) throws {
        let a = Matrix.random(rowCount: shape.rowCount, columnCount: shape.columnCount, seed: shape.seed)
        let b = Matrix.random(rowCount: shape.rowCount, columnCount: 1, seed: shape.seed + 9).storage
        let at = Oracle.transpose(a)
        let expected = Oracle.solve(Oracle.product(at, a), Oracle.product(at, b))
        let c = compare(try a.leastSquares(b).solution.column(0), expected, atol: 1e-10, rtol: 1e-10)
        #expect(c.isWithinTolerance, "\(c)")
    }

    @Test("wide: minimum-norm X = Aᵀ(AAᵀ)⁻¹B by Gaussian elimination", arguments: TestShape.general.filter { $0.rowCount < $0.columnCount })
    func wideGivesTheMinimumNormSolution(shape: TestShape) throws {
        let a = Matrix.random(rowCount: shape.rowCount, columnCount: shape.columnCount, seed: shape.seed)
        let b = Matrix.random(rowCount: shape.rowCount, columnCount: 1, seed: shape.seed + 9).storage
        let at = Oracle.transpose(a)
        let expected = Oracle.product(at, Oracle.solve(Oracle.product(a, at), b))
        let fit = try a.leastSquares(b)
        let c = compare(fit.solution.column(0), expected, atol: 1e-10, rtol: 1e-10)
        #expect(c.isWithinTolerance, "\(c)")
        let exact = compare(Oracle.product(a, fit.solution.column(0)), b, atol: 1e-12, rtol: 0)
        #expect(exact.isWithinTolerance, "an underdetermined system is solved exactly: \(exact)")
    }

    @Test func rankDeficientColumnsGiveRankAndMinimumNorm() throws {
        // Column 2 = column 0 + column 1, so the null space is spanned by (1, 1, -1); the
        // minimum-norm solution is orthogonal to it.
        let base = Matrix.random(rowCount: 8, columnCount: 2, seed: 77)
        let a = try Matrix(rows: base.rows.map { [$0[0], $0[1], $0[0] + $0[1]] })
        let b = Matrix.random(rowCount: 8, columnCount: 1, seed: 78).storage
        let fit = try a.leastSquares(b)
        #expect(fit.rank == 2)
        let x = fit.solution.column(0)
        #expect(abs(x[0] + x[1] - x[2]) <= 1e-12, "x is not orthogonal to the null space: \(x)")
        let residual = zip(Oracle.product(a, x), b).map { $0 - $1 }
        let gradient = compare(Oracle.product(Oracle.transpose(a), residual), [0, 0, 0], atol: 1e-12, rtol: 0)
        #expect(gradient.isWithinTolerance, "Aᵀ(Ax - b): \(gradient)")
        // With rcond above σ₂/σ₁ only one direction is kept.
        let sigma = fit.singularValues
        let truncated = try a.leastSquares(b, rcond: 0.5 * (sigma[1] / sigma[0]) + 0.5)
        #expect(truncated.rank == 1)
    }

    @Test func shapeAndArgumentErrors() throws {
        let a = Matrix.zeros(rowCount: 5, columnCount: 3)
        let error = #expect(throws: LinearAlgebraError.self) {
            try a.leastSquares(Matrix.zeros(rowCount: 4, columnCount: 2))
        }
        #expect(error?.description == "least squares: matrix is 5x3, right-hand side is 4x2; "
            + "the right-hand side needs 5 rows, one per equation")
        #expect(throws: LinearAlgebraError.vectorLengthMismatch(
            operation: "least squares", matrix: a.shape, vectorLength: 4, expectedLength: 5)) {
            try a.leastSquares([1, 2, 3, 4])
        }
        let rcondError = #expect(throws: LinearAlgebraError.self) { try a.leastSquares([1, 2, 3, 4, 5], rcond: 2) }
        #expect(rcondError?.description.hasPrefix("least squares: rcond is 2.0; it must be in [0, 1)") == true)
    }

    @Test func emptyRightHandSideStillReportsRank() throws {
        let a = Matrix.random(rowCount: 4, columnCount: 3, seed: 5)
        let fit = try a.leastSquares(Matrix.zeros(rowCount: 4, columnCount: 0))
        #expect(fit.solution.shape == MatrixShape(rowCount: 3, columnCount: 0))
        #expect(fit.rank == 3)
        #expect(fit.residualSumOfSquares == [])
    }
}
