/// An instructor's mistake in an exercise, rubric or course file: the file, the line (when
/// known), what is wrong with the value seen, and how to fix it. Printed as
/// `rubrics/w05-descriptors.toml:14: 'rtol' must be in [0, 1] (got 5)`.
public struct SpecError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
