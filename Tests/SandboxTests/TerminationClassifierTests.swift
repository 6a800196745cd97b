import Glibc
import Testing
@testable import Sandbox

/// One row of the classification table: what the supervisor saw, what the student is told.
struct ClassificationCase: CustomTestStringConvertible, Sendable {
    let name: String
    let stopReason: StopReason?
    let waitStatus: Int32?
    let cpuSeconds: Double
    let standardError: String
    let expected: Termination

    var testDescription: String { name }

    /// A wait status for a normal exit with `code`.
    static func exited(_ code: Int32) -> Int32 { code << 8 }
}

private let cases: [ClassificationCase] = [
    .init(name: "exit 0", stopReason: nil, waitStatus: ClassificationCase.exited(0), cpuSeconds: 0.1, standardError: "", expected: .exited(0)),
    .init(name: "exit 2", stopReason: nil, waitStatus: ClassificationCase.exited(2), cpuSeconds: 0.1, standardError: "Traceback", expected: .exited(2)),
    .init(name: "SIGSEGV", stopReason: nil, waitStatus: SIGSEGV, cpuSeconds: 0.1, standardError: "", expected: .signaled(SIGSEGV)),
    .init(name: "shell-style 139 is SIGSEGV", stopReason: nil, waitStatus: ClassificationCase.exited(139), cpuSeconds: 0.1, standardError: "", expected: .signaled(SIGSEGV)),
    .init(name: "SIGXCPU is the CPU limit", stopReason: nil, waitStatus: SIGXCPU, cpuSeconds: 1.0, standardError: "", expected: .cpuTimeLimit),
    .init(name: "shell-style 152 is the CPU limit", stopReason: nil, waitStatus: ClassificationCase.exited(152), cpuSeconds: 1.0, standardError: "", expected: .cpuTimeLimit),
    .init(name: "SIGKILL past the CPU limit is the hard CPU limit", stopReason: nil, waitStatus: SIGKILL, cpuSeconds: 2.0, standardError: "", expected: .cpuTimeLimit),
    .init(name: "SIGKILL early is a plain signal", stopReason: nil, waitStatus: SIGKILL, cpuSeconds: 0.2, standardError: "", expected: .signaled(SIGKILL)),
    .init(name: "SIGXFSZ is the file-size limit", stopReason: nil, waitStatus: SIGXFSZ, cpuSeconds: 0.1, standardError: "", expected: .fileSizeLimit),
    .init(name: "Python's EFBIG is the file-size limit", stopReason: nil, waitStatus: ClassificationCase.exited(1), cpuSeconds: 0.1, standardError: "OSError: [Errno 27] File too large", expected: .fileSizeLimit),
    .init(name: "MemoryError is the memory limit", stopReason: nil, waitStatus: ClassificationCase.exited(1), cpuSeconds: 0.1, standardError: "Traceback...\nMemoryError\n", expected: .memoryLimit),
    .init(name: "numpy's allocation failure is the memory limit", stopReason: nil, waitStatus: ClassificationCase.exited(1), cpuSeconds: 0.1, standardError: "numpy.core._exceptions._ArrayMemoryError: Unable to allocate 4.00 GiB", expected: .memoryLimit),
    .init(name: "abort after bad_alloc is the memory limit", stopReason: nil, waitStatus: SIGABRT, cpuSeconds: 0.1, standardError: "terminate called after throwing an instance of 'std::bad_alloc'", expected: .memoryLimit),
    .init(name: "MemoryError printed by a successful program is no failure", stopReason: nil, waitStatus: ClassificationCase.exited(0), cpuSeconds: 0.1, standardError: "caught MemoryError", expected: .exited(0)),
    .init(name: "wall-clock stop wins over the status", stopReason: .wallClock, waitStatus: SIGKILL, cpuSeconds: 0.1, standardError: "", expected: .wallClockTimeout),
    .init(name: "output stop wins over the status", stopReason: .output, waitStatus: SIGKILL, cpuSeconds: 0.1, standardError: "", expected: .outputLimit),
    .init(name: "cancellation wins over the status", stopReason: .cancelled, waitStatus: SIGKILL, cpuSeconds: 0.1, standardError: "", expected: .cancelled),
    .init(name: "setpriv cannot execute", stopReason: nil, waitStatus: ClassificationCase.exited(127), cpuSeconds: 0, standardError: "setpriv: failed to execute ./a.out: No such file or directory\n", expected: .failedToStart("the system could not execute it (setpriv: failed to execute ./a.out: No such file or directory). If it is a script, check its first line (#!).")),
]

@Suite("Termination: what the supervisor saw becomes what the student is told")
struct TerminationClassifierTests {
    @Test("classification table", arguments: cases)
    func classify(_ row: ClassificationCase) {
        let termination = TerminationClassifier.classify(
            stopReason: row.stopReason, waitStatus: row.waitStatus, cpuSeconds: row.cpuSeconds,
            limits: SandboxLimits(cpuSeconds: 1), standardError: row.standardError)
        #expect(termination == row.expected)
    }

    @Test("explanations name the limit in the student's units")
    func explanations() {
        func explain(_ termination: Termination, wall: Double = 0.42, stderr: String = "") -> String {
            SandboxOutcome(
                termination: termination, standardOutputTail: "", standardErrorTail: stderr, standardOutputBytes: 0,
                standardErrorBytes: 0, outputTruncated: false, wallSeconds: wall, cpuSeconds: 0, peakMemoryBytes: 0,
                isolation: .bubblewrap(version: "0.8.0"), userID: 64200,
                limits: SandboxLimits(wallClockSeconds: 10, memoryBytes: 2 << 30)
            ).plainExplanation
        }
        #expect(explain(.exited(0)) == "Your program finished normally in 0.42 s.")
        #expect(explain(.wallClockTimeout).hasPrefix("Your program was stopped after 10 s (the wall-clock limit). Is there an infinite loop"))
        #expect(explain(.memoryLimit).hasPrefix("Your program ran out of memory (the limit is 2 GiB)."))
        #expect(explain(.outputLimit).contains("printed more than 1 MiB"))
        #expect(explain(.exited(1), stderr: "Traceback\n  File x\nKeyError: 'lattice'\n\n").hasSuffix("The last line of its error output was: KeyError: 'lattice'"))
        #expect(explain(.signaled(SIGFPE)).contains("SIGFPE: an arithmetic error"))
    }

    @Test("units print the way a student reads them")
    func units() {
        #expect(formatBytes(512) == "512 bytes")
        #expect(formatBytes(64 << 10) == "64 KiB")
        #expect(formatBytes(3 << 19) == "1.5 MiB")
        #expect(formatBytes(2 << 30) == "2 GiB")
        #expect(formatSeconds(0.004) == "0.004 s")
        #expect(formatSeconds(5) == "5 s")
        #expect(formatSeconds(1.5) == "1.5 s")
        #expect(formatSeconds(60) == "60 s")
        #expect(formatSeconds(125) == "2 min 5 s")
    }

    @Test("an output tail keeps the last bytes and counts all of them")
    func outputTail() {
        var tail = OutputTail(capacity: 8)
        for piece in ["abc", "defgh", "ijklmnop", "q"] {
            piece.utf8CString.dropLast().map { UInt8(bitPattern: $0) }.withUnsafeBytes { tail.append($0) }
        }
        #expect(tail.totalBytes == 17)
        #expect(tail.text == "jklmnopq")
        #expect(tail.isTruncated)
        var large = OutputTail(capacity: 4)
        Array("0123456789".utf8).withUnsafeBytes { large.append($0) }
        #expect(large.text == "6789" && large.totalBytes == 10)
    }
}
