import Foundation
import Glibc
import Testing
@testable import Sandbox

/// Words a student should never have to decode in an explanation.
private let jargon = ["RLIMIT", "SIGXCPU", "SIGXFSZ", "errno", "wait4", "rlimit", "bwrap", "setpriv", "prlimit"]

/// Checks that an explanation is plain words and names what the test expects.
private func expectPlain(_ outcome: SandboxOutcome, mentions phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = outcome.plainExplanation
    #expect(text.hasPrefix("Your program"), "\(text)", sourceLocation: sourceLocation)
    #expect(text.contains(phrase), "expected '\(phrase)' in: \(text)", sourceLocation: sourceLocation)
    for word in jargon {
        #expect(!text.contains(word), "jargon '\(word)' in: \(text)", sourceLocation: sourceLocation)
    }
}

@Suite("Sandbox: hostile programs hit their limits")
struct SandboxLimitsTests {
    @Test("the program runs under exactly the rlimits asked for (soft and hard), whichever helper sets them", arguments: bothIsolations)
    func limitsSeenByTheProgram(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        let limits = SandboxLimits(
            wallClockSeconds: 10, cpuSeconds: 3, memoryBytes: 768 << 20, outputBytes: 64 << 10,
            fileSizeBytes: 3 << 20, processCount: 21, openFiles: 57)
        let outcome = try sandbox.runSynchronously(folder.request(["/bin/cat", "/proc/self/limits"], limits: limits))
        #expect(outcome.succeeded, "\(outcome.termination) \(outcome.standardErrorTail)")
        var seen: [String: (String, String)] = [:]
        for line in outcome.standardOutputTail.split(separator: "\n") {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard columns.count >= 4, let unitIndex = columns.lastIndex(where: { Int($0) != nil || $0 == "unlimited" }), unitIndex >= 2 else { continue }
            let name = columns[..<(unitIndex - 1)].joined(separator: " ")
            seen[name] = (columns[unitIndex - 1], columns[unitIndex])
        }
        #expect(seen["Max cpu time"]! == ("3", "4"))
        #expect(seen["Max address space"]! == ("\(768 << 20)", "\(768 << 20)"))
        #expect(seen["Max file size"]! == ("\(3 << 20)", "\(3 << 20)"))
        #expect(seen["Max processes"]! == ("21", "21"))
        #expect(seen["Max open files"]! == ("57", "57"))
        #expect(seen["Max core file size"]! == ("0", "0"))
    }

    @Test("an infinite loop is stopped at the wall-clock limit", arguments: bothIsolations)
    func infiniteLoopWallClock(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", "while True:\n    pass\n")
        var limits = SandboxLimits.tight
        limits.wallClockSeconds = 1.5
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"], limits: limits))
        // The run's own clock (from the start of the program), not the test's: waiting for a
        // free sandbox user under a busy parallel test run is not part of the limit.
        #expect(outcome.termination == .wallClockTimeout)
        #expect(outcome.wallSeconds >= 1.5 && outcome.wallSeconds < 6, "run took \(outcome.wallSeconds) s")
        expectPlain(outcome, mentions: "stopped after 1.5 s (the wall-clock limit)")
        #expect(liveProcesses(ofUser: outcome.userID).isEmpty)
    }

    @Test("a program that only sleeps is stopped at the wall-clock limit", arguments: bothIsolations)
    func sleeperWallClock(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        var limits = SandboxLimits.tight
        limits.wallClockSeconds = 0.5
        let outcome = try sandbox.runSynchronously(folder.request(["/bin/sh", "-c", "sleep 100"], limits: limits))
        #expect(outcome.termination == .wallClockTimeout)
        #expect(outcome.wallSeconds < 3, "wall \(outcome.wallSeconds) s")
        #expect(liveProcesses(ofUser: outcome.userID).isEmpty)
    }

    @Test("an infinite loop is stopped at the CPU limit", arguments: bothIsolations)
    func infiniteLoopCPU(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", "while True:\n    pass\n")
        var limits = SandboxLimits.tight
        limits.cpuSeconds = 1
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"], limits: limits))
        #expect(outcome.termination == .cpuTimeLimit, "\(outcome.termination)")
        // rusage's CPU time is sampled and may read a little under the limit on a busy machine.
        #expect(outcome.cpuSeconds >= 0.5 && outcome.cpuSeconds < 2.5, "cpu \(outcome.cpuSeconds) s")
        expectPlain(outcome, mentions: "more than 1 s of CPU time")
    }

    @Test("a memory hog gets memoryLimit, not a crashed grader", arguments: bothIsolations)
    func memoryHog(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", "block = bytearray(4 << 30)\nprint(len(block))\n")
        try folder.write("grow.py", "chunks = []\nwhile True:\n    chunks.append(bytearray(16 << 20))\n")
        var limits = SandboxLimits.tight
        limits.memoryBytes = 512 << 20
        for program in ["solution.py", "grow.py"] {
            let outcome = try sandbox.runSynchronously(folder.request(["python3", program], limits: limits))
            #expect(outcome.termination == .memoryLimit, "\(program): \(outcome.termination) \(outcome.standardErrorTail)")
            #expect(outcome.standardErrorTail.contains("MemoryError"))
            expectPlain(outcome, mentions: "ran out of memory (the limit is 512 MiB)")
        }
    }

    @Test("a fork bomb is bounded by the process limit, the run returns and nothing is left", arguments: bothIsolations)
    func forkBomb(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", """
            import os
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
            """)
        var limits = SandboxLimits.tight
        limits.wallClockSeconds = 2
        limits.processCount = 16
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"], limits: limits))
        #expect(outcome.wallSeconds < 8, "run took \(outcome.wallSeconds) s")
        #expect(outcome.termination == .wallClockTimeout, "\(outcome.termination)")
        let left = liveProcesses(ofUser: outcome.userID)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test("a gigabyte on standard output is cut at the output limit without the grader buffering it",
          arguments: bothIsolations)
    func hugeStandardOutput(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", """
            import sys
            line = "x" * 1023 + "\\n"
            for _ in range(1 << 20):
                sys.stdout.write(line)
            """)
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"]))
        #expect(outcome.termination == .outputLimit)
        #expect(outcome.outputTruncated)
        #expect(outcome.standardOutputBytes > SandboxLimits.tight.outputBytes)
        #expect(outcome.standardOutputBytes < 64 << 20, "read \(outcome.standardOutputBytes) bytes before stopping")
        #expect(outcome.standardOutputTail.utf8.count <= 64 << 10)
        #expect(outcome.wallSeconds < 5)
        expectPlain(outcome, mentions: "printed more than 256 KiB")
    }

    @Test("a flood on standard error is cut the same way")
    func hugeStandardError() throws {
        let sandbox = try Sandbox(isolation: .bubblewrap)
        let folder = try CaseFolder()
        defer { folder.remove() }
        let outcome = try sandbox.runSynchronously(folder.request(["/bin/sh", "-c", "yes error >&2"]))
        #expect(outcome.termination == .outputLimit)
        #expect(outcome.standardErrorTail.hasSuffix("error\n") || outcome.standardErrorTail.hasSuffix("error"))
    }

    @Test("writing a gigabyte file stops at the file-size limit", arguments: bothIsolations)
    func hugeFile(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", """
            block = b"\\0" * (1 << 20)
            with open("big.bin", "wb") as f:
                for _ in range(1024):
                    f.write(block)
            """)
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"]))
        #expect(outcome.termination == .fileSizeLimit, "\(outcome.termination) \(outcome.standardErrorTail)")
        expectPlain(outcome, mentions: "larger than 4 MiB")
        let size = (try FileManager.default.attributesOfItem(atPath: folder.folder.appendingPathComponent("big.bin").path)[.size] as? NSNumber)?.intValue
        #expect((size ?? 0) <= SandboxLimits.tight.fileSizeBytes)

        // A program that does not catch SIGXFSZ (unlike Python) is killed by it.
        let shell = try sandbox.runSynchronously(folder.request(["/bin/sh", "-c", "head -c 100000000 /dev/zero > big2.bin"]))
        #expect(shell.termination == .fileSizeLimit, "\(shell.termination)")
    }

    @Test("a background process is gone when the run returns", arguments: bothIsolations)
    func backgroundProcess(isolation: IsolationChoice) throws {
        let sandbox = try Sandbox(isolation: isolation)
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("solution.py", """
            import subprocess
            subprocess.Popen(["sleep", "1000"])
            subprocess.Popen(["sleep", "1001"], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print("started")
            """)
        let outcome = try sandbox.runSynchronously(folder.request(["python3", "solution.py"]))
        #expect(outcome.termination == .exited(0), "\(outcome.termination) \(outcome.standardErrorTail)")
        #expect(outcome.standardOutputTail == "started\n")
        let left = liveProcesses(ofUser: outcome.userID)
        #expect(left.isEmpty, "left behind: \(left)")

        let shell = try sandbox.runSynchronously(folder.request(["/bin/sh", "-c", "sleep 1000 & echo started"]))
        #expect(shell.termination == .exited(0))
        #expect(shell.wallSeconds < 2)
        #expect(liveProcesses(ofUser: shell.userID).isEmpty)
    }
}
