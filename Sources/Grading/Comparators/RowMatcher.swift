import JSONSupport
/// Pairs the rows of two ``RowTable``s for ``PermutationComparator``: equal key columns, the
/// other columns within tolerance, as many pairs as possible.
struct RowMatcher {
    let tolerance: Tolerance
    let keyColumns: [Int]
    /// The columns compared within tolerance; the first one orders the candidate search.
    let valueColumns: [Int]
    let student: RowTable
    let reference: RowTable

    init(tolerance: Tolerance, keyColumns: [Int], student: RowTable, reference: RowTable) {
        self.tolerance = tolerance
        self.keyColumns = keyColumns
        self.student = student
        self.reference = reference
        let columnCount = reference.rowCount > 0 ? reference.columnCount : student.columnCount
        valueColumns = (0..<columnCount).filter { !keyColumns.contains($0) }
    }

    struct Pairing {
        var pairs: [(student: Int, reference: Int)] = []
        /// Ascending row indices.
        var unmatchedStudent: [Int] = []
        var unmatchedReference: [Int] = []
    }

    func match() -> Pairing {
        let studentGroups = groups(of: student)
        var studentMatched = [Bool](repeating: false, count: student.rowCount)
        var referenceMatched = [Bool](repeating: false, count: reference.rowCount)
        var pairing = Pairing()
        for (key, referenceIndices) in groups(of: reference) {
            guard let studentIndices = studentGroups[key] else { continue }
            for pair in matchGroup(student: studentIndices, reference: referenceIndices) {
                pairing.pairs.append(pair)
                studentMatched[pair.student] = true
                referenceMatched[pair.reference] = true
            }
        }
        pairing.unmatchedStudent = studentMatched.indices.filter { !studentMatched[$0] }
        pairing.unmatchedReference = referenceMatched.indices.filter { !referenceMatched[$0] }
        return pairing
    }

    func rowsMatch(student studentRow: Int, reference referenceRow: Int) -> Bool {
        valueColumns.allSatisfy {
            tolerance.accepts(student: student.value(studentRow, $0), reference: reference.value(referenceRow, $0))
        }
    }

    /// Row indices by the values of their key columns; rows with a NaN key are left out (they
    /// match nothing).
    private func groups(of table: RowTable) -> [[Double]: [Int]] {
        var groups: [[Double]: [Int]] = [:]
        for row in 0..<table.rowCount {
            let key = keyColumns.map { table.value(row, $0) }
            if key.contains(where: \.isNaN) { continue }
            groups[key, default: []].append(row)
        }
        return groups
    }

    /// A maximum matching between rows that share one key.
    private func matchGroup(student studentIndices: [Int], reference referenceIndices: [Int]) -> [(student: Int, reference: Int)] {
        guard let band = valueColumns.first else {
            // Keys only: any student row pairs with any reference row of the same key.
            return zip(studentIndices, referenceIndices).map { ($0, $1) }
        }
        let sortedReference = referenceIndices
            .filter { !reference.value($0, band).isNaN }
            .sorted { (reference.value($0, band), $0) < (reference.value($1, band), $1) }
        let bandValues = sortedReference.map { reference.value($0, band) }
        let adjacency = studentIndices.map { studentRow -> [Int] in
            candidateRange(for: student.value(studentRow, band), in: bandValues).filter {
                rowsMatch(student: studentRow, reference: sortedReference[$0])
            }
        }
        let partners = BipartiteMatching.maximumMatching(adjacency: adjacency, rightCount: sortedReference.count)
        return zip(studentIndices, partners).compactMap { studentRow, partner in
            partner.map { (studentRow, sortedReference[$0]) }
        }
    }

    /// The positions in ascending `sortedValues` of the reference values `r` that can satisfy
    /// `|x - r| <= atol + rtol·|r|`. Since `|r| <= |x| + |x - r|`, any such r has
    /// `|x - r| <= (atol + rtol·|x|) / (1 - rtol)`; a few ulps of slack keep rounding from
    /// cutting the window short (the exact test follows).
    private func candidateRange(for x: Double, in sortedValues: [Double]) -> Range<Int> {
        if x.isNaN { return 0..<0 }
        if x.isInfinite || tolerance.relative < 1 {
            let halfWidth = x.isInfinite ? 0 : (tolerance.absolute + tolerance.relative * abs(x)) / (1 - tolerance.relative)
            let slack = (abs(x) + halfWidth) * 4 * Double.ulpOfOne
            let low = x.isInfinite ? x : x - halfWidth - slack
            let high = x.isInfinite ? x : x + halfWidth + slack
            return firstIndex(in: sortedValues) { $0 >= low }..<firstIndex(in: sortedValues) { $0 > high }
        }
        return 0..<sortedValues.count
    }

    /// The first index whose value satisfies `predicate`, which must be false then true along
    /// the array.
    private func firstIndex(in values: [Double], where predicate: (Double) -> Bool) -> Int {
        var (low, high) = (0, values.count)
        while low < high {
            let middle = (low + high) / 2
            if predicate(values[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The largest finite |difference| over the paired rows, and in which column.
    func largestDifference(over pairs: [(student: Int, reference: Int)]) -> (difference: Double, column: Int)? {
        var best: (difference: Double, column: Int)?
        for pair in pairs {
            for column in valueColumns {
                let difference = abs(student.value(pair.student, column) - reference.value(pair.reference, column))
                if difference.isFinite && difference > (best?.difference ?? -1) { best = (difference, column) }
            }
        }
        return best
    }

    /// Says how close the student came to reference row `referenceRow`: the student row of
    /// the same keys whose worst column is least outside tolerance.
    func nearestStudentRow(toReference referenceRow: Int) -> String {
        let key = keyColumns.map { reference.value(referenceRow, $0) }
        let candidates = (0..<student.rowCount).filter { row in
            zip(keyColumns, key).allSatisfy { student.value(row, $0) == $1 }
        }
        guard !candidates.isEmpty else {
            if student.rowCount == 0 { return "the student has no rows" }
            let columns = keyColumns.map(String.init).joined(separator: ", ")
            return "no student row has its key columns (\(columns)) \(NumberFormat.row(key))"
        }
        guard !valueColumns.isEmpty else { return "every student row with these keys is paired with another reference row" }
        let closeness = ElementwiseCloseness(tolerance: tolerance, nanPolicy: .nanFails)
        var best: (row: Int, column: Int, excess: Double)?
        for row in candidates {
            var worst: (column: Int, excess: Double) = (valueColumns[0], -1)
            for column in valueColumns {
                let excess = closeness.excess(student: student.value(row, column), reference: reference.value(referenceRow, column))
                if excess > worst.excess { worst = (column, excess) }
            }
            if worst.excess < (best?.excess ?? .infinity) || best == nil { best = (row, worst.column, worst.excess) }
        }
        guard let best else { return "" }
        if rowsMatch(student: best.row, reference: referenceRow) {
            return "student row \(best.row) matches it but is paired with another reference row (duplicate rows?)"
        }
        let (s, r) = (student.value(best.row, best.column), reference.value(referenceRow, best.column))
        let difference = s.isFinite && r.isFinite ? NumberFormat.compact(abs(s - r)) : "\(NumberFormat.value(s)) vs \(NumberFormat.value(r))"
        return "nearest student row \(best.row) differs by \(difference) in column \(best.column) "
            + "(allowed \(NumberFormat.compact(tolerance.allowance(reference: r))))"
    }
}
