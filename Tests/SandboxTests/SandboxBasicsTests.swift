import Foundation
import Glibc
import Testing
@testable import Sandbox

@Suite("Sandbox: ordinary programs")
struct SandboxBasicsTests {
    @Test("a normal Python program: exit 0, output captured, output.json written, non-root, times plausible",
          arguments: bothIsolations)
    func normalProgram(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", """
            import json, os, sys
            data = json.load(open(sys.argv[1]))
            json.dump({"y": data["x"] + 1, "uid": os.getuid()}, open(sys.argv[2], "w"))
            print("hello from", os.getcwd())
            print("to stderr", file=sys.stderr)
            """)
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py", "input.json", "output.json"]))
        #expect(outcome.termination == .exited(0), "\(outcome.plainExplanation) stderr: \(outcome.standardErrorTail)")
        #expect(outcome.standardOutputTail == "hello from \(folder.folder.path)\n")
        #expect(outcome.standardErrorTail == "to stderr\n")
        #expect(!outcome.outputTruncated)
        #expect(outcome.userID != 0)
        #expect(outcome.wallSeconds > 0 && outcome.wallSeconds < 5, "wall \(outcome.wallSeconds) s")
        #expect(outcome.cpuSeconds >= 0 && outcome.cpuSeconds <= outcome.wallSeconds + 0.1, "cpu \(outcome.cpuSeconds) s")
        #expect(outcome.peakMemoryBytes > 1 << 20, "peak \(outcome.peakMemoryBytes) bytes")
        #expect(outcome.plainExplanation.hasPrefix("Your program finished normally"))

        let output = folder.folder.appendingPathComponent("output.json")
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(written.contains("\"y\": 2") && written.contains("\"uid\": \(outcome.userID)"), "\(written)")
        // The folder and what the program wrote belong to the grader again.
        let attributes = try FileManager.default.attributesOfItem(atPath: output.path)
        #expect((attributes[.ownerAccountID] as? NSNumber)?.uint32Value == getuid())
    }

    @Test("a non-zero exit is reported with the last line of its error output", arguments: bothIsolations)
    func nonZeroExit(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", "print('working')\n1 / 0\n")
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"]))
        #expect(outcome.termination == .exited(1))
        #expect(outcome.standardOutputTail == "working\n")
        #expect(outcome.plainExplanation.contains("exit code 1"))
        #expect(outcome.plainExplanation.contains("ZeroDivisionError: division by zero"), "\(outcome.plainExplanation)")
    }

    @Test("exit codes pass through unchanged", arguments: bothIsolations)
    func exitCode(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        let outcome = try sandbox.runSynchronously(folder.request(["/bin/sh", "-c", "echo oops >&2; exit 3"]))
        #expect(outcome.termination == .exited(3))
        #expect(outcome.standardErrorTail == "oops\n")
    }

    @Test("a program killed by a signal is reported as such, in words", arguments: bothIsolations)
    func killedBySignal(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"]))
        #expect(outcome.termination == .signaled(SIGSEGV))
        #expect(outcome.plainExplanation.contains("segmentation fault"), "\(outcome.plainExplanation)")
    }

    @Test("a command that does not exist fails to start with a clear message", arguments: bothIsolations)
    func commandNotFound(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        let outcome = try sandbox.runSynchronously(folder.request(["no-such-interpreter", "solution.py"]))
        guard case .failedToStart(let message) = outcome.termination else {
            Issue.record("expected failedToStart, got \(outcome.termination)")
            return
        }
        #expect(message.contains("'no-such-interpreter' was not found"), "\(message)")
        #expect(outcome.plainExplanation.hasPrefix("Your program could not be started"))

        let script = try sandbox.runSynchronously(folder.request(["./missing.py"]))
        #expect(script.termination == .failedToStart("'./missing.py' does not exist (looked for \(folder.folder.path)/./missing.py)."))
    }

    @Test("a script whose interpreter line cannot run fails to start", arguments: bothIsolations)
    func unexecutableScript(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("run.sh", "#!/no/such/shell\necho hi\n")
        chmod(folder.folder.appendingPathComponent("run.sh").path, 0o755)
        let outcome = try sandbox.runSynchronously(folder.request(["./run.sh"]))
        guard case .failedToStart(let message) = outcome.termination else {
            Issue.record("expected failedToStart, got \(outcome.termination)")
            return
        }
        #expect(message.contains("could not execute it") && message.contains("run.sh"), "\(message)")
    }

    @Test("grader mistakes throw: missing working folder, empty command, bad limits")
    func misconfiguration() throws {
        let sandbox = try Sandbox(isolation: .rlimitsOnly)
        let missing = URL(fileURLWithPath: "/nonexistent/matgrade-case")
        #expect(throws: SandboxError.workingFolderMissing(path: missing.path)) {
            try sandbox.runSynchronously(SandboxRequest(command: ["true"], workingDirectory: missing))
        }
        let folder = try CaseFolder()
        defer { folder.remove() }
        #expect(throws: SandboxError.emptyCommand) { try sandbox.runSynchronously(folder.request([])) }
        var limits = SandboxLimits.tight
        limits.cpuSeconds = 0
        #expect(throws: SandboxError.invalidLimit(name: "cpuSeconds", value: "0")) {
            try sandbox.runSynchronously(folder.request(["true"], limits: limits))
        }
        #expect(SandboxError.workingFolderMissing(path: "/x").description.contains("'/x' does not exist"))
    }

    @Test("the environment is scrubbed: only the documented base plus the request's variables", arguments: bothIsolations)
    func environmentScrubbed(isolation: IsolationChoice) throws {
        setenv("MATGRADE_SECRET", "grader-secret-value", 1)
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        let outcome = try sandbox.runSynchronously(
            folder.request(["/usr/bin/env"], environment: ["MATGRADE_INPUT": "input.json"]))
        let names = Set(outcome.standardOutputTail.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(names == ["PATH", "HOME", "PWD", "LANG", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                          "PYTHONDONTWRITEBYTECODE", "MATGRADE_INPUT"], "\(outcome.standardOutputTail)")
        #expect(outcome.standardOutputTail.contains("HOME=\(folder.folder.path)\n"))
        #expect(!outcome.standardOutputTail.contains("grader-secret-value"))
    }

    @Test("async run returns the same outcome; cancelling the task kills the run", arguments: bothIsolations)
    func asyncAndCancellation(isolation: IsolationChoice) async throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        let quick = try await sandbox.run(folder.request(["/bin/sh", "-c", "echo async"]))
        #expect(quick.termination == .exited(0) && quick.standardOutputTail == "async\n")

        // The test's own task resumes after its sleep only when a thread of the cooperative
        // pool is free; under a busy parallel test run that can take longer than a tight
        // wall-clock limit (it once took 24 s). So the run gets a limit far beyond any such
        // delay, and the check is that cancellation, not the limit, ended it.
        let patient = { var limits = SandboxLimits.tight; limits.wallClockSeconds = 240; return limits }()
        let task = Task { try await sandbox.run(folder.request(["/bin/sh", "-c", "sleep 600"], limits: patient)) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let outcome = try await task.value
        #expect(outcome.termination == .cancelled, "\(outcome.termination) after \(outcome.wallSeconds) s")
        #expect(outcome.wallSeconds < patient.wallClockSeconds)
        #expect(liveProcesses(ofUser: outcome.userID).isEmpty)
        #expect(outcome.plainExplanation.contains("not your program's fault"))
    }

    @Test("concurrent runs get user ids of their own and all finish", arguments: bothIsolations)
    func concurrentRuns(isolation: IsolationChoice) async throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folders = try (0..<4).map { _ in try CaseFolder() }
        defer { folders.forEach { $0.remove() } }
        let outcomes = try await withThrowingTaskGroup(of: SandboxOutcome.self) { group in
            for folder in folders {
                group.addTask { try await sandbox.run(folder.request(["/bin/sh", "-c", "sleep 0.3; id -u"])) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(outcomes.map(\.userID)).count == folders.count)
        for outcome in outcomes {
            #expect(outcome.termination == .exited(0))
            #expect(outcome.standardOutputTail == "\(outcome.userID)\n")
        }
    }

    @Test("Python's multiprocessing works inside the sandbox", arguments: bothIsolations)
    func multiprocessing(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", """
            import multiprocessing
            if __name__ == "__main__":
                with multiprocessing.Pool(2) as pool:
                    print(sum(pool.map(abs, range(-10, 0))))
            """)
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"]))
        #expect(outcome.termination == .exited(0), "\(outcome.standardErrorTail)")
        #expect(outcome.standardOutputTail == "55\n")
    }
}
