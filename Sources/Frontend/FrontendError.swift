/// Errors of the CLI's operations that are not the science modules' own (those pass through
/// unchanged and carry their own messages).
public enum FrontendError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidOption(name: String, value: String, reason: String)
    /// A problem on one line of an input file (1-based `line`); `reason` names the value seen
    /// and the fix.
    case inputLine(path: String, line: Int, reason: String)
    /// A data file that cannot be used: `field` (a JSON field, with an index, or a CSV line
    /// and column) is `nil` when the whole file is at fault.
    case invalidData(file: String, field: String?, problem: String, fix: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, reason): return "invalid value '\(value)' for \(name): \(reason)"
        case let .inputLine(path, line, reason): return "\(path):\(line): \(reason)"
        case let .invalidData(file, field, problem, fix):
            return "\(file): \(field.map { "\($0) " } ?? "")\(problem); \(fix)"
        }
    }
}

/// How a `compute` command prints its result.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// The documented, stable JSON interface (README.md, "matgrade compute").
    case json
    /// An aligned, human-readable table.
    case table
}
