import JSONSupport
/// `allclose_up_to_sign`: like ``AllCloseComparator``, but each vector may be negated as a
/// whole. Eigenvectors, singular vectors and PCA components are defined only up to sign, and
/// LAPACK, numpy and scikit-learn choose signs differently, so a correct student vector may be
/// the reference times -1.
///
/// The vectors are the columns or the rows of a 2-dimensional array (``axis``); a
/// 1-dimensional array is one vector. For each vector the sign that leaves fewer elements
/// outside tolerance is chosen (on a tie, the one with the smaller worst excess; then +), and
/// the flipped array is compared as `allclose` does. Tolerances as in ``Tolerance``: the
/// absolute part covers components that are 0 in the reference (common in symmetric
/// structures), the relative part is a fraction of each reference component.
///
/// The explanation adds which vectors were flipped: `...; flipped columns 1, 3`.
public struct AllCloseUpToSignComparator: PairComparator {
    public static let kind = ComparatorKind.allcloseUpToSign

    public let tolerance: Tolerance
    public let nanPolicy: NaNPolicy
    public let credit: Credit
    /// Whether columns (numpy `eigh`) or rows (scikit-learn `components_`) are the vectors.
    public let axis: VectorAxis

    /// - Throws: as ``AllCloseComparator/init(tolerance:nanPolicy:credit:)``.
    public init(
        tolerance: Tolerance = .numpyDefault, axis: VectorAxis = .columns,
        nanPolicy: NaNPolicy = .nanFails, credit: Credit = .allOrNothing
    ) throws(GradingError) {
        try tolerance.validate(comparator: Self.kind.rawValue)
        self.tolerance = tolerance
        self.axis = axis
        self.nanPolicy = nanPolicy
        self.credit = credit
    }

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let referenceArray = try referenceNumbers(reference)
        guard referenceArray.dimensionCount == 1 || referenceArray.dimensionCount == 2 else {
            throw .invalidReference(
                comparator: Self.kind.rawValue,
                reason: "reference has shape \(NumberFormat.shape(referenceArray.shape)); it must be a vector or a matrix")
        }
        let studentArray: NumericArray
        do {
            studentArray = try NumericArray(student)
        } catch {
            return .fail(error.description)
        }
        guard studentArray.shape == referenceArray.shape else {
            return .fail(shapeMismatchExplanation(student: studentArray.shape, reference: referenceArray.shape))
        }
        let closeness = ElementwiseCloseness(tolerance: tolerance, nanPolicy: nanPolicy)
        var flipped = studentArray.values
        var flippedVectors: [Int] = []
        for (vector, indices) in vectorIndices(shape: referenceArray.shape).enumerated() {
            if prefersNegation(student: studentArray.values, reference: referenceArray.values, indices: indices, closeness: closeness) {
                flippedVectors.append(vector)
                for index in indices { flipped[index] = -flipped[index] }
            }
        }
        let summary = closeness.summarize(student: flipped, reference: referenceArray.values)
        var explanation = closeness.explain(summary, student: flipped, reference: referenceArray.values, shape: referenceArray)
        if !flippedVectors.isEmpty {
            let noun = referenceArray.dimensionCount == 1 ? "vector" : (axis == .columns ? "columns" : "rows")
            explanation += referenceArray.dimensionCount == 1
                ? "; after flipping the sign of the vector"
                : "; after flipping the sign of \(noun) " + flippedVectors.map(String.init).joined(separator: ", ")
        }
        if summary.allWithin { return .pass(explanation) }
        let score = credit == .proportional ? Double(summary.withinCount) / Double(summary.count) : 0
        return CheckOutcome(passed: false, score: score, explanation: explanation)
    }

    /// The row-major positions of each vector's elements.
    private func vectorIndices(shape: [Int]) -> [[Int]] {
        guard shape.count == 2 else { return [Array(0..<(shape.first ?? 0))] }
        let (rowCount, columnCount) = (shape[0], shape[1])
        switch axis {
        case .columns: return (0..<columnCount).map { column in (0..<rowCount).map { $0 * columnCount + column } }
        case .rows: return (0..<rowCount).map { row in (0..<columnCount).map { row * columnCount + $0 } }
        }
    }

    /// True when `-student` fits the reference better than `student` on these elements.
    private func prefersNegation(student: [Double], reference: [Double], indices: [Int], closeness: ElementwiseCloseness) -> Bool {
        func fit(_ sign: Double) -> (outside: Int, worst: Double) {
            var outside = 0
            var worst = 0.0
            for index in indices {
                let value = sign * student[index]
                if !closeness.accepts(student: value, reference: reference[index]) { outside += 1 }
                worst = max(worst, closeness.excess(student: value, reference: reference[index]))
            }
            return (outside, worst)
        }
        let (plus, minus) = (fit(1), fit(-1))
        return minus.outside < plus.outside || (minus.outside == plus.outside && minus.worst < plus.worst)
    }
}
