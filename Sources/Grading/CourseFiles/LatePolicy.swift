import Foundation

/// The course-wide late policy of `course.toml` (in the course folder, beside `exercises/`):
///
/// ```toml
/// [late_policy]
/// grace_minutes = 15        # submissions this long after the due time are on time
/// penalty_per_day = 0.10    # fraction of the points taken per started day late
/// max_days_late = 5         # later than this: no points (penalty 1)
///
/// [[extensions]]            # per student; exercise omitted: every exercise
/// student = "s017"
/// exercise = "w06-crystal-graphs"
/// days = 3
/// ```
///
/// Days late are counted from the due time (plus grace and extensions) in started 24-hour
/// periods: one minute late is one day. Without `course.toml` nothing is ever late.
public struct LatePolicy: Sendable, Equatable {
    public struct Extension: Sendable, Equatable {
        public let student: String
        /// nil: every exercise.
        public let exercise: String?
        public let days: Double
    }

    public var graceMinutes: Double
    /// Fraction of the points taken per started day late, in 0...1.
    public var penaltyPerDay: Double
    /// Days late beyond which the penalty is 1 (no points).
    public var maximumDaysLate: Int
    public var extensions: [Extension]
    /// False without a `[late_policy]` table: nothing is late.
    public var isEnabled: Bool

    public init(graceMinutes: Double = 0, penaltyPerDay: Double = 0, maximumDaysLate: Int = 0, extensions: [Extension] = []) {
        self.graceMinutes = graceMinutes
        self.penaltyPerDay = penaltyPerDay
        self.maximumDaysLate = maximumDaysLate
        self.extensions = extensions
        self.isEnabled = penaltyPerDay > 0 || maximumDaysLate > 0
    }

    /// No penalty ever (a course without `course.toml` or without `[late_policy]`).
    public static let none = LatePolicy()

    /// The extension a student has on an exercise, days (the largest that applies).
    public func extensionDays(student: String, exercise: String) -> Double {
        extensions.filter { $0.student == student && ($0.exercise == nil || $0.exercise == exercise) }.map(\.days).max() ?? 0
    }

    /// The penalty for a submission made at `submittedAt` to an exercise due at `due`; nil
    /// when it is on time, when the exercise has no due date or the time is unknown.
    public func penalty(submittedAt: Date?, due: Date?, student: String, exercise: String) -> LatePenalty? {
        guard isEnabled, let submittedAt, let due else { return nil }
        let deadline = due.addingTimeInterval(graceMinutes * 60 + extensionDays(student: student, exercise: exercise) * 86_400)
        let late = submittedAt.timeIntervalSince(deadline)
        guard late > 0 else { return nil }
        let days = Int((late / 86_400).rounded(.up))
        let fraction = days > maximumDaysLate ? 1 : min(1, Double(days) * penaltyPerDay)
        return LatePenalty(daysLate: days, fraction: fraction, deadline: deadline)
    }
}

/// How late one submission was and what it costs.
public struct LatePenalty: Sendable, Equatable {
    /// Started days after the deadline; >= 1.
    public let daysLate: Int
    /// Fraction of the earned points taken, 0...1.
    public let fraction: Double
    /// The due time with grace and extensions.
    public let deadline: Date

    public init(daysLate: Int, fraction: Double, deadline: Date) {
        self.daysLate = daysLate
        self.fraction = fraction
        self.deadline = deadline
    }

    /// Points after the penalty.
    public func apply(to points: Double) -> Double { points * (1 - fraction) }
}

extension LatePolicy {
    /// Loads `course.toml` of `course`; ``LatePolicy/none`` when there is none.
    public static func load(course: Course) throws -> LatePolicy {
        let path = course.root.appendingPathComponent("course.toml").path
        guard FileManager.default.fileExists(atPath: path) else { return .none }
        return try parse(SpecFile.load(path: path))
    }

    /// Parses course.toml text (`path` names it in messages).
    public static func parse(text: String, path: String) throws -> LatePolicy {
        try parse(SpecFile(path: path, text: text))
    }

    static func parse(_ file: SpecFile) throws -> LatePolicy {
        let root = file.rootTable
        try root.rejectUnknownKeys(allowed: ["late_policy", "extensions"])
        var policy = LatePolicy()
        if let table = try root.table("late_policy") {
            policy.isEnabled = true
            try table.rejectUnknownKeys(allowed: ["grace_minutes", "penalty_per_day", "max_days_late"])
            policy.graceMinutes = try table.number("grace_minutes", in: 0...10_080) ?? 0
            policy.penaltyPerDay = try table.number("penalty_per_day", in: 0...1, required: true) ?? 0
            policy.maximumDaysLate = try table.integer("max_days_late", in: 0...365, required: true) ?? 0
        }
        var seen = Set<String>()
        for table in try root.tables("extensions") {
            try table.rejectUnknownKeys(allowed: ["student", "exercise", "days"])
            let student = try table.string("student", required: true) ?? ""
            guard !student.isEmpty else { throw table.error("student", "'student' is empty; give the student id") }
            let exercise = try table.string("exercise")
            let days = try table.number("days", in: 0...365, required: true) ?? 0
            let key = student + "\u{0}" + (exercise ?? "*")
            guard seen.insert(key).inserted else {
                throw table.error("student", "a second extension for \(student) on \(exercise ?? "every exercise"); keep one")
            }
            policy.extensions.append(LatePolicy.Extension(student: student, exercise: exercise, days: days))
        }
        return policy
    }
}
