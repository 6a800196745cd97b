import LinearAlgebra

/// Column means and centring of `[sampleCount x featureCount]` data: the first step of
/// standardisation, linear models with an intercept, PCA and k-means.
extension Matrix {
    /// The mean of each column, `featureCount` values (numpy `X.mean(axis=0)`).
    /// Two-pass free: a plain sum divided by `rowCount`; `[0, ...]` for zero rows.
    var columnMeans: [Double] {
        var sums = [Double](repeating: 0, count: columnCount)
        storage.withUnsafeBufferPointer { values in
            for i in 0..<rowCount {
                for j in 0..<columnCount {
                    sums[j] += values[i * columnCount + j]
                }
            }
        }
        let count = Double(Swift.max(rowCount, 1))
        return sums.map { $0 / count }
    }

    /// The mean of each column and the variance about it with divisor `rowCount - ddof`
    /// (two-pass: the squared deviations are summed after the means are known).
    func columnMeansAndVariances(ddof: Int) -> (means: [Double], variances: [Double]) {
        let means = columnMeans
        var squares = [Double](repeating: 0, count: columnCount)
        storage.withUnsafeBufferPointer { values in
            for i in 0..<rowCount {
                for j in 0..<columnCount {
                    let deviation = values[i * columnCount + j] - means[j]
                    squares[j] += deviation * deviation
                }
            }
        }
        let divisor = Double(rowCount - ddof)
        return (means, squares.map { $0 / divisor })
    }

    /// Each row minus `offsets` (same length as a row).
    func subtractingFromRows(_ offsets: [Double]) -> Matrix {
        var values = storage
        for i in 0..<rowCount {
            for j in 0..<columnCount {
                values[i * columnCount + j] -= offsets[j]
            }
        }
        return Matrix(rowCount: rowCount, columnCount: columnCount, exactStorage: values)
    }

    /// Each row plus `offsets` (same length as a row).
    func addingToRows(_ offsets: [Double]) -> Matrix {
        subtractingFromRows(offsets.map { -$0 })
    }

    /// The rows at `indices`, in that order: `[indices.count x columnCount]`.
    public func rows(at indices: [Int]) -> Matrix {
        var result = Matrix(rowCount: indices.count, columnCount: columnCount)
        for (target, source) in indices.enumerated() {
            for j in 0..<columnCount {
                result[target, j] = self[source, j]
            }
        }
        return result
    }
}

extension Matrix {
    /// A matrix over storage whose count is `rowCount * columnCount` by construction.
    init(rowCount: Int, columnCount: Int, exactStorage: [Double]) {
        do {
            try self.init(rowCount: rowCount, columnCount: columnCount, storage: exactStorage)
        } catch {
            preconditionFailure("Learning built \(exactStorage.count) values for a \(rowCount)x\(columnCount) matrix")
        }
    }
}

extension Array where Element == Double {
    /// The arithmetic mean; 0 for an empty array.
    var mean: Double { isEmpty ? 0 : reduce(0, +) / Double(count) }
}
