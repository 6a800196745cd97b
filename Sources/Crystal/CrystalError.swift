/// Errors of the Crystal module. Each case carries the offending value; `description` is the
/// message a user reads: what is wrong, the value seen, how to fix it.
public enum CrystalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A symbol that is not an element 1-103. `suggestion` is the correctly cased symbol when
    /// the input only differs from one by case (`FE`, `fe` -> `Fe`).
    case unknownElement(symbol: String, suggestion: String?)
    /// A formula that cannot be parsed; `position` is the 0-based character offset.
    case invalidFormula(formula: String, position: Int, reason: String)
    /// A lattice that cannot describe a crystal (degenerate, wrong shape, bad angles).
    case invalidLattice(reason: String)
    /// A structure whose arrays disagree or whose values are not finite.
    case invalidStructure(reason: String)
    /// A problem in a structure file; `line` is 1-based, nil when the problem is not tied to
    /// one line (for example a missing section).
    case malformedFile(path: String, line: Int?, reason: String)
    /// The file format could not be recognised from the extension or content.
    case unknownFormat(path: String, reason: String)
    /// A file that cannot be read or written (missing, a folder, no permission, ...);
    /// `reason` is the system's explanation and what to check.
    case fileAccess(path: String, reason: String)
    /// An argument outside its documented range (cutoff radius, supercell scaling, ...).
    case invalidArgument(name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownElement(symbol, suggestion):
            if let suggestion {
                return "unknown element symbol '\(symbol)': element symbols are case-sensitive; did you mean '\(suggestion)'?"
            }
            return "unknown element symbol '\(symbol)': expected a symbol of elements 1-103 (H ... Lr)"
        case let .invalidFormula(formula, position, reason):
            return "invalid formula '\(formula)' at character \(position + 1): \(reason)"
        case let .invalidLattice(reason):
            return "invalid lattice: \(reason)"
        case let .invalidStructure(reason):
            return "invalid structure: \(reason)"
        case let .malformedFile(path, line, reason):
            if let line { return "\(path):\(line): \(reason)" }
            return "\(path): \(reason)"
        case let .unknownFormat(path, reason):
            return "\(path): \(reason)"
        case let .fileAccess(path, reason):
            return "\(path): \(reason)"
        case let .invalidArgument(name, value, reason):
            return "invalid \(name) '\(value)': \(reason)"
        }
    }
}
