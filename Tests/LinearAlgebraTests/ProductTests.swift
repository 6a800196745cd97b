import LinearAlgebra
import Testing
import TestSupport

/// One product case: `op(A)` is `[m x k]`, `op(B)` is `[k x n]`.
struct ProductCase: Sendable, CustomTestStringConvertible {
    let m: Int
    let k: Int
    let n: Int
    let seed: UInt64
    var testDescription: String { "[\(m)x\(k)]·[\(k)x\(n)]" }

    static let all: [ProductCase] = [
        ProductCase(m: 1, k: 1, n: 1, seed: 1),
        ProductCase(m: 2, k: 3, n: 2, seed: 2),
        ProductCase(m: 9, k: 4, n: 3, seed: 3),
        ProductCase(m: 3, k: 17, n: 5, seed: 4),
        ProductCase(m: 1, k: 7, n: 1, seed: 5),
        ProductCase(m: 7, k: 1, n: 7, seed: 6),
        ProductCase(m: 70, k: 65, n: 80, seed: 7),
        ProductCase(m: 3, k: 0, n: 2, seed: 8),
        ProductCase(m: 0, k: 3, n: 2, seed: 9),
    ]
}

@Suite("Products: cblas_dgemm and cblas_dgemv against the triple loop")
struct ProductTests {
    @Test func handComputedProduct() throws {
        let a = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
        let b = try Matrix(rows: [[7, 8], [9, 10], [11, 12]])
        #expect(try a * b == (try Matrix(rows: [[58, 64], [139, 154]])))
        #expect(try a.multiplied(by: [1, 0, -1]) == [-2, -2])
        #expect(try a.transposeMultiplied(by: [1, 1]) == [5, 7, 9])
    }

    @Test("op(A)·op(B) for every ProductForm matches the triple loop",
          arguments: ProductCase.all, ProductForm.allCases)
    func productMatchesOracle(productCase: ProductCase, form: ProductForm) throws {
        let (m, k, n) = (productCase.m, productCase.k, productCase.n)
        let opA = Matrix.random(rowCount: m, columnCount: k, seed: productCase.seed)
        let opB = Matrix.random(rowCount: k, columnCount: n, seed: productCase.seed + 500)
        // Store each operand so that op(stored) is the matrix above.
        let left = form == .transposingLeft || form == .transposingBoth ? Oracle.transpose(opA) : opA
        let right = form == .transposingRight || form == .transposingBoth ? Oracle.transpose(opB) : opB
        let observed = try left.multiplied(by: right, form)
        let c = compare(observed, Oracle.product(opA, opB), atol: 1e-13, rtol: 1e-13)
        #expect(c.isWithinTolerance, "\(form) \(c)")
    }

    @Test("A·x and Aᵀ·x match the double loop", arguments: TestShape.general)
    func matrixVectorMatchesOracle(shape: TestShape) throws {
        let a = Matrix.random(rowCount: shape.rowCount, columnCount: shape.columnCount, seed: shape.seed)
        let x = Matrix.random(rowCount: 1, columnCount: shape.columnCount, seed: shape.seed + 1).storage
        let y = Matrix.random(rowCount: 1, columnCount: shape.rowCount, seed: shape.seed + 2).storage
        let c1 = compare(try a * x, Oracle.product(a, x), atol: 1e-13, rtol: 1e-13)
        #expect(c1.isWithinTolerance, "A·x \(c1)")
        let c2 = compare(try a.transposeMultiplied(by: y), Oracle.product(Oracle.transpose(a), y), atol: 1e-13, rtol: 1e-13)
        #expect(c2.isWithinTolerance, "Aᵀ·x \(c2)")
    }

    @Test func innerDimensionMismatchMessage() throws {
        let a = Matrix.zeros(rowCount: 3, columnCount: 4)
        let b = Matrix.zeros(rowCount: 5, columnCount: 2)
        let error = #expect(throws: LinearAlgebraError.self) { try a * b }
        #expect(error?.description == "matrix product: left is 3x4, right is 5x2; inner dimensions must agree "
            + "(4 != 5); transpose an operand or check which axis holds the samples")
        // Aᵀ·B of the same operands compares 3 with 5.
        let transposedError = #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: b, .transposingLeft) }
        #expect(transposedError == .innerDimensionMismatch(
            operation: "matrix product Aᵀ·B", left: a.shape, right: b.shape, leftInner: 3, rightInner: 5))
    }

    @Test func vectorLengthMismatchMessage() throws {
        let a = Matrix.zeros(rowCount: 3, columnCount: 4)
        let error = #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: [1, 2, 3]) }
        #expect(error?.description
            == "matrix-vector product: matrix is 3x4, vector has 3 elements; the vector needs 4 elements")
        #expect(throws: LinearAlgebraError.vectorLengthMismatch(
            operation: "matrix-vector product Aᵀ·x", matrix: a.shape, vectorLength: 4, expectedLength: 3)) {
            try a.transposeMultiplied(by: [1, 2, 3, 4])
        }
    }

    @Test func nanPropagatesThroughProducts() throws {
        let a = try Matrix(rows: [[1, .nan], [0, 1]])
        let product = try a * Matrix.identity(2)
        #expect(product[0, 1].isNaN)
        #expect(product[1, 1] == 1)
    }
}
