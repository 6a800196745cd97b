import Foundation

/// CSV writing for the grade exports (RFC 4180, UTF-8, `\n` line ends): a field is quoted when
/// it holds a comma, a double quote or a line break, with quotes doubled; anything else,
/// non-ASCII names included, is written as it is. Names are not altered otherwise (no `'`
/// before a leading `=`): Canvas and Moodle match students and grade items by exact text.
enum CSVText {
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }

    /// Points for a gradebook column: up to 6 decimals, no trailing zeros (`85`, `41.666667`).
    static func number(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(format: "%.6f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
