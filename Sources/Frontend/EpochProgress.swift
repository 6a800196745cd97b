import Foundation

/// Training progress on standard error: on a terminal one line redrawn in place (a bar, the
/// epoch, its loss and the estimated time left); otherwise one plain line per epoch.
final class EpochProgress {
    private let total: Int
    private let label: String
    private let interactive: Bool
    private let start = Date()

    init(total: Int, label: String, interactive: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.label = label
        self.interactive = interactive
    }

    func finished(epoch: Int, loss: Double) {
        let elapsed = Date().timeIntervalSince(start)
        let remaining = elapsed / Double(epoch) * Double(max(0, total - epoch))
        let text = "epoch \(epoch)/\(total)  loss \(String(format: "%.4g", loss))  ETA \(Int(remaining.rounded())) s"
        if interactive {
            let width = 24, filled = total == 0 ? width : width * epoch / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data(("\r\u{1B}[K\(label) [\(bar)] " + text + (epoch == total ? "\n" : "")).utf8))
        } else {
            FileHandle.standardError.write(Data("\(label): \(text)\n".utf8))
        }
    }
}
