/// Errors of the Descriptors module. Each case carries the offending value; `description` is
/// the message a user reads: what is wrong, the value seen, how to fix it.
public enum DescriptorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option outside its documented range (radius, neighbor count, Gaussian width, ...).
    case invalidOption(name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, reason):
            return "invalid \(name) '\(value)': \(reason)"
        }
    }
}
