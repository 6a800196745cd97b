import LinearAlgebra
import Testing
import TestSupport

@Suite("Matrix: construction, access, element-wise arithmetic, norm")
struct MatrixTests {
    let example: Matrix

    init() throws {
        example = try Matrix(rows: [[1, 2, 3], [4, 5, 6]])
    }

    @Test func initFromRowsIsRowMajor() throws {
        #expect(example.shape == MatrixShape(rowCount: 2, columnCount: 3))
        #expect(example.storage == [1, 2, 3, 4, 5, 6])
        #expect(example[1, 0] == 4)
        #expect(example.rows == [[1, 2, 3], [4, 5, 6]])
        #expect(example.row(1) == [4, 5, 6])
        #expect(example.column(2) == [3, 6])
        #expect(example.diagonal == [1, 5])
        #expect("\(example)" == "2x3 [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]")
    }

    @Test func emptyAndDegenerateShapes() throws {
        #expect(try Matrix(rows: []).shape == MatrixShape(rowCount: 0, columnCount: 0))
        #expect(try Matrix(rows: [[], []]).shape == MatrixShape(rowCount: 2, columnCount: 0))
        #expect(Matrix.zeros(rowCount: 0, columnCount: 4).transposed().shape == MatrixShape(rowCount: 4, columnCount: 0))
        #expect(Matrix.zeros(rowCount: 3, columnCount: 0).frobeniusNorm == 0)
    }

    @Test func raggedRowsAreRejectedWithTheRowNamed() {
        let error = #expect(throws: LinearAlgebraError.self) {
            try Matrix(rows: [[1, 2, 3], [4, 5, 6], [7, 8]])
        }
        #expect(error == .raggedRows(row: 2, length: 2, expectedLength: 3))
        #expect(error?.description
            == "matrix rows: row 2 has 2 elements but row 0 has 3; give every row the same number of columns")
    }

    @Test func flatStorageMustMatchTheShape() throws {
        #expect(try Matrix(rowCount: 2, columnCount: 2, storage: [1, 2, 3, 4]) == Matrix(rows: [[1, 2], [3, 4]]))
        #expect(throws: LinearAlgebraError.storageCountMismatch(shape: MatrixShape(rowCount: 2, columnCount: 3), count: 5)) {
            try Matrix(rowCount: 2, columnCount: 3, storage: [1, 2, 3, 4, 5])
        }
    }

    @Test func identityZerosDiagonal() throws {
        #expect(Matrix.identity(3) == (try Matrix(rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])))
        #expect(Matrix.zeros(rowCount: 2, columnCount: 3).storage == [0, 0, 0, 0, 0, 0])
        #expect(Matrix(diagonal: [2, 5]) == (try Matrix(rows: [[2, 0], [0, 5]])))
        #expect(Matrix(column: [1, 2, 3]).shape == MatrixShape(rowCount: 3, columnCount: 1))
    }

    @Test("transposed() matches the index-swapping oracle", arguments: TestShape.general)
    func transposeMatchesOracle(shape: TestShape) {
        let a = Matrix.random(rowCount: shape.rowCount, columnCount: shape.columnCount, seed: shape.seed)
        let c = compare(a.transposed(), Oracle.transpose(a), atol: 0, rtol: 0)
        #expect(c.isWithinTolerance, "\(c)")
        #expect(a.transposed().transposed() == a)
    }

    @Test("+, -, scalar * and / act element by element", arguments: TestShape.general)
    func elementwiseArithmetic(shape: TestShape) throws {
        let a = Matrix.random(rowCount: shape.rowCount, columnCount: shape.columnCount, seed: shape.seed)
        let b = Matrix.random(rowCount: shape.rowCount, columnCount: shape.columnCount, seed: shape.seed + 1000)
        let expectedSum = zip(a.storage, b.storage).map { $0 + $1 }
        let expectedDifference = zip(a.storage, b.storage).map { $0 - $1 }
        for (observed, expected) in [
            (try a + b, expectedSum), (try a - b, expectedDifference),
            (2.5 * a, a.storage.map { 2.5 * $0 }), (a * 2.5, a.storage.map { $0 * 2.5 }),
            (a / 4, a.storage.map { $0 / 4 }), (-a, a.storage.map { -$0 }),
        ] {
            #expect(observed.shape == a.shape)
            let c = compare(observed.storage, expected, atol: 0, rtol: 0)
            #expect(c.isWithinTolerance, "\(c)")
        }
    }

    @Test func elementwiseShapeMismatchSaysBothShapes() throws {
        let a = Matrix.zeros(rowCount: 3, columnCount: 4)
        let b = Matrix.zeros(rowCount: 4, columnCount: 3)
        let error = #expect(throws: LinearAlgebraError.self) { try a + b }
        #expect(error?.description == "element-wise addition: left is 3x4, right is 4x3; shapes must be equal; "
            + "check that both operands have the same number of rows and columns")
        #expect(throws: LinearAlgebraError.elementwiseShapeMismatch(
            operation: "element-wise subtraction", left: a.shape, right: b.shape)) { try a - b }
    }

    @Test func frobeniusNormHandComputed() throws {
        // 1 + 4 + 9 + 16 + 25 + 36 = 91.
        #expect(abs(example.frobeniusNorm - 91.0.squareRoot()) <= 1e-15 * 91.0.squareRoot())
        // [[3, 4]] has norm 5; scaled by 1e200 it must neither overflow nor lose digits.
        let huge = 1e200 * (try Matrix(rows: [[3, 4]]))
        #expect(abs(huge.frobeniusNorm / 1e200 - 5) <= 1e-14)
        let tiny = 1e-200 * (try Matrix(rows: [[3, 4]]))
        #expect(abs(tiny.frobeniusNorm / 1e-200 - 5) <= 1e-14)
    }

    @Test("Frobenius norm matches sqrt of the sum of squares", arguments: TestShape.general)
    func frobeniusNormMatchesOracle(shape: TestShape) {
        let a = Matrix.random(rowCount: shape.rowCount, columnCount: shape.columnCount, seed: shape.seed)
        let expected = a.storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let c = compare([a.frobeniusNorm], [expected], atol: 0, rtol: 1e-14)
        #expect(c.isWithinTolerance, "\(c)")
    }

    @Test func isFiniteAndHashable() throws {
        var a = example
        #expect(a.isFinite)
        a[0, 1] = .nan
        #expect(!a.isFinite)
        #expect(Set([example, example, Matrix.identity(2)]).count == 2)
    }
}

@Suite("Frobenius norm of non-finite input")
struct FrobeniusNonFiniteTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let values: [Double]
        let expectNaN: Bool
        var testDescription: String { "\(values)" }
    }

    @Test("NaN gives NaN, infinity gives infinity", arguments: [
        Case(values: [1, .nan, 3], expectNaN: true),
        Case(values: [.nan], expectNaN: true),
        Case(values: [0, 0, .nan, 0, 0, 0, 0, 0, 0, 0], expectNaN: true),
        Case(values: [1, .infinity, 3], expectNaN: false),
        Case(values: [-.infinity, 0], expectNaN: false),
    ])
    func nonFiniteNorm(testCase: Case) throws {
        let norm = Matrix(column: testCase.values).frobeniusNorm
        if testCase.expectNaN {
            #expect(norm.isNaN, "norm \(norm)")
        } else {
            #expect(norm == .infinity, "norm \(norm)")
        }
    }
}
