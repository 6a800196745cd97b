import JSONSupport
/// `ari`: a clustering (one label per sample) must agree with the reference clustering, up to
/// the names of the labels, by an adjusted Rand index of at least ``minimum``
/// (``ClusteringStatistics/adjustedRandIndex(_:_:)``, as scikit-learn's
/// `adjusted_rand_score`).
///
/// Labels are integers or strings (any JSON number, string or Boolean; -1 for noise is just
/// another label). The index is already chance-adjusted, so ``minimum`` is an absolute
/// threshold, not relative to anything: k-means from different seeds on well-separated
/// clusters agrees at 1.0; 0.9 tolerates a few boundary samples.
public struct AdjustedRandIndexComparator: PairComparator {
    public static let kind = ComparatorKind.ari

    /// The smallest passing index, in [-0.5, 1].
    public let minimum: Double

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for a
    ///   minimum outside [-0.5, 1].
    public init(minimum: Double) throws(GradingError) {
        guard minimum >= -0.5, minimum <= 1 else {
            throw .invalidOption(comparator: Self.kind.rawValue, option: "minimum", requirement: "a number in [-0.5, 1]",
                                 got: NumberFormat.exact(minimum))
        }
        self.minimum = minimum
    }

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let referenceLabels: [JSONValue]
        switch IdentifierSetComparison.identifiers(reference, noun: "label") {
        case let .success(labels): referenceLabels = labels
        case let .failure(problem):
            throw .invalidReference(comparator: Self.kind.rawValue, reason: "reference labels: \(problem.message)")
        }
        let studentLabels: [JSONValue]
        switch IdentifierSetComparison.identifiers(student, noun: "label") {
        case let .success(labels): studentLabels = labels
        case let .failure(problem): return .fail(problem.message)
        }
        guard studentLabels.count == referenceLabels.count else {
            return .fail("student has \(studentLabels.count) labels, reference \(referenceLabels.count); one label per sample")
        }
        let index = ClusteringStatistics.adjustedRandIndex(studentLabels, referenceLabels)
        let (studentClusters, referenceClusters) = (Set(studentLabels).count, Set(referenceLabels).count)
        let text = "adjusted Rand index \(NumberFormat.compact(index)); minimum \(NumberFormat.compact(minimum)) "
            + "(student \(studentClusters) cluster\(studentClusters == 1 ? "" : "s"), "
            + "reference \(referenceClusters), \(referenceLabels.count) samples)"
        return index >= minimum ? .pass(text) : .fail(text)
    }
}
