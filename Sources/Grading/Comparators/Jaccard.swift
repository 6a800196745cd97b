import JSONSupport
/// `jaccard`: the Jaccard index `|A ∩ B| / |A ∪ B|` of the student's and the reference's
/// identifier sets must reach ``threshold``. 1 when both are empty.
///
/// The score is the Jaccard index itself (`credit = .proportional`, the default), or 1 when
/// passing and 0 otherwise (`.allOrNothing`). The threshold is absolute: the index is already
/// a fraction of the union, so it needs no scale.
public struct JaccardComparator: PairComparator {
    public static let kind = ComparatorKind.jaccard

    /// The smallest passing Jaccard index, in [0, 1].
    public let threshold: Double
    public let credit: Credit

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for a
    ///   threshold outside [0, 1].
    public init(threshold: Double, credit: Credit = .proportional) throws(GradingError) {
        guard threshold >= 0, threshold <= 1 else {
            throw .invalidOption(
                comparator: Self.kind.rawValue, option: "threshold", requirement: "a number in [0, 1]",
                got: NumberFormat.exact(threshold))
        }
        self.threshold = threshold
        self.credit = credit
    }

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let (studentIDs, referenceIDs): ([JSONValue], [JSONValue])
        switch readIdentifiers(student: student, reference: reference) {
        case let .success(pair): (studentIDs, referenceIDs) = pair
        case let .failure(problem): return .fail(problem.message)
        case let .referenceFailure(problem):
            throw .invalidReference(comparator: Self.kind.rawValue, reason: "reference: \(problem.message)")
        }
        let comparison = IdentifierSetComparison(student: studentIDs, reference: referenceIDs)
        let index = comparison.jaccardIndex
        var text = "Jaccard index \(NumberFormat.compact(index)) (\(comparison.sharedCount) shared of \(comparison.unionCount)); "
            + "minimum \(NumberFormat.compact(threshold))"
        if let difference = comparison.differenceText { text += "; " + difference }
        text += comparison.duplicateText
        let passed = index >= threshold
        let score = credit == .proportional ? index : (passed ? 1 : 0)
        return CheckOutcome(passed: passed, score: score, explanation: text)
    }
}
