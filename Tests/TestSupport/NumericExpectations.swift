import LinearAlgebra

/// The outcome of comparing two arrays of numbers element by element: where they differ most
/// and by how much. Tests assert on `isWithinTolerance` and print `description` on failure,
/// so a failure shows expected, observed, the worst index and the error.
public struct ArrayComparison: CustomStringConvertible, Sendable {
    public let count: Int
    public let worstIndex: Int?
    public let expectedAtWorst: Double
    public let observedAtWorst: Double
    public let worstExcess: Double
    public let shapeMismatch: String?
    public let absoluteTolerance: Double
    public let relativeTolerance: Double

    /// True when shapes agree and every |observed - expected| <= atol + rtol * |expected|.
    public var isWithinTolerance: Bool { shapeMismatch == nil && worstExcess <= 0 }

    public var description: String {
        if let shapeMismatch { return "shape mismatch: \(shapeMismatch)" }
        guard let worstIndex else { return "empty arrays" }
        let difference = abs(observedAtWorst - expectedAtWorst)
        return "worst element [\(worstIndex)] of \(count): expected \(expectedAtWorst), observed \(observedAtWorst), |diff| \(difference); allowed \(absoluteTolerance) + \(relativeTolerance)*|expected|"
    }
}

/// Compares `observed` with `expected` within `atol + rtol * |expected|` per element.
/// NaN matches NaN; anything else against NaN fails.
public func compare(
    _ observed: [Double], _ expected: [Double], atol: Double = 1e-12, rtol: Double = 1e-10
) -> ArrayComparison {
    guard observed.count == expected.count else {
        return ArrayComparison(
            count: observed.count, worstIndex: nil, expectedAtWorst: .nan, observedAtWorst: .nan,
            worstExcess: .infinity, shapeMismatch: "observed \(observed.count) elements, expected \(expected.count)",
            absoluteTolerance: atol, relativeTolerance: rtol)
    }
    var worst: Int? = nil
    var worstExcess = -Double.infinity
    for index in observed.indices {
        let (o, e) = (observed[index], expected[index])
        let excess: Double
        if o.isNaN && e.isNaN {
            excess = -atol
        } else if o.isNaN || e.isNaN {
            excess = .infinity
        } else if o == e {
            excess = -(atol + rtol * abs(e))
        } else {
            excess = abs(o - e) - (atol + rtol * abs(e))
        }
        if excess > worstExcess || worst == nil {
            worstExcess = excess
            worst = index
        }
    }
    return ArrayComparison(
        count: observed.count, worstIndex: worst,
        expectedAtWorst: worst.map { expected[$0] } ?? .nan, observedAtWorst: worst.map { observed[$0] } ?? .nan,
        worstExcess: worst == nil ? 0 : worstExcess, shapeMismatch: nil,
        absoluteTolerance: atol, relativeTolerance: rtol)
}

/// Compares two matrices element by element, reporting the worst (row, column).
public func compare(_ observed: Matrix, _ expected: Matrix, atol: Double = 1e-12, rtol: Double = 1e-10) -> ArrayComparison {
    guard observed.rowCount == expected.rowCount, observed.columnCount == expected.columnCount else {
        return ArrayComparison(
            count: observed.storage.count, worstIndex: nil, expectedAtWorst: .nan, observedAtWorst: .nan,
            worstExcess: .infinity,
            shapeMismatch: "observed \(observed.rowCount)x\(observed.columnCount), expected \(expected.rowCount)x\(expected.columnCount)",
            absoluteTolerance: atol, relativeTolerance: rtol)
    }
    return compare(observed.storage, expected.storage, atol: atol, rtol: rtol)
}
