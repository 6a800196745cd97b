import JSONSupport
import Foundation
import LinearAlgebra
import TestSupport
import Testing
@testable import Grading

struct SubspaceComparatorTests {
    /// span{e1, e2} in R^4, as columns.
    static let plane: [[Double]] = [[1, 0], [0, 1], [0, 0], [0, 0]]

    /// span{e1, cos φ e2 + sin φ e3}: a plane tilted by φ degrees from `plane`.
    static func tilted(degrees: Double) -> [[Double]] {
        let φ = degrees * .pi / 180
        return [[1, 0], [0, cos(φ)], [0, sin(φ)], [0, 0]]
    }

    /// `matrix · mixing`: other columns spanning the same space.
    static func mixed(_ matrix: [[Double]], by mixing: [[Double]]) -> [[Double]] {
        matrix.map { row in (0..<mixing[0].count).map { j in zip(row, mixing).reduce(0) { $0 + $1.0 * $1.1[j] } } }
    }

    static let cases: [OutcomeCase] = [
        OutcomeCase("same basis", student: json(plane), reference: json(plane), passed: true,
                    explanation: "largest principal angle 0 degrees between the 2-dimensional spans; allowed 1"),
        OutcomeCase("rotated and rescaled basis of the same plane", student: json(mixed(plane, by: [[0.6, -2.4], [0.8, 1.8]])),
                    reference: json(plane), passed: true, mentions: ["largest principal angle"]),
        OutcomeCase("swapped and negated columns", student: json([[0, -1], [3, 0], [0, 0], [0, 0]]), reference: json(plane), passed: true),
        OutcomeCase("tilted by half a degree", student: json(tilted(degrees: 0.5)), reference: json(plane), passed: true,
                    explanation: "largest principal angle 0.5 degrees between the 2-dimensional spans; allowed 1"),
        OutcomeCase("tilted by three degrees", student: json(tilted(degrees: 3)), reference: json(plane), passed: false,
                    explanation: "largest principal angle 3 degrees between the 2-dimensional spans; allowed 1"),
        OutcomeCase("orthogonal planes (Hadamard columns)", student: json([[1, 1], [1, -1], [-1, -1], [-1, 1]]),
                    reference: json([[1, 1], [1, -1], [1, 1], [1, -1]]), passed: false, mentions: ["largest principal angle 90 degrees"]),
        OutcomeCase("one vector short", student: json([[1], [0], [0], [0]]), reference: json(plane), passed: false,
                    explanation: "shape mismatch: student [4, 1], reference [4, 2] (the columns are the vectors)"),
        OutcomeCase("transposed", student: json([[1, 0, 0, 0], [0, 1, 0, 0]]), reference: json(plane), passed: false,
                    mentions: ["transposed?"]),
        OutcomeCase("linearly dependent vectors", student: json([[1, 2], [1, 2], [0, 0], [0, 0]]), reference: json(plane), passed: false,
                    explanation: "the student's 2 columns span only 1 dimension; they must be linearly independent"),
        OutcomeCase("zero vectors", student: json([[0, 0], [0, 0], [0, 0], [0, 0]]), reference: json(plane), passed: false,
                    mentions: ["span only 0 dimensions"]),
        OutcomeCase("NaN", student: json([[1, 0], [0, .nan], [0, 0], [0, 0]]), reference: json(plane), passed: false,
                    explanation: "student NaN at [1,1]; the vectors must be finite"),
        OutcomeCase("a single vector up to scale", student: [0, -2, 0], reference: [0, 1, 0], passed: true),
        OutcomeCase("no vectors", student: json([[Double]](repeating: [], count: 4)), reference: json([[Double]](repeating: [], count: 4)),
                    passed: true, explanation: "both span the zero subspace"),
        OutcomeCase("a word", student: [["a", 0]], reference: json(plane), passed: false, mentions: ["must be a number"]),
    ]

    @Test(arguments: cases)
    func columns(_ testCase: OutcomeCase) throws {
        let comparator = try SubspaceComparator(maximumAngleDegrees: 1)
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomBasesOfTheSameSubspacePass(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let reference = (0..<7).map { _ in (0..<3).map { _ in Double.random(in: -1...1, using: &generator) } }
        let mixing = (0..<3).map { _ in (0..<3).map { _ in Double.random(in: -1...1, using: &generator) } }
        let student = Self.mixed(reference, by: mixing)
        let comparator = try SubspaceComparator(maximumAngleDegrees: 1e-6)
        expect(try comparator.compare(student: json(student), reference: json(reference)), passed: true, score: 1)
    }

    /// Small angles come from the sine formula, which keeps full relative precision where
    /// arccos of a cosine near 1 keeps only about 8 digits.
    @Test(arguments: [1e-3, 1e-6, 1e-9, 0.3, 1.2])
    func largestAngleIsAccurate(radians: Double) throws {
        let first = try Matrix(rows: [[1, 0], [0, 1], [0, 0]])
        let second = try Matrix(rows: [[1, 0], [0, cos(radians)], [0, sin(radians)]])
        let angle = try SubspaceComparator.largestPrincipalAngle(first, second)
        let comparison = compare([angle], [radians], atol: 0, rtol: 1e-12)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }

    @Test func rowsAxisTakesRowsAsVectors() throws {
        let comparator = try SubspaceComparator(maximumAngleDegrees: 1, axis: .rows)
        let reference = json([[1, 0, 0, 0], [0, 1, 0, 0]])
        expect(try comparator.compare(student: json([[0.6, 0.8, 0, 0], [-0.8, 0.6, 0, 0]]), reference: reference), passed: true, score: 1)
        expect(try comparator.compare(student: json([[1, 0, 0, 0], [0, 0, 1, 0]]), reference: reference), passed: false, score: 0,
               mentions: ["90 degrees"])
    }

    @Test(arguments: [0.0, -1, 95, .nan])
    func rejectsAnglesOutsideTheQuadrant(angle: Double) {
        let error = thrownError { () throws(GradingError) in try SubspaceComparator(maximumAngleDegrees: angle) }
        #expect(error?.description == "comparator 'subspace': option 'max_angle_degrees' must be an angle in degrees in (0, 90] "
            + "(got \(NumberFormat.exact(angle)))")
    }

    @Test func aDependentReferenceIsTheInstructorsError() throws {
        let comparator = try SubspaceComparator(maximumAngleDegrees: 1)
        let error = thrownError { () throws(GradingError) in
            try comparator.compare(student: json(Self.plane), reference: json([[1, 1], [0, 0], [0, 0], [0, 0]]))
        }
        #expect(error?.description.contains("the reference's 2 vectors span only 1 dimensions") == true)
    }
}
