extension Frontend {
    /// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field
    /// that starts with `=`, `+`, `-` or `@` (a student id, say) gets a leading `'`, so a
    /// spreadsheet shows it instead of running it as a formula.
    static func csvField(_ text: String) -> String {
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        return safe.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }
}
