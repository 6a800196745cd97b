import LinearAlgebra

/// Elementwise helpers of the autodiff operations, on operands whose shapes were checked.
extension Matrix {
    /// `combine(self_ij, other_ij)` for every element; `other` has this matrix's shape.
    func combined(with other: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        assert(shape == other.shape)
        var values = storage
        other.storage.withUnsafeBufferPointer { right in
            for index in values.indices { values[index] = combine(values[index], right[index]) }
        }
        return Matrix(rowCount: rowCount, columnCount: columnCount, exactStorage: values)
    }

    /// The sums of the columns, as a `1 x columnCount` row.
    var columnSums: Matrix {
        var sums = [Double](repeating: 0, count: columnCount)
        storage.withUnsafeBufferPointer { values in
            for row in 0..<rowCount {
                let offset = row * columnCount
                for column in 0..<columnCount { sums[column] += values[offset + column] }
            }
        }
        return Matrix(rowCount: 1, columnCount: columnCount, exactStorage: sums)
    }

    /// `combine(self_ij, row_j)` for a `1 x columnCount` `row`.
    func combinedWithRow(_ row: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        assert(row.rowCount == 1 && row.columnCount == columnCount)
        var values = storage
        row.storage.withUnsafeBufferPointer { rowValues in
            for r in 0..<rowCount {
                let offset = r * columnCount
                for column in 0..<columnCount { values[offset + column] = combine(values[offset + column], rowValues[column]) }
            }
        }
        return Matrix(rowCount: rowCount, columnCount: columnCount, exactStorage: values)
    }

    /// A matrix of this shape filled with `value`.
    func filled(_ value: Double) -> Matrix { Matrix(rowCount: rowCount, columnCount: columnCount, repeating: value) }
}
