import JSONSupport
/// `allclose`: arrays of numbers of the same shape, equal element by element within
/// `|student - reference| <= atol + rtol * |reference|` (numpy's `allclose`, with a shape check
/// numpy's broadcasting would skip).
///
/// Absolute versus relative: see ``Tolerance``. `atol` is in the quantity's units and covers
/// elements whose reference is 0; `rtol` is a fraction of the reference element and covers
/// values spanning orders of magnitude. Set `atol` from the quantity's physical noise floor
/// (1e-6 Angstrom for distances from a deterministic kernel), not from the float precision.
///
/// Non-finite elements: NaN follows ``nanPolicy``; an infinity matches only the same infinity.
/// `null` and the strings `"NaN"`, `"inf"` read as NaN and infinity (``NumericArray``).
///
/// Explanation when it fails: the element furthest outside its tolerance (relative to the
/// allowance, so a large difference on a large reference does not hide a small difference on
/// a zero reference), its student and reference values, the tolerance, and how many elements
/// are outside: `worst |diff| 3.2e-2 at [4,17] (student 2.417, reference 2.385); allowed
/// 1e-4 + 1e-6*|ref| = 1.02e-4; 3 of 400 elements outside`.
public struct AllCloseComparator: PairComparator {
    public static let kind = ComparatorKind.allclose

    public let tolerance: Tolerance
    public let nanPolicy: NaNPolicy
    /// `.proportional`: score = fraction of elements within tolerance (shape must still match).
    public let credit: Credit

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for a
    ///   negative or non-finite `atol`, or an `rtol` outside [0, 1].
    public init(tolerance: Tolerance = .numpyDefault, nanPolicy: NaNPolicy = .nanFails, credit: Credit = .allOrNothing)
        throws(GradingError)
    {
        try tolerance.validate(comparator: Self.kind.rawValue)
        self.tolerance = tolerance
        self.nanPolicy = nanPolicy
        self.credit = credit
    }

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let referenceArray = try referenceNumbers(reference)
        let studentArray: NumericArray
        do {
            studentArray = try NumericArray(student)
        } catch {
            return .fail(error.description)
        }
        return compare(student: studentArray, reference: referenceArray)
    }

    /// Compares two numeric arrays; the shapes must agree.
    public func compare(student: NumericArray, reference: NumericArray) -> CheckOutcome {
        guard student.shape == reference.shape else {
            return .fail(shapeMismatchExplanation(student: student.shape, reference: reference.shape))
        }
        let closeness = ElementwiseCloseness(tolerance: tolerance, nanPolicy: nanPolicy)
        let summary = closeness.summarize(student: student.values, reference: reference.values)
        let explanation = closeness.explain(summary, student: student.values, reference: reference.values, shape: reference)
        if summary.allWithin { return .pass(explanation) }
        let score = credit == .proportional ? Double(summary.withinCount) / Double(summary.count) : 0
        return CheckOutcome(passed: false, score: score, explanation: explanation)
    }
}
