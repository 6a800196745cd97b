import JSONSupport
/// Option types shared by several comparators.

/// An element passes when `|student - reference| <= absolute + relative * |reference|`
/// (numpy's `isclose`).
///
/// The relative part scales with the *reference* only, not with the student's value, so a
/// student cannot widen the tolerance by printing larger numbers, and the test is the same
/// whatever order the rubric lists things in. The absolute part, in the quantity's own units,
/// is the noise floor for elements whose reference is 0 or nearly 0 (a force on a symmetric
/// site, an off-diagonal element), where any relative tolerance vanishes. The relative part
/// serves values spanning orders of magnitude, for which one absolute tolerance is too tight
/// for the large ones or too loose for the small ones.
public struct Tolerance: Hashable, Sendable, CustomStringConvertible {
    /// `atol`: in the units of the compared quantity; >= 0.
    public var absolute: Double
    /// `rtol`: a fraction of `|reference|`; in [0, 1].
    public var relative: Double

    public init(absolute: Double = 0, relative: Double = 0) {
        self.absolute = absolute
        self.relative = relative
    }

    /// numpy's `isclose` defaults: `atol = 1e-8`, `rtol = 1e-5`.
    public static let numpyDefault = Tolerance(absolute: 1e-8, relative: 1e-5)

    /// `absolute + relative * |reference|`.
    public func allowance(reference: Double) -> Double {
        absolute + relative * abs(reference)
    }

    /// Whether `student` is within tolerance of `reference`. NaN matches nothing here (the
    /// caller applies its ``NaNPolicy`` first); an infinity matches only the same infinity.
    public func accepts(student: Double, reference: Double) -> Bool {
        if student.isNaN || reference.isNaN { return false }
        if student.isInfinite || reference.isInfinite { return student == reference }
        return abs(student - reference) <= allowance(reference: reference)
    }

    /// `1e-4 + 1e-6*|ref|`, `1e-4`, `1e-6*|ref|`, or `0` (exact).
    public var description: String {
        switch (absolute, relative) {
        case (0, 0): "0 (exact)"
        case (_, 0): NumberFormat.compact(absolute)
        case (0, _): "\(NumberFormat.compact(relative))*|ref|"
        default: "\(NumberFormat.compact(absolute)) + \(NumberFormat.compact(relative))*|ref|"
        }
    }

    /// Throws unless `absolute >= 0` and `relative` in [0, 1], both finite.
    func validate(comparator: String) throws(GradingError) {
        guard absolute.isFinite, absolute >= 0 else {
            throw .invalidOption(comparator: comparator, option: "atol", requirement: "a number >= 0", got: NumberFormat.exact(absolute))
        }
        guard relative.isFinite, relative >= 0, relative <= 1 else {
            throw .invalidOption(comparator: comparator, option: "rtol", requirement: "a number in [0, 1]", got: NumberFormat.exact(relative))
        }
    }
}

/// What NaN in the output means. Either way NaN never matches a number, and an infinity
/// matches only the same infinity.
public enum NaNPolicy: String, Hashable, Sendable, CaseIterable {
    /// NaN matches NaN: the reference itself is NaN where a quantity is undefined (the
    /// variance of one sample), and the student is asked to say so the same way.
    case nanEqual
    /// Every NaN fails, even against a NaN reference.
    case nanFails
}

/// How a comparator turns a partial match into points.
public enum Credit: String, Hashable, Sendable, CaseIterable {
    /// Score 1 when the check passes, else 0.
    case allOrNothing
    /// Score is the fraction matched (elements within tolerance, rows matched, Jaccard index);
    /// `passed` still requires a full match (or the comparator's threshold).
    case proportional
}

/// Which vectors of a 2-dimensional array are the units (eigenvectors, components, basis
/// vectors).
public enum VectorAxis: String, Hashable, Sendable, CaseIterable {
    /// Each column is a vector (numpy `eigh`, `svd`'s U).
    case columns
    /// Each row is a vector (scikit-learn `PCA.components_`).
    case rows
}

/// A comparator of a student's value against the reference value of the same field.
public protocol PairComparator: Hashable, Sendable {
    /// The rubric name (`allclose`).
    static var kind: ComparatorKind { get }

    /// Compares the student's value with the reference's.
    ///
    /// Never throws for anything the student wrote (wrong shape, missing elements, NaN, wrong
    /// types): that is a failed ``CheckOutcome``.
    /// - Throws: ``GradingError/invalidReference(comparator:reason:)`` when the reference does
    ///   not fit the check.
    func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome
}

extension PairComparator {
    /// The reference as numbers, or an `invalidReference` error.
    func referenceNumbers(_ reference: JSONValue) throws(GradingError) -> NumericArray {
        do {
            return try NumericArray(reference)
        } catch {
            throw .invalidReference(comparator: Self.kind.rawValue, reason: "reference value: \(error)")
        }
    }
}

/// `shape mismatch: student [3, 4], reference [4, 3] (transposed?)`.
func shapeMismatchExplanation(student: [Int], reference: [Int]) -> String {
    var text = "shape mismatch: student \(NumberFormat.shape(student)), reference \(NumberFormat.shape(reference))"
    if student.count == 2 && student == reference.reversed() {
        text += " (transposed?)"
    } else if student.reduce(1, *) == reference.reduce(1, *) && !student.isEmpty && !reference.isEmpty {
        text += " (same number of elements, nested differently)"
    }
    return text
}
