import Glibc

/// The interpreters and libraries a program may use besides the system's `/usr`: folders
/// shown read-only inside bubblewrap, and folders put in front of the system PATH.
///
/// The course's Python often lives outside `/usr` (pyenv under `/root/.pyenv/versions/...`,
/// a venv); ``hostPython`` finds it from the grader's own `python3`.
public struct SandboxRuntime: Sendable, Equatable {
    /// Absolute host folders shown read-only at the same path inside bubblewrap (and their
    /// parent folders as empty, traversable folders; nothing else of them is visible).
    public var readOnlyPaths: [String]
    /// Absolute folders put before ``SandboxRequest/systemSearchPath`` in PATH.
    public var searchPath: [String]

    public init(readOnlyPaths: [String], searchPath: [String]) {
        self.readOnlyPaths = readOnlyPaths
        self.searchPath = searchPath
    }

    /// Only the system's runtime (`/usr`, `/bin`, `/lib`...).
    public static let systemOnly = SandboxRuntime(readOnlyPaths: [], searchPath: [])

    /// The grader's `python3` (found on its PATH, run once per process): its install prefixes
    /// (`sys.prefix`, `sys.base_prefix`, exec prefixes; real paths) and the folder of
    /// `sys.executable`. ``systemOnly`` when there is no `python3` or it lives in `/usr`.
    public static let hostPython: SandboxRuntime = detectPython(command: "python3")

    /// Asks `command` (a name looked up on the grader's PATH) where it is installed.
    public static func detectPython(command: String) -> SandboxRuntime {
        let hostPath = (getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        guard case .found(let executable) = ExecutableLookup.resolve(command, searchPath: hostPath, workingDirectory: "/")
        else { return .systemOnly }
        let script = """
            import os, sys
            print(os.path.dirname(os.path.abspath(sys.executable)))
            for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix): print(os.path.realpath(p))
            """
        var environment: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            environment.append(String(cString: pointer))
            entry += 1
        }
        guard let result = ToolRunner.run(executable, ["-I", "-c", script], environment: environment, timeoutSeconds: 20),
              result.exitCode == 0
        else { return .systemOnly }
        let lines = result.standardOutput.split(separator: "\n").map(String.init).filter { $0.hasPrefix("/") }
        guard let binFolder = lines.first else { return .systemOnly }
        return SandboxRuntime(
            readOnlyPaths: uniqueOutsideSystem(Array(lines.dropFirst())),
            searchPath: isSystemFolder(binFolder) ? [] : [binFolder])
    }

    /// The paths that are not already part of the system runtime, without duplicates or
    /// paths nested in another one.
    private static func uniqueOutsideSystem(_ paths: [String]) -> [String] {
        var kept: [String] = []
        for path in paths.sorted() where !isSystemFolder(path) && path != "/" {
            if !kept.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { kept.append(path) }
        }
        return kept
    }

    private static func isSystemFolder(_ path: String) -> Bool {
        ["/usr", "/bin", "/lib", "/lib64", "/sbin"].contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// The search folders an unprivileged user can reach (every parent folder lets others
    /// pass, mode o+x): without bubblewrap, a Python under `/root` (mode 0700) is unusable.
    func searchPathReachableByOthers() -> [String] {
        searchPath.filter(Self.isReachableByOthers)
    }

    static func isReachableByOthers(_ path: String) -> Bool {
        var current = ""
        for component in path.split(separator: "/") {
            current += "/" + component
            var info = stat()
            guard stat(current, &info) == 0 else { return false }
            if (info.st_mode & S_IFMT) == S_IFDIR, info.st_mode & S_IXOTH == 0 { return false }
        }
        return true
    }
}
