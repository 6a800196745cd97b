import Foundation
import Glibc

extension Sandbox {
    /// One run from start to cleanup; see ``runSynchronously(_:)``.
    func execute(_ request: SandboxRequest, cancellation: Int32?) throws(SandboxError) -> SandboxOutcome {
        guard let command = request.command.first, !command.isEmpty else { throw .emptyCommand }
        try request.limits.validate()
        guard request.tailBytes > 0 else { throw .invalidLimit(name: "tailBytes", value: "\(request.tailBytes)") }
        guard let folder = canonicalPath(request.workingDirectory.path),
              let original = FolderOwnership.original(of: folder)
        else { throw .workingFolderMissing(path: request.workingDirectory.path) }

        // As root: a leased unprivileged id owns the folder for the run. Not root
        // (``Isolation/ownUser``): the calling user runs it in place.
        let ownUser = mode == .ownUser
        let lease = ownUser ? nil : try UserLease.acquire(from: userPool)
        let userID = lease?.userID ?? geteuid()
        var reaped = false
        defer { lease?.release(clean: reaped) }
        if lease?.previousHolderCrashed == true { sweep(userID: userID) }

        if !ownUser {
            try FolderOwnership.change(folder, userID: userID, groupID: userID, mode: 0o700)
        }
        defer {
            if !ownUser {
                try? FolderOwnership.change(folder, userID: original.userID, groupID: original.groupID, mode: original.mode)
            }
        }

        var outcome = SandboxOutcome(
            termination: .exited(0), standardOutputTail: "", standardErrorTail: "", standardOutputBytes: 0,
            standardErrorBytes: 0, outputTruncated: false, wallSeconds: 0, cpuSeconds: 0, peakMemoryBytes: 0,
            isolation: isolation, userID: userID, limits: request.limits)

        let usesBubblewrap = isolation.isolatesFileSystem
        let searchPath = usesBubblewrap || ownUser ? runtime.searchPath : runtime.searchPathReachableByOthers()
        let environment = request.effectiveEnvironment(folder: folder, searchPath: searchPath)
        let lookupPath = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let executable: String
        switch ExecutableLookup.resolve(command, searchPath: lookupPath, workingDirectory: folder) {
        case .failed(let message):
            reaped = true
            outcome.termination = .failedToStart(message)
            return outcome
        case .found(let path):
            executable = path
        }
        if usesBubblewrap {
            let roots = CommandChain.visibleRoots(folder: folder, runtime: runtime)
            guard roots.contains(where: { executable == $0 || executable.hasPrefix($0 + "/") }) else {
                reaped = true
                outcome.termination = .failedToStart(
                    "'\(command)' is \(executable), which the sandbox does not show (only the system runtime, \(runtime.readOnlyPaths.joined(separator: ", ")) and the working folder).")
                return outcome
            }
        }

        let arguments = CommandChain.arguments(
            mode: mode, tools: tools, limits: request.limits, userID: userID, executable: executable,
            arguments: Array(request.command.dropFirst()), folder: folder, runtime: runtime)
        let launched = ProcessLauncher.launch(
            executable: arguments[0], arguments: arguments,
            environment: environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" },
            workingDirectory: folder)
        let process: LaunchedProcess
        switch launched {
        case .failed(let code):
            reaped = true
            outcome.termination = .failedToStart("the system could not start a process (\(errnoText(code))); this is not your program's fault, please tell your instructor.")
            return outcome
        case .started(let started):
            process = started
        }

        let supervised = Supervisor.supervise(
            process, wallClockSeconds: request.limits.wallClockSeconds, outputLimitBytes: request.limits.outputBytes,
            tailBytes: request.tailBytes, cancellation: cancellation,
            killTree: {
                kill(-process.pid, SIGKILL)
                if !ownUser { sweep(userID: userID) }
            },
            afterExit: {
                // Bubblewrap's pid namespace ends with the program; without it, whatever the
                // program left behind (background jobs, setsid escapes) is killed by uid, or,
                // as the calling user (whose other processes must live), by process group.
                if ownUser {
                    kill(-process.pid, SIGKILL)
                } else if !usesBubblewrap {
                    sweep(userID: userID)
                }
            },
            sweepLeftovers: {
                if ownUser { kill(-process.pid, SIGKILL) } else { sweep(userID: userID) }
            })
        reaped = supervised.waitStatus != nil

        let usage = supervised.usage
        outcome.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        outcome.peakMemoryBytes = usage.ru_maxrss * 1024
        outcome.wallSeconds = supervised.wallSeconds
        outcome.standardOutputTail = supervised.standardOutput.text
        outcome.standardErrorTail = supervised.standardError.text
        outcome.standardOutputBytes = supervised.standardOutput.totalBytes
        outcome.standardErrorBytes = supervised.standardError.totalBytes
        outcome.outputTruncated = supervised.standardOutput.isTruncated || supervised.standardError.isTruncated
        outcome.termination = TerminationClassifier.classify(
            stopReason: supervised.stopReason, waitStatus: supervised.waitStatus,
            cpuSeconds: outcome.cpuSeconds, limits: request.limits, standardError: outcome.standardErrorTail)
        return outcome
    }

    /// Kills every process of `userID`, race-free: `kill(-1, SIGKILL)` sent as that user
    /// reaches exactly its processes, in the sandbox's pid namespace too, and the kernel
    /// refuses forks of a process with a pending SIGKILL, so a fork bomb cannot outrun it.
    func sweep(userID: UInt32) {
        _ = ToolRunner.run(
            tools.setpriv,
            ["--reuid=\(userID)", "--regid=\(userID)", "--clear-groups", "--", tools.shell, "-c", "kill -9 -1"],
            environment: ["PATH=/usr/bin:/bin"], timeoutSeconds: 5)
    }

    private func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) * 1e-6
    }
}

/// Turning a wait status and what the supervisor saw into a ``Termination``.
enum TerminationClassifier {
    /// First lines of standard error written by the helpers of ``CommandChain`` when they,
    /// not the program, fail (e.g. "setpriv: failed to execute ...", "sandbox: 1: ...: not found").
    static let helperPrefixes = ["prlimit: ", "setpriv: ", "bwrap: ", CommandChain.shellName + ": "]
    static let memoryMessages = ["MemoryError", "Cannot allocate memory", "std::bad_alloc", "out of memory", "Out of memory"]
    static let fileSizeMessages = ["File too large", "[Errno 27]"]

    /// Exit codes 129...192 are read as death by signal (code - 128), the way shells report
    /// a child's signal; under bubblewrap every signal death arrives so. A program that itself
    /// exits with such a code is therefore reported as signaled.
    /// - Parameters:
    ///   - cpuSeconds: CPU time used, seconds; a SIGKILL at or past the CPU limit is the
    ///     hard `RLIMIT_CPU`.
    static func classify(
        stopReason: StopReason?, waitStatus: Int32?, cpuSeconds: Double,
        limits: SandboxLimits, standardError: String
    ) -> Termination {
        switch stopReason {
        case .cancelled: return .cancelled
        case .wallClock: return .wallClockTimeout
        case .output: return .outputLimit
        case nil: break
        }
        guard let status = waitStatus else { return .wallClockTimeout }
        var exitCode = WaitStatus.exitCode(status)
        var signal = WaitStatus.signal(status)
        if let code = exitCode, code > 128, code <= 128 + 64 {
            signal = code - 128
            exitCode = nil
        }
        if let code = exitCode, code != 0, let line = helperFailure(standardError) {
            return .failedToStart("the system could not execute it (\(line)). If it is a script, check its first line (#!).")
        }
        if let signal {
            if signal == SIGXCPU || (signal == SIGKILL && cpuSeconds >= Double(limits.cpuSeconds)) { return .cpuTimeLimit }
            if signal == SIGXFSZ { return .fileSizeLimit }
            if mentions(standardError, memoryMessages) { return .memoryLimit }
            return .signaled(signal)
        }
        let code = exitCode ?? 0
        if code != 0 {
            if mentions(standardError, fileSizeMessages) { return .fileSizeLimit }
            if mentions(standardError, memoryMessages) { return .memoryLimit }
        }
        return .exited(code)
    }

    /// The helper's message when standard error begins with one.
    private static func helperFailure(_ standardError: String) -> String? {
        guard let first = standardError.split(separator: "\n").first.map(String.init),
              helperPrefixes.contains(where: first.hasPrefix)
        else { return nil }
        return first
    }

    private static func mentions(_ text: String, _ phrases: [String]) -> Bool {
        phrases.contains { text.contains($0) }
    }
}
