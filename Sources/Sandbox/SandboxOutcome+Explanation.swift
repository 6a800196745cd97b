extension SandboxOutcome {
    /// One or two sentences a student understands, naming the limit that stopped the run and
    /// a likely cause, e.g. "Your program was stopped after 10 s (the wall-clock limit). Is
    /// there an infinite loop, or is it waiting for something that never comes?"
    public var plainExplanation: String {
        switch termination {
        case .exited(0):
            return "Your program finished normally in \(formatSeconds(wallSeconds))."
        case .exited(let code):
            var text = "Your program stopped with exit code \(code) (an error) after \(formatSeconds(wallSeconds))."
            if let line = lastErrorLine { text += " The last line of its error output was: \(line)" }
            return text
        case .signaled(let signal):
            let (name, meaning) = signalDescription(signal)
            return "Your program was killed by signal \(signal) (\(name): \(meaning)) after \(formatSeconds(wallSeconds))."
        case .wallClockTimeout:
            return "Your program was stopped after \(formatSeconds(limits.wallClockSeconds)) (the wall-clock limit). Is there an infinite loop, or is it waiting for something that never comes?"
        case .cpuTimeLimit:
            return "Your program used more than \(limits.cpuSeconds) s of CPU time (the CPU limit) and was stopped. Is there an infinite loop, or an algorithm too slow for this input?"
        case .memoryLimit:
            return "Your program ran out of memory (the limit is \(formatBytes(limits.memoryBytes))). Does it build a very large array or list, e.g. all pairs of atoms at once?"
        case .outputLimit:
            return "Your program printed more than \(formatBytes(limits.outputBytes)) and was stopped (the output limit). Remove prints inside loops; only output.json is graded."
        case .fileSizeLimit:
            return "Your program tried to write a file larger than \(formatBytes(limits.fileSizeBytes)) (the file-size limit) and was stopped."
        case .failedToStart(let reason):
            return "Your program could not be started: \(reason)"
        case .cancelled:
            return "The grader cancelled this run before your program finished; this is not your program's fault."
        }
    }

    /// The last non-empty line of standard error, trimmed to 200 characters.
    private var lastErrorLine: String? {
        let lines = standardErrorTail.split(whereSeparator: \.isNewline)
        guard let line = lines.last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        return String(line.prefix(200))
    }
}

/// Seconds in a short human form: "0.004 s", "0.42 s", "5 s", "10 s", "2 min 5 s".
func formatSeconds(_ seconds: Double) -> String {
    if seconds < 0.01 { return seconds <= 0 ? "0 s" : "\(String(format: "%.1g", seconds)) s" }
    if seconds < 10 {
        let rounded = (seconds * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
    }
    if seconds < 120 { return "\(Int(seconds.rounded())) s" }
    let whole = Int(seconds.rounded())
    return "\(whole / 60) min \(whole % 60) s"
}

/// Bytes in binary units: "512 bytes", "64 KiB", "1.5 MiB", "2 GiB".
func formatBytes(_ bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    let rounded = (value * 10).rounded() / 10
    let number = rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
    return "\(number) \(units[unit])"
}

/// A signal's name and what it usually means for a student's program.
func signalDescription(_ signal: Int32) -> (name: String, meaning: String) {
    switch signal {
    case 1: return ("SIGHUP", "its terminal went away")
    case 2: return ("SIGINT", "interrupted")
    case 3: return ("SIGQUIT", "quit")
    case 4: return ("SIGILL", "an illegal instruction, usually a crash inside a compiled library")
    case 6: return ("SIGABRT", "aborted, usually a failed check inside a compiled library")
    case 7: return ("SIGBUS", "a bad memory access")
    case 8: return ("SIGFPE", "an arithmetic error such as an integer division by zero")
    case 9: return ("SIGKILL", "killed from outside")
    case 11: return ("SIGSEGV", "a segmentation fault: an invalid memory access, usually inside a compiled library")
    case 13: return ("SIGPIPE", "it wrote to a closed pipe")
    case 14: return ("SIGALRM", "an alarm it set went off")
    case 15: return ("SIGTERM", "asked to terminate")
    case 24: return ("SIGXCPU", "the CPU-time limit")
    case 25: return ("SIGXFSZ", "the file-size limit")
    default: return ("signal \(signal)", "an uncommon signal")
    }
}
