import JSONSupport
/// `rank`: the student must order items as the reference does (screening candidates, feature
/// importances), judged by Spearman's rank correlation or by the overlap of the top k.
///
/// Two input forms (``Input``): `scores`, one number per item in the same item order on both
/// sides (higher is better unless ``order`` says otherwise), or `rankedList`, a list of item
/// identifiers best first.
///
/// - Spearman: Pearson correlation of the ranks, ties given their average rank (scipy
///   `spearmanr`). With scores the direction is irrelevant; both sides are just ranked.
/// - Top k: the fraction of the student's top k found in the reference's top k. With scores,
///   the reference's top k includes every item tied with its k-th value, so any tie-breaking
///   of the student is accepted; the student's own ties are broken by item order.
///
/// All-or-nothing: the statistic is a threshold test, and the explanation reports its value.
/// Both thresholds are absolute (a correlation, a fraction of k): they are already
/// dimensionless and scale-free, so a relative form would add nothing.
public struct RankComparator: PairComparator {
    public static let kind = ComparatorKind.rank

    public enum Criterion: Hashable, Sendable {
        /// Spearman's ρ >= `minimum`, in [-1, 1].
        case spearman(minimum: Double)
        /// |student top k ∩ reference top k| / k >= `minimumOverlap`, in [0, 1]; k >= 1.
        case topK(k: Int, minimumOverlap: Double)
    }

    public enum Input: String, Hashable, Sendable, CaseIterable {
        /// One score per item, items in the same order on both sides.
        case scores
        /// Item identifiers (strings or numbers), best first.
        case rankedList
    }

    public enum Order: String, Hashable, Sendable, CaseIterable {
        /// The highest score ranks first (predicted stability, activity).
        case descending
        /// The lowest score ranks first (energy above hull, formation energy).
        case ascending
    }

    public let criterion: Criterion
    public let input: Input
    /// Which end of a score list is the top (scores input, top k only).
    public let order: Order

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for a
    ///   minimum out of range or k < 1.
    public init(criterion: Criterion, input: Input = .scores, order: Order = .descending) throws(GradingError) {
        switch criterion {
        case let .spearman(minimum):
            guard minimum >= -1, minimum <= 1 else {
                throw .invalidOption(comparator: Self.kind.rawValue, option: "minimum", requirement: "a Spearman correlation in [-1, 1]",
                                     got: NumberFormat.exact(minimum))
            }
        case let .topK(k, minimumOverlap):
            guard k >= 1 else {
                throw .invalidOption(comparator: Self.kind.rawValue, option: "k", requirement: "an integer >= 1", got: String(k))
            }
            guard minimumOverlap >= 0, minimumOverlap <= 1 else {
                throw .invalidOption(comparator: Self.kind.rawValue, option: "minimum", requirement: "a fraction of the top k in [0, 1]",
                                     got: NumberFormat.exact(minimumOverlap))
            }
        }
        self.criterion = criterion
        self.input = input
        self.order = order
    }

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        switch input {
        case .scores: try compareScores(student: student, reference: reference)
        case .rankedList: try compareRankedLists(student: student, reference: reference)
        }
    }

    private func compareScores(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let referenceArray = try referenceNumbers(reference)
        guard referenceArray.dimensionCount == 1, !referenceArray.values.contains(where: \.isNaN) else {
            throw .invalidReference(comparator: Self.kind.rawValue, reason: "reference scores must be a list of numbers without NaN")
        }
        let studentArray: NumericArray
        do {
            studentArray = try NumericArray(student)
        } catch {
            return .fail(error.description)
        }
        guard studentArray.shape == referenceArray.shape else {
            return .fail(shapeMismatchExplanation(student: studentArray.shape, reference: referenceArray.shape) + "; one score per item")
        }
        if let bad = studentArray.values.firstIndex(where: \.isNaN) {
            return .fail("student score NaN\(studentArray.locationText(ofFlat: bad)); every item needs a score")
        }
        let (studentScores, referenceScores) = (studentArray.values, referenceArray.values)
        switch criterion {
        case let .spearman(minimum):
            guard let referenceRho = RankStatistics.spearmanCorrelation(referenceScores, referenceScores), referenceRho > 0 else {
                throw .invalidReference(comparator: Self.kind.rawValue,
                                        reason: "Spearman needs at least 2 reference scores that are not all equal")
            }
            guard let rho = RankStatistics.spearmanCorrelation(studentScores, referenceScores) else {
                return .fail("the student's \(studentScores.count) scores are all equal, so they rank nothing")
            }
            return spearmanOutcome(rho, minimum: minimum, count: studentScores.count)
        case let .topK(k, minimumOverlap):
            guard k <= referenceScores.count else {
                throw .invalidReference(comparator: Self.kind.rawValue, reason: "k = \(k) but the reference scores \(referenceScores.count) items")
            }
            let sign: Double = order == .descending ? 1 : -1
            let studentTop = studentScores.indices.sorted { (sign * studentScores[$0], -$0) > (sign * studentScores[$1], -$1) }.prefix(k)
            let kthValue = referenceScores.map { sign * $0 }.sorted(by: >)[k - 1]
            let referenceTop = Set(referenceScores.indices.filter { sign * referenceScores[$0] >= kthValue })
            let outside = studentTop.filter { !referenceTop.contains($0) }
            let shared = studentTop.count - outside.count
            let missed = outside.map { NumberFormat.index([$0]) }
            return topKOutcome(shared: shared, k: k, minimumOverlap: minimumOverlap, missed: missed)
        }
    }

    private func compareRankedLists(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let referenceIDs: [JSONValue]
        switch IdentifierSetComparison.identifiers(reference) {
        case let .success(ids): referenceIDs = ids
        case let .failure(problem): throw .invalidReference(comparator: Self.kind.rawValue, reason: "reference: \(problem.message)")
        }
        guard Set(referenceIDs).count == referenceIDs.count else {
            throw .invalidReference(comparator: Self.kind.rawValue, reason: "the reference ranked list repeats an item")
        }
        let studentIDs: [JSONValue]
        switch IdentifierSetComparison.identifiers(student) {
        case let .success(ids): studentIDs = ids
        case let .failure(problem): return .fail(problem.message)
        }
        let comparison = IdentifierSetComparison(student: studentIDs, reference: referenceIDs)
        if let duplicate = comparison.studentDuplicates.first {
            return .fail("the student's ranking lists \(duplicate.abbreviated(30)) more than once")
        }
        switch criterion {
        case let .spearman(minimum):
            guard referenceIDs.count >= 2 else {
                throw .invalidReference(comparator: Self.kind.rawValue, reason: "Spearman needs at least 2 ranked reference items")
            }
            if let difference = comparison.differenceText {
                return .fail("the student must rank the same items as the reference: \(difference)")
            }
            let referencePosition = Dictionary(uniqueKeysWithValues: referenceIDs.enumerated().map { ($1, Double($0)) })
            let studentPositions = studentIDs.indices.map(Double.init)
            let referencePositions = studentIDs.map { referencePosition[$0] ?? 0 }
            let rho = RankStatistics.spearmanCorrelation(studentPositions, referencePositions) ?? 0
            return spearmanOutcome(rho, minimum: minimum, count: studentIDs.count)
        case let .topK(k, minimumOverlap):
            guard k <= referenceIDs.count else {
                throw .invalidReference(comparator: Self.kind.rawValue, reason: "k = \(k) but the reference ranks \(referenceIDs.count) items")
            }
            let referenceTop = Set(referenceIDs.prefix(k))
            let studentTop = studentIDs.prefix(k)
            let outside = studentTop.filter { !referenceTop.contains($0) }
            let missed = outside.map { $0.abbreviated(30) }
            return topKOutcome(shared: studentTop.count - outside.count, k: k, minimumOverlap: minimumOverlap, missed: missed)
        }
    }

    private func spearmanOutcome(_ rho: Double, minimum: Double, count: Int) -> CheckOutcome {
        let text = "Spearman correlation \(NumberFormat.compact(rho)) over \(count) items; minimum \(NumberFormat.compact(minimum))"
        return rho >= minimum ? .pass(text) : .fail(text)
    }

    private func topKOutcome(shared: Int, k: Int, minimumOverlap: Double, missed: [String]) -> CheckOutcome {
        let overlap = Double(shared) / Double(k)
        var text = "top-\(k) overlap \(shared) of \(k) (\(NumberFormat.compact(overlap))); minimum \(NumberFormat.compact(minimumOverlap))"
        if !missed.isEmpty {
            text += "; student top items outside the reference's top \(k): " + missed.prefix(3).joined(separator: ", ") + (missed.count > 3 ? ", …" : "")
        }
        return overlap >= minimumOverlap ? .pass(text) : .fail(text)
    }
}
