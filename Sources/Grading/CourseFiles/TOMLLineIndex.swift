/// Where each key of a TOML file is written: TOMLKit parses values but keeps no positions,
/// so this light scan of the text maps key paths (`limits.wall_seconds`, `cases[2].seed`,
/// `check[0].options.rtol`) to 1-based line numbers for error messages. It understands
/// table headers `[a.b]`, arrays of tables `[[a]]` (counted per path), dotted and quoted
/// keys, and skips the continuation lines of multi-line strings and arrays well enough for
/// hand-written course files; a key it cannot place falls back to its table's header line.
struct TOMLLineIndex {
    private(set) var lines: [String: Int] = [:]

    init(text: String) {
        var tablePath = ""
        var arrayCounts: [String: Int] = [:]
        var insideMultilineString: String? = nil
        var bracketDepth = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let delimiter = insideMultilineString {
                if line.components(separatedBy: delimiter).count % 2 == 0 { insideMultilineString = nil }
                continue
            }
            if bracketDepth > 0 {
                bracketDepth += Self.bracketBalance(line)
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[[") {
                let name = Self.joinKey(Self.splitKey(String(line.dropFirst(2).prefix { $0 != "]" })))
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                // Nested arrays of tables restart when their parent changes; the common case
                // (top-level [[cases]], [[check]]) is exact.
                tablePath = "\(name)[\(index)]"
                lines[tablePath] = number
                continue
            }
            if line.hasPrefix("[") {
                tablePath = Self.resolve(Self.joinKey(Self.splitKey(String(line.dropFirst().prefix { $0 != "]" }))), arrayCounts)
                lines[tablePath] = number
                continue
            }
            guard let equals = Self.assignmentSplit(line) else { continue }
            let key = Self.joinKey(Self.splitKey(String(line[..<equals])))
            let path = tablePath.isEmpty ? key : "\(tablePath).\(key)"
            lines[path] = number
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
                if value.components(separatedBy: delimiter).count == 2 { insideMultilineString = delimiter }
            }
            if value.hasPrefix("[") || value.hasPrefix("{") { bracketDepth = max(0, Self.bracketBalance(value)) }
        }
    }

    /// The line of `path`, or of the nearest enclosing table that has one.
    func line(of path: String) -> Int? {
        var candidate = path
        while !candidate.isEmpty {
            if let line = lines[candidate] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = String(candidate[..<cut])
        }
        return nil
    }

    /// `a.b` inside `[[a]]` means the latest element: `a[k].b`.
    private static func resolve(_ name: String, _ arrayCounts: [String: Int]) -> String {
        for (array, count) in arrayCounts.sorted(by: { $0.key.count > $1.key.count }) where name.hasPrefix(array + ".") {
            return "\(array)[\(count - 1)]" + name.dropFirst(array.count)
        }
        return name
    }

    private static func splitKey(_ key: String) -> [String] {
        var parts: [String] = [], current = "", quote: Character? = nil
        for character in key {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    private static func joinKey(_ parts: [String]) -> String { parts.joined(separator: ".") }

    /// The index of the `=` that separates key and value (outside quotes), if any.
    private static func assignmentSplit(_ line: String) -> String.Index? {
        var quote: Character? = nil
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            }
        }
        return nil
    }

    /// Opening minus closing brackets and braces outside strings and comments.
    private static func bracketBalance(_ text: String) -> Int {
        var balance = 0, quote: Character? = nil
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "#": return balance
            case "[", "{": balance += 1
            case "]", "}": balance -= 1
            default: break
            }
        }
        return balance
    }
}

import Foundation
