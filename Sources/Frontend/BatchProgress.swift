import Foundation
import Grading
import JSONSupport
import Synchronization

/// Progress of a batch on standard error: on a terminal one line redrawn in place (a bar,
/// counts, the last student and the estimated time left); otherwise one plain line per
/// submission, which CI logs keep readable.
public final class BatchProgress: Sendable {
    private let total: Int
    private let interactive: Bool
    private let start = Date()
    private let lock = Mutex(())
    /// Put before every line (the exercise, when a batch grades several).
    private let label: String

    public init(total: Int, label: String? = nil, interactive: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.label = label.map { $0 + " " } ?? ""
        self.interactive = interactive
    }

    /// Called when `grade` is done, as the `done`-th of ``total``.
    public func finished(_ grade: StudentGrade, done: Int) {
        let elapsed = Date().timeIntervalSince(start)
        let remaining = done < total ? elapsed / Double(done) * Double(total - done) : 0
        let score = "\(NumberFormat.compact(grade.points, significantDigits: 4))/\(NumberFormat.compact(grade.totalPoints, significantDigits: 4))"
        let status: String
        switch grade.status {
        case .graded(let result): status = result.allPassed ? "all passed" : "\(failedChecks(result)) failed"
        case .unusable: status = "could not be run"
        case .graderError: status = "GRADER ERROR"
        }
        lock.withLock { _ in
            if interactive {
                let width = 24
                let filled = total == 0 ? width : width * done / total
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                let line = "\(label)[\(bar)] \(done)/\(total)  \(grade.studentID): \(score)  ETA \(Self.duration(remaining))"
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (done == total ? "\n" : "")).utf8))
            } else {
                let line = "\(label)[\(done)/\(total)] \(grade.studentID): \(score), \(status) (\(NumberFormat.compact(grade.wallSeconds)) s; ETA \(Self.duration(remaining)))\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }

    private func failedChecks(_ result: SubmissionResult) -> String {
        let failed = result.checkTotals.filter { $0.casesPassed < $0.casesRun }.map(\.check.id)
        return failed.isEmpty ? "none" : failed.joined(separator: ", ")
    }

    /// "42 s", "3 min", "1 h 5 min".
    static func duration(_ seconds: Double) -> String {
        if seconds < 90 { return "\(Int(seconds.rounded())) s" }
        let minutes = Int((seconds / 60).rounded())
        return minutes < 90 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
