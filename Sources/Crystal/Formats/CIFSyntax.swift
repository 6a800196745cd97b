/// The tokens of a CIF 1.1 file (International Tables vol. G, "CIF 1.1 syntax").
///
/// Handled: `#` comments, whitespace-separated bare words, `'...'` and `"..."` strings (closed
/// by the quote followed by whitespace, so `'it's'` is one value), `;` text fields (a line
/// starting with `;` opens and another closes them), `data_`, `loop_`, `save_`, `global_`
/// and `stop_`. CIF 2.0 lists, tables and triple-quoted strings are not.
struct CIFToken: Equatable {
    enum Kind: Equatable {
        /// `data_NAME`; the payload is NAME.
        case dataBlock
        case loop
        /// `save_NAME` opens a save frame, `save_` (empty payload) closes it.
        case saveFrame
        /// `global_` or `stop_`: reserved words a structure file never needs.
        case reserved
        /// `_tag`; the payload is the lowercased tag (CIF tags are case-insensitive).
        case tag
        case value
    }

    let kind: Kind
    let text: String
    /// 1-based line where the token starts.
    let line: Int
    /// True for quoted strings and text fields: those are values even when they read
    /// `?`, `.`, `_x` or `loop_`.
    let isQuoted: Bool
}

/// Splits CIF text into ``CIFToken``s.
struct CIFLexer {
    private let bytes: [UInt8]
    private let path: String

    init(text: String, path: String) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
        self.path = path
    }

    func tokens() throws -> [CIFToken] {
        var tokens: [CIFToken] = []
        var index = 0
        var line = 1
        var atLineStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                index += 1
                atLineStart = true
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                index += 1
                atLineStart = false
                continue
            }
            if atLineStart && byte == UInt8(ascii: ";") {
                let (token, next, nextLine) = try textField(from: index, line: line)
                tokens.append(token)
                index = next
                line = nextLine
                continue
            }
            atLineStart = false
            if byte == UInt8(ascii: "#") {
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            }
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                let (token, next) = try quoted(from: index, line: line)
                tokens.append(token)
                index = next
                continue
            }
            var end = index
            while end < bytes.count && !Self.isWhitespace(bytes[end]) { end += 1 }
            tokens.append(Self.classify(String(decoding: bytes[index..<end], as: UTF8.self), line: line))
            index = end
        }
        return tokens
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func classify(_ word: String, line: Int) -> CIFToken {
        if word.hasPrefix("_") {
            return CIFToken(kind: .tag, text: word.lowercased(), line: line, isQuoted: false)
        }
        let lowered = word.lowercased()
        if lowered.hasPrefix("data_") {
            return CIFToken(kind: .dataBlock, text: String(word.dropFirst(5)), line: line, isQuoted: false)
        }
        if lowered == "loop_" { return CIFToken(kind: .loop, text: word, line: line, isQuoted: false) }
        if lowered.hasPrefix("save_") {
            return CIFToken(kind: .saveFrame, text: String(word.dropFirst(5)), line: line, isQuoted: false)
        }
        if lowered == "global_" || lowered == "stop_" {
            return CIFToken(kind: .reserved, text: word, line: line, isQuoted: false)
        }
        return CIFToken(kind: .value, text: word, line: line, isQuoted: false)
    }

    /// A quoted string starting at `start`; returns the token and the index after it.
    private func quoted(from start: Int, line: Int) throws -> (CIFToken, Int) {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") {
            if bytes[index] == quote && (index + 1 == bytes.count || Self.isWhitespace(bytes[index + 1])) {
                let text = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
                return (CIFToken(kind: .value, text: text, line: line, isQuoted: true), index + 1)
            }
            index += 1
        }
        let opened = String(decoding: bytes[start..<index], as: UTF8.self)
        let mark = quote == UInt8(ascii: "'") ? "'" : "\""
        throw CrystalError.malformedFile(
            path: path, line: line,
            reason: "the quoted value \(fileExcerpt(opened)) is not closed on its line; end it with \(mark) followed by a space or the end of the line")
    }

    /// A text field whose opening `;` is at `start` (first column); returns the token, the
    /// index after the closing `;` and the line number there.
    private func textField(from start: Int, line: Int) throws -> (CIFToken, Int, Int) {
        var content: [UInt8] = []
        var index = start + 1
        var currentLine = line
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                currentLine += 1
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ";") {
                    if content.last == UInt8(ascii: "\r") { content.removeLast() }
                    let text = String(decoding: content, as: UTF8.self)
                    return (CIFToken(kind: .value, text: text, line: line, isQuoted: true), index + 2, currentLine)
                }
            }
            content.append(byte)
            index += 1
        }
        throw CrystalError.malformedFile(
            path: path, line: line,
            reason: "the text field opened with ';' here is never closed; end it with a line that starts with ';'")
    }
}
