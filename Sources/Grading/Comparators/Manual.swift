/// `manual`: no automatic comparison. The outcome says the instructor enters the points
/// (``CheckOutcome/awaitsManualGrading``); its score is 0 until then.
public struct ManualComparator: Hashable, Sendable {
    public static let kind = ComparatorKind.manual

    public init() {}

    public var outcome: CheckOutcome {
        CheckOutcome(passed: false, score: 0, explanation: "graded by hand: the instructor enters the points", awaitsManualGrading: true)
    }
}
