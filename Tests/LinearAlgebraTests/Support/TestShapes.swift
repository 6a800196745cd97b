import Testing

/// A matrix shape for table-driven tests, with the seed of its random matrix and a label
/// that names the case in test output ("9x4 tall").
struct TestShape: Sendable, Hashable, CustomTestStringConvertible {
    let rowCount: Int
    let columnCount: Int
    let seed: UInt64

    var testDescription: String {
        let kind = rowCount == columnCount ? "square" : (rowCount > columnCount ? "tall" : "wide")
        return "\(rowCount)x\(columnCount) \(kind)"
    }

    /// 1x1, small and medium square, tall and wide: every routine is checked on all of them.
    /// 60x45 and 45x60 pass LAPACK's divide-and-conquer threshold (25), so that path runs too.
    static let general: [TestShape] = [
        TestShape(rowCount: 1, columnCount: 1, seed: 11),
        TestShape(rowCount: 2, columnCount: 2, seed: 12),
        TestShape(rowCount: 3, columnCount: 3, seed: 13),
        TestShape(rowCount: 9, columnCount: 4, seed: 14),
        TestShape(rowCount: 4, columnCount: 9, seed: 15),
        TestShape(rowCount: 1, columnCount: 6, seed: 16),
        TestShape(rowCount: 6, columnCount: 1, seed: 17),
        TestShape(rowCount: 60, columnCount: 45, seed: 18),
        TestShape(rowCount: 45, columnCount: 60, seed: 19),
    ]

    /// Square orders for the routines that need square input (Cholesky, eigen, solve);
    /// 60 exercises the divide-and-conquer path of `dsyevd`.
    static let square: [TestShape] = [1, 2, 3, 8, 60].enumerated().map { index, n in
        TestShape(rowCount: n, columnCount: n, seed: 100 + UInt64(index))
    }
}
