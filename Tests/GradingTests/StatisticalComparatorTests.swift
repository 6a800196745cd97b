import Testing
@testable import Grading
import JSONSupport

struct StatisticalComparatorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let student: JSONValue
        let studentError: JSONValue?
        let reference: JSONValue
        let referenceError: JSONValue
        let expected: OutcomeCase
        var testDescription: String { name }

        init(_ name: String, student: JSONValue, studentError: JSONValue?, reference: JSONValue, referenceError: JSONValue,
             passed: Bool, score: Double? = nil, explanation: String? = nil, mentions: [String] = []) {
            self.name = name
            self.student = student
            self.studentError = studentError
            self.reference = reference
            self.referenceError = referenceError
            expected = OutcomeCase(name, student: student, reference: reference, passed: passed, score: score,
                                   explanation: explanation, mentions: mentions)
        }
    }

    static let cases: [Case] = [
        // z = 0.02 / sqrt(0.01² + 0.005²) = 1.789
        Case("within 3 combined standard errors", student: 1.52, studentError: 0.01, reference: 1.5, referenceError: 0.005, passed: true,
             explanation: "worst z 1.79: student 1.52 ± 1e-2, reference 1.5 ± 5e-3; allowed z <= 3"),
        // z = 0.06 / 0.01118 = 5.37
        Case("beyond", student: 1.56, studentError: 0.01, reference: 1.5, referenceError: 0.005, passed: false,
             explanation: "worst z 5.37: student 1.56 ± 1e-2, reference 1.5 ± 5e-3; allowed z <= 3"),
        // Element 2: z = 0.5 / sqrt(0.1² + 0.1²) = 3.54
        Case("one element of three beyond", student: [1, 2, 3], studentError: 0.1, reference: [1, 2.1, 3.5], referenceError: [0.1, 0.1, 0.1],
             passed: false, explanation: "worst z 3.54 at [2]: student 3 ± 0.1, reference 3.5 ± 0.1; allowed z <= 3; 1 of 3 elements beyond"),
        Case("both exact and equal", student: 2, studentError: 0, reference: 2, referenceError: 0, passed: true, mentions: ["worst z 0"]),
        Case("both exact and different", student: 2.001, studentError: 0, reference: 2, referenceError: 0, passed: false,
             mentions: ["worst z inf"]),
        Case("negative standard error", student: 1.5, studentError: -0.01, reference: 1.5, referenceError: 0.01, passed: false,
             explanation: "student standard error -1e-2; it must be a finite number >= 0"),
        Case("NaN estimate", student: [1, nil], studentError: 0.1, reference: [1, 2], referenceError: 0.1, passed: false,
             explanation: "student value NaN at [1]; estimates must be finite"),
        Case("wrong shape", student: [1, 2], studentError: 0.1, reference: [1, 2, 3], referenceError: 0.1, passed: false,
             explanation: "shape mismatch: student [2], reference [3]"),
        Case("error of the wrong shape", student: [1, 2, 3], studentError: [0.1, 0.1], reference: [1, 2, 3], referenceError: 0.1,
             passed: false, explanation: "student standard error: shape [2] fits neither the value's [3] nor a scalar"),
        Case("error as a word", student: 1, studentError: "small", reference: 1, referenceError: 0.1, passed: false,
             explanation: "student standard error: the value must be a number, found a string (\"small\")"),
        Case("both empty", student: [], studentError: [], reference: [], referenceError: [], passed: true, explanation: "both empty"),
    ]

    @Test(arguments: cases)
    func table(_ testCase: Case) throws {
        let comparator = try StatisticalComparator(z: 3, standardErrorField: JSONPath("energy_se"))
        let outcome = try comparator.compare(student: testCase.student, studentStandardError: testCase.studentError,
                                             reference: testCase.reference, referenceStandardError: testCase.referenceError)
        expect(outcome, matches: testCase.expected)
    }

    @Test func partialCreditIsTheFractionWithin() throws {
        let comparator = try StatisticalComparator(z: 3, standardErrorField: JSONPath("se"), credit: .proportional)
        let outcome = try comparator.compare(student: [1, 2, 3], studentStandardError: 0.1, reference: [1, 2.1, 3.5], referenceStandardError: 0.1)
        expect(outcome, passed: false, score: 2.0 / 3)
    }

    @Test func anInflatedStudentErrorIsCapped() throws {
        let comparator = try StatisticalComparator(z: 3, standardErrorField: JSONPath("se"), maximumStandardErrorRatio: 10)
        expect(try comparator.compare(student: 1.9, studentStandardError: 1, reference: 1.5, referenceStandardError: 0.01), passed: false, score: 0,
               explanation: "student standard error 1 is more than 10 x the reference's 1e-2; run longer")
        expect(try comparator.compare(student: 1.51, studentStandardError: 0.05, reference: 1.5, referenceStandardError: 0.01), passed: true, score: 1)
    }

    @Test func onlyTheReferenceErrorWhenTheStudentReportsNone() throws {
        let comparator = try StatisticalComparator(z: 2, standardErrorField: JSONPath("se"), studentStandardError: .ignored)
        expect(try comparator.compare(student: 1.01, studentStandardError: nil, reference: 1, referenceStandardError: 0.01), passed: true, score: 1,
               mentions: ["worst z 1: student 1.01 ± 0"])
    }

    @Test func aNegativeReferenceErrorIsTheInstructorsError() throws {
        let comparator = try StatisticalComparator(z: 3, standardErrorField: JSONPath("se"))
        let error = thrownError { () throws(GradingError) in
            try comparator.compare(student: 1, studentStandardError: 0.1, reference: 1, referenceStandardError: -0.1)
        }
        #expect(error?.description.contains("standard errors finite and >= 0") == true)
    }

    @Test func rejectsInvalidOptions() throws {
        let path = try JSONPath("se")
        #expect(thrownError { () throws(GradingError) in try StatisticalComparator(z: 0, standardErrorField: path) }?.description
            == "comparator 'statistical': option 'z' must be a number > 0 (got 0)")
        #expect(thrownError { () throws(GradingError) in try StatisticalComparator(z: 3, standardErrorField: path, maximumStandardErrorRatio: 0.5) }?
            .description == "comparator 'statistical': option 'max_standard_error_ratio' must be a number >= 1 (got 0.5)")
    }
}

struct MetricComparatorTests {
    static let labels: JSONValue = [0, 0, 0, 0]
    static let referencePredictions: JSONValue = [0.125, -0.125, 0.125, -0.125]

    static let cases: [OutcomeCase] = [
        OutcomeCase("as good as the reference", student: [-0.125, 0.125, 0.125, 0.125], reference: referencePredictions, passed: true,
                    explanation: "MAE 0.125 = 1 x the reference's 0.125; full credit <= 1.5x, none >= 3x"),
        OutcomeCase("twice the reference's error", student: [0.25, -0.25, 0.25, 0.25], reference: referencePredictions, passed: false,
                    score: 2.0 / 3, explanation: "MAE 0.25 = 2 x the reference's 0.125; full credit <= 1.5x, none >= 3x"),
        OutcomeCase("four times", student: [0.5, 0.5, -0.5, 0.5], reference: referencePredictions, passed: false, score: 0),
        OutcomeCase("perfect", student: [0, 0, 0, 0], reference: referencePredictions, passed: true, mentions: ["MAE 0 = 0 x"]),
        OutcomeCase("one prediction short", student: [0, 0, 0], reference: referencePredictions, passed: false,
                    explanation: "shape mismatch: student [3], reference [4]; one prediction per label"),
        OutcomeCase("NaN prediction", student: [0, "nan", 0, 0], reference: referencePredictions, passed: false,
                    explanation: "student prediction NaN at [1]; predictions must be finite"),
        OutcomeCase("infinite prediction", student: [0, 0, 0, "inf"], reference: referencePredictions, passed: false,
                    mentions: ["student prediction inf at [3]"]),
        OutcomeCase("no predictions", student: [], reference: referencePredictions, passed: false,
                    explanation: "shape mismatch: student [0], reference [4]; one prediction per label"),
    ]

    @Test(arguments: cases)
    func meanAbsoluteError(_ testCase: OutcomeCase) throws {
        let comparator = try MetricComparator(passFactor: 1.5, failFactor: 3, labelsField: JSONPath("labels"))
        expect(try comparator.compare(predictions: testCase.student, referencePredictions: testCase.reference, labels: Self.labels),
               matches: testCase)
    }

    @Test func rootMeanSquareErrorPunishesOneLargeError() throws {
        let comparator = try MetricComparator(measure: .rootMeanSquareError, passFactor: 1.5, labelsField: JSONPath("labels"))
        // MAE would be equal (0.125); RMSE is 0.25 against the reference's 0.125.
        let outcome = try comparator.compare(predictions: [0.5, 0, 0, 0], referencePredictions: Self.referencePredictions, labels: Self.labels)
        expect(outcome, passed: false, score: 0, explanation: "RMSE 0.25 = 2 x the reference's 0.125; allowed <= 1.5x")
    }

    @Test func aFloorKeepsAPerfectReferenceFromSettingAnImpossibleBar() throws {
        let labels: JSONValue = [1, 2, 3, 4]
        let withoutFloor = try MetricComparator(passFactor: 1.5, labelsField: JSONPath("labels"))
        expect(try withoutFloor.compare(predictions: [1.01, 2, 3, 4], referencePredictions: labels, labels: labels), passed: false, score: 0,
               mentions: ["= inf x the reference's 0"])
        let withFloor = try MetricComparator(passFactor: 1.5, labelsField: JSONPath("labels"), referenceErrorFloor: 0.01)
        expect(try withFloor.compare(predictions: [1.01, 2.01, 3, 4], referencePredictions: labels, labels: labels), passed: true, score: 1,
               mentions: ["x the reference's 1e-2 (floor)"])
    }

    @Test func mismatchedReferenceAndLabelsAreTheInstructorsError() throws {
        let comparator = try MetricComparator(passFactor: 1.5, labelsField: JSONPath("labels"))
        let error = thrownError { () throws(GradingError) in try comparator.compare(predictions: [1], referencePredictions: [1, 2], labels: [1]) }
        #expect(error?.description.contains("must be finite, non-empty and of one shape") == true)
    }

    @Test(arguments: [
        (0.0, nil, 0.0, "comparator 'metric': option 'pass_factor' must be a number > 0 (got 0)"),
        (2, 1.5, 0, "comparator 'metric': option 'fail_factor' must be a number >= pass_factor, which is 2 (got 1.5)"),
        (2, 3, -1, "comparator 'metric': option 'reference_error_floor' must be a number >= 0 (got -1)"),
    ] as [(Double, Double?, Double, String)])
    func rejectsInvalidOptions(pass: Double, fail: Double?, floor: Double, message: String) throws {
        let path = try JSONPath("labels")
        let error = thrownError { () throws(GradingError) in
            try MetricComparator(passFactor: pass, failFactor: fail, labelsField: path, referenceErrorFloor: floor)
        }
        #expect(error?.description == message)
    }
}
