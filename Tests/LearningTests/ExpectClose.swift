import Foundation
import LinearAlgebra
import Testing
import TestSupport

/// `#expect` that `observed` is within `atol + rtol·|expected|` of `expected` element by
/// element, printing the worst element on failure (TestSupport's `compare`).
///
/// With `LEARNING_REPORT_DEVIATIONS=1` in the environment it also prints the largest absolute
/// and relative deviation of every comparison, which is how the deviations quoted in the
/// kernels' tolerance contracts were measured.
func expectClose(
    _ observed: [Double], _ expected: [Double], atol: Double, rtol: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let comparison = compare(observed, expected, atol: atol, rtol: rtol)
    #expect(comparison.isWithinTolerance, "\(what): \(comparison)", sourceLocation: sourceLocation)
    if ProcessInfo.processInfo.environment["LEARNING_REPORT_DEVIATIONS"] != nil, observed.count == expected.count {
        let absolute = zip(observed, expected).map { abs($0 - $1) }.max() ?? 0
        let relative = zip(observed, expected).map { $1 == 0 ? abs($0) : abs($0 - $1) / abs($1) }.max() ?? 0
        print("deviation \(what): max abs \(absolute), max rel \(relative)")
    }
}

func expectClose(
    _ observed: Matrix, _ expected: [[Double]], atol: Double, rtol: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let shapeMatches = observed.rowCount == expected.count && expected.allSatisfy { $0.count == observed.columnCount }
    #expect(shapeMatches, "\(what): observed \(observed.shape), expected \(expected.count) rows of \(expected.first?.count ?? 0)",
            sourceLocation: sourceLocation)
    guard shapeMatches else { return }
    expectClose(observed.storage, expected.flatMap { $0 }, atol: atol, rtol: rtol, what, sourceLocation: sourceLocation)
}

func expectClose(
    _ observed: Double, _ expected: Double, atol: Double, rtol: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose([observed], [expected], atol: atol, rtol: rtol, what, sourceLocation: sourceLocation)
}
