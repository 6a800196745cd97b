/// Errors of the Simulation module; `description` says what is wrong, the value seen, and the fix.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter or input array with a bad value: `field` names it (with an index where
    /// useful), `value` is what was seen, `fix` says what is allowed.
    case invalid(field: String, value: String, fix: String)

    public var description: String {
        switch self {
        case let .invalid(field, value, fix): "\(field) is \(value); \(fix)"
        }
    }
}
