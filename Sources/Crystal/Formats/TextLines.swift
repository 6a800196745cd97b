/// The lines of a text file with their 1-based line numbers, for readers that report errors
/// as `path:line: reason`.
///
/// Lines end at `\n`; a `\r` before it (Windows files) and a byte-order mark at the start are
/// dropped. A final newline does not start an extra empty line.
struct TextLines {
    /// The lines without their terminators; `lines[0]` is line 1.
    let lines: [Substring]

    init(_ text: String) {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = body.dropFirst() }
        var result = body.split(separator: "\n", omittingEmptySubsequences: false)
        if result.count > 1, result.last?.isEmpty == true { result.removeLast() }
        lines = result.map { line in line.last == "\r" ? line.dropLast() : line }
    }

    var count: Int { lines.count }

    /// Line `number` (1-based), nil past the end of the file.
    subscript(number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }
}

extension Substring {
    /// The whitespace-separated words of the line.
    var whitespaceSeparatedWords: [Substring] { split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) }
}

/// Text shown inside an error message: at most `limit` characters, with an ellipsis when cut,
/// so a binary or huge line cannot flood a report.
func fileExcerpt<S: StringProtocol>(_ text: S, limit: Int = 60) -> String {
    let printable = text.map { $0.isASCII && ($0.asciiValue ?? 0) < 32 ? " " : $0 }
    if printable.count <= limit { return String(printable) }
    return String(printable.prefix(limit)) + "..."
}

/// `text` without leading and trailing whitespace.
func trimmingWhitespace<S: StringProtocol>(_ text: S) -> String {
    String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
}

/// Runs `body`, reporting a ``CrystalError/invalidStructure(reason:)`` it throws (for example
/// a coordinate that overflowed to infinity) as a problem of the file at `path`.
func reportingInvalidStructure(in path: String, _ body: () throws -> Structure) throws -> Structure {
    do {
        return try body()
    } catch let CrystalError.invalidStructure(reason) {
        throw CrystalError.malformedFile(path: path, line: nil, reason: "the file describes an invalid structure: \(reason)")
    }
}
