extension Termination {
    /// A stable machine word for reports and the gradebook: `ok`, `exit-code`, `signal`,
    /// `wall-clock-timeout`, `cpu-time-limit`, `memory-limit`, `output-limit`,
    /// `file-size-limit`, `failed-to-start`, `cancelled`.
    public var reportCode: String {
        switch self {
        case .exited(0): return "ok"
        case .exited: return "exit-code"
        case .signaled: return "signal"
        case .wallClockTimeout: return "wall-clock-timeout"
        case .cpuTimeLimit: return "cpu-time-limit"
        case .memoryLimit: return "memory-limit"
        case .outputLimit: return "output-limit"
        case .fileSizeLimit: return "file-size-limit"
        case .failedToStart: return "failed-to-start"
        case .cancelled: return "cancelled"
        }
    }
}
