/// A dense matrix of `Double`, row-major: element (i, j) is `storage[i * columnCount + j]`.
public struct Matrix: Hashable, Sendable {
    public let rowCount: Int
    public let columnCount: Int
    public var storage: [Double]

    /// A `rowCount x columnCount` matrix filled with `value`.
    public init(rowCount: Int, columnCount: Int, repeating value: Double = 0) {
        precondition(rowCount >= 0 && columnCount >= 0, "matrix dimensions must be >= 0")
        self.rowCount = rowCount
        self.columnCount = columnCount
        storage = Array(repeating: value, count: rowCount * columnCount)
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columnCount + column] }
        set { storage[row * columnCount + column] = newValue }
    }
}
