/// The operations behind each `matgrade` subcommand. The CLI target only parses arguments
/// and calls one function here; everything here is testable without a process.
public enum Frontend {
    /// matgrade's version (semantic versioning), printed by `matgrade --version`.
    public static let version = "0.1.0"
}
