import JSONSupport

/// The result of one rubric check on one case.
public struct CheckResult: Sendable {
    public let checkID: String
    public let caseName: String
    public let outcome: CheckOutcome
    /// Points earned on this case: the check's points x the outcome's score, divided by the
    /// number of cases the check applies to (so a check's points are spread over its cases).
    public let points: Double
    public let maximumPoints: Double

    public init(checkID: String, caseName: String, outcome: CheckOutcome, points: Double, maximumPoints: Double) {
        self.checkID = checkID
        self.caseName = caseName
        self.outcome = outcome
        self.points = points
        self.maximumPoints = maximumPoints
    }
}

extension CheckSpec {
    /// Whether this check applies to `caseSpec`.
    public func applies(to caseSpec: CaseSpec) -> Bool {
        switch cases {
        case .all: return true
        case .publicOnly: return caseSpec.visibility == .public
        case .hiddenOnly: return caseSpec.visibility == .hidden
        case .named(let names): return names.contains(caseSpec.name)
        }
    }
}

extension RubricSpec {
    /// The checks of this rubric that apply to `caseSpec`, each with its share of points.
    /// - Parameter caseCount: how many case instances each check applies to in this run
    ///   (`check` runs public cases only, `grade` all), by check id.
    ///
    /// A run without usable output fails every check with the run's explanation; a check whose
    /// reference is unusable throws ``GradingError`` (the rubric or the reference is wrong).
    public func evaluate(
        caseSpec: CaseSpec, run: CaseRun, reference: JSONValue, transformed: [TransformedOutput] = [],
        caseCount: [String: Int]
    ) throws(GradingError) -> [CheckResult] {
        var results: [CheckResult] = []
        for check in checks where check.applies(to: caseSpec) {
            let share = check.points / Double(max(1, caseCount[check.id] ?? 1))
            let outcome: CheckOutcome
            if check.spec.kind == .manual {
                outcome = CheckOutcome(passed: false, score: 0, explanation: "graded by the instructor", awaitsManualGrading: true)
            } else if let output = run.output {
                outcome = try check.spec.evaluate(
                    field: check.fieldPath, CheckOperands(studentOutput: output, referenceOutput: reference, transformedStudentOutputs: transformed))
            } else {
                outcome = .fail(run.problem ?? "no output to check")
            }
            results.append(CheckResult(
                checkID: check.id, caseName: caseSpec.name, outcome: outcome, points: share * outcome.score, maximumPoints: share))
        }
        return results
    }
}
