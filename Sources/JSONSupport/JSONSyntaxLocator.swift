/// Finds where a document stops being JSON, for the message a student reads when their
/// `output.json` does not parse (``JSONByteParser`` says only that it failed).
///
/// Used only after parsing failed, never to read values. It accepts what the parser accepts
/// (strict JSON plus the words `NaN`, `Infinity` and `-Infinity` that Python writes), so it
/// points at the first thing that is not allowed. Iterative, so any nesting depth is safe.
enum JSONSyntaxLocator {
    struct Location: Equatable {
        let line: Int
        let column: Int
        let problem: String
    }

    /// The first syntax error, or nil if the scanner finds none.
    static func firstError(in bytes: [UInt8]) -> Location? {
        var scanner = Scanner(bytes: bytes)
        return scanner.scanDocument()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        private enum Container { case array, object }

        mutating func scanDocument() -> Location? {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            var stack: [Container] = []
            while true {
                // A value is expected here.
                skipWhitespace()
                guard position < bytes.count else { return error("unexpected end of file; expected a value") }
                switch bytes[position] {
                case UInt8(ascii: "["):
                    position += 1
                    skipWhitespace()
                    if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
                        position += 1
                    } else {
                        stack.append(.array)
                        continue
                    }
                case UInt8(ascii: "{"):
                    position += 1
                    skipWhitespace()
                    if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
                        position += 1
                    } else {
                        stack.append(.object)
                        if let problem = scanKey() { return problem }
                        continue
                    }
                case UInt8(ascii: "\""):
                    if let problem = scanString() { return problem }
                default:
                    if let problem = scanScalar() { return problem }
                }
                // After a value: close containers or move to the next element.
                while true {
                    skipWhitespace()
                    guard let container = stack.last else {
                        return position < bytes.count ? error("unexpected text after the end of the document") : nil
                    }
                    guard position < bytes.count else { return error("unexpected end of file inside an \(container == .array ? "array" : "object")") }
                    let byte = bytes[position]
                    let close = container == .array ? UInt8(ascii: "]") : UInt8(ascii: "}")
                    if byte == close {
                        position += 1
                        stack.removeLast()
                        continue
                    }
                    guard byte == UInt8(ascii: ",") else {
                        return error(container == .array ? "expected ',' or ']'" : "expected ',' or '}'")
                    }
                    position += 1
                    if container == .object, let problem = scanKey() { return problem }
                    break
                }
            }
        }

        /// `"key" :` inside an object.
        private mutating func scanKey() -> Location? {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return error("expected a field name in double quotes") }
            if let problem = scanString() { return problem }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return error("expected ':' after the field name") }
            position += 1
            return nil
        }

        private mutating func scanString() -> Location? {
            let start = position
            position += 1
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return nil
                }
                if byte < 0x20 { return error("a control character (such as a line break) inside a string; escape it") }
                if byte == UInt8(ascii: "\\") {
                    position += 1
                    guard position < bytes.count else { break }
                    let escaped = bytes[position]
                    if escaped == UInt8(ascii: "u") {
                        let hex = bytes[(position + 1)..<min(bytes.count, position + 5)]
                        guard hex.count == 4, hex.allSatisfy({ isHexDigit($0) }) else { return error("\\u must be followed by 4 hex digits") }
                        position += 4
                    } else if !"\"\\/bfnrt".utf8.contains(escaped) {
                        return error("invalid escape '\\\(Character(Unicode.Scalar(escaped)))' in a string")
                    }
                }
                position += 1
            }
            position = start
            return error("a string that is never closed")
        }

        /// A number or one of the words true, false, null, NaN, Infinity, -Infinity.
        private mutating func scanScalar() -> Location? {
            for word in ["true", "false", "null", "NaN", "Infinity", "-Infinity"] where bytes[position...].starts(with: word.utf8) {
                position += word.utf8.count
                return nil
            }
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else {
                position = start
                return error("expected a value (a number, a string, true, false, null, an array or an object)")
            }
            if bytes[start] == UInt8(ascii: "-") ? (bytes[start + 1] == UInt8(ascii: "0") && position - start > 2)
                : (bytes[start] == UInt8(ascii: "0") && position - start > 1) {
                position = start
                return error("a number with a leading zero")
            }
            if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { return error("expected a digit after the decimal point") }
            }
            if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
                position += 1
                if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
                guard digits() > 0 else { return error("expected a digit in the exponent") }
            }
            return nil
        }

        private mutating func digits() -> Int {
            let start = position
            while position < bytes.count && bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9") { position += 1 }
            return position - start
        }

        private mutating func skipWhitespace() {
            while position < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        private func isHexDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }

        /// The 1-based line and column (in characters) of the current position.
        private func error(_ problem: String) -> Location {
            var line = 1
            var lineStart = 0
            for index in 0..<min(position, bytes.count) where bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            let column = String(decoding: bytes[lineStart..<min(position, bytes.count)], as: UTF8.self).count + 1
            return Location(line: line, column: column, problem: problem)
        }
    }
}
