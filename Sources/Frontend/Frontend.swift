/// The operations behind each `matgrade` subcommand. The CLI target only parses arguments
/// and calls one function here; everything here is testable without a process.
public enum Frontend {}
