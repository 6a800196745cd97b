import JSONSupport
/// `statistical`: a stochastic estimate (a Monte Carlo or molecular-dynamics average) must
/// agree with the reference estimate within their combined statistical uncertainty:
/// `|x - ref| <= z · sqrt(se_x² + se_ref²)`, element by element for vectors.
///
/// Neither an absolute nor a relative tolerance: the allowance is the standard error of the
/// difference of two independent estimates, so it shrinks as either run gets longer and a
/// fixed tolerance would be either unfair to short runs or blind to biased long ones.
///
/// Choosing `z`: for one number, z = 3 fails an honest student about 0.3 % of the time. Each
/// element of a vector is a separate test, so over m elements use a larger z (about 3.5 for
/// m = 10, 4 for m = 100) or an honest student fails too often.
///
/// A student could pass by inflating the reported error, so ``maximumStandardErrorRatio`` can
/// cap the student's standard error at a multiple of the reference's ("run longer").
///
/// The explanation gives the element with the largest z-score:
/// `worst z 4.1 at [3]: student 1.52 ± 0.01, reference 1.48 ± 0.005; allowed z <= 3`.
public struct StatisticalComparator: Hashable, Sendable {
    public static let kind = ComparatorKind.statistical

    /// Where the student's standard error comes from.
    public enum StudentStandardError: Hashable, Sendable {
        /// Read from the student's output at this path, same shape as the value or a scalar.
        case reported(field: JSONPath)
        /// Not reported; only the reference's error counts (`se_x = 0`).
        case ignored
    }

    /// Allowed z-score, > 0.
    public let z: Double
    /// Where the reference output holds the reference's standard error (same shape as the
    /// value, or a scalar for all elements).
    public let standardErrorField: JSONPath
    public let studentStandardError: StudentStandardError
    /// When set, a student standard error above this multiple of the reference's fails; >= 1.
    public let maximumStandardErrorRatio: Double?
    /// `.proportional`: score = fraction of elements within `z`.
    public let credit: Credit

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for
    ///   `z <= 0` or a ratio below 1.
    public init(
        z: Double, standardErrorField: JSONPath, studentStandardError: StudentStandardError? = nil,
        maximumStandardErrorRatio: Double? = nil, credit: Credit = .allOrNothing
    ) throws(GradingError) {
        guard z > 0, z.isFinite else {
            throw .invalidOption(comparator: Self.kind.rawValue, option: "z", requirement: "a number > 0", got: NumberFormat.exact(z))
        }
        if let ratio = maximumStandardErrorRatio, !(ratio >= 1 && ratio.isFinite) {
            throw .invalidOption(comparator: Self.kind.rawValue, option: "max_standard_error_ratio", requirement: "a number >= 1",
                                 got: NumberFormat.exact(ratio))
        }
        self.z = z
        self.standardErrorField = standardErrorField
        self.studentStandardError = studentStandardError ?? .reported(field: standardErrorField)
        self.maximumStandardErrorRatio = maximumStandardErrorRatio
        self.credit = credit
    }

    /// Compares estimates with their standard errors.
    /// - Parameters:
    ///   - studentStandardError: nil when ``studentStandardError`` is `.ignored`.
    /// - Throws: ``GradingError/invalidReference(comparator:reason:)`` when the reference value
    ///   or its error is not numeric, of another shape, negative or NaN.
    public func compare(
        student: JSONValue, studentStandardError: JSONValue?, reference: JSONValue, referenceStandardError: JSONValue
    ) throws(GradingError) -> CheckOutcome {
        let name = Self.kind.rawValue
        let referenceValues: NumericArray
        let referenceErrors: [Double]
        do {
            referenceValues = try NumericArray(reference)
            referenceErrors = try Self.broadcast(NumericArray(referenceStandardError), to: referenceValues.shape)
        } catch {
            throw .invalidReference(comparator: name, reason: "reference value or standard error: \(error)")
        }
        if referenceValues.values.contains(where: { !$0.isFinite }) || referenceErrors.contains(where: { !($0 >= 0) || !$0.isFinite }) {
            throw .invalidReference(comparator: name, reason: "reference values must be finite and standard errors finite and >= 0")
        }
        let studentValues: NumericArray
        do {
            studentValues = try NumericArray(student)
        } catch {
            return .fail(error.description)
        }
        guard studentValues.shape == referenceValues.shape else {
            return .fail(shapeMismatchExplanation(student: studentValues.shape, reference: referenceValues.shape))
        }
        var studentErrors = [Double](repeating: 0, count: referenceValues.count)
        if let studentStandardError {
            do {
                studentErrors = try Self.broadcast(NumericArray(studentStandardError), to: referenceValues.shape)
            } catch let problem as ValueProblem {
                return .fail("student standard error: \(problem.message)")
            } catch {
                return .fail("student standard error: \(error)")
            }
        }
        for index in studentValues.values.indices {
            let location = studentValues.locationText(ofFlat: index)
            guard studentValues.values[index].isFinite else {
                return .fail("student value \(NumberFormat.value(studentValues.values[index]))\(location); estimates must be finite")
            }
            let error = studentErrors[index]
            guard error.isFinite, error >= 0 else {
                return .fail("student standard error \(NumberFormat.value(error))\(location); it must be a finite number >= 0")
            }
            if let ratio = maximumStandardErrorRatio, error > ratio * referenceErrors[index] {
                return .fail("student standard error \(NumberFormat.compact(error))\(location) is more than "
                    + "\(NumberFormat.compact(ratio)) x the reference's \(NumberFormat.compact(referenceErrors[index])); run longer")
            }
        }
        return judge(student: studentValues, studentErrors: studentErrors, reference: referenceValues, referenceErrors: referenceErrors)
    }

    private func judge(student: NumericArray, studentErrors: [Double], reference: NumericArray, referenceErrors: [Double]) -> CheckOutcome {
        guard reference.count > 0 else { return .pass("both empty") }
        var worst = (index: 0, score: -1.0)
        var beyond = 0
        for index in reference.values.indices {
            let difference = abs(student.values[index] - reference.values[index])
            let combined = (studentErrors[index] * studentErrors[index] + referenceErrors[index] * referenceErrors[index]).squareRoot()
            let score = difference == 0 ? 0 : (combined > 0 ? difference / combined : .infinity)
            if difference > z * combined { beyond += 1 }
            if score > worst.score { worst = (index, score) }
        }
        let i = worst.index
        let text = "worst z \(NumberFormat.compact(worst.score))\(reference.locationText(ofFlat: i)): "
            + "student \(NumberFormat.value(student.values[i])) ± \(NumberFormat.compact(studentErrors[i])), "
            + "reference \(NumberFormat.value(reference.values[i])) ± \(NumberFormat.compact(referenceErrors[i])); "
            + "allowed z <= \(NumberFormat.compact(z))"
            + (reference.shape.isEmpty ? "" : "; \(beyond) of \(reference.count) elements beyond")
        if beyond == 0 { return .pass(text) }
        let score = credit == .proportional ? Double(reference.count - beyond) / Double(reference.count) : 0
        return CheckOutcome(passed: false, score: score, explanation: text)
    }

    /// The errors for every element: the array itself when its shape is `shape`, a scalar
    /// repeated, or a ``ValueProblem``.
    private static func broadcast(_ errors: NumericArray, to shape: [Int]) throws -> [Double] {
        if errors.shape == shape { return errors.values }
        if errors.shape.isEmpty { return [Double](repeating: errors.values[0], count: shape.reduce(1, *)) }
        throw ValueProblem(message: "shape \(NumberFormat.shape(errors.shape)) fits neither the value's \(NumberFormat.shape(shape)) nor a scalar")
    }
}
