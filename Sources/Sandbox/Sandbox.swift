import Foundation
import Glibc

/// Runs untrusted programs (students' submissions) contained and reports what happened.
///
/// Knows nothing of grades: the grader sees only a ``SandboxOutcome``. Every run gets
/// rlimits, a scrubbed environment, its own session and process group, an unprivileged user
/// id of its own, and (when available) bubblewrap namespaces; nothing it starts outlives it.
/// Anything the program does is reported in the outcome; only grader misconfiguration throws.
///
/// ```swift
/// let sandbox = try Sandbox()
/// let outcome = try await sandbox.run(SandboxRequest(
///     command: ["python3", "solution.py", "input.json", "output.json"], workingDirectory: caseFolder,
///     limits: SandboxLimits(wallClockSeconds: 10)))
/// print(outcome.plainExplanation)
/// ```
public struct Sandbox: Sendable {
    /// The isolation every run of this sandbox gets.
    public let isolation: Isolation
    /// What the program may use besides `/usr`.
    public let runtime: SandboxRuntime
    /// The user ids runs are spread over.
    public let userPool: SandboxUserPool

    enum Mode: Sendable, Equatable {
        case bubblewrap(executable: String, version: String)
        case rlimitsOnly(reason: String)
        /// Not root: rlimits as the calling user, no user switch, no namespaces.
        case ownUser
    }

    /// Absolute paths of the helpers every run uses (util-linux and the POSIX shell).
    struct Tools: Sendable {
        let prlimit: String
        let setpriv: String
        let shell: String
    }

    let mode: Mode
    let tools: Tools

    /// - Parameters:
    ///   - isolation: bubblewrap if possible (default), bubblewrap or fail, or rlimits only.
    ///   - runtime: interpreters shown besides `/usr`; default: the grader's `python3`.
    ///   - userPool: the unprivileged user ids to run as.
    ///   - allowsOwnUser: when matgrade is not root and `isolation` is automatic, run
    ///     programs as the calling user with rlimits only (``Isolation/ownUser``): for a
    ///     student checking their own program, never for grading others'.
    /// - Throws: ``SandboxError`` when the grader is not root (and `allowsOwnUser` is off), a
    ///   helper is missing, or bubblewrap was required and does not work.
    public init(
        isolation: IsolationChoice = .automatic, runtime: SandboxRuntime = .hostPython,
        userPool: SandboxUserPool = SandboxUserPool(), allowsOwnUser: Bool = false
    ) throws(SandboxError) {
        if geteuid() != 0, allowsOwnUser, isolation == .automatic {
            try self.init(mode: .ownUser, runtime: runtime, userPool: userPool)
            return
        }
        let mode: Mode
        switch isolation {
        case .rlimitsOnly:
            mode = .rlimitsOnly(reason: "chosen by the grader")
        case .automatic, .bubblewrap:
            try Self.checkPrerequisites()
            switch BubblewrapProbe.availability {
            case .available(let executable, let version):
                mode = .bubblewrap(executable: executable, version: version)
            case .unavailable(let reason):
                if isolation == .bubblewrap { throw .bubblewrapUnavailable(reason: reason) }
                mode = .rlimitsOnly(reason: reason)
            }
        }
        try self.init(mode: mode, runtime: runtime, userPool: userPool)
    }

    init(mode: Mode, runtime: SandboxRuntime, userPool: SandboxUserPool) throws(SandboxError) {
        let tools = try Self.checkPrerequisites(requiresRoot: mode != .ownUser)
        guard userPool.count > 0, userPool.firstUserID > 0, userPool.firstUserID <= UInt32.max - UInt32(userPool.count)
        else { throw .invalidLimit(name: "userPool", value: "\(userPool.firstUserID)+\(userPool.count)") }
        self.mode = mode
        self.tools = tools
        self.runtime = runtime
        self.userPool = userPool
        switch mode {
        case .bubblewrap(_, let version): isolation = .bubblewrap(version: version)
        case .rlimitsOnly(let reason): isolation = .rlimitsOnly(reason: reason)
        case .ownUser: isolation = .ownUser
        }
    }

    @discardableResult
    private static func checkPrerequisites(requiresRoot: Bool = true) throws(SandboxError) -> Tools {
        if requiresRoot, geteuid() != 0 { throw .requiresRoot(effectiveUserID: geteuid()) }
        if let missing = GNULibc.firstMissingFunction { throw .unsupportedPlatform(missingFunction: missing) }
        let folders = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        func find(_ name: String) throws(SandboxError) -> String {
            guard let path = folders.map({ $0 + "/" + name }).first(where: { access($0, X_OK) == 0 }) else {
                throw .missingTool(name: name, searched: folders.joined(separator: ", "))
            }
            return path
        }
        return Tools(prlimit: try find("prlimit"), setpriv: try find("setpriv"), shell: try find("sh"))
    }

    /// Runs `request` on a thread of its own (the caller's task is free meanwhile) and returns
    /// when the program and everything it started are gone. Cancelling the task kills the
    /// run (``Termination/cancelled``).
    /// - Throws: ``SandboxError`` only for grader misconfiguration (missing working folder,
    ///   empty command, invalid limits).
    public func run(_ request: SandboxRequest) async throws(SandboxError) -> SandboxOutcome {
        let signal = CancellationSignal()
        let result: Result<SandboxOutcome, SandboxError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(returning: Result { () throws(SandboxError) -> SandboxOutcome in
                        try execute(request, cancellation: signal.readEnd)
                    })
                }
                thread.name = "matgrade-sandbox"
                thread.start()
            }
        } onCancel: {
            signal.fire()
        }
        return try result.get()
    }

    /// Runs `request` on the calling thread, blocking it until the program and everything it
    /// started are gone.
    /// - Throws: ``SandboxError`` only for grader misconfiguration.
    public func runSynchronously(_ request: SandboxRequest) throws(SandboxError) -> SandboxOutcome {
        try execute(request, cancellation: nil)
    }
}

/// A pipe whose read end becomes readable when the run must stop.
final class CancellationSignal: Sendable {
    let readEnd: Int32?
    private let writeEnd: Int32

    init() {
        let pipe = GNULibc.makePipe()
        readEnd = pipe?.read
        writeEnd = pipe?.write ?? -1
    }

    func fire() {
        guard writeEnd >= 0 else { return }
        let byte: UInt8 = 1
        _ = withUnsafeBytes(of: byte) { write(writeEnd, $0.baseAddress, 1) }
    }

    deinit {
        if let readEnd { close(readEnd) }
        if writeEnd >= 0 { close(writeEnd) }
    }
}
