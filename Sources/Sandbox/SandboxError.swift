/// A mistake in how the grader set up a run, never something the student's program did.
///
/// Whatever the program does (crash, loop, allocate, print, fork) is reported in
/// ``SandboxOutcome``; these errors mean the grader or the machine is misconfigured, and each
/// message says what is wrong, the value seen, and how to fix it.
public enum SandboxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request's working folder does not exist or is not a folder.
    case workingFolderMissing(path: String)
    /// The request's command is empty.
    case emptyCommand
    /// A limit is out of range (name, value seen).
    case invalidLimit(name: String, value: String)
    /// The grader is not root, so it cannot run the program as an unprivileged user.
    case requiresRoot(effectiveUserID: UInt32)
    /// A tool the sandbox always needs is missing (name, where it was looked for).
    case missingTool(name: String, searched: String)
    /// The C library lacks a function the sandbox needs (its name).
    case unsupportedPlatform(missingFunction: String)
    /// Bubblewrap was required (``IsolationChoice/bubblewrap``) but cannot be used (why).
    case bubblewrapUnavailable(reason: String)
    /// The folder of user-id lock files cannot be used (path, why).
    case userPoolUnusable(path: String, reason: String)
    /// The working folder could not be handed to the sandbox user or back (path, why).
    case ownershipChangeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .workingFolderMissing(let path):
            return "sandbox: working folder '\(path)' does not exist or is not a folder; create it and copy the submission into it before running"
        case .emptyCommand:
            return "sandbox: the command to run is empty; give at least the program's name, e.g. [\"python3\", \"solution.py\"]"
        case .invalidLimit(let name, let value):
            return "sandbox: limit '\(name)' must be positive (got \(value))"
        case .requiresRoot(let uid):
            return "sandbox: matgrade must run as root to start programs as an unprivileged user (running as uid \(uid)); use sudo, or the CI container's root user (matgrade check, for your own program, runs without root)"
        case .missingTool(let name, let searched):
            return "sandbox: '\(name)' not found (looked in \(searched)); install it with 'apt-get install util-linux' (scripts/setup.sh does)"
        case .unsupportedPlatform(let function):
            return "sandbox: the C library lacks '\(function)'; glibc 2.36 or later (Debian 12) is needed"
        case .bubblewrapUnavailable(let reason):
            return "sandbox: bubblewrap was required but cannot be used: \(reason); install it with 'apt-get install bubblewrap' or allow rlimits-only isolation"
        case .userPoolUnusable(let path, let reason):
            return "sandbox: cannot use the user-id lock folder '\(path)': \(reason); it must be a folder owned by root with mode 0700"
        case .ownershipChangeFailed(let path, let reason):
            return "sandbox: cannot change the owner of '\(path)': \(reason); the working folder must be on a local file system that supports chown"
        }
    }
}
