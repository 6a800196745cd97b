import Foundation
import Grading
import Sandbox

/// One submission's grade as the gradebook holds it: who, which exercise, which content, and
/// the outcome. Plain data, for reports and exports.
public struct RecordedGrade: Sendable, Equatable {
    /// How grading went (``StudentGrade/Status`` without the result itself).
    public enum Status: String, Sendable, Equatable, CaseIterable {
        case graded
        case unusable
        case graderError = "grader-error"
    }

    public var studentID: String
    public var exerciseID: String
    /// SHA-256 of the submission's files; nil when they could not be read.
    public var contentHash: String?
    /// When the student handed it in, if known.
    public var submittedAt: Date?
    /// Where it was graded from (a folder or an archive).
    public var sourcePath: String
    public var status: Status
    /// Why an unusable submission could not run, or the grader's error; nil when graded.
    public var problem: String?
    /// Points earned by the automatic checks (manual scores are kept apart).
    public var points: Double
    /// Points this grading could award.
    public var totalPoints: Double
    /// When grading finished, to the millisecond (the gradebook's time precision).
    public var gradedAt: Date
    /// Time spent grading the submission, seconds.
    public var gradingSeconds: Double
    /// The matgrade build that graded it.
    public var revision: String

    public init(
        studentID: String, exerciseID: String, contentHash: String?, submittedAt: Date?, sourcePath: String, status: Status,
        problem: String?, points: Double, totalPoints: Double, gradedAt: Date, gradingSeconds: Double, revision: String
    ) {
        self.studentID = studentID
        self.exerciseID = exerciseID
        self.contentHash = contentHash
        self.submittedAt = submittedAt
        self.sourcePath = sourcePath
        self.status = status
        self.problem = problem
        self.points = points
        self.totalPoints = totalPoints
        self.gradedAt = gradedAt
        self.gradingSeconds = gradingSeconds
        self.revision = revision
    }
}

/// One run of a submission on one case, with its checks.
public struct RecordedRun: Sendable, Equatable {
    /// The run's place among the submission's runs, from 0.
    public var position: Int
    public var caseName: String
    /// Instance of a hidden case, from 0.
    public var instance: Int
    /// `silicon`, or `rattled #2`.
    public var caseLabel: String
    public var visibility: CaseSpec.Visibility
    public var termination: Termination
    /// Seconds.
    public var wallSeconds: Double
    /// Seconds.
    public var cpuSeconds: Double
    /// Bytes.
    public var peakMemoryBytes: Int
    /// Bytes written to standard output.
    public var standardOutputBytes: Int
    /// Bytes written to standard error.
    public var standardErrorBytes: Int
    public var outputTruncated: Bool
    public var standardOutputTail: String
    public var standardErrorTail: String
    /// Why `output.json` was unusable; nil when it was used.
    public var outputProblem: String?
    public var checks: [RecordedCheck]

    public init(
        position: Int, caseName: String, instance: Int, caseLabel: String, visibility: CaseSpec.Visibility, termination: Termination,
        wallSeconds: Double, cpuSeconds: Double, peakMemoryBytes: Int, standardOutputBytes: Int, standardErrorBytes: Int,
        outputTruncated: Bool, standardOutputTail: String, standardErrorTail: String, outputProblem: String?, checks: [RecordedCheck]
    ) {
        self.position = position
        self.caseName = caseName
        self.instance = instance
        self.caseLabel = caseLabel
        self.visibility = visibility
        self.termination = termination
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.peakMemoryBytes = peakMemoryBytes
        self.standardOutputBytes = standardOutputBytes
        self.standardErrorBytes = standardErrorBytes
        self.outputTruncated = outputTruncated
        self.standardOutputTail = standardOutputTail
        self.standardErrorTail = standardErrorTail
        self.outputProblem = outputProblem
        self.checks = checks
    }
}

/// One check on one run.
public struct RecordedCheck: Sendable, Equatable {
    public var checkID: String
    public var passed: Bool
    public var awaitsManualGrading: Bool
    /// Fraction of the check's points earned, [0, 1].
    public var score: Double
    public var points: Double
    public var maximumPoints: Double
    public var explanation: String

    public init(
        checkID: String, passed: Bool, awaitsManualGrading: Bool, score: Double, points: Double, maximumPoints: Double, explanation: String
    ) {
        self.checkID = checkID
        self.passed = passed
        self.awaitsManualGrading = awaitsManualGrading
        self.score = score
        self.points = points
        self.maximumPoints = maximumPoints
        self.explanation = explanation
    }
}

/// Points an instructor entered for a `manual` rubric item, with who and when.
public struct ManualScore: Sendable, Equatable {
    public var studentID: String
    public var exerciseID: String
    /// The rubric item (a `manual` check's id).
    public var item: String
    public var points: Double
    public var comment: String
    public var enteredBy: String
    public var enteredAt: Date

    public init(studentID: String, exerciseID: String, item: String, points: Double, comment: String, enteredBy: String, enteredAt: Date) {
        self.studentID = studentID
        self.exerciseID = exerciseID
        self.item = item
        self.points = points
        self.comment = comment
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
    }
}

extension RecordedGrade {
    /// Which of two submissions of one student to one exercise counts: the later handed in
    /// (an unknown hand-in time counts as earliest), else the later graded, else the larger
    /// content hash (any fixed order, so every gradebook picks the same). `latestGrades()`
    /// and ``Gradebook/merge(sources:into:)`` both follow it.
    public func supersedes(_ other: RecordedGrade) -> Bool {
        switch (submittedAt, other.submittedAt) {
        case (let mine?, let theirs?) where mine != theirs: return mine > theirs
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if gradedAt != other.gradedAt { return gradedAt > other.gradedAt }
        return (contentHash ?? "") > (other.contentHash ?? "")
    }
}
