extension OptimadeFilter {
    /// Parses a filter string.
    /// - Throws: ``OptimadeSyntaxError`` with the position, what was found and what was expected.
    public init(parsing text: String) throws(OptimadeSyntaxError) {
        var parser = try OptimadeParser(text)
        self = try parser.parseFilter()
    }
}

/// The keywords of the filter language (upper case only).
private let keywords: Set<String> = [
    "AND", "OR", "NOT", "HAS", "ALL", "ANY", "ONLY", "CONTAINS", "STARTS", "ENDS", "WITH", "LENGTH", "IS", "KNOWN", "UNKNOWN",
    "TRUE", "FALSE",
]

private struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case keyword(String)
        case number(Double)
        case string(String)
        case comparison(OptimadeFilter.ComparisonOperator)
        case open, close, comma, colon, end
    }

    let kind: Kind
    /// 1-based position of the first character.
    let position: Int
    let text: String

    var shown: String {
        switch kind {
        case .end: "the end of the filter"
        case .string: "the string \(text)"
        case .number: "the number \(text)"
        case .identifier: "the property name '\(text)'"
        case .keyword: "the keyword \(text)"
        default: "'\(text)'"
        }
    }
}

/// Recursive descent over the specification's grammar, one token of look-ahead.
private struct OptimadeParser {
    let text: String
    let tokens: [Token]
    var index = 0

    init(_ text: String) throws(OptimadeSyntaxError) {
        self.text = text
        tokens = try Self.tokenize(text)
    }

    var current: Token { tokens[index] }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func error(_ expected: String, at token: Token? = nil) -> OptimadeSyntaxError {
        let token = token ?? current
        var found = token.shown
        if case let .identifier(name) = token.kind, keywords.contains(name.uppercased()) {
            found += " (keywords are upper case: \(name.uppercased()))"
        }
        return OptimadeSyntaxError(filter: text, position: token.position, found: found, expected: expected)
    }

    mutating func parseFilter() throws(OptimadeSyntaxError) -> OptimadeFilter {
        guard current.kind != .end else { throw error("a comparison such as nelements=3") }
        let filter = try parseExpression()
        guard current.kind == .end else { throw error("AND, OR or the end of the filter") }
        return filter
    }

    mutating func parseExpression() throws(OptimadeSyntaxError) -> OptimadeFilter {
        var left = try parseClause()
        while current.kind == .keyword("OR") {
            advance()
            left = .or(left, try parseClause())
        }
        return left
    }

    mutating func parseClause() throws(OptimadeSyntaxError) -> OptimadeFilter {
        var left = try parsePhrase()
        while current.kind == .keyword("AND") {
            advance()
            left = .and(left, try parsePhrase())
        }
        return left
    }

    mutating func parsePhrase() throws(OptimadeSyntaxError) -> OptimadeFilter {
        switch current.kind {
        case .keyword("NOT"):
            advance()
            return .not(try parsePhrase())
        case .open:
            let open = current
            advance()
            let inner = try parseExpression()
            guard current.kind == .close else {
                throw error("')' to close the '(' at position \(open.position)")
            }
            advance()
            return inner
        case let .identifier(name):
            advance()
            return try parseRightHandSide(of: name)
        case .number, .string:
            // Constant first: 3 < nelements.
            let constant = try parseValue()
            guard case let .comparison(op) = current.kind else { throw error("a comparison operator (= != < <= > >=) after \(constant)") }
            advance()
            guard case let .identifier(name) = current.kind else {
                throw error("a property name after \(constant) \(op.rawValue) (comparing two constants is not supported)")
            }
            advance()
            return .compare(property: name, op: op.mirrored, value: constant)
        case .keyword("TRUE"), .keyword("FALSE"):
            throw error("a comparison (Boolean constants are not supported here)")
        default:
            throw error("a comparison (a property name such as nelements), NOT or '('")
        }
    }

    mutating func parseRightHandSide(of property: String) throws(OptimadeSyntaxError) -> OptimadeFilter {
        switch current.kind {
        case let .comparison(op):
            advance()
            if case let .identifier(other) = current.kind {
                throw error("a number or a \"string\" (comparing two properties, \(property) and \(other), is not supported)")
            }
            return .compare(property: property, op: op, value: try parseValue())
        case .keyword("IS"):
            advance()
            switch current.kind {
            case .keyword("KNOWN"): advance(); return .known(property: property, isKnown: true)
            case .keyword("UNKNOWN"): advance(); return .known(property: property, isKnown: false)
            default: throw error("KNOWN or UNKNOWN after IS")
            }
        case .keyword("CONTAINS"):
            advance()
            return .string(property: property, op: .contains, value: try parseString(after: "CONTAINS"))
        case .keyword("STARTS"), .keyword("ENDS"):
            let isStart = current.kind == .keyword("STARTS")
            advance()
            if current.kind == .keyword("WITH") { advance() }
            return .string(property: property, op: isStart ? .startsWith : .endsWith,
                           value: try parseString(after: isStart ? "STARTS WITH" : "ENDS WITH"))
        case .keyword("HAS"):
            advance()
            let op: OptimadeFilter.ListOperator
            switch current.kind {
            case .keyword("ALL"): op = .all; advance()
            case .keyword("ANY"): op = .any; advance()
            case .keyword("ONLY"): op = .only; advance()
            case .comparison: throw error("a value after HAS (HAS with an operator, such as HAS < 3, is not supported)")
            default: return .has(property: property, op: .all, values: [try parseValue()])
            }
            var values = [try parseValue()]
            while current.kind == .comma {
                advance()
                values.append(try parseValue())
            }
            if current.kind == .colon { throw error("',' or the end of the list (the correlated ':' syntax is not supported)") }
            return .has(property: property, op: op, values: values)
        case .keyword("LENGTH"):
            advance()
            var op = OptimadeFilter.ComparisonOperator.equal
            if case let .comparison(given) = current.kind {
                op = given
                advance()
            }
            guard case let .number(value) = current.kind, value == value.rounded(), value >= 0, value < 1e9 else {
                throw error("a whole number after LENGTH")
            }
            advance()
            return .length(property: property, op: op, value: Int(value))
        case .end:
            throw error("an operator after '\(property)' (= != < <= > >=, CONTAINS, HAS, LENGTH, IS KNOWN, ...)")
        default:
            throw error("an operator after '\(property)' (= != < <= > >=, CONTAINS, STARTS WITH, ENDS WITH, HAS, LENGTH, IS)")
        }
    }

    mutating func parseValue() throws(OptimadeSyntaxError) -> OptimadeFilter.Value {
        switch current.kind {
        case let .number(value): advance(); return .number(value)
        case let .string(value): advance(); return .string(value)
        default: throw error("a value: a number or a \"string\"")
        }
    }

    mutating func parseString(after keyword: String) throws(OptimadeSyntaxError) -> String {
        guard case let .string(value) = current.kind else { throw error("a \"string\" after \(keyword)") }
        advance()
        return value
    }

    static func tokenize(_ text: String) throws(OptimadeSyntaxError) -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var i = 0
        func fail(_ expected: String, _ found: String, at position: Int) -> OptimadeSyntaxError {
            OptimadeSyntaxError(filter: text, position: position + 1, found: found, expected: expected)
        }
        while i < characters.count {
            let c = characters[i]
            let start = i
            if c.isWhitespace { i += 1; continue }
            if c == "(" || c == ")" || c == "," || c == ":" {
                let kind: Token.Kind = c == "(" ? .open : c == ")" ? .close : c == "," ? .comma : .colon
                tokens.append(Token(kind: kind, position: start + 1, text: String(c)))
                i += 1
            } else if "=<>!".contains(c) {
                var symbol = String(c)
                if i + 1 < characters.count, characters[i + 1] == "=", c != "=" { symbol.append("="); i += 1 }
                i += 1
                guard let op = OptimadeFilter.ComparisonOperator(rawValue: symbol) else {
                    throw fail("a comparison operator (= != < <= > >=)", "'\(symbol)'", at: start)
                }
                tokens.append(Token(kind: .comparison(op), position: start + 1, text: symbol))
            } else if c == "\"" {
                var value = ""
                i += 1
                var closed = false
                while i < characters.count {
                    let d = characters[i]
                    if d == "\\" {
                        guard i + 1 < characters.count, characters[i + 1] == "\"" || characters[i + 1] == "\\" else {
                            throw fail("\\\" or \\\\ (the only escapes in a string)", "'\\\(i + 1 < characters.count ? String(characters[i + 1]) : "")'", at: i)
                        }
                        value.append(characters[i + 1])
                        i += 2
                    } else if d == "\"" {
                        closed = true
                        i += 1
                        break
                    } else {
                        value.append(d)
                        i += 1
                    }
                }
                guard closed else { throw fail("a closing \" for the string opened here", "a string that never ends", at: start) }
                tokens.append(Token(kind: .string(value), position: start + 1, text: String(characters[start..<i])))
            } else if c.isNumber || ((c == "-" || c == "+" || c == ".") && i + 1 < characters.count && (characters[i + 1].isNumber || characters[i + 1] == ".")) {
                i += 1
                while i < characters.count, characters[i].isNumber || characters[i] == "." { i += 1 }
                if i < characters.count, characters[i] == "e" || characters[i] == "E" {
                    i += 1
                    if i < characters.count, characters[i] == "-" || characters[i] == "+" { i += 1 }
                    while i < characters.count, characters[i].isNumber { i += 1 }
                }
                let literal = String(characters[start..<i])
                guard let value = Double(literal), value.isFinite else { throw fail("a number", "'\(literal)'", at: start) }
                tokens.append(Token(kind: .number(value), position: start + 1, text: literal))
            } else if c.isLetter || c == "_" {
                while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" { i += 1 }
                let word = String(characters[start..<i])
                if keywords.contains(word) {
                    tokens.append(Token(kind: .keyword(word), position: start + 1, text: word))
                } else if word.first?.isUppercase == true && !keywords.contains(word) {
                    throw fail("a property name (lower case: \(word.lowercased())) or a keyword (AND, OR, NOT, HAS, ...)", "'\(word)'", at: start)
                } else {
                    tokens.append(Token(kind: .identifier(word), position: start + 1, text: word))
                }
            } else {
                throw fail("a property, a value, an operator or a parenthesis", "'\(c)'", at: start)
            }
        }
        tokens.append(Token(kind: .end, position: characters.count + 1, text: ""))
        return tokens
    }
}
