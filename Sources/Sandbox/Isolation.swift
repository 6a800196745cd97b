import Foundation

/// The isolation a program runs under.
public enum Isolation: Sendable, Equatable {
    /// Bubblewrap namespaces (version shown): no network, a private process tree, only the
    /// read-only system runtime and the working folder visible; plus rlimits and a
    /// non-root user.
    case bubblewrap(version: String)
    /// Only rlimits, a non-root user and a scrubbed environment (why bubblewrap is not used).
    /// File-system isolation is weaker: the program can read every world-readable file of the
    /// machine and can use the network.
    case rlimitsOnly(reason: String)
    /// Rlimits only, as the user who runs matgrade (not root: a student's own machine).
    /// Enough for checking one's own program (`matgrade check`), never for grading other
    /// people's: the program can read all the user's files, use the network and start
    /// processes that leave its process group.
    case ownUser

    /// True when the program sees only the runtime and its own folder.
    public var isolatesFileSystem: Bool {
        if case .bubblewrap = self { return true }
        return false
    }

    /// One line for `matgrade doctor` and run reports.
    public var summary: String {
        switch self {
        case .bubblewrap(let version):
            return "bubblewrap \(version): no network, private processes and /tmp, read-only system runtime, only the working folder visible; rlimits; unprivileged user"
        case .rlimitsOnly(let reason):
            return "rlimits only (\(reason)): WEAKER file-system isolation, the program can read every world-readable file and use the network; rlimits; unprivileged user; scrubbed environment"
        case .ownUser:
            return "your own user with rlimits (matgrade is not running as root): fine for checking your own program, never for grading others'; CPU, memory, file-size and output limits, wall-clock limit, scrubbed environment"
        }
    }

    /// What ``IsolationChoice/automatic`` picks on this machine, and why; for `matgrade doctor`.
    public static func detect(runtime: SandboxRuntime = .hostPython, userPool: SandboxUserPool = SandboxUserPool()) -> IsolationReport {
        var notes: [String] = []
        let isolation: Isolation
        do {
            let sandbox = try Sandbox(isolation: .automatic, runtime: runtime, userPool: userPool, allowsOwnUser: true)
            isolation = sandbox.isolation
            let unreachable = runtime.searchPath.filter { !SandboxRuntime.isReachableByOthers($0) }
            if !isolation.isolatesFileSystem, !unreachable.isEmpty {
                notes.append("without bubblewrap, \(unreachable.joined(separator: ", ")) is not reachable by the sandbox user; programs get the system's interpreters instead")
            }
        } catch {
            isolation = .rlimitsOnly(reason: "the sandbox cannot run here")
            notes.append(error.description)
        }
        return IsolationReport(isolation: isolation, runtime: runtime, userPool: userPool, notes: notes)
    }
}

/// Which isolation a ``Sandbox`` uses.
public enum IsolationChoice: Sendable, Equatable {
    /// Bubblewrap when it is installed and passes a self-test, otherwise rlimits only.
    case automatic
    /// Bubblewrap or nothing: ``Sandbox/init(isolation:runtime:userPool:)`` throws when it cannot be used.
    case bubblewrap
    /// Rlimits and a non-root user only, even when bubblewrap is available.
    case rlimitsOnly
}

/// Which isolation is active on this machine and what programs see; `matgrade doctor` prints it.
public struct IsolationReport: Sendable, CustomStringConvertible {
    public let isolation: Isolation
    public let runtime: SandboxRuntime
    public let userPool: SandboxUserPool
    /// Anything an instructor should know (missing tools, unreachable interpreters).
    public let notes: [String]

    public var description: String {
        var lines = ["isolation: \(isolation.summary)"]
        if isolation == .ownUser {
            lines.append("sandbox users: none (not root): programs run as you; matgrade grade needs root")
        } else {
            lines.append("sandbox users: uid/gid \(userPool.userIDs.lowerBound)-\(userPool.userIDs.upperBound), one per concurrent run")
        }
        let paths = runtime.readOnlyPaths.isEmpty ? "none" : runtime.readOnlyPaths.joined(separator: ", ")
        lines.append("runtime shown read-only besides /usr: \(paths)")
        lines.append("PATH: \((runtime.searchPath + SandboxRequest.systemSearchPath).joined(separator: ":"))")
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// Whether bubblewrap works here: found, its version, and a self-test run through the whole
/// sandbox; done once per process.
enum BubblewrapProbe {
    enum Availability {
        case available(executable: String, version: String)
        case unavailable(reason: String)
    }

    static let places = ["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"]

    static let availability: Availability = probe()

    private static func probe() -> Availability {
        guard let executable = places.first(where: { access($0, X_OK) == 0 }) else {
            return .unavailable(reason: "bubblewrap is not installed (no bwrap in \(places.joined(separator: ", ")))")
        }
        guard let result = ToolRunner.run(executable, ["--version"], environment: [], timeoutSeconds: 10),
              result.exitCode == 0
        else { return .unavailable(reason: "'\(executable) --version' failed") }
        let version = result.standardOutput.split(separator: " ").last.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        } ?? "unknown"

        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("matgrade-sandbox-selftest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let sandbox = try Sandbox(mode: .bubblewrap(executable: executable, version: version),
                                      runtime: .systemOnly, userPool: SandboxUserPool())
            let request = SandboxRequest(
                command: ["/bin/sh", "-c", "echo ok > self-test && cat self-test"], workingDirectory: folder,
                limits: SandboxLimits(wallClockSeconds: 10, cpuSeconds: 5))
            let outcome = try sandbox.runSynchronously(request)
            guard outcome.succeeded, outcome.standardOutputTail == "ok\n" else {
                let detail = outcome.standardErrorTail.split(separator: "\n").first.map(String.init) ?? ""
                return .unavailable(reason: "bubblewrap \(version) failed its self-test (\(outcome.termination)) \(detail)")
            }
        } catch let error as SandboxError {
            return .unavailable(reason: "bubblewrap self-test could not run: \(error)")
        } catch {
            return .unavailable(reason: "bubblewrap self-test could not run: \(error)")
        }
        return .available(executable: executable, version: version)
    }
}
