import JSONSupport
import Sandbox

/// What happened when a submission ran on one case: the sandbox's account of the run and the
/// program's `output.json`, or why there is none, in words a student understands.
public struct CaseRun: Sendable {
    public let sandbox: SandboxOutcome
    /// The parsed `output.json`; nil when the run failed or the file is unusable.
    public let output: JSONValue?
    /// Why `output` is nil (or which required fields it lacks); nil when it is usable.
    public let problem: String?

    public init(sandbox: SandboxOutcome, output: JSONValue?, problem: String?) {
        self.sandbox = sandbox
        self.output = output
        self.problem = problem
    }
}

extension CaseLimits {
    /// The sandbox limits of one run of this case.
    public var sandboxLimits: SandboxLimits {
        SandboxLimits(
            wallClockSeconds: wallSeconds, cpuSeconds: max(1, Int(cpuSeconds.rounded(.up))),
            memoryBytes: memoryMegabytes << 20, outputBytes: outputKilobytes << 10)
    }
}
