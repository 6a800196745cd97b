import JSONSupport
/// `metric`: a student's model is scored on hidden labels against the reference model on the
/// same labels: the student's error must be at most ``passFactor`` times the reference's.
///
/// The bar is relative to the reference model, not an absolute error, because what a model can
/// reach depends on the data split and the labels' noise, which the instructor does not want
/// to re-derive for every hidden case. ``referenceErrorFloor`` (absolute, in the labels'
/// units) keeps a near-perfect reference on an easy case from making the bar impossibly low.
///
/// Score: 1 when `ratio <= passFactor`, 0 when `ratio >= failFactor`, linear in between
/// (`failFactor == passFactor` makes it all-or-nothing); `passed` means `ratio <= passFactor`.
/// Explanation: `MAE 0.231 = 1.96 x the reference's 0.118; full credit <= 1.5x, none >= 3x`.
public struct MetricComparator: Hashable, Sendable {
    public static let kind = ComparatorKind.metric

    public enum ErrorMeasure: String, Hashable, Sendable, CaseIterable {
        /// Mean absolute error (robust to a few outliers).
        case meanAbsoluteError = "MAE"
        /// Root-mean-square error (punishes large errors more).
        case rootMeanSquareError = "RMSE"

        func evaluate(predictions: [Double], labels: [Double]) -> Double {
            let n = Double(labels.count)
            switch self {
            case .meanAbsoluteError: return zip(predictions, labels).reduce(0) { $0 + abs($1.0 - $1.1) } / n
            case .rootMeanSquareError: return (zip(predictions, labels).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / n).squareRoot()
            }
        }
    }

    public let measure: ErrorMeasure
    /// Full credit up to this multiple of the reference's error; > 0.
    public let passFactor: Double
    /// No credit from this multiple on; >= `passFactor`.
    public let failFactor: Double
    /// Where the reference output holds the hidden labels (same shape as the predictions).
    public let labelsField: JSONPath
    /// The reference error used is `max(reference error, floor)`; labels' units, >= 0.
    public let referenceErrorFloor: Double

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for
    ///   factors that are not positive or out of order, or a negative floor.
    public init(
        measure: ErrorMeasure = .meanAbsoluteError, passFactor: Double, failFactor: Double? = nil,
        labelsField: JSONPath, referenceErrorFloor: Double = 0
    ) throws(GradingError) {
        let name = Self.kind.rawValue
        guard passFactor > 0, passFactor.isFinite else {
            throw .invalidOption(comparator: name, option: "pass_factor", requirement: "a number > 0", got: NumberFormat.exact(passFactor))
        }
        let failFactor = failFactor ?? passFactor
        guard failFactor >= passFactor, failFactor.isFinite else {
            throw .invalidOption(comparator: name, option: "fail_factor", requirement: "a number >= pass_factor, which is \(NumberFormat.exact(passFactor))",
                                 got: NumberFormat.exact(failFactor))
        }
        guard referenceErrorFloor >= 0, referenceErrorFloor.isFinite else {
            throw .invalidOption(comparator: name, option: "reference_error_floor", requirement: "a number >= 0",
                                 got: NumberFormat.exact(referenceErrorFloor))
        }
        self.measure = measure
        self.passFactor = passFactor
        self.failFactor = failFactor
        self.labelsField = labelsField
        self.referenceErrorFloor = referenceErrorFloor
    }

    /// Scores the student's predictions against the labels, relative to the reference's.
    /// - Throws: ``GradingError/invalidReference(comparator:reason:)`` when the reference
    ///   predictions or the labels are not finite numbers of one shape, or empty.
    public func compare(predictions student: JSONValue, referencePredictions: JSONValue, labels: JSONValue) throws(GradingError) -> CheckOutcome {
        let name = Self.kind.rawValue
        let (referenceArray, labelArray): (NumericArray, NumericArray)
        do {
            referenceArray = try NumericArray(referencePredictions)
            labelArray = try NumericArray(labels)
        } catch {
            throw .invalidReference(comparator: name, reason: "reference predictions or labels: \(error)")
        }
        guard referenceArray.shape == labelArray.shape, labelArray.count > 0,
              (referenceArray.values + labelArray.values).allSatisfy(\.isFinite) else {
            throw .invalidReference(comparator: name, reason: "reference predictions \(NumberFormat.shape(referenceArray.shape)) and labels "
                + "\(NumberFormat.shape(labelArray.shape)) must be finite, non-empty and of one shape")
        }
        let studentArray: NumericArray
        do {
            studentArray = try NumericArray(student)
        } catch {
            return .fail(error.description)
        }
        guard studentArray.shape == labelArray.shape else {
            return .fail(shapeMismatchExplanation(student: studentArray.shape, reference: labelArray.shape) + "; one prediction per label")
        }
        if let bad = studentArray.values.firstIndex(where: { !$0.isFinite }) {
            return .fail("student prediction \(NumberFormat.value(studentArray.values[bad]))\(studentArray.locationText(ofFlat: bad)); "
                + "predictions must be finite")
        }
        let studentError = measure.evaluate(predictions: studentArray.values, labels: labelArray.values)
        let referenceError = measure.evaluate(predictions: referenceArray.values, labels: labelArray.values)
        let bar = max(referenceError, referenceErrorFloor)
        let ratio = bar > 0 ? studentError / bar : (studentError == 0 ? 0 : .infinity)
        let score: Double
        if ratio <= passFactor {
            score = 1
        } else if ratio >= failFactor {
            score = 0
        } else {
            score = (failFactor - ratio) / (failFactor - passFactor)
        }
        var text = "\(measure.rawValue) \(NumberFormat.compact(studentError)) = \(NumberFormat.compact(ratio)) x the reference's "
            + "\(NumberFormat.compact(bar))"
        if bar > referenceError { text += " (floor)" }
        text += failFactor > passFactor
            ? "; full credit <= \(NumberFormat.compact(passFactor))x, none >= \(NumberFormat.compact(failFactor))x"
            : "; allowed <= \(NumberFormat.compact(passFactor))x"
        return CheckOutcome(passed: ratio <= passFactor, score: score, explanation: text)
    }
}
