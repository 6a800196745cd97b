import Glibc

/// Why the grader stopped a run before it ended by itself.
enum StopReason: Equatable {
    case wallClock
    case output
    case cancelled
}

/// What watching a child produced.
struct SupervisedRun {
    /// The raw `wait4` status; nil only if the child could not be reaped (it ignored SIGKILL
    /// for 10 s, e.g. stuck in the kernel).
    var waitStatus: Int32?
    var usage = rusage()
    /// From start until the child was reaped, seconds.
    var wallSeconds = 0.0
    var stopReason: StopReason?
    var standardOutput: OutputTail
    var standardError: OutputTail
}

/// Watches one child on the calling thread: reads both output pipes as data arrives (so the
/// child never blocks on a full pipe and the grader never buffers more than the tails),
/// enforces the wall-clock and output limits, notices cancellation, and reaps the child with
/// `wait4` for its resource usage. One `poll` loop; no extra threads.
enum Supervisor {
    /// Give up waiting for a killed child after this long, seconds.
    static let reapBound = 10.0
    /// After the child exits, wait this long for the pipes to close before killing whatever
    /// still holds them, seconds.
    static let pipeGrace = 0.2

    /// - Parameters:
    ///   - wallClockSeconds: real-time limit from now, seconds.
    ///   - outputLimitBytes: per stream, bytes; passing it stops the run.
    ///   - tailBytes: bytes kept of each stream.
    ///   - cancellation: a descriptor that becomes readable when the run must stop, if any.
    ///   - killTree: kills the child's process group and everything it started; called once
    ///     per stop, only while the child is not yet reaped (so its pid cannot be reused).
    ///   - afterExit: called once when the child has been reaped (e.g. to sweep leftovers).
    ///   - sweepLeftovers: kills whatever still holds the pipes after the child was reaped;
    ///     must not signal by the child's pid.
    static func supervise(
        _ process: LaunchedProcess, wallClockSeconds: Double, outputLimitBytes: Int, tailBytes: Int,
        cancellation: Int32?, killTree: () -> Void, afterExit: () -> Void, sweepLeftovers: () -> Void
    ) -> SupervisedRun {
        let start = monotonicSeconds()
        let deadline = start + wallClockSeconds
        var run = SupervisedRun(
            standardOutput: OutputTail(capacity: tailBytes), standardError: OutputTail(capacity: tailBytes))
        var outputOpen = true, errorOpen = true
        var exited = false
        var stoppedAt: Double?
        var exitedAt = 0.0
        var lateKill = false
        let pidDescriptor = GNULibc.pidfdOpen.map { $0(process.pid, 0) } ?? -1
        defer {
            if pidDescriptor >= 0 { close(pidDescriptor) }
            if outputOpen { close(process.standardOutput) }
            if errorOpen { close(process.standardError) }
        }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)

        func stop(_ reason: StopReason) {
            guard run.stopReason == nil else { return }
            run.stopReason = reason
            stoppedAt = monotonicSeconds()
            killTree()
        }

        func reap(blocking: Bool) {
            var status: Int32 = 0
            var usage = rusage()
            let result = wait4(process.pid, &status, blocking ? 0 : WNOHANG, &usage)
            if result == process.pid {
                exited = true
                exitedAt = monotonicSeconds()
                run.waitStatus = status
                run.usage = usage
                run.wallSeconds = exitedAt - start
                afterExit()
            } else if result < 0, errno == ECHILD {
                exited = true
                exitedAt = monotonicSeconds()
                run.wallSeconds = exitedAt - start
            }
        }

        while !(exited && !outputOpen && !errorOpen) {
            let now = monotonicSeconds()
            var timeout: Double
            if !exited {
                if let stoppedAt {
                    if now - stoppedAt > reapBound { break }
                    timeout = 0.05
                } else if now >= deadline {
                    stop(.wallClock)
                    continue
                } else {
                    timeout = deadline - now
                }
                if pidDescriptor < 0 { timeout = min(timeout, 0.005) }
            } else {
                let waited = now - exitedAt
                if waited > pipeGrace, !lateKill {
                    lateKill = true
                    sweepLeftovers()
                }
                if waited > pipeGrace + 2 { break }
                timeout = 0.05
            }

            var descriptors: [pollfd] = []
            if outputOpen { descriptors.append(pollfd(fd: process.standardOutput, events: Int16(POLLIN), revents: 0)) }
            if errorOpen { descriptors.append(pollfd(fd: process.standardError, events: Int16(POLLIN), revents: 0)) }
            if !exited, pidDescriptor >= 0 { descriptors.append(pollfd(fd: pidDescriptor, events: Int16(POLLIN), revents: 0)) }
            if let cancellation, run.stopReason == nil {
                descriptors.append(pollfd(fd: cancellation, events: Int16(POLLIN), revents: 0))
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), Int32((timeout * 1000).rounded(.up)))
            if ready < 0, errno != EINTR { break }

            for entry in descriptors where entry.revents != 0 {
                if entry.fd == process.standardOutput || entry.fd == process.standardError {
                    let isOutput = entry.fd == process.standardOutput
                    let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        chunk.withUnsafeBytes { bytes in
                            let slice = UnsafeRawBufferPointer(rebasing: bytes[0..<count])
                            if isOutput { run.standardOutput.append(slice) } else { run.standardError.append(slice) }
                        }
                        let total = isOutput ? run.standardOutput.totalBytes : run.standardError.totalBytes
                        if total > outputLimitBytes { stop(.output) }
                    } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                        close(entry.fd)
                        if isOutput { outputOpen = false } else { errorOpen = false }
                    }
                } else if entry.fd == cancellation {
                    stop(.cancelled)
                }
            }
            if !exited { reap(blocking: false) }
        }
        return run
    }
}
