import Foundation

/// One run: what to execute, where, with which extra environment and limits.
/// Standard input is always empty (`/dev/null`).
public struct SandboxRequest: Sendable {
    /// The program and its arguments, e.g. `["python3", "solution.py", "input.json",
    /// "output.json"]`. A name without `/` is looked up in the sandbox's PATH; a relative path
    /// with `/` is relative to the working folder.
    public var command: [String]
    /// A fresh folder made by the caller holding only the submission's files and its input.
    /// During the run it belongs to the sandbox user with mode 0700; afterwards every entry
    /// in it is given back to the folder's original owner and the folder gets its mode back.
    public var workingDirectory: URL
    /// Variables added to (or replacing those of) the scrubbed base ``baseEnvironment(home:searchPath:)``.
    /// Nothing else of the grader's environment reaches the program.
    public var environment: [String: String]
    /// Resource limits of this run.
    public var limits: SandboxLimits
    /// How much of the end of each output stream the outcome keeps, bytes; > 0. Default 64 KiB.
    public var tailBytes: Int

    public init(
        command: [String],
        workingDirectory: URL,
        environment: [String: String] = [:],
        limits: SandboxLimits = SandboxLimits(),
        tailBytes: Int = 64 << 10
    ) {
        self.command = command
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.limits = limits
        self.tailBytes = tailBytes
    }

    /// The system folders every sandbox PATH ends with.
    public static let systemSearchPath = ["/usr/local/bin", "/usr/bin", "/bin"]

    /// The environment a program starts from: PATH (the runtime's folders, then
    /// ``systemSearchPath``), HOME and PWD (the working folder), a UTF-8 locale, one BLAS/OpenMP
    /// thread (so numpy stays within the CPU and process limits) and no `.pyc` files.
    public static func baseEnvironment(home: String, searchPath: [String]) -> [String: String] {
        [
            "PATH": (searchPath + systemSearchPath).joined(separator: ":"),
            "HOME": home,
            "PWD": home,
            "LANG": "C.UTF-8",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        ]
    }

    /// The full environment of this run: the base with ``environment`` on top.
    /// - Parameter folder: the working folder with symbolic links resolved.
    func effectiveEnvironment(folder: String, searchPath: [String]) -> [String: String] {
        Self.baseEnvironment(home: folder, searchPath: searchPath)
            .merging(environment) { _, requested in requested }
    }
}
