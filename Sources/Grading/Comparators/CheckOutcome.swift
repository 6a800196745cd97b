import JSONSupport
/// The result of one check: whether it passed, the fraction of its points earned, and one line
/// a student can act on, naming the worst element
/// (`max |diff| 3.2e-2 at [4,17] (student 2.417, reference 2.385); allowed 1e-4 + 1e-6*|ref|`).
public struct CheckOutcome: Hashable, Sendable, Codable, CustomStringConvertible {
    /// True when the output meets the check's criterion in full.
    public let passed: Bool
    /// The fraction of the check's points earned, in [0, 1]. 1 when passed; 0 or partial
    /// credit (when the comparator gives it) otherwise.
    public let score: Double
    /// One line: what was compared, the worst element, what was allowed.
    public let explanation: String
    /// True for a `manual` check: no automatic verdict; the instructor enters the points later.
    public let awaitsManualGrading: Bool

    /// - Parameter score: clamped to [0, 1]; NaN counts as 0.
    public init(passed: Bool, score: Double, explanation: String, awaitsManualGrading: Bool = false) {
        self.passed = passed
        self.score = score.isNaN ? 0 : min(1, max(0, score))
        self.explanation = explanation
        self.awaitsManualGrading = awaitsManualGrading
    }

    /// Passed, full score.
    public static func pass(_ explanation: String) -> CheckOutcome {
        CheckOutcome(passed: true, score: 1, explanation: explanation)
    }

    /// Failed, no score.
    public static func fail(_ explanation: String) -> CheckOutcome {
        CheckOutcome(passed: false, score: 0, explanation: explanation)
    }

    /// `PASS (1): ...`, `FAIL (0.25): ...`, `MANUAL: ...`.
    public var description: String {
        if awaitsManualGrading { return "MANUAL: \(explanation)" }
        return "\(passed ? "PASS" : "FAIL") (\(NumberFormat.compact(score))): \(explanation)"
    }
}
