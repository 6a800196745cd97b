import Glibc

/// The exact argv that starts a program inside the sandbox: a chain of small helpers that
/// each set one thing up and `exec` the next.
///
/// Not root (``Isolation/ownUser``, a student's own machine):
/// `prlimit LIMITS-but-nproc -- setpriv --pdeathsig KILL --no-new-privs -- PROGRAM ARGS`
///
/// Without bubblewrap:
/// `prlimit LIMITS -- setpriv --pdeathsig KILL --reuid U --regid U --clear-groups
///  --no-new-privs --inh-caps=-all --bounding-set=-all -- PROGRAM ARGS`
///
/// With bubblewrap (the grading path; three programs before the student's, each start costs
/// about 1.5 ms, so the chain is kept this short):
/// `bwrap NAMESPACES MOUNTS --die-with-parent --as-pid-1 -- setpriv --reuid U ... --
///  /bin/sh -c 'ulimit LIMITS || exit 125; "$@"; exit $?' sandbox PROGRAM ARGS`
///
/// The shell is the sandbox's pid 1 (`--as-pid-1`): it sets the rlimits on itself (already
/// as the sandbox user, who may lower but never raise them) so the program inherits them; it
/// waits for the program, so the program's CPU time and peak memory reach the grader's `wait4`
/// through bubblewrap (whose own reaper would exit before being reaped and lose them), and it
/// reports a death by signal N as exit code 128 + N. When it exits, the kernel kills
/// everything left in the pid namespace. `--die-with-parent` kills the whole sandbox if the
/// grader dies, which `setpriv --pdeathsig` does in the other two chains.
///
/// Bubblewrap runs as root without a user namespace (it unshares ipc, pid, net, uts and
/// cgroup: `--unshare-all` minus user), because inside a user namespace the student's uid
/// would map to root on the host, where `RLIMIT_NPROC` does not apply, and an unprivileged
/// bubblewrap could not bind a Python under `/root` (mode 0700). The setpriv inside drops to
/// the sandbox user, clears every capability and sets no-new-privs, so set-uid programs in
/// `/usr/bin` gain nothing.
enum CommandChain {
    /// Files and folders of `/etc` shown read-only under bubblewrap (those that exist):
    /// what the dynamic linker, Python, numpy, matplotlib and user lookups read. Anything
    /// named `python*` in `/etc` is added.
    static let etcEntries = [
        "alternatives", "ca-certificates", "fonts", "group", "host.conf", "hosts", "ld.so.cache", "ld.so.conf",
        "ld.so.conf.d", "localtime", "matplotlibrc", "mime.types", "nsswitch.conf", "os-release", "passwd", "ssl",
    ]

    /// The name (`$0`) of the shell that is pid 1 under bubblewrap; its messages start with it.
    static let shellName = "sandbox"

    /// Top-level names that are symbolic links into /usr on merged-/usr systems, or folders.
    static let rootRuntimeEntries = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"]

    /// - Parameters:
    ///   - executable: the program, an absolute path resolved beforehand.
    ///   - arguments: its arguments after argv[0].
    ///   - folder: the working folder, a canonical absolute path.
    static func arguments(
        mode: Sandbox.Mode, tools: Sandbox.Tools, limits: SandboxLimits, userID: UInt32,
        executable: String, arguments: [String], folder: String, runtime: SandboxRuntime
    ) -> [String] {
        let dropPrivileges = [
            "--reuid=\(userID)", "--regid=\(userID)", "--clear-groups", "--no-new-privs", "--inh-caps=-all",
            "--bounding-set=-all",
        ]
        let program = ["--", executable] + arguments
        let prefix = [tools.prlimit] + limits.prlimitOptions + ["--", tools.setpriv, "--pdeathsig", "KILL"]
        switch mode {
        case .ownUser:
            // No --nproc: for a normal user it counts every process of theirs, desktop included.
            return [tools.prlimit] + limits.prlimitOptions.filter { !$0.hasPrefix("--nproc=") }
                + ["--", tools.setpriv, "--pdeathsig", "KILL", "--no-new-privs"] + program
        case .rlimitsOnly:
            return prefix + dropPrivileges + program
        case .bubblewrap(let bwrap, _):
            return [bwrap]
                + bubblewrapOptions(limits: limits, folder: folder, runtime: runtime)
                + ["--", tools.setpriv] + dropPrivileges
                + ["--", tools.shell, "-c", shellScript(limits: limits), shellName, executable] + arguments
        }
    }

    /// Exit code of the pid-1 shell when it cannot set a limit; the program is then not run.
    static let limitFailureExitCode: Int32 = 125

    /// The pid-1 shell's script under bubblewrap: the rlimits of ``SandboxLimits`` with the
    /// shell's `ulimit` (sizes rounded down to its units: KiB for address space, 512-byte
    /// blocks for files), failing closed, then the program. `ulimit -u` is bash's and
    /// busybox's name for the process limit, `-p` dash's.
    static func shellScript(limits: SandboxLimits) -> String {
        let settings = [
            "ulimit -S -t \(limits.cpuSeconds)", "ulimit -H -t \(limits.cpuSeconds + 1)",
            "ulimit -v \(max(1, limits.memoryBytes / 1024))", "ulimit -f \(max(1, limits.fileSizeBytes / 512))",
            "ulimit -n \(limits.openFiles)",
            "{ ulimit -u \(limits.processCount) 2>/dev/null || ulimit -p \(limits.processCount); }",
            "ulimit -c 0",
        ]
        return settings.joined(separator: " && ")
            + " || { echo \"\(shellName): could not set the resource limits\" >&2; exit \(limitFailureExitCode); }; \"$@\"; exit $?"
    }

    /// Namespaces and the mount tree: /usr and its top-level links, part of /etc, the
    /// runtime folders read-only; a fresh /proc, a minimal /dev with a private /dev/shm (for
    /// Python's multiprocessing) and a private /tmp, each of at most 4 x `fileSizeBytes`;
    /// the working folder read-write at its own path.
    static func bubblewrapOptions(limits: SandboxLimits, folder: String, runtime: SandboxRuntime) -> [String] {
        var options = [
            "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--as-pid-1", "--hostname", "sandbox",
            "--ro-bind", "/usr", "/usr",
        ]
        for name in rootRuntimeEntries {
            let path = "/" + name
            if let target = symbolicLinkTarget(path) {
                options += ["--symlink", target, path]
            } else if isFolder(path) {
                options += ["--ro-bind", path, path]
            }
        }
        options += ["--perms", "0755", "--dir", "/etc"]
        for name in etcEntries + pythonEtcEntries() where exists("/etc/" + name) {
            options += ["--ro-bind", "/etc/" + name, "/etc/" + name]
        }
        let scratchBytes = "\(4 * limits.fileSizeBytes)"
        options += [
            "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", scratchBytes, "--tmpfs", "/dev/shm",
            "--perms", "1777", "--size", scratchBytes, "--tmpfs", "/tmp",
        ]
        var created: Set<String> = ["/", "/usr", "/etc", "/proc", "/dev", "/tmp"]
        for path in runtime.readOnlyPaths where exists(path) {
            options += parentFolders(of: path, created: &created) + ["--ro-bind", path, path]
        }
        options += parentFolders(of: folder, created: &created)
        options += ["--bind", folder, folder, "--chdir", folder]
        return options
    }

    /// Folders that must exist above `path`, made traversable (bubblewrap would make them 0700).
    private static func parentFolders(of path: String, created: inout Set<String>) -> [String] {
        var options: [String] = []
        var current = ""
        for component in path.split(separator: "/").dropLast() {
            current += "/" + component
            if created.insert(current).inserted { options += ["--perms", "0755", "--dir", current] }
        }
        created.insert(path)
        return options
    }

    /// Folders the program can see under bubblewrap (read-only or its own).
    static func visibleRoots(folder: String, runtime: SandboxRuntime) -> [String] {
        ["/usr", folder] + rootRuntimeEntries.map { "/" + $0 } + runtime.readOnlyPaths
    }

    private static func pythonEtcEntries() -> [String] {
        guard let stream = opendir("/etc") else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("python") { names.append(name) }
        }
        return names.sorted()
    }

    private static func symbolicLinkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `path` exists after following links (a dangling link would make bwrap fail).
    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
