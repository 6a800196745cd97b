import Foundation

/// A student as the gradebook's `students` table holds them; name and e-mail are known only
/// when a roster was entered (``Gradebook/setStudent(id:name:email:)``).
public struct StudentRecord: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var email: String?

    public init(id: String, name: String?, email: String?) {
        self.id = id
        self.name = name
        self.email = email
    }
}

/// An exercise as the gradebook's `exercises` table holds it (copied from `exercise.toml`
/// when a submission was recorded, so reports work without the course folder).
public struct ExerciseRecord: Sendable, Equatable {
    public var id: String
    /// Course week, 1...14.
    public var week: Int
    public var title: String
    /// The deadline, if the exercise has one.
    public var due: Date?

    public init(id: String, week: Int, title: String, due: Date?) {
        self.id = id
        self.week = week
        self.title = title
        self.due = due
    }
}

/// The late penalty recorded for a submission handed in after the exercise's due date.
public struct GradeSheetLatePenalty: Sendable, Equatable {
    /// Whole days after the deadline (a started day counts); >= 0.
    public var daysLate: Int
    /// Fraction of the automatic points taken off, [0, 1].
    public var penaltyFraction: Double

    public init(daysLate: Int, penaltyFraction: Double) {
        self.daysLate = daysLate
        self.penaltyFraction = penaltyFraction
    }
}

/// One student's standing on one exercise, as every report and export shows it: the current
/// grade (``RecordedGrade/supersedes(_:)`` picks it), its late penalty, the manual scores
/// entered, and the final points they make.
public struct GradeSheetEntry: Sendable, Equatable {
    public var grade: RecordedGrade
    /// The current submission's late penalty; nil when it was on time or no deadline applies.
    public var latePenalty: GradeSheetLatePenalty?
    /// Manual rubric items entered for this student and exercise, by item.
    public var manualScores: [ManualScore]
    /// The current submission's runs with their checks, in grading order; empty unless asked
    /// for (``Gradebook/gradeSheet(exercises:includingRuns:)``) or when nothing ran.
    public var runs: [RecordedRun]

    public init(grade: RecordedGrade, latePenalty: GradeSheetLatePenalty?, manualScores: [ManualScore], runs: [RecordedRun]) {
        self.grade = grade
        self.latePenalty = latePenalty
        self.manualScores = manualScores
        self.runs = runs
    }

    public var studentID: String { grade.studentID }
    public var exerciseID: String { grade.exerciseID }

    /// The sum of the manual scores entered.
    public var manualPoints: Double { manualScores.reduce(0) { $0 + $1.points } }

    /// The points that count (``finalPoints(automaticPoints:penaltyFraction:manualPoints:)``).
    public var finalPoints: Double {
        Self.finalPoints(automaticPoints: grade.points, penaltyFraction: latePenalty?.penaltyFraction ?? 0, manualPoints: manualPoints)
    }

    /// The one definition of a student's final points on an exercise, used by every report and
    /// export (CSV, Canvas, Moodle, Gradescope, the dashboard, `gradebook export`):
    ///
    ///     final = automatic points x (1 - late penalty fraction) + manual points
    ///
    /// The late penalty scales only what the automatic checks awarded for the late submission;
    /// manual items (a presentation, a report) are graded by the instructor apart from the
    /// hand-in time and are added unscaled. An unusable submission or a grader error has 0
    /// automatic points, so only its manual points count.
    /// - Parameters:
    ///   - automaticPoints: points of the automatic checks, >= 0.
    ///   - penaltyFraction: [0, 1]; 0 when on time.
    ///   - manualPoints: sum of the manual items entered.
    public static func finalPoints(automaticPoints: Double, penaltyFraction: Double, manualPoints: Double) -> Double {
        automaticPoints * (1 - penaltyFraction) + manualPoints
    }
}
