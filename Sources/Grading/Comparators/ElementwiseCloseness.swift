import JSONSupport
/// Element-by-element closeness of two equally shaped arrays: what `allclose` and
/// `allclose_up_to_sign` share.
struct ElementwiseCloseness {
    let tolerance: Tolerance
    let nanPolicy: NaNPolicy

    /// How far outside its tolerance an element is: <= 1 within (0 when exactly equal),
    /// infinity for a NaN or infinity mismatch or any difference under a zero allowance.
    /// Only for ranking elements; whether an element passes is ``accepts(student:reference:)``,
    /// which does not divide.
    func excess(student: Double, reference: Double) -> Double {
        if student.isNaN || reference.isNaN {
            return student.isNaN && reference.isNaN && nanPolicy == .nanEqual ? 0 : .infinity
        }
        if student.isInfinite || reference.isInfinite { return student == reference ? 0 : .infinity }
        let difference = abs(student - reference)
        if difference == 0 { return 0 }
        let allowance = tolerance.allowance(reference: reference)
        return allowance > 0 ? difference / allowance : .infinity
    }

    func accepts(student: Double, reference: Double) -> Bool {
        if student.isNaN && reference.isNaN { return nanPolicy == .nanEqual }
        return tolerance.accepts(student: student, reference: reference)
    }

    /// Where two arrays differ most.
    struct Summary {
        var count = 0
        var outsideCount = 0
        /// The element furthest outside (or nearest the edge) of its tolerance; the first
        /// such on ties.
        var worstIndex: Int?
        var worstExcess = -Double.infinity
        /// The largest finite |difference| and where.
        var largestDifference = 0.0
        var largestDifferenceIndex: Int?

        var withinCount: Int { count - outsideCount }
        var allWithin: Bool { outsideCount == 0 }
    }

    /// Compares `student` with `reference` (same count) element by element.
    func summarize(student: [Double], reference: [Double]) -> Summary {
        var summary = Summary()
        summary.count = reference.count
        for index in reference.indices {
            let (s, r) = (student[index], reference[index])
            if !accepts(student: s, reference: r) { summary.outsideCount += 1 }
            let excess = excess(student: s, reference: r)
            if excess > summary.worstExcess {
                summary.worstExcess = excess
                summary.worstIndex = index
            }
            if s.isFinite && r.isFinite {
                let difference = abs(s - r)
                if difference > summary.largestDifference || summary.largestDifferenceIndex == nil {
                    summary.largestDifference = difference
                    summary.largestDifferenceIndex = index
                }
            }
        }
        return summary
    }

    /// The one-line explanation of `summary` for arrays of `shape`.
    func explain(_ summary: Summary, student: [Double], reference: [Double], shape: NumericArray) -> String {
        guard summary.count > 0 else { return "both empty (shape \(NumberFormat.shape(shape.shape)))" }
        let noun = summary.count == 1 ? "element" : "elements"
        if summary.allWithin {
            var text = shape.shape.isEmpty ? "within \(tolerance)" : "all \(summary.count) \(noun) within \(tolerance)"
            if let index = summary.largestDifferenceIndex {
                text += " (max |diff| \(NumberFormat.compact(summary.largestDifference))\(shape.locationText(ofFlat: index)))"
            }
            return text
        }
        guard let index = summary.worstIndex else { return "no elements compared" }
        let (s, r) = (student[index], reference[index])
        let location = shape.locationText(ofFlat: index)
        let values = "(student \(NumberFormat.value(s)), reference \(NumberFormat.value(r)))"
        var text: String
        if s.isNaN && r.isNaN {
            text = "NaN\(location) in both; NaN never matches (nan = fail)"
        } else if s.isNaN || r.isNaN {
            text = "student \(NumberFormat.value(s))\(location) where the reference is \(NumberFormat.value(r))"
        } else if s.isInfinite || r.isInfinite {
            text = "infinity mismatch\(location) \(values); an infinity matches only the same infinity"
        } else {
            text = "worst |diff| \(NumberFormat.compact(abs(s - r)))\(location) \(values); allowed \(tolerance)"
            if tolerance.relative > 0 {
                text += " = \(NumberFormat.compact(tolerance.allowance(reference: r)))"
            }
        }
        if !shape.shape.isEmpty {
            text += "; \(summary.outsideCount) of \(summary.count) \(noun) outside"
        }
        return text
    }
}
