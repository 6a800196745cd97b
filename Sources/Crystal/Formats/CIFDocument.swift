/// One value of a CIF file with the line it is on.
struct CIFValue: Equatable {
    let text: String
    /// 1-based line number.
    let line: Int
    let isQuoted: Bool

    /// `?` (unknown) or `.` (inapplicable), unquoted.
    var isMissing: Bool { !isQuoted && (text == "?" || text == ".") }
}

/// A `loop_`: a table whose columns are tags and whose rows are values.
struct CIFLoop {
    /// Line of the `loop_` keyword, 1-based.
    let line: Int
    /// The column tags, lowercased, in file order.
    let tags: [String]
    /// The rows, each with `tags.count` values.
    let rows: [[CIFValue]]

    /// The index of the column `tag`, or nil.
    func column(_ tag: String) -> Int? { tags.firstIndex(of: tag) }
}

/// A `data_` block: single-valued items and loops.
struct CIFBlock {
    let name: String
    /// Line of the `data_` header, 1-based.
    let line: Int
    fileprivate(set) var items: [String: CIFValue] = [:]
    fileprivate(set) var loops: [CIFLoop] = []
    /// Tags given more than once in the block: tag -> (first line, second line).
    fileprivate(set) var repeatedTags: [String: (first: Int, second: Int)] = [:]
    fileprivate var tagLines: [String: Int] = [:]

    /// The loop that has a column `tag`, or nil.
    func loop(containing tag: String) -> CIFLoop? { loops.first { $0.column(tag) != nil } }

    /// True when the block defines `tag` as an item or a loop column.
    func defines(_ tag: String) -> Bool { tagLines[tag] != nil }

    fileprivate mutating func record(tag: String, line: Int) {
        if let first = tagLines[tag] {
            if repeatedTags[tag] == nil { repeatedTags[tag] = (first, line) }
        } else {
            tagLines[tag] = line
        }
    }
}

/// A parsed CIF file: its data blocks in file order. Save frames are read and skipped (a
/// structure file has none; dictionaries do).
struct CIFDocument {
    let blocks: [CIFBlock]

    init(text: String, path: String) throws {
        let tokens = try CIFLexer(text: text, path: path).tokens()
        var blocks: [CIFBlock] = []
        var current: CIFBlock?
        var inSaveFrame = false
        var index = 0

        func fail(_ line: Int, _ reason: String) -> CrystalError {
            CrystalError.malformedFile(path: path, line: line, reason: reason)
        }

        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .dataBlock:
                if let block = current { blocks.append(block) }
                current = CIFBlock(name: token.text, line: token.line)
                inSaveFrame = false
                index += 1
                continue
            case .saveFrame:
                inSaveFrame = !token.text.isEmpty
                index += 1
                continue
            case .reserved:
                throw fail(token.line, "'\(token.text)' is a reserved CIF word that structure files do not use; remove it or quote it")
            case .value:
                throw fail(
                    token.line,
                    "value '\(fileExcerpt(token.text))' has no tag before it; each value follows a _tag or sits in a loop_ (quote values that contain spaces)")
            case .tag, .loop:
                break
            }
            guard var block = current else {
                throw fail(token.line, "'\(fileExcerpt(token.text))' comes before any data_ block; start the structure with a line data_NAME")
            }
            if token.kind == .tag {
                guard index + 1 < tokens.count, tokens[index + 1].kind == .value else {
                    throw fail(token.line, "tag \(token.text) has no value; give one after it (? if unknown)")
                }
                let value = tokens[index + 1]
                if !inSaveFrame {
                    block.record(tag: token.text, line: token.line)
                    if block.items[token.text] == nil {
                        block.items[token.text] = CIFValue(text: value.text, line: value.line, isQuoted: value.isQuoted)
                    }
                }
                index += 2
            } else {
                let (loop, next) = try Self.readLoop(tokens, from: index, fail: fail)
                if !inSaveFrame {
                    for tag in loop.tags { block.record(tag: tag, line: loop.line) }
                    block.loops.append(loop)
                }
                index = next
            }
            current = block
        }
        if let block = current { blocks.append(block) }
        self.blocks = blocks
    }

    /// The loop whose `loop_` keyword is `tokens[start]`; returns it and the index after it.
    private static func readLoop(
        _ tokens: [CIFToken], from start: Int, fail: (Int, String) -> CrystalError
    ) throws -> (CIFLoop, Int) {
        let line = tokens[start].line
        var index = start + 1
        var tags: [String] = []
        while index < tokens.count && tokens[index].kind == .tag {
            if tags.contains(tokens[index].text) {
                throw fail(tokens[index].line, "loop_ lists column \(tokens[index].text) twice; remove one")
            }
            tags.append(tokens[index].text)
            index += 1
        }
        guard !tags.isEmpty else {
            throw fail(line, "loop_ has no column tags; list the _tags after loop_, then the values")
        }
        var values: [CIFValue] = []
        while index < tokens.count && tokens[index].kind == .value {
            let token = tokens[index]
            values.append(CIFValue(text: token.text, line: token.line, isQuoted: token.isQuoted))
            index += 1
        }
        guard values.count % tags.count == 0 else {
            let lastLine = values.last?.line ?? line
            throw fail(
                lastLine,
                "the loop_ of line \(line) has \(tags.count) columns but \(values.count) values, not a multiple of \(tags.count); check for a missing value or an unquoted value with spaces")
        }
        var rows: [[CIFValue]] = []
        rows.reserveCapacity(values.count / tags.count)
        var rowStart = 0
        while rowStart < values.count {
            rows.append(Array(values[rowStart..<(rowStart + tags.count)]))
            rowStart += tags.count
        }
        return (CIFLoop(line: line, tags: tags, rows: rows), index)
    }
}
