import Glibc

/// A started child: its pid (also its process-group and session id) and the read ends of
/// its standard output and standard error pipes.
struct LaunchedProcess {
    let pid: pid_t
    let standardOutput: Int32
    let standardError: Int32
}

enum LaunchResult {
    case started(LaunchedProcess)
    case failed(errno: Int32)
}

/// Starts programs with `posix_spawn` (safe in a multi-threaded grader, unlike fork):
/// a new session, default signal handling, an empty signal mask, standard input from
/// `/dev/null`, standard output and error to fresh pipes, and every other descriptor closed.
enum ProcessLauncher {
    /// Starts `executable` (an absolute path) with `arguments` (argv, including argv[0]) and
    /// exactly `environment` ("NAME=value" entries) in `workingDirectory`.
    /// - Returns: the process, or the errno of the failure.
    static func launch(
        executable: String, arguments: [String], environment: [String], workingDirectory: String
    ) -> LaunchResult {
        guard let output = GNULibc.makePipe() else { return .failed(errno: errno) }
        guard let error = GNULibc.makePipe() else {
            let code = errno
            close(output.read); close(output.write)
            return .failed(errno: code)
        }
        defer { close(output.write); close(error.write) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, error.write, 2)
        if let addChdir = GNULibc.addChdir { _ = addChdir(&actions, workingDirectory) }
        if let addClosefrom = GNULibc.addClosefrom { _ = addClosefrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        let flags = GNULibc.spawnSetSession | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(output.read); close(error.read)
            return .failed(errno: status)
        }
        return .started(LaunchedProcess(pid: pid, standardOutput: output.read, standardError: error.read))
    }
}

/// Finding the file a command names, the way a shell would, before anything is started.
enum ExecutableLookup {
    enum Resolution: Equatable {
        case found(String)
        case failed(String)
    }

    /// Resolves `name`: with a `/` it is a path (relative to `workingDirectory`), otherwise it
    /// is looked up in `searchPath`. Only regular files with an execute bit count.
    static func resolve(_ name: String, searchPath: [String], workingDirectory: String) -> Resolution {
        if name.contains("/") {
            let path = name.hasPrefix("/") ? name : workingDirectory + "/" + name
            guard isRegularFile(path) else {
                return .failed("'\(name)' does not exist (looked for \(path)).")
            }
            guard access(path, X_OK) == 0 else {
                return .failed("'\(name)' is not executable; run it through its interpreter (e.g. python3 \(name)) or mark it executable.")
            }
            return .found(path)
        }
        for folder in searchPath where !folder.isEmpty {
            let path = folder + "/" + name
            if isRegularFile(path), access(path, X_OK) == 0 { return .found(path) }
        }
        return .failed("the command '\(name)' was not found (searched \(searchPath.joined(separator: ":"))). Is it spelled right and installed?")
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

/// Runs a trusted helper (python3 -c, bwrap --version) to completion and collects its output.
enum ToolRunner {
    struct Result {
        let exitCode: Int32?
        let standardOutput: String
        let standardError: String
    }

    /// - Parameter timeoutSeconds: real-time bound, seconds; the helper is killed after it.
    /// - Returns: nil when the helper could not be started.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String], workingDirectory: String = "/",
        timeoutSeconds: Double
    ) -> Result? {
        guard case .started(let process) = ProcessLauncher.launch(
            executable: executable, arguments: [executable] + arguments, environment: environment,
            workingDirectory: workingDirectory)
        else { return nil }
        let supervised = Supervisor.supervise(
            process, wallClockSeconds: timeoutSeconds, outputLimitBytes: 1 << 20, tailBytes: 1 << 20,
            cancellation: nil, killTree: { kill(-process.pid, SIGKILL) }, afterExit: {}, sweepLeftovers: {})
        return Result(
            exitCode: supervised.waitStatus.flatMap(WaitStatus.exitCode),
            standardOutput: supervised.standardOutput.text,
            standardError: supervised.standardError.text)
    }
}

/// Decoding of `wait4` statuses (the C macros are not imported into Swift).
enum WaitStatus {
    /// The exit code when the process exited normally.
    static func exitCode(_ status: Int32) -> Int32? {
        status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }

    /// The signal number when the process was killed by a signal.
    static func signal(_ status: Int32) -> Int32? {
        let number = status & 0x7f
        return number != 0 && number != 0x7f ? number : nil
    }
}
