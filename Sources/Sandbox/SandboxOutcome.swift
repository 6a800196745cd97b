/// How a run ended, from the student's point of view.
public enum Termination: Sendable, Equatable {
    /// The program ended by itself with this exit code (0 is success).
    case exited(Int32)
    /// The program was killed by this signal number (e.g. 11, a segmentation fault), for a
    /// reason other than a limit below.
    case signaled(Int32)
    /// The run took longer than ``SandboxLimits/wallClockSeconds`` and was killed whole.
    case wallClockTimeout
    /// A process used more than ``SandboxLimits/cpuSeconds`` of CPU time.
    case cpuTimeLimit
    /// The program ran out of address space (``SandboxLimits/memoryBytes``), seen as a
    /// `MemoryError` or an allocation failure in its error output.
    case memoryLimit
    /// Standard output or standard error passed ``SandboxLimits/outputBytes``; the run was stopped.
    case outputLimit
    /// A file write passed ``SandboxLimits/fileSizeBytes``.
    case fileSizeLimit
    /// The program could not be started at all (not found, not executable, bad interpreter line).
    case failedToStart(String)
    /// The grader cancelled the run (its task was cancelled); not the program's fault.
    case cancelled
}

/// What happened in one run. Built for every run, whatever the program did.
public struct SandboxOutcome: Sendable {
    /// How the run ended.
    public var termination: Termination
    /// The last ``SandboxRequest/tailBytes`` of standard output, as UTF-8 (invalid bytes replaced).
    public var standardOutputTail: String
    /// The last ``SandboxRequest/tailBytes`` of standard error, as UTF-8 (invalid bytes replaced).
    public var standardErrorTail: String
    /// Bytes the program wrote to standard output (read before the run stopped), bytes.
    public var standardOutputBytes: Int
    /// Bytes the program wrote to standard error (read before the run stopped), bytes.
    public var standardErrorBytes: Int
    /// True when a tail does not hold everything its stream carried.
    public var outputTruncated: Bool
    /// Real time from start until the program's end, seconds.
    public var wallSeconds: Double
    /// User + system CPU time of the program and the descendants it waited for, seconds.
    /// Best effort: processes killed on a timeout may be missing.
    public var cpuSeconds: Double
    /// Largest resident set of any one process of the run (`ru_maxrss` from `wait4`), bytes.
    /// Best effort, like ``cpuSeconds``.
    public var peakMemoryBytes: Int
    /// The isolation the program ran under.
    public var isolation: Isolation
    /// The unprivileged user (and group) id the program ran as.
    public var userID: UInt32
    /// The limits of the run, so an explanation can name them.
    public var limits: SandboxLimits

    /// True when the program ended by itself with exit code 0.
    public var succeeded: Bool { termination == .exited(0) }

    /// An outcome as recorded elsewhere (a gradebook row, a test); the sandbox makes its own.
    public init(
        termination: Termination, standardOutputTail: String = "", standardErrorTail: String = "",
        standardOutputBytes: Int = 0, standardErrorBytes: Int = 0, outputTruncated: Bool = false,
        wallSeconds: Double, cpuSeconds: Double, peakMemoryBytes: Int = 0, isolation: Isolation,
        userID: UInt32 = 0, limits: SandboxLimits = SandboxLimits()
    ) {
        self.termination = termination
        self.standardOutputTail = standardOutputTail
        self.standardErrorTail = standardErrorTail
        self.standardOutputBytes = standardOutputBytes
        self.standardErrorBytes = standardErrorBytes
        self.outputTruncated = outputTruncated
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.peakMemoryBytes = peakMemoryBytes
        self.isolation = isolation
        self.userID = userID
        self.limits = limits
    }
}
