import Foundation
import Glibc
import Testing
@testable import Sandbox

/// A Python program that tries every way out it can think of and reports each attempt as
/// "blocked: <exception>" or "OPEN: <what it got>", as JSON on standard output.
private let snoop = #"""
import json, os, socket, sys
targets = json.load(open("targets.json"))
results = {}
def attempt(name, action):
    try:
        results[name] = "OPEN: " + repr(action())[:300]
    except Exception as error:
        results[name] = "blocked: " + type(error).__name__
def scan_environs():
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if b"grader-secret-value" in open(f"/proc/{pid}/environ", "rb").read():
                    found.append(pid)
            except OSError:
                pass
    return found
def write(path):
    with open(path, "w") as f:
        f.write("escaped")
    return path
attempt("project rubrics", lambda: os.listdir(targets["rubrics"]))
attempt("project root", lambda: os.listdir(targets["project"]))
attempt("main checkout rubrics", lambda: os.listdir("/work/main/rubrics"))
attempt("sibling by absolute path", lambda: open(targets["sibling"]).read())
attempt("sibling by relative path", lambda: open("../other-student/solution.py").read())
attempt("parent listing", lambda: sorted(os.listdir("..")))
attempt("grader environ", lambda: open(f"/proc/{targets['graderPID']}/environ").read())
attempt("pid 1 environ", lambda: open("/proc/1/environ").read())
attempt("environs holding the secret", scan_environs)
attempt("secret variable", lambda: os.environ["MATGRADE_SECRET"])
attempt("root folder", lambda: sorted(os.listdir("/root")))
attempt("home folder", lambda: os.listdir("/home"))
attempt("shadow", lambda: open("/etc/shadow").read())
attempt("processes visible", lambda: len([p for p in os.listdir("/proc") if p.isdigit()]))
attempt("network", lambda: socket.create_connection(("127.0.0.1", targets["port"]), timeout=2).close())
attempt("write tmp", lambda: write(targets["tmpEscape"]))
attempt("write parent", lambda: write("../escape.txt"))
attempt("write usr", lambda: write("/usr/escape.txt"))
attempt("plant link", lambda: os.symlink("/etc/shadow", "shadow-link"))
print(json.dumps(results))
"""#

/// A TCP socket listening on 127.0.0.1 at a free port, closed by `close()`.
private struct LoopbackListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(bound == 0 && listen(socketDescriptor, 8) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        descriptor = socketDescriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { _ = Glibc.close(descriptor) }
}

@Suite("Sandbox: what a program can see and reach")
struct SandboxIsolationTests {
    /// Runs the snooping program and returns its report (name -> "blocked: ..." / "OPEN: ...").
    private func snoopReport(isolation: IsolationChoice, folder: CaseFolder, tmpEscape: String) throws -> ([String: String], SandboxOutcome) {
        setenv("MATGRADE_SECRET", "grader-secret-value", 1)
        let listener = try LoopbackListener()
        defer { listener.close() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let targets: [String: Any] = [
            "rubrics": root.appendingPathComponent("rubrics").path, "project": root.path,
            "sibling": folder.siblingSecret.path, "graderPID": Int(getpid()), "port": Int(listener.port),
            "tmpEscape": tmpEscape,
        ]
        try folder.write("targets.json", String(decoding: try JSONSerialization.data(withJSONObject: targets), as: UTF8.self))
        try folder.write("snoop.py", snoop)
        let sandbox = try Sandbox(isolation: isolation)
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "snoop.py"]))
        #expect(outcome.termination == .exited(0), "\(outcome.termination) \(outcome.standardErrorTail)")
        let report = try JSONSerialization.jsonObject(with: Data(outcome.standardOutputTail.utf8)) as? [String: String] ?? [:]
        return (report, outcome)
    }

    @Test("under bubblewrap the program sees only the runtime and its folder: no project, no siblings, no grader environment, no network, no writes outside")
    func bubblewrapContainsEverything() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let tmpEscape = "/tmp/escape-\(UUID().uuidString)"
        let (report, outcome) = try snoopReport(isolation: .bubblewrap, folder: folder, tmpEscape: tmpEscape)
        #expect(outcome.isolation.isolatesFileSystem)

        let mustBeBlocked = [
            "project rubrics", "project root", "main checkout rubrics", "sibling by absolute path",
            "sibling by relative path", "grader environ", "secret variable", "home folder", "shadow", "network",
            "write parent", "write usr",
        ]
        for name in mustBeBlocked {
            #expect(report[name]?.hasPrefix("blocked") == true, "\(name): \(report[name] ?? "missing")")
        }
        #expect(report["parent listing"] == "OPEN: ['case']", "the parent shows only the case folder")
        #expect(report["environs holding the secret"] == "OPEN: []")
        // /proc/1 is the sandbox's own shell (same user), whose environment is the program's own.
        #expect(report["pid 1 environ"]?.contains("grader-secret-value") == false)
        #expect(report["pid 1 environ"]?.contains("MATGRADE_SECRET") == false)
        // /root shows at most the path down to the Python prefix, never root's files.
        let pythonTopFolders = Set(SandboxRuntime.hostPython.readOnlyPaths.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.first == "root" && parts.count > 1 ? String(parts[1]) : nil
        })
        let expectedRoot = "OPEN: " + "[" + pythonTopFolders.sorted().map { "'\($0)'" }.joined(separator: ", ") + "]"
        #expect(report["root folder"] == expectedRoot, "\(report["root folder"] ?? "missing")")
        #expect(Int(report["processes visible"]?.dropFirst(6) ?? "") ?? 99 <= 3, "\(report["processes visible"] ?? "")")
        // Writing to /tmp succeeds in the private /tmp, which vanishes with the run.
        #expect(report["write tmp"]?.hasPrefix("OPEN") == true)
        #expect(!FileManager.default.fileExists(atPath: tmpEscape))
        #expect(!FileManager.default.fileExists(atPath: folder.parent.appendingPathComponent("escape.txt").path))
        #expect(!FileManager.default.fileExists(atPath: "/usr/escape.txt"))
        try expectPlantedLinkHarmless(folder)
    }

    @Test("without bubblewrap the grader's environment, other processes' environments, root's files and the parent folder stay closed; the outcome says isolation is weaker")
    func rlimitsOnlyContainsWhatItCan() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let tmpEscape = "/tmp/escape-\(UUID().uuidString)"
        defer { unlink(tmpEscape) }
        let (report, outcome) = try snoopReport(isolation: .rlimitsOnly, folder: folder, tmpEscape: tmpEscape)
        #expect(!outcome.isolation.isolatesFileSystem)
        #expect(outcome.isolation.summary.contains("WEAKER file-system isolation"))
        for name in ["grader environ", "pid 1 environ", "secret variable", "root folder", "shadow", "write parent", "write usr"] {
            #expect(report[name]?.hasPrefix("blocked") == true, "\(name): \(report[name] ?? "missing")")
        }
        #expect(report["environs holding the secret"] == "OPEN: []")
        try expectPlantedLinkHarmless(folder)
    }

    /// The symbolic link the program planted is still a link after the folder is handed
    /// back, and its target kept its owner.
    private func expectPlantedLinkHarmless(_ folder: CaseFolder) throws {
        let link = folder.folder.appendingPathComponent("shadow-link").path
        var info = stat()
        #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(lstat(link, &info) == 0 && info.st_uid == getuid())
        #expect(stat("/etc/shadow", &info) == 0 && info.st_uid == 0)
    }

    @Test("bubblewrap is active on this machine (CI installs it) and the report says so")
    func detection() {
        let report = Isolation.detect()
        guard case .bubblewrap(let version) = report.isolation else {
            Issue.record("expected bubblewrap, got \(report.isolation): \(report.notes)")
            return
        }
        #expect(!version.isEmpty)
        #expect(report.description.contains("isolation: bubblewrap \(version)"))
        #expect(report.description.contains("sandbox users: uid/gid 64200-64455"))
    }

    @Test("the bubblewrap command line: namespaces, read-only runtime, private /tmp, only the case folder writable")
    func bubblewrapArguments() {
        let runtime = SandboxRuntime(readOnlyPaths: ["/root/.pyenv/versions/3.11.7"], searchPath: ["/root/.pyenv/versions/3.11.7/bin"])
        let options = CommandChain.bubblewrapOptions(limits: .tight, folder: "/tmp/batch/alice/case1", runtime: runtime)
        let text = options.joined(separator: " ")
        for flag in ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--die-with-parent", "--new-session", "--as-pid-1"] {
            #expect(options.contains(flag), "\(flag) missing")
        }
        #expect(!options.contains("--unshare-user") && !options.contains("--unshare-all"))
        #expect(text.contains("--ro-bind /usr /usr"))
        #expect(text.contains("--perms 0755 --dir /root --perms 0755 --dir /root/.pyenv --perms 0755 --dir /root/.pyenv/versions --ro-bind /root/.pyenv/versions/3.11.7 /root/.pyenv/versions/3.11.7"))
        #expect(text.contains("--perms 1777 --size \(4 * SandboxLimits.tight.fileSizeBytes) --tmpfs /tmp"))
        #expect(text.hasSuffix("--perms 0755 --dir /tmp/batch --perms 0755 --dir /tmp/batch/alice --bind /tmp/batch/alice/case1 /tmp/batch/alice/case1 --chdir /tmp/batch/alice/case1"))
        #expect(!text.contains("--ro-bind /root /root") && !text.contains("--bind / ") && !text.contains("--ro-bind /etc /etc"))
        #expect(options.filter { $0 == "--bind" }.count == 1, "only the case folder is writable")
    }
}
