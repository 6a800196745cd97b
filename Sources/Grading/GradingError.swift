/// Errors of the Grading module: an instructor's mistake, never a student's failure.
///
/// A student's wrong, missing or malformed output is a ``CheckOutcome`` with `passed == false`
/// and a plain explanation. These errors are for what the instructor must fix: a comparator or
/// option the library does not know, an option value out of range, a field path that does not
/// parse, or a reference output that does not fit the check. `description` is the message;
/// the rubric loader prefixes it with `file:line: `.
///
/// Option names are the rubric's (`atol`, `max_angle_degrees`), also when a comparator is built
/// in Swift, so that one message serves both.
public enum GradingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A comparator name the library does not know; `suggestion` is the closest known name.
    case unknownComparator(name: String, suggestion: String?)
    /// An option the comparator does not take; `suggestion` is the closest known option.
    case unknownOption(comparator: String, option: String, knownOptions: [String], suggestion: String?)
    /// A required option is absent; `requirement` says what it must be ("a number in (0, 90]").
    case missingOption(comparator: String, option: String, requirement: String)
    /// An option of the wrong type or out of range; `got` is the value as the rubric wrote it.
    case invalidOption(comparator: String, option: String, requirement: String, got: String)
    /// The reference side of a check does not fit the check (a missing reference field, a
    /// reference array that is not numeric, too few samples for the folds): the rubric or the
    /// reference solver is wrong, not the student.
    case invalidReference(comparator: String, reason: String)
    /// Hidden cases were to be graded but the course secret is not set.
    case missingCourseSecret(variable: String)
    /// The course secret is too short to keep hidden inputs unguessable.
    case weakCourseSecret(length: Int, minimum: Int)
    /// The folder of submissions to grade cannot be used as given.
    case invalidSubmissions(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownComparator(name, suggestion):
            let hint = suggestion.map { "did you mean '\($0)'? " } ?? ""
            return "unknown comparator '\(name)'; \(hint)known comparators: "
                + ComparatorKind.allCases.map(\.rawValue).joined(separator: ", ")
        case let .unknownOption(comparator, option, knownOptions, suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            let known = knownOptions.isEmpty ? "it takes no options" : "its options: " + knownOptions.joined(separator: ", ")
            return "comparator '\(comparator)': unknown option '\(option)'\(hint) (\(known))"
        case let .missingOption(comparator, option, requirement):
            return "comparator '\(comparator)': option '\(option)' is required: \(requirement)"
        case let .invalidOption(comparator, option, requirement, got):
            return "comparator '\(comparator)': option '\(option)' must be \(requirement) (got \(got))"
        case let .invalidReference(comparator, reason):
            return "comparator '\(comparator)': the reference does not fit this check: \(reason); "
                + "fix the check's field or options in the rubric, or the reference solver"
        case let .missingCourseSecret(variable):
            return "\(variable) is not set: hidden cases are generated for each student from the course secret; "
                + "set it to the course's secret (make one once with: openssl rand -hex 32, and keep it out of the repository), "
                + "or grade public cases only with --public-only"
        case let .weakCourseSecret(length, minimum):
            return "the course secret (MATGRADE_SECRET) has \(length) characters, fewer than \(minimum): students could guess it "
                + "and compute their hidden inputs; use a random one, e.g. openssl rand -hex 32"
        case let .invalidSubmissions(path, reason):
            return "\(path): \(reason)"
        }
    }
}
