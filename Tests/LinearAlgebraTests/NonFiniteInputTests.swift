import LinearAlgebra
import Testing

/// Every LAPACK-backed routine refuses NaN and infinity with an error naming the element,
/// instead of passing them to LAPACK (which may loop, return garbage, or report a
/// misleading failure such as "not positive definite").
@Suite("Non-finite input to LAPACK routines")
struct NonFiniteInputTests {
    /// One routine called on input with a bad element, and the error it must throw.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let call: @Sendable () throws -> Void
        let operation: String
        let row: Int
        let column: Int
        let value: Double
        var testDescription: String { name }
    }

    static func matrix(_ n: Int, bad value: Double, at row: Int, _ column: Int, symmetric: Bool = true) -> Matrix {
        var a = Matrix.identity(n)
        a[row, column] = value
        if symmetric { a[column, row] = value }
        return a
    }

    static let cases: [Case] = [
        Case(name: "Cholesky, NaN", call: { _ = try matrix(3, bad: .nan, at: 1, 2).cholesky() },
             operation: "Cholesky factorization", row: 1, column: 2, value: .nan),
        Case(name: "Cholesky solve, infinite right-hand side",
             call: { _ = try Matrix.identity(2).cholesky().solve([1, .infinity]) },
             operation: "Cholesky solve (right-hand side)", row: 1, column: 0, value: .infinity),
        Case(name: "eigendecomposition, +inf on the diagonal",
             call: { _ = try matrix(3, bad: .infinity, at: 2, 2).symmetricEigendecomposition() },
             operation: "symmetric eigendecomposition", row: 2, column: 2, value: .infinity),
        Case(name: "eigenvalues, NaN", call: { _ = try matrix(2, bad: .nan, at: 0, 1).symmetricEigenvalues() },
             operation: "symmetric eigenvalues", row: 0, column: 1, value: .nan),
        Case(name: "SVD, -inf", call: { _ = try matrix(3, bad: -.infinity, at: 2, 0, symmetric: false).singularValueDecomposition() },
             operation: "singular value decomposition", row: 2, column: 0, value: -.infinity),
        Case(name: "singular values, NaN", call: { _ = try matrix(2, bad: .nan, at: 1, 1).singularValues() },
             operation: "singular values", row: 1, column: 1, value: .nan),
        Case(name: "least squares, NaN in A",
             call: { _ = try matrix(3, bad: .nan, at: 0, 2, symmetric: false).leastSquares([1, 2, 3]) },
             operation: "least squares", row: 0, column: 2, value: .nan),
        Case(name: "least squares, NaN in b",
             call: { _ = try Matrix.identity(3).leastSquares([1, .nan, 3]) },
             operation: "least squares (right-hand side)", row: 1, column: 0, value: .nan),
        Case(name: "solve, inf in A", call: { _ = try matrix(2, bad: .infinity, at: 1, 0, symmetric: false).solve([1, 2]) },
             operation: "linear solve", row: 1, column: 0, value: .infinity),
        Case(name: "solve, NaN in B",
             call: { _ = try Matrix.identity(2).solve(Matrix(rowCount: 2, columnCount: 2, repeating: .nan)) },
             operation: "linear solve (right-hand side)", row: 0, column: 0, value: .nan),
        Case(name: "inverse, NaN", call: { _ = try matrix(4, bad: .nan, at: 3, 1, symmetric: false).inverse() },
             operation: "matrix inverse", row: 3, column: 1, value: .nan),
    ]

    @Test("the error names the routine, the element and its value", arguments: cases)
    func nonFiniteInputIsRejected(testCase: Case) throws {
        let error = #expect(throws: LinearAlgebraError.self) { try testCase.call() }
        guard case let .nonFinite(operation, row, column, value) = error else {
            Issue.record("expected nonFinite, got \(String(describing: error))")
            return
        }
        #expect(operation == testCase.operation)
        #expect(row == testCase.row && column == testCase.column)
        #expect(value == testCase.value || (value.isNaN && testCase.value.isNaN), "value \(value)")
    }

    @Test func messageSaysWhatToLookFor() throws {
        let error = #expect(throws: LinearAlgebraError.self) {
            try Self.matrix(3, bad: .nan, at: 1, 2).symmetricEigendecomposition()
        }
        #expect(error?.description == "symmetric eigendecomposition: element [1, 2] is nan; LAPACK needs finite "
            + "input; find where the NaN or infinity came from (division by zero, log of 0, overflow)")
    }
}
