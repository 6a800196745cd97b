import Testing
@testable import Grading
import JSONSupport

/// One row of a comparator's table: inputs, the expected verdict and score, and either the
/// exact explanation or fragments it must contain.
struct OutcomeCase: CustomTestStringConvertible, Sendable {
    let name: String
    let student: JSONValue
    let reference: JSONValue
    let passed: Bool
    let score: Double
    /// The exact explanation, when the case pins it.
    let explanation: String?
    /// Fragments the explanation must contain.
    let mentions: [String]

    init(_ name: String, student: JSONValue, reference: JSONValue, passed: Bool, score: Double? = nil,
         explanation: String? = nil, mentions: [String] = []) {
        self.name = name
        self.student = student
        self.reference = reference
        self.passed = passed
        self.score = score ?? (passed ? 1 : 0)
        self.explanation = explanation
        self.mentions = mentions
    }

    var testDescription: String { name }
}

/// Checks an outcome against a case, reporting expected and observed on failure.
func expect(_ outcome: CheckOutcome, matches testCase: OutcomeCase, sourceLocation: SourceLocation = #_sourceLocation) {
    expect(outcome, passed: testCase.passed, score: testCase.score, explanation: testCase.explanation,
           mentions: testCase.mentions, sourceLocation: sourceLocation)
}

func expect(_ outcome: CheckOutcome, passed: Bool, score: Double, explanation: String? = nil, mentions: [String] = [],
            sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(outcome.passed == passed, "passed: expected \(passed), observed \(outcome)", sourceLocation: sourceLocation)
    #expect(abs(outcome.score - score) <= 1e-12, "score: expected \(score), observed \(outcome.score) (|diff| \(abs(outcome.score - score))); \(outcome)",
            sourceLocation: sourceLocation)
    if let explanation {
        #expect(outcome.explanation == explanation, sourceLocation: sourceLocation)
    }
    for fragment in mentions {
        #expect(outcome.explanation.contains(fragment), "explanation lacks \"\(fragment)\": \(outcome.explanation)", sourceLocation: sourceLocation)
    }
    #expect(!outcome.explanation.contains("\n"), "explanation must be one line: \(outcome.explanation)", sourceLocation: sourceLocation)
}

/// `[[Double]]` as a JSON array of arrays.
func json(_ rows: [[Double]]) -> JSONValue {
    .array(rows.map { .array($0.map(JSONValue.number)) })
}

/// `[Double]` as a JSON array.
func json(_ values: [Double]) -> JSONValue {
    .array(values.map(JSONValue.number))
}

/// The error a throwing expression throws, or nil.
func thrownError<T>(_ body: () throws(GradingError) -> T) -> GradingError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// A field path written in a test; a path that does not parse is recorded as a test failure
/// (and the root path returned, which no check can pass with).
func fieldPath(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONPath {
    do {
        return try JSONPath(text)
    } catch {
        Issue.record("test field path '\(text)' does not parse: \(error)", sourceLocation: sourceLocation)
        return .root
    }
}
