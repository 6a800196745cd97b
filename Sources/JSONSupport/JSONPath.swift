/// Where a value sits in a JSON document: `graph.edges`, `sites[3].distance`, `[0][2]`.
///
/// Syntax: field names separated by `.`, array indices (0-based) in brackets. A field name is
/// any run of characters other than `.`, `[` and `]` (spaces included). The empty path is the
/// whole document.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step into a document.
    public enum Component: Hashable, Sendable {
        /// A field of an object.
        case key(String)
        /// An element of an array, 0-based.
        case index(Int)
    }

    public let components: [Component]

    /// The whole document.
    public static let root = JSONPath(components: [])

    public init(components: [Component]) {
        self.components = components
    }

    /// Parses `graph.edges` or `sites[3].distance`.
    /// - Throws: ``JSONPathError`` naming what is wrong.
    public init(_ text: String) throws(JSONPathError) {
        var components: [Component] = []
        var characters = Array(text)[...]
        var expectsKey = true  // at the start or after '.'
        while let character = characters.first {
            if character == "[" {
                guard let close = characters.firstIndex(of: "]") else {
                    throw JSONPathError(path: text, reason: "'[' at position \(characters.startIndex + 1) is never closed")
                }
                let digits = String(characters[(characters.startIndex + 1)..<close])
                guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let index = Int(digits) else {
                    throw JSONPathError(path: text, reason: "an array index must be a non-negative integer (got '[\(digits)]')")
                }
                if expectsKey && !components.isEmpty {
                    throw JSONPathError(path: text, reason: "'.' must be followed by a field name, not '['")
                }
                components.append(.index(index))
                characters = characters[(close + 1)...]
                expectsKey = false
            } else if character == "." {
                if expectsKey {
                    throw JSONPathError(path: text, reason: "empty field name at position \(characters.startIndex + 1)")
                }
                characters = characters.dropFirst()
                expectsKey = true
                if characters.isEmpty {
                    throw JSONPathError(path: text, reason: "the path ends with '.'")
                }
            } else if character == "]" {
                throw JSONPathError(path: text, reason: "']' at position \(characters.startIndex + 1) has no matching '['")
            } else {
                guard expectsKey else {
                    throw JSONPathError(path: text, reason: "a field name must follow '.' (at position \(characters.startIndex + 1))")
                }
                let end = characters.firstIndex(where: { $0 == "." || $0 == "[" || $0 == "]" }) ?? characters.endIndex
                components.append(.key(String(characters[..<end])))
                characters = characters[end...]
                expectsKey = false
            }
        }
        self.components = components
    }

    /// This path with one more step.
    public func appending(_ component: Component) -> JSONPath {
        JSONPath(components: components + [component])
    }

    /// This path followed by `index`.
    public func appending(index: Int) -> JSONPath {
        appending(.index(index))
    }

    /// `graph.edges[2]`; `[2][1]` for a path of indices only; empty for the root.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case let .key(key): text += text.isEmpty ? key : "." + key
            case let .index(index): text += "[\(index)]"
            }
        }
        return text
    }

    /// How messages name the place: `'graph.edges[2]'`, `element [2][1]` (a path of indices
    /// into a value), or `the value` (the root).
    public var displayName: String {
        if components.isEmpty { return "the value" }
        if case .key = components[0] { return "'\(description)'" }
        return "element \(description)"
    }
}

/// A field path that does not parse (`sites[x]`, `a..b`): the path and what is wrong.
public struct JSONPathError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "invalid field path '\(path)': \(reason); write paths like 'graph.edges' or 'sites[3].distance'"
    }
}
