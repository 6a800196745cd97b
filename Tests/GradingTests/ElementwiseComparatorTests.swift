import Testing
@testable import Grading
import JSONSupport

struct EqualComparatorTests {
    static let cases: [OutcomeCase] = [
        OutcomeCase("equal integer rows", student: [[1, 0], [0, 1]], reference: [[1, 0], [0, 1]], passed: true,
                    explanation: "all 2 elements equal"),
        OutcomeCase("3.0 is the integer 3", student: [3.0, 1], reference: [3, 1], passed: true),
        OutcomeCase("one differing entry", student: [[1, 0], [0, 2], [1, 1]], reference: [[1, 0], [0, 1], [1, 1]], passed: false,
                    explanation: "first difference at [1][1]: student 2, reference 1; 1 of 3 elements differ"),
        OutcomeCase("string for a number", student: ["Fe", "3"], reference: ["Fe", 3], passed: false,
                    explanation: "first difference at [1]: student a string (\"3\"), reference a number (3); 1 of 2 elements differ"),
        OutcomeCase("shorter list", student: [1, 2], reference: [1, 2, 3], passed: false,
                    explanation: "length differs: student has 2 elements, reference 3"),
        OutcomeCase("shorter inner list", student: [[1], [2]], reference: [[1], [2, 3]], passed: false,
                    explanation: "length differs at [1]: student has 1 element, reference 2; 1 of 2 elements differ"),
        OutcomeCase("missing object field", student: ["a": 1], reference: ["a": 1, "b": 2], passed: false,
                    explanation: "field 'b' missing"),
        OutcomeCase("extra object field", student: [["a": 1, "z": 0]], reference: [["a": 1]], passed: false,
                    explanation: "unexpected field 'z' at [0]; 1 of 1 element differ"),
        OutcomeCase("scalar strings", student: "NaCl", reference: "ClNa", passed: false, explanation: "student \"NaCl\", reference \"ClNa\""),
        OutcomeCase("NaN equals NaN", student: [.number(.nan)], reference: [.number(.nan)], passed: true),
        OutcomeCase("null is not NaN", student: [nil], reference: [.number(.nan)], passed: false, mentions: ["student null"]),
        OutcomeCase("both empty", student: [], reference: [], passed: true, explanation: "all 0 elements equal"),
        OutcomeCase("empty vs one", student: [], reference: [true], passed: false,
                    explanation: "length differs: student has 0 elements, reference 1"),
    ]

    @Test(arguments: cases)
    func allOrNothing(_ testCase: OutcomeCase) throws {
        expect(try EqualComparator().compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    @Test func partialCreditCountsEqualRows() throws {
        let comparator = EqualComparator(credit: .proportional)
        let outcome = try comparator.compare(student: [[1, 0], [0, 2], [1, 1], [5, 5]], reference: [[1, 0], [0, 1], [1, 1], [4, 4]])
        expect(outcome, passed: false, score: 0.5, mentions: ["2 of 4 elements differ"])
        // Lengths differ: no row-wise credit.
        expect(try comparator.compare(student: [1, 2], reference: [1, 2, 3]), passed: false, score: 0)
    }
}

struct AllCloseComparatorTests {
    static let tolerance = Tolerance(absolute: 1e-4, relative: 1e-6)

    static let cases: [OutcomeCase] = [
        OutcomeCase("inside absolute tolerance", student: [[1.00005, 2], [3, 4]], reference: [[1, 2], [3, 4]], passed: true,
                    explanation: "all 4 elements within 1e-4 + 1e-6*|ref| (max |diff| 5e-5 at [0,0])"),
        OutcomeCase("relative part for large values", student: json([1e6 + 1]), reference: json([1e6]), passed: true),
        OutcomeCase("just outside", student: [[1, 2], [3, 4.0003]], reference: [[1, 2], [3, 4]], passed: false,
                    explanation: "worst |diff| 3e-4 at [1,1] (student 4.0003, reference 4); allowed 1e-4 + 1e-6*|ref| = 1.04e-4; "
                        + "1 of 4 elements outside"),
        OutcomeCase("worst by allowance, not by raw difference", student: json([1e6 + 0.5, 0.001]), reference: json([1e6, 0]), passed: false,
                    explanation: "worst |diff| 1e-3 at [1] (student 1e-3, reference 0); allowed 1e-4 + 1e-6*|ref| = 1e-4; "
                        + "1 of 2 elements outside"),
        OutcomeCase("scalar", student: 1.5, reference: 1.0, passed: false,
                    explanation: "worst |diff| 0.5 (student 1.5, reference 1); allowed 1e-4 + 1e-6*|ref| = 1.01e-4"),
        OutcomeCase("transposed", student: [[1, 2, 3], [4, 5, 6]], reference: [[1, 4], [2, 5], [3, 6]], passed: false,
                    explanation: "shape mismatch: student [2, 3], reference [3, 2] (transposed?)"),
        OutcomeCase("flattened", student: [1, 2, 3, 4], reference: [[1, 2], [3, 4]], passed: false,
                    explanation: "shape mismatch: student [4], reference [2, 2] (same number of elements, nested differently)"),
        OutcomeCase("missing row", student: [[1, 2]], reference: [[1, 2], [3, 4]], passed: false,
                    explanation: "shape mismatch: student [1, 2], reference [2, 2]"),
        OutcomeCase("student NaN", student: [1, "NaN"], reference: [1, 2], passed: false,
                    explanation: "student NaN at [1] where the reference is 2; 1 of 2 elements outside"),
        OutcomeCase("student null", student: [nil, 2], reference: [1, 2], passed: false, mentions: ["student NaN at [0]"]),
        OutcomeCase("NaN against NaN fails by default", student: [.number(.nan)], reference: [.number(.nan)], passed: false,
                    explanation: "NaN at [0] in both; NaN never matches (nan = fail); 1 of 1 element outside"),
        OutcomeCase("same infinity", student: ["inf"], reference: [.number(.infinity)], passed: true),
        OutcomeCase("opposite infinity", student: ["-inf"], reference: [.number(.infinity)], passed: false,
                    mentions: ["infinity mismatch at [0]"]),
        OutcomeCase("finite against infinity", student: [1e308], reference: [.number(.infinity)], passed: false,
                    mentions: ["infinity mismatch"]),
        OutcomeCase("a word", student: [1, "two"], reference: [1, 2], passed: false,
                    explanation: "element [1] must be a number, found a string (\"two\")"),
        OutcomeCase("ragged", student: [[1, 2], [3]], reference: [[1, 2], [3, 4]], passed: false, mentions: ["ragged", "element [1]"]),
        OutcomeCase("both empty", student: [], reference: [], passed: true, explanation: "both empty (shape [0])"),
        OutcomeCase("empty student", student: [], reference: [1], passed: false, explanation: "shape mismatch: student [0], reference [1]"),
    ]

    @Test(arguments: cases)
    func allOrNothing(_ testCase: OutcomeCase) throws {
        let comparator = try AllCloseComparator(tolerance: Self.tolerance)
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    @Test func partialCreditIsTheFractionWithin() throws {
        let comparator = try AllCloseComparator(tolerance: Self.tolerance, credit: .proportional)
        let outcome = try comparator.compare(student: [1, 2.5, 3, "NaN"], reference: [1, 2, 3, 4])
        expect(outcome, passed: false, score: 0.5, mentions: ["2 of 4 elements outside"])
        expect(try comparator.compare(student: [1, 2], reference: [1, 2, 3]), passed: false, score: 0, mentions: ["shape mismatch"])
    }

    @Test func nanEqualLetsNaNMatchNaNOnly() throws {
        let comparator = try AllCloseComparator(tolerance: Self.tolerance, nanPolicy: .nanEqual)
        expect(try comparator.compare(student: [1, nil, "nan"], reference: [1, .number(.nan), .number(.nan)]), passed: true, score: 1)
        expect(try comparator.compare(student: [1, 2], reference: [1, .number(.nan)]), passed: false, score: 0,
               explanation: "student 2 at [1] where the reference is NaN; 1 of 2 elements outside")
    }

    @Test func exactZeroToleranceDemandsEquality() throws {
        let comparator = try AllCloseComparator(tolerance: Tolerance())
        expect(try comparator.compare(student: [1, 2], reference: [1, 2]), passed: true, score: 1,
               explanation: "all 2 elements within 0 (exact) (max |diff| 0 at [0])")
        expect(try comparator.compare(student: [1, 2.0000000000000004], reference: [1, 2]), passed: false, score: 0)
    }

    @Test(arguments: [
        (Tolerance(absolute: -1e-3, relative: 0), "comparator 'allclose': option 'atol' must be a number >= 0 (got -0.001)"),
        (Tolerance(absolute: 0, relative: 5), "comparator 'allclose': option 'rtol' must be a number in [0, 1] (got 5)"),
        (Tolerance(absolute: .nan, relative: 0), "comparator 'allclose': option 'atol' must be a number >= 0 (got NaN)"),
    ])
    func rejectsInvalidTolerances(tolerance: Tolerance, message: String) {
        let error = thrownError { () throws(GradingError) in try AllCloseComparator(tolerance: tolerance) }
        #expect(error?.description == message)
    }

    @Test func aNonNumericReferenceIsTheInstructorsError() throws {
        let comparator = try AllCloseComparator()
        let error = thrownError { () throws(GradingError) in try comparator.compare(student: [1], reference: ["x"]) }
        #expect(error?.description.hasPrefix("comparator 'allclose': the reference does not fit this check: reference value: element [0]") == true)
    }
}

struct AllCloseUpToSignComparatorTests {
    /// Eigenvectors of [[2, 1], [1, 2]] as columns: (1, 1)/√2 and (1, -1)/√2.
    static let s = 0.5.squareRoot()
    static let eigenvectors: JSONValue = json([[s, s], [s, -s]])

    static let cases: [OutcomeCase] = [
        OutcomeCase("same signs", student: eigenvectors, reference: eigenvectors, passed: true,
                    explanation: "all 4 elements within 1e-8 + 1e-5*|ref| (max |diff| 0 at [0,0])"),
        OutcomeCase("second column flipped", student: json([[s, -s], [s, s]]), reference: eigenvectors, passed: true,
                    explanation: "all 4 elements within 1e-8 + 1e-5*|ref| (max |diff| 0 at [0,0]); after flipping the sign of columns 1"),
        OutcomeCase("both columns flipped", student: json([[-s, -s], [-s, s]]), reference: eigenvectors, passed: true,
                    mentions: ["after flipping the sign of columns 0, 1"]),
        OutcomeCase("one element flipped is not a vector flip", student: json([[s, s], [s, s]]), reference: eigenvectors, passed: false,
                    mentions: ["at [1,1]", "1 of 4 elements outside"]),
        OutcomeCase("rows flipped are not columns flipped", student: json([[-s, -s], [s, -s]]), reference: eigenvectors, passed: false),
        OutcomeCase("a flipped vector", student: [-1, 2, -3], reference: [1, -2, 3], passed: true,
                    mentions: ["after flipping the sign of the vector"]),
        OutcomeCase("transposed", student: json([[1, 2, 3], [4, 5, 6]]), reference: json([[1, 4], [2, 5], [3, 6]]), passed: false,
                    mentions: ["transposed?"]),
        OutcomeCase("NaN", student: json([[s, .nan], [s, -s]]), reference: eigenvectors, passed: false, mentions: ["student NaN at [0,1]"]),
        OutcomeCase("no vectors", student: [], reference: [], passed: true, explanation: "both empty (shape [0])"),
    ]

    @Test(arguments: cases)
    func columns(_ testCase: OutcomeCase) throws {
        let comparator = try AllCloseUpToSignComparator()
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    @Test func rowsAxisFlipsRows() throws {
        let comparator = try AllCloseUpToSignComparator(axis: .rows)
        let reference = json([[0.6, 0.8], [-0.8, 0.6]])
        expect(try comparator.compare(student: json([[-0.6, -0.8], [-0.8, 0.6]]), reference: reference), passed: true, score: 1,
               mentions: ["after flipping the sign of rows 0"])
        expect(try comparator.compare(student: json([[-0.6, 0.8], [0.8, 0.6]]), reference: reference), passed: false, score: 0)
    }

    @Test func partialCreditAfterFlipping() throws {
        let comparator = try AllCloseUpToSignComparator(credit: .proportional)
        // Column 0 flipped (fine), column 1 wrong in one element.
        let outcome = try comparator.compare(student: json([[-1, 0], [-2, 9]]), reference: json([[1, 0], [2, 1]]))
        expect(outcome, passed: false, score: 0.75, mentions: ["at [1,1]", "after flipping the sign of columns 0"])
    }

    @Test func aThreeDimensionalReferenceIsRejected() throws {
        let comparator = try AllCloseUpToSignComparator()
        let error = thrownError { () throws(GradingError) in try comparator.compare(student: [[[1]]], reference: [[[1]]]) }
        #expect(error?.description.contains("it must be a vector or a matrix") == true)
    }
}
