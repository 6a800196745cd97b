import LinearAlgebra
import Testing
import TestSupport

@Suite("General solve (dgesv) and inverse (dgetrf, dgetri)")
struct SolveTests {
    @Test func handComputed2x2() throws {
        // 2x + y = 3, x + 3y = 5 → x = 0.8, y = 1.4.
        let a = try Matrix(rows: [[2, 1], [1, 3]])
        let x = compare(try a.solve([3, 5]), [0.8, 1.4], atol: 1e-15, rtol: 1e-15)
        #expect(x.isWithinTolerance, "\(x)")
        // [[4, 7], [2, 6]]⁻¹ = [[6, -7], [-2, 4]] / (4·6 - 7·2).
        let inverse = try Matrix(rows: [[4, 7], [2, 6]]).inverse()
        let c = compare(inverse, try Matrix(rows: [[0.6, -0.7], [-0.2, 0.4]]), atol: 1e-15, rtol: 1e-15)
        #expect(c.isWithinTolerance, "\(c)")
    }

    /// A well-conditioned random square matrix: random plus n on the diagonal, not symmetric.
    static func wellConditioned(_ shape: TestShape) -> Matrix {
        var a = Matrix.random(rowCount: shape.rowCount, columnCount: shape.columnCount, seed: shape.seed)
        for i in 0..<shape.rowCount { a[i, i] += Double(shape.rowCount) }
        return a
    }

    @Test("A·X = B and the same x as Gaussian elimination", arguments: TestShape.square)
    func solveSatisfiesTheSystem(shape: TestShape) throws {
        let a = Self.wellConditioned(shape)
        let b = Matrix.random(rowCount: shape.rowCount, columnCount: 4, seed: shape.seed + 3)
        let x = try a.solve(b)
        let c = compare(Oracle.product(a, x), b, atol: 1e-12, rtol: 0)
        #expect(c.isWithinTolerance, "A·X vs B: \(c)")
        let oracle = compare(try a.solve(b.column(2)), Oracle.solve(a, b.column(2)), atol: 1e-13, rtol: 1e-12)
        #expect(oracle.isWithinTolerance, "vs Gaussian elimination: \(oracle)")
    }

    @Test("A·A⁻¹ = A⁻¹·A = I", arguments: TestShape.square)
    func inverseIsTwoSided(shape: TestShape) throws {
        let a = Self.wellConditioned(shape)
        let inverse = try a.inverse()
        let n = shape.rowCount
        let left = compare(Oracle.product(inverse, a), Matrix.identity(n), atol: 1e-13, rtol: 0)
        #expect(left.isWithinTolerance, "A⁻¹·A: \(left)")
        let right = compare(Oracle.product(a, inverse), Matrix.identity(n), atol: 1e-13, rtol: 0)
        #expect(right.isWithinTolerance, "A·A⁻¹: \(right)")
    }

    @Test func singularMatricesAreRejected() throws {
        // An exactly zero pivot.
        let exact = try Matrix(rows: [[1, 2], [2, 4]])
        #expect(throws: LinearAlgebraError.singular(operation: "linear solve", pivot: 2, dimension: 2)) {
            try exact.solve([1, 1])
        }
        let error = #expect(throws: LinearAlgebraError.self) { try exact.inverse() }
        #expect(error?.description == "matrix inverse: matrix is singular: pivot 2 of 2 in its LU factorization "
            + "is exactly zero; use least squares (which reports the rank) for rank-deficient systems")
        // Singular, but rounding leaves a tiny pivot: caught by the condition estimate.
        let rounded = try Matrix(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        for attempt in [{ _ = try rounded.solve([1, 2, 3]) }, { _ = try rounded.inverse() }] {
            let caught = #expect(throws: LinearAlgebraError.self) { try attempt() }
            switch caught {
            case .illConditioned, .singular: break
            default: Issue.record("expected singular or illConditioned, got \(String(describing: caught))")
            }
        }
    }

    @Test func illConditionedMessage() throws {
        // The rows differ by two units in the last place: condition number about 1e16.
        let a = try Matrix(rows: [[1, 1], [1, 1 + 2 * Double.ulpOfOne]])
        let error = #expect(throws: LinearAlgebraError.self) { try a.solve([1, 1]) }
        guard case let .illConditioned(operation, rcond) = error else {
            Issue.record("expected illConditioned, got \(String(describing: error))")
            return
        }
        #expect(operation == "linear solve")
        #expect(rcond < Double.ulpOfOne)
        #expect(error?.description.contains("matrix is numerically singular: reciprocal condition number") == true)
    }

    @Test func shapeErrors() throws {
        #expect(throws: LinearAlgebraError.notSquare(
            operation: "linear solve", shape: MatrixShape(rowCount: 2, columnCount: 3))) {
            try Matrix.zeros(rowCount: 2, columnCount: 3).solve([1, 2])
        }
        let error = #expect(throws: LinearAlgebraError.self) { try Matrix.zeros(rowCount: 3, columnCount: 2).inverse() }
        #expect(error?.description == "matrix inverse: matrix is 3x2 but must be square; use least squares for rectangular systems")
        #expect(throws: LinearAlgebraError.rightHandSideMismatch(
            operation: "linear solve", matrix: MatrixShape(rowCount: 2, columnCount: 2),
            rightHandSide: MatrixShape(rowCount: 3, columnCount: 1))) {
            try Matrix.identity(2).solve(Matrix.zeros(rowCount: 3, columnCount: 1))
        }
    }
}
