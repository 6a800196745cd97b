import JSONSupport
/// `invariance`, the comparison part: the student's output on a transformed copy of the input
/// (rotated, translated, atom-permuted, a supercell) must equal, by the ``inner`` comparator,
/// the student's own output on the original input. Making the transformed inputs and running
/// the program on them is the engine's job; this compares the outputs.
///
/// Atom permutations: each transformed output may come with an index map, `indexMap[i]` = the
/// original index of the atom that is atom i of the transformed input (several i may map to
/// one original atom, as in a supercell). With ``reindexesRows`` the original output's rows
/// (one per atom) are reordered to the transformed numbering, `expected[i] = original[map[i]]`;
/// with ``indexColumns`` the atom indices in those columns of the transformed output's rows
/// are translated back to original numbering, `v -> map[v]`. Columns in ``ignoredColumns`` are
/// dropped from every row of both sides before the inner comparison (periodic-image offsets,
/// which a translation followed by wrapping into the cell legitimately changes; the inner
/// comparator's column indices count the remaining columns). Other columns (distances) are
/// compared as they are, so choose a transformation and inner comparator for which the output
/// is truly invariant (a rotation leaves distances, not vectors).
///
/// The tolerance is the inner comparator's; the original output plays the reference, so a
/// relative tolerance is relative to it. The explanation names the transformation that broke
/// the invariance: `changed under permutation: ...; invariant under rotation, translation`.
/// The score is the mean of the inner scores over the transformations.
public struct InvarianceComparator: Hashable, Sendable {
    public static let kind = ComparatorKind.invariance

    /// One transformed run's output value.
    public struct Transformed: Hashable, Sendable {
        /// Names the transformation in explanations ("rotation", "atom permutation").
        public var transformation: String
        public var value: JSONValue
        /// `indexMap[i]`: the original index of the transformed input's atom i; nil for none.
        public var indexMap: [Int]?

        public init(transformation: String, value: JSONValue, indexMap: [Int]? = nil) {
            self.transformation = transformation
            self.value = value
            self.indexMap = indexMap
        }
    }

    /// The comparison of the transformed output with the (mapped) original output; one of the
    /// pairwise comparators (``ComparatorKind/comparesPairs``).
    public let inner: ComparatorSpec
    /// Whether the value's top-level rows are per atom and follow the index map.
    public let reindexesRows: Bool
    /// Columns of each row that hold atom indices (0-based), translated by the index map.
    public let indexColumns: [Int]
    /// Columns of each row (0-based, of the student's rows) left out of the comparison.
    public let ignoredColumns: [Int]

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for an inner
    ///   comparator that does not compare pairs, or negative index columns.
    public init(inner: ComparatorSpec, reindexesRows: Bool = false, indexColumns: [Int] = [], ignoredColumns: [Int] = []) throws(GradingError) {
        guard inner.kind.comparesPairs else {
            let pairKinds = ComparatorKind.allCases.filter(\.comparesPairs).map(\.rawValue).joined(separator: ", ")
            throw .invalidOption(comparator: Self.kind.rawValue, option: "inner", requirement: "one of \(pairKinds)",
                                 got: quoted(inner.kind.rawValue))
        }
        guard indexColumns.allSatisfy({ $0 >= 0 }) else {
            throw .invalidOption(comparator: Self.kind.rawValue, option: "index_columns", requirement: "a list of column indices >= 0",
                                 got: "[" + indexColumns.map(String.init).joined(separator: ", ") + "]")
        }
        guard ignoredColumns.allSatisfy({ $0 >= 0 }), Set(ignoredColumns).isDisjoint(with: indexColumns) else {
            throw .invalidOption(comparator: Self.kind.rawValue, option: "ignore_columns",
                                 requirement: "a list of column indices >= 0, none of them an index column",
                                 got: "[" + ignoredColumns.map(String.init).joined(separator: ", ") + "]")
        }
        self.inner = inner
        self.reindexesRows = reindexesRows
        self.indexColumns = indexColumns
        self.ignoredColumns = ignoredColumns
    }

    /// Compares each transformed output with the original.
    /// - Throws: ``GradingError/invalidReference(comparator:reason:)`` when there is no
    ///   transformed output; the inner comparator's errors.
    public func compare(original: JSONValue, transformed: [Transformed]) throws(GradingError) -> CheckOutcome {
        guard !transformed.isEmpty else {
            throw .invalidReference(comparator: Self.kind.rawValue, reason: "no transformed outputs to compare with the original")
        }
        var outcomes: [(String, CheckOutcome)] = []
        for run in transformed {
            outcomes.append((run.transformation, try compareOne(original: original, run: run)))
        }
        return Self.combine(outcomes)
    }

    /// Joins per-transformation outcomes: passed when all pass, the mean score, failures first.
    /// - Parameter unanswered: copies the program gave no answer on, with the run's reason;
    ///   each counts as a failed transformation.
    static func combine(_ outcomes: [(transformation: String, outcome: CheckOutcome)],
                        unanswered: [(transformation: String, problem: String)] = []) -> CheckOutcome {
        let broken = outcomes.filter { !$0.outcome.passed }
        let kept = outcomes.filter(\.outcome.passed).map(\.transformation)
        var parts = unanswered.map { "no answer on the \($0.transformation) copy: \($0.problem)" }
        parts += broken.map { "changed under \($0.transformation): \($0.outcome.explanation)" }
        if !kept.isEmpty { parts.append("invariant under " + kept.joined(separator: ", ")) }
        let total = Double(max(1, outcomes.count + unanswered.count))
        let score = outcomes.reduce(0) { $0 + $1.outcome.score } / total
        return CheckOutcome(passed: broken.isEmpty && unanswered.isEmpty, score: score, explanation: parts.joined(separator: "; "))
    }

    /// One transformation's outcome, not yet labelled with its name.
    func compareOne(original: JSONValue, run: Transformed) throws(GradingError) -> CheckOutcome {
        var expected = original
        var observed = run.value
        if let map = run.indexMap {
            switch mapped(original: original, transformed: run.value, map: map) {
            case let .success((mappedOriginal, mappedTransformed)): (expected, observed) = (mappedOriginal, mappedTransformed)
            case let .failure(problem): return .fail(problem.message)
            }
        }
        guard let comparator = inner.pairComparator else { return .fail("internal: inner comparator compares no pairs") }
        return try comparator.compare(student: droppingIgnoredColumns(observed), reference: droppingIgnoredColumns(expected))
    }

    /// `value` with ``ignoredColumns`` removed from each row that is a list (other values as they are).
    func droppingIgnoredColumns(_ value: JSONValue) -> JSONValue {
        guard !ignoredColumns.isEmpty, case let .array(rows) = value else { return value }
        let ignored = Set(ignoredColumns)
        return .array(rows.map { row in
            guard case let .array(cells) = row else { return row }
            return .array(cells.enumerated().filter { !ignored.contains($0.offset) }.map(\.element))
        })
    }

    /// The original rows in transformed order and the transformed indices in original numbering.
    private func mapped(original: JSONValue, transformed: JSONValue, map: [Int]) -> Result<(JSONValue, JSONValue), ValueProblem> {
        var expected = original
        var observed = transformed
        if reindexesRows {
            guard case let .array(rows) = original else {
                return .failure(ValueProblem(message: "the original output must be a list with one row per atom, found \(original.summary)"))
            }
            if let bad = map.firstIndex(where: { $0 < 0 || $0 >= rows.count }) {
                return .failure(ValueProblem(message: "atom \(bad) of the transformed input is original atom \(map[bad]), "
                    + "but the original output has \(rows.count) rows"))
            }
            expected = .array(map.map { rows[$0] })
        }
        if !indexColumns.isEmpty {
            guard case let .array(rows) = transformed else {
                return .failure(ValueProblem(message: "the transformed output must be a list of rows, found \(transformed.summary)"))
            }
            var translated: [JSONValue] = []
            translated.reserveCapacity(rows.count)
            for (rowIndex, row) in rows.enumerated() {
                guard case var .array(cells) = row else {
                    return .failure(ValueProblem(message: "row \(rowIndex) of the transformed output must be a list, found \(row.summary)"))
                }
                for column in indexColumns {
                    guard column < cells.count, let atom = cells[column].integerValue, atom >= 0, atom < map.count else {
                        let found = column < cells.count ? cells[column].abbreviated(20) : "nothing"
                        return .failure(ValueProblem(message: "row \(rowIndex) column \(column) of the transformed output holds \(found), "
                            + "not an atom index below \(map.count)"))
                    }
                    cells[column] = .number(Double(map[atom]))
                }
                translated.append(.array(cells))
            }
            observed = .array(translated)
        }
        return .success((expected, observed))
    }
}
