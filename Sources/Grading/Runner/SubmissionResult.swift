/// One case of a graded submission: the case, how the run went, and its checks.
public struct CaseResult: Sendable {
    public let caseSpec: CaseSpec
    /// Which instance of a hidden case (0 for public cases).
    public let instance: Int
    public let run: CaseRun
    public let checks: [CheckResult]

    public init(caseSpec: CaseSpec, instance: Int, run: CaseRun, checks: [CheckResult]) {
        self.caseSpec = caseSpec
        self.instance = instance
        self.run = run
        self.checks = checks
    }

    /// `silicon`, or `rattled #2` for a hidden case's second instance.
    public var label: String { caseSpec.count > 1 ? "\(caseSpec.name) #\(instance + 1)" : caseSpec.name }
}

/// A submission graded on a set of cases against a rubric.
public struct SubmissionResult: Sendable {
    public let exercise: ExerciseSpec
    public let rubric: RubricSpec
    public let cases: [CaseResult]

    public init(exercise: ExerciseSpec, rubric: RubricSpec, cases: [CaseResult]) {
        self.exercise = exercise
        self.rubric = rubric
        self.cases = cases
    }

    /// Points earned over all cases run.
    public var points: Double { cases.reduce(0) { $0 + $1.checks.reduce(0) { $0 + $1.points } } }
    /// Points available over the cases run (the rubric total when every check ran).
    public var maximumPoints: Double { cases.reduce(0) { $0 + $1.checks.reduce(0) { $0 + $1.maximumPoints } } }
    /// True when every automatic check passed on every case.
    public var allPassed: Bool {
        cases.allSatisfy { $0.checks.allSatisfy { $0.outcome.passed || $0.outcome.awaitsManualGrading } }
    }

    /// How many case instances each check applies to among `cases` (for spreading points).
    public static func caseCounts(rubric: RubricSpec, instances: [CaseSpec]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for check in rubric.checks { counts[check.id] = instances.filter { check.applies(to: $0) }.count }
        return counts
    }
}

/// One rubric check summed over the cases it ran on.
public struct CheckTotal: Sendable {
    public let check: CheckSpec
    public let points: Double
    public let maximumPoints: Double
    public let casesPassed: Int
    public let casesRun: Int
    /// The first failing case's name and explanation, if any case failed.
    public let firstFailure: (caseLabel: String, explanation: String)?
}

extension SubmissionResult {
    /// Each check of the rubric summed over the cases it ran on, in rubric order.
    public var checkTotals: [CheckTotal] {
        rubric.checks.map { check in
            var points = 0.0, maximum = 0.0, passed = 0, run = 0
            var failure: (String, String)?
            for caseResult in cases {
                for result in caseResult.checks where result.checkID == check.id {
                    points += result.points
                    maximum += result.maximumPoints
                    run += 1
                    if result.outcome.passed { passed += 1 } else if failure == nil { failure = (caseResult.label, result.outcome.explanation) }
                }
            }
            return CheckTotal(check: check, points: points, maximumPoints: maximum, casesPassed: passed, casesRun: run, firstFailure: failure)
        }
    }
}
