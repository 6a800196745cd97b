/// A dense matrix of `Double`, row-major: element (i, j) is `storage[i * columnCount + j]`.
///
/// Shapes are written `[rowCount x columnCount]`. Zero rows or columns are allowed (an empty
/// data set is a `0 x featureCount` matrix). Operations that can fail on the caller's data
/// (shapes, non-finite values, singular input) throw ``LinearAlgebraError``; an index out of
/// range in the subscript is a programming error and traps, as `Array` does.
///
/// Heavy operations call OpenBLAS (CBLAS and Fortran LAPACK). LAPACK is column-major, so the
/// row-major storage of `A` is, to LAPACK, the storage of `Aᵀ`; each routine in this module
/// accounts for that (see the comment in each file).
///
/// Threading: every function is safe to call from several threads at once. Nothing here
/// holds shared state, and the pthreads build of OpenBLAS installed here (0.3.21) guards its
/// own thread pool; the tests run in parallel and `ConcurrencyTests` compares concurrent
/// results with serial ones. This module never calls `openblas_set_num_threads`: the thread
/// count is a process-wide choice, so a caller that runs many small problems in parallel
/// (the grader with `--jobs N`) should set `OPENBLAS_NUM_THREADS=1` in its environment.
public struct Matrix: Hashable, Sendable {
    public let rowCount: Int
    public let columnCount: Int
    /// The elements in row-major order; always `rowCount * columnCount` of them.
    public internal(set) var storage: [Double]

    /// A `[rowCount x columnCount]` matrix filled with `value`.
    /// - Precondition: `rowCount >= 0`, `columnCount >= 0`.
    public init(rowCount: Int, columnCount: Int, repeating value: Double = 0) {
        precondition(rowCount >= 0 && columnCount >= 0, "matrix dimensions must be >= 0")
        self.rowCount = rowCount
        self.columnCount = columnCount
        storage = Array(repeating: value, count: rowCount * columnCount)
    }

    /// A `[rowCount x columnCount]` matrix over row-major `storage`.
    /// - Throws: ``LinearAlgebraError/storageCountMismatch(shape:count:)`` when
    ///   `storage.count != rowCount * columnCount`.
    public init(rowCount: Int, columnCount: Int, storage: [Double]) throws {
        precondition(rowCount >= 0 && columnCount >= 0, "matrix dimensions must be >= 0")
        guard storage.count == rowCount * columnCount else {
            throw LinearAlgebraError.storageCountMismatch(
                shape: MatrixShape(rowCount: rowCount, columnCount: columnCount), count: storage.count)
        }
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.storage = storage
    }

    /// A matrix over row-major `storage` whose count is right by construction (the result
    /// of an elementwise operation on a matrix of this shape, say).
    /// - Precondition: `storage.count == rowCount * columnCount`.
    public init(rowCount: Int, columnCount: Int, exactStorage storage: [Double]) {
        precondition(rowCount >= 0 && columnCount >= 0 && storage.count == rowCount * columnCount,
                     "storage count \(storage.count) is not rowCount * columnCount for \(rowCount)x\(columnCount)")
        self.init(rowCount: rowCount, columnCount: columnCount, uncheckedStorage: storage)
    }

    /// Used by this module when the count is correct by construction.
    init(rowCount: Int, columnCount: Int, uncheckedStorage storage: [Double]) {
        assert(storage.count == rowCount * columnCount, "storage count must be rowCount * columnCount")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.storage = storage
    }

    /// A matrix from its rows: `rows[i][j]` is element (i, j). `[]` gives a `0 x 0` matrix.
    /// - Throws: ``LinearAlgebraError/raggedRows(row:length:expectedLength:)`` naming the
    ///   first row whose length differs from row 0's.
    public init(rows: [[Double]]) throws {
        let columnCount = rows.first?.count ?? 0
        if let ragged = rows.firstIndex(where: { $0.count != columnCount }) {
            throw LinearAlgebraError.raggedRows(row: ragged, length: rows[ragged].count, expectedLength: columnCount)
        }
        self.init(rowCount: rows.count, columnCount: columnCount, uncheckedStorage: rows.flatMap { $0 })
    }

    /// A square matrix with `diagonal` on its diagonal and zeros elsewhere.
    public init(diagonal: [Double]) {
        self.init(rowCount: diagonal.count, columnCount: diagonal.count)
        for (index, value) in diagonal.enumerated() {
            self[index, index] = value
        }
    }

    /// A `[values.count x 1]` column vector.
    public init(column values: [Double]) {
        self.init(rowCount: values.count, columnCount: 1, uncheckedStorage: values)
    }

    /// The `[n x n]` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        Matrix(diagonal: Array(repeating: 1, count: n))
    }

    /// The `[rowCount x columnCount]` zero matrix.
    public static func zeros(rowCount: Int, columnCount: Int) -> Matrix {
        Matrix(rowCount: rowCount, columnCount: columnCount)
    }

    /// Element (row, column), both 0-based.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(0 <= row && row < rowCount && 0 <= column && column < columnCount,
                         "index [\(row), \(column)] out of range for a \(shape) matrix")
            return storage[row * columnCount + column]
        }
        set {
            precondition(0 <= row && row < rowCount && 0 <= column && column < columnCount,
                         "index [\(row), \(column)] out of range for a \(shape) matrix")
            storage[row * columnCount + column] = newValue
        }
    }

    /// `[rowCount x columnCount]`.
    public var shape: MatrixShape { MatrixShape(rowCount: rowCount, columnCount: columnCount) }

    /// True when `rowCount == columnCount`.
    public var isSquare: Bool { rowCount == columnCount }

    /// True when no element is NaN or infinite.
    public var isFinite: Bool { storage.allSatisfy(\.isFinite) }

    /// Row `index` (0-based), `columnCount` elements.
    public func row(_ index: Int) -> [Double] {
        precondition(0 <= index && index < rowCount, "row \(index) out of range for a \(shape) matrix")
        return Array(storage[(index * columnCount)..<((index + 1) * columnCount)])
    }

    /// Column `index` (0-based), `rowCount` elements.
    public func column(_ index: Int) -> [Double] {
        precondition(0 <= index && index < columnCount, "column \(index) out of range for a \(shape) matrix")
        return (0..<rowCount).map { storage[$0 * columnCount + index] }
    }

    /// All rows, `[rowCount][columnCount]`: the inverse of `init(rows:)`.
    public var rows: [[Double]] { (0..<rowCount).map(row) }

    /// The main diagonal, `min(rowCount, columnCount)` elements.
    public var diagonal: [Double] {
        (0..<min(rowCount, columnCount)).map { storage[$0 * columnCount + $0] }
    }

    /// The transpose `Aᵀ`, `[columnCount x rowCount]`.
    public func transposed() -> Matrix {
        var result = Matrix(rowCount: columnCount, columnCount: rowCount)
        storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                for i in 0..<rowCount {
                    for j in 0..<columnCount {
                        target[j * rowCount + i] = source[i * columnCount + j]
                    }
                }
            }
        }
        return result
    }
}

/// The shape of a matrix; prints as `3x4` (rows x columns).
public struct MatrixShape: Hashable, Sendable, CustomStringConvertible {
    public let rowCount: Int
    public let columnCount: Int

    public init(rowCount: Int, columnCount: Int) {
        self.rowCount = rowCount
        self.columnCount = columnCount
    }

    public var description: String { "\(rowCount)x\(columnCount)" }
}

extension Matrix: CustomStringConvertible {
    /// `3x2 [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]`: shape, then the rows.
    public var description: String { "\(shape) \(rows)" }
}
