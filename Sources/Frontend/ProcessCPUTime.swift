import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// CPU time (user + system) of this process and of the child processes it has waited for
/// (`getrusage`): in a batch, matgrade's own work (inputs, references, checks, reports,
/// gradebook) and the students' programs, which ``Sandbox`` starts and reaps.
struct ProcessCPUTime: Sendable, Equatable {
    /// This process, every thread.
    var ownSeconds: Double
    /// Every terminated child waited for, and their waited-for descendants.
    var childrenSeconds: Double

    static func now() -> ProcessCPUTime {
        var own = rusage()
        var children = rusage()
        getrusage(__rusage_who_t(truncatingIfNeeded: RUSAGE_SELF.rawValue), &own)
        getrusage(__rusage_who_t(truncatingIfNeeded: RUSAGE_CHILDREN.rawValue), &children)
        return ProcessCPUTime(ownSeconds: seconds(own), childrenSeconds: seconds(children))
    }

    /// What was used between `earlier` and `self`.
    func since(_ earlier: ProcessCPUTime) -> ProcessCPUTime {
        ProcessCPUTime(ownSeconds: ownSeconds - earlier.ownSeconds, childrenSeconds: childrenSeconds - earlier.childrenSeconds)
    }

    private static func seconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
