/// The `key=value` pairs of an extended-XYZ comment line, read as ASE's
/// `key_val_str_to_dict` does: values may be quoted with `"` or `'` or bracketed with `{}` or
/// `[]`, a backslash escapes the next character, spaces around `=` are allowed, and a key
/// without `=` means true. Keys are case-sensitive (`Lattice`, `Properties`, `pbc`).
struct ExtendedXYZComment {
    /// The pairs in line order; a key without a value has the value `T`.
    let pairs: [(key: String, value: String)]

    /// - Returns: nil when a quote or bracket is never closed.
    init?(_ line: Substring) {
        let closing: [Character: Character] = ["\"": "\"", "'": "'", "{": "}", "[": "]"]
        // Words (quotes and brackets removed) and "=" signs, in order; nil stands for "=".
        var tokens: [String?] = []
        var word = ""
        var inWord = false
        var delimiter: Character?
        var escaped = false
        for character in line {
            if escaped {
                word.append(character)
                inWord = true
                escaped = false
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if let close = delimiter {
                if character == close { delimiter = nil } else { word.append(character) }
            } else if let close = closing[character] {
                delimiter = close
                inWord = true
            } else if character == "=" || character.isWhitespace {
                if inWord { tokens.append(word) }
                word = ""
                inWord = false
                if character == "=" { tokens.append(nil) }
            } else {
                word.append(character)
                inWord = true
            }
        }
        guard delimiter == nil else { return nil }
        if inWord { tokens.append(word) }

        var pairs: [(key: String, value: String)] = []
        var index = 0
        while index < tokens.count {
            guard let key = tokens[index] else {
                index += 1
                continue
            }
            if index + 1 < tokens.count, tokens[index + 1] == nil {
                let value = index + 2 < tokens.count ? tokens[index + 2] : nil
                pairs.append((key, value ?? ""))
                index += value == nil ? 2 : 3
            } else {
                pairs.append((key, "T"))
                index += 1
            }
        }
        self.pairs = pairs
    }

    /// The value of `key` (case-sensitive), or nil.
    func value(_ key: String) -> String? { pairs.first { $0.key == key }?.value }

    /// A key spelled like `key` except for case, for a hint when `key` itself is missing.
    func keyDiffering(inCaseFrom key: String) -> String? {
        pairs.first { $0.key != key && $0.key.lowercased() == key.lowercased() }?.key
    }
}
