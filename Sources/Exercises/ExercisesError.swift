/// An instructor's mistake in a case definition or an input document: each message says what
/// is wrong, the value seen and how to fix it.
public enum ExercisesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A case names a generator this exercise does not have.
    case unknownGenerator(exercise: String, generator: String, known: [String])
    /// A case parameter (`params` in `exercise.toml`) is missing, of the wrong type or out of range.
    case badParameter(name: String, value: String, fix: String)
    /// An input document lacks a field or holds a bad value there.
    case badInput(field: String, reason: String)
    /// Course data could not be read.
    case dataAccess(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownGenerator(exercise, generator, known):
            "\(exercise): unknown generator '\(generator)'; use one of \(known.joined(separator: ", "))"
        case let .badParameter(name, value, fix):
            "case parameter '\(name)' (got \(value)): \(fix)"
        case let .badInput(field, reason):
            "input document, field '\(field)': \(reason)"
        case let .dataAccess(path, reason):
            "\(path): \(reason)"
        }
    }
}
