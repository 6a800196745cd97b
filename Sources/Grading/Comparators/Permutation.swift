import JSONSupport
/// `permutation`: two multisets of rows, equal up to order: graph edges, neighbor lists, any
/// output where the order of rows is the program's choice.
///
/// Each row is a list of numbers; a flat list is a list of one-number rows. Key columns (atom
/// indices, periodic-image offsets: integers) must be equal exactly; every other column within
/// ``tolerance`` (absolute plus relative to the reference element, see ``Tolerance``: the
/// absolute part is in the column's units, such as Angstrom for a distance, the relative part
/// a fraction of the reference value). A student row and a reference row match when all their
/// columns do; the rows are paired by a maximum bipartite matching, so that tolerances that
/// let a row match several others never leave a complete pairing unfound.
///
/// Cost: rows are grouped by their key columns (hashing), and inside a group candidates are
/// found by sorting on the first tolerance column and a binary search for the tolerance
/// window, so the work is about `n log n` plus the candidate pairs; only rows with equal keys
/// and equal values (duplicates) make a group quadratic. NaN in a row never matches.
///
/// The explanation names the first unmatched row of each side, with the nearest student row
/// for the reference one: `2 of 48 reference rows unmatched, first row 35 [0, 5, 0, 0, 1,
/// 2.417]: nearest student row 40 differs by 3.2e-2 in column 5 (allowed 1e-4); ...`.
public struct PermutationComparator: PairComparator {
    public static let kind = ComparatorKind.permutation

    /// For the columns that are not keys.
    public let tolerance: Tolerance
    /// Columns compared exactly, 0-based, sorted and distinct (for example `[0, 1, 2, 3, 4]`
    /// for `i, j, image_a, image_b, image_c` ahead of a distance).
    public let keyColumns: [Int]
    /// `.proportional`: score = matched rows / the larger row count.
    public let credit: Credit

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for a bad
    ///   tolerance or a negative or repeated key column.
    public init(tolerance: Tolerance = .numpyDefault, keyColumns: [Int] = [], credit: Credit = .allOrNothing)
        throws(GradingError)
    {
        try tolerance.validate(comparator: Self.kind.rawValue)
        guard keyColumns.allSatisfy({ $0 >= 0 }), Set(keyColumns).count == keyColumns.count else {
            throw .invalidOption(
                comparator: Self.kind.rawValue, option: "key_columns", requirement: "a list of distinct column indices >= 0",
                got: "[" + keyColumns.map(String.init).joined(separator: ", ") + "]")
        }
        self.tolerance = tolerance
        self.keyColumns = keyColumns.sorted()
        self.credit = credit
    }

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let referenceRows: RowTable
        switch RowTable.read(reference) {
        case let .success(rows): referenceRows = rows
        case let .failure(problem):
            throw .invalidReference(comparator: Self.kind.rawValue, reason: "reference rows: \(problem.message)")
        }
        if let largestKey = keyColumns.last, referenceRows.rowCount > 0, largestKey >= referenceRows.columnCount {
            throw .invalidReference(
                comparator: Self.kind.rawValue,
                reason: "key column \(largestKey) does not exist in reference rows of \(referenceRows.columnCount) columns")
        }
        let studentRows: RowTable
        switch RowTable.read(student) {
        case let .success(rows): studentRows = rows
        case let .failure(problem): return .fail(problem.message)
        }
        if studentRows.rowCount > 0, referenceRows.rowCount > 0, studentRows.columnCount != referenceRows.columnCount {
            return .fail("student rows have \(studentRows.columnCount) columns, reference rows \(referenceRows.columnCount)")
        }
        guard referenceRows.rowCount > 0 || studentRows.rowCount > 0 else { return .pass("both have no rows") }
        let matcher = RowMatcher(tolerance: tolerance, keyColumns: keyColumns, student: studentRows, reference: referenceRows)
        let pairing = matcher.match()
        return explain(pairing, matcher: matcher)
    }

    private func explain(_ pairing: RowMatcher.Pairing, matcher: RowMatcher) -> CheckOutcome {
        let (student, reference) = (matcher.student, matcher.reference)
        let matchedCount = pairing.pairs.count
        let largerCount = max(student.rowCount, reference.rowCount)
        if pairing.unmatchedStudent.isEmpty && pairing.unmatchedReference.isEmpty {
            var text = "all \(matchedCount) row\(matchedCount == 1 ? "" : "s") matched"
            if let largest = matcher.largestDifference(over: pairing.pairs), largest.difference > 0 {
                text += " (max |diff| \(NumberFormat.compact(largest.difference)) in column \(largest.column))"
            }
            return .pass(text)
        }
        var parts: [String] = []
        if student.rowCount != reference.rowCount {
            parts.append("student has \(student.rowCount) rows, reference \(reference.rowCount)")
        }
        if let first = pairing.unmatchedReference.first {
            var text = "\(pairing.unmatchedReference.count) of \(reference.rowCount) reference rows unmatched, "
                + "first row \(first) \(NumberFormat.row(reference.row(first)))"
            text += ": " + matcher.nearestStudentRow(toReference: first)
            parts.append(text)
        }
        if let first = pairing.unmatchedStudent.first {
            parts.append("\(pairing.unmatchedStudent.count) of \(student.rowCount) student rows unmatched, "
                + "first row \(first) \(NumberFormat.row(student.row(first)))")
        }
        let score = credit == .proportional ? Double(matchedCount) / Double(largerCount) : 0
        return CheckOutcome(passed: false, score: score, explanation: parts.joined(separator: "; "))
    }
}

/// Rows of numbers, all of one length, row-major.
struct RowTable {
    let rowCount: Int
    let columnCount: Int
    let values: [Double]

    func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * columnCount)..<((index + 1) * columnCount)]
    }

    func value(_ row: Int, _ column: Int) -> Double {
        values[row * columnCount + column]
    }

    /// A list of rows (`[[..], ..]`) or a flat list (one number per row).
    static func read(_ value: JSONValue) -> Result<RowTable, ValueProblem> {
        let array: NumericArray
        do {
            array = try NumericArray(value)
        } catch {
            return .failure(ValueProblem(message: error.description))
        }
        switch array.dimensionCount {
        case 1: return .success(RowTable(rowCount: array.shape[0], columnCount: 1, values: array.values))
        case 2: return .success(RowTable(rowCount: array.shape[0], columnCount: array.shape[1], values: array.values))
        default:
            return .failure(ValueProblem(message: "expected a list of rows of numbers, found shape \(NumberFormat.shape(array.shape))"))
        }
    }
}
