/// The resources one run of an untrusted program may use. Every limit applies to each run
/// separately; the defaults suit a course exercise in Python with numpy.
///
/// Enforcement: ``wallClockSeconds`` and ``outputBytes`` by the supervising grader thread;
/// the others as rlimits (set by `prlimit`, or under bubblewrap by the sandbox's pid-1 shell)
/// that the program and everything it starts inherit.
public struct SandboxLimits: Sendable, Equatable {
    /// Real time from start to stop, seconds; > 0. On expiry the whole run is killed
    /// (``Termination/wallClockTimeout``). Catches programs that sleep or wait as well as loops.
    public var wallClockSeconds: Double
    /// CPU time (user + system) of each process, whole seconds; > 0 (`RLIMIT_CPU`). At the limit
    /// the process gets SIGXCPU and one second later SIGKILL (``Termination/cpuTimeLimit``).
    public var cpuSeconds: Int
    /// Virtual address space of each process, bytes; > 0 (`RLIMIT_AS`). Allocations past it
    /// fail, so Python raises `MemoryError` (``Termination/memoryLimit``). Address space is
    /// larger than resident memory: keep it at least 512 MiB for Python with numpy.
    public var memoryBytes: Int
    /// Standard output and standard error, bytes each; > 0. When either stream passes it the
    /// run is stopped (``Termination/outputLimit``); the grader keeps only the last
    /// ``SandboxRequest/tailBytes`` of each, so its memory stays bounded.
    public var outputBytes: Int
    /// Largest file a process may write, bytes; > 0 (`RLIMIT_FSIZE`). Writing past it fails
    /// (``Termination/fileSizeLimit``). Under bubblewrap the private /tmp and /dev/shm hold
    /// at most four times this each, in total.
    public var fileSizeBytes: Int
    /// Processes and threads the sandbox user may have at once; > 0 (`RLIMIT_NPROC`, counted
    /// for the run's own user id, so other runs do not share it). Bounds fork bombs.
    public var processCount: Int
    /// Open file descriptors per process; > 0 (`RLIMIT_NOFILE`).
    public var openFiles: Int

    /// - Parameters:
    ///   - wallClockSeconds: seconds of real time; default 60.
    ///   - cpuSeconds: seconds of CPU time per process; default 30.
    ///   - memoryBytes: address space per process, bytes; default 2 GiB.
    ///   - outputBytes: per output stream, bytes; default 1 MiB.
    ///   - fileSizeBytes: per file, bytes; default 64 MiB.
    ///   - processCount: processes and threads at once; default 64.
    ///   - openFiles: descriptors per process; default 256.
    public init(
        wallClockSeconds: Double = 60,
        cpuSeconds: Int = 30,
        memoryBytes: Int = 2 << 30,
        outputBytes: Int = 1 << 20,
        fileSizeBytes: Int = 64 << 20,
        processCount: Int = 64,
        openFiles: Int = 256
    ) {
        self.wallClockSeconds = wallClockSeconds
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.outputBytes = outputBytes
        self.fileSizeBytes = fileSizeBytes
        self.processCount = processCount
        self.openFiles = openFiles
    }

    /// Throws ``SandboxError/invalidLimit(name:value:)`` for the first limit that is not positive.
    func validate() throws(SandboxError) {
        guard wallClockSeconds > 0, wallClockSeconds.isFinite else {
            throw .invalidLimit(name: "wallClockSeconds", value: "\(wallClockSeconds)")
        }
        let integers: [(String, Int)] = [
            ("cpuSeconds", cpuSeconds), ("memoryBytes", memoryBytes), ("outputBytes", outputBytes),
            ("fileSizeBytes", fileSizeBytes), ("processCount", processCount), ("openFiles", openFiles),
        ]
        for (name, value) in integers where value <= 0 {
            throw .invalidLimit(name: name, value: "\(value)")
        }
    }

    /// `prlimit` options setting soft and hard limits (the CPU hard limit one second later,
    /// so SIGXCPU comes first) and disabling core dumps.
    var prlimitOptions: [String] {
        [
            "--cpu=\(cpuSeconds):\(cpuSeconds + 1)",
            "--as=\(memoryBytes):\(memoryBytes)",
            "--fsize=\(fileSizeBytes):\(fileSizeBytes)",
            "--nofile=\(openFiles):\(openFiles)",
            "--nproc=\(processCount):\(processCount)",
            "--core=0:0",
        ]
    }
}
