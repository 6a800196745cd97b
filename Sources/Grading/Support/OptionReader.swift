import JSONSupport
/// Reads a comparator's rubric options (`[String: JSONValue]`, as the rubric loader gives
/// them) with messages that name the comparator, the option, what it must be and what it was:
/// `comparator 'allclose': option 'rtol' must be a number in [0, 1] (got 5)`.
struct OptionReader {
    let comparator: String
    private let options: [String: JSONValue]

    /// - Throws: ``GradingError/unknownOption(comparator:option:knownOptions:suggestion:)`` for
    ///   the first option (alphabetically) not in `known`.
    init(comparator: String, options: [String: JSONValue], known: [String]) throws(GradingError) {
        for option in options.keys.sorted() where !known.contains(option) {
            throw .unknownOption(comparator: comparator, option: option, knownOptions: known.sorted(),
                                 suggestion: closestName(to: option, among: known))
        }
        self.comparator = comparator
        self.options = options
    }

    func contains(_ name: String) -> Bool {
        options[name] != nil
    }

    /// A number satisfying `isValid`; `defaultValue` when absent (nil: required).
    func number(_ name: String, _ requirement: String, default defaultValue: Double? = nil,
                isValid: (Double) -> Bool = { _ in true }) throws(GradingError) -> Double {
        guard let value = options[name] else {
            guard let defaultValue else { throw .missingOption(comparator: comparator, option: name, requirement: requirement) }
            return defaultValue
        }
        guard case let .number(number) = value, number.isFinite, isValid(number) else { throw invalid(name, requirement, value) }
        return number
    }

    /// A number satisfying `isValid`, or nil when absent.
    func optionalNumber(_ name: String, _ requirement: String, isValid: (Double) -> Bool = { _ in true }) throws(GradingError) -> Double? {
        guard options[name] != nil else { return nil }
        return try number(name, requirement, isValid: isValid)
    }

    /// An integer satisfying `isValid`; `defaultValue` when absent (nil: required).
    func integer(_ name: String, _ requirement: String, default defaultValue: Int? = nil,
                 isValid: (Int) -> Bool = { _ in true }) throws(GradingError) -> Int {
        guard let value = options[name] else {
            guard let defaultValue else { throw .missingOption(comparator: comparator, option: name, requirement: requirement) }
            return defaultValue
        }
        guard let integer = value.integerValue, isValid(integer) else { throw invalid(name, requirement, value) }
        return integer
    }

    /// `true` or `false`; `defaultValue` when absent.
    func bool(_ name: String, default defaultValue: Bool) throws(GradingError) -> Bool {
        guard let value = options[name] else { return defaultValue }
        guard case let .bool(flag) = value else { throw invalid(name, "true or false", value) }
        return flag
    }

    /// One of the named choices; `defaultValue` when absent (nil: required).
    func choice<Value>(_ name: String, _ choices: KeyValuePairs<String, Value>, default defaultValue: Value? = nil) throws(GradingError) -> Value {
        let requirement = "one of " + choices.map { quoted($0.key) }.joined(separator: ", ")
        guard let value = options[name] else {
            guard let defaultValue else { throw .missingOption(comparator: comparator, option: name, requirement: requirement) }
            return defaultValue
        }
        guard case let .string(text) = value, let match = choices.first(where: { $0.key == text }) else {
            throw invalid(name, requirement, value)
        }
        return match.value
    }

    /// A field path such as `"energy_se"`; required.
    func path(_ name: String) throws(GradingError) -> JSONPath {
        let requirement = "a field path such as \"energy_se\" or \"graph.labels\""
        guard let value = options[name] else { throw .missingOption(comparator: comparator, option: name, requirement: requirement) }
        guard case let .string(text) = value, !text.isEmpty else { throw invalid(name, requirement, value) }
        do {
            return try JSONPath(text)
        } catch {
            throw invalid(name, "a valid field path (\(error))", value)
        }
    }

    /// A list of integers satisfying `isValid`; empty when absent.
    func integerList(_ name: String, _ requirement: String, isValid: (Int) -> Bool = { _ in true }) throws(GradingError) -> [Int] {
        guard let value = options[name] else { return [] }
        guard case let .array(elements) = value else { throw invalid(name, requirement, value) }
        var integers: [Int] = []
        for element in elements {
            guard let integer = element.integerValue, isValid(integer) else { throw invalid(name, requirement, value) }
            integers.append(integer)
        }
        return integers
    }

    /// A table (object); required.
    func table(_ name: String, _ requirement: String) throws(GradingError) -> [String: JSONValue] {
        guard let value = options[name] else { throw .missingOption(comparator: comparator, option: name, requirement: requirement) }
        guard case let .object(fields) = value else { throw invalid(name, requirement, value) }
        return fields
    }

    /// The error for an option whose value does not meet `requirement`.
    func invalid(_ name: String, _ requirement: String, _ value: JSONValue) -> GradingError {
        .invalidOption(comparator: comparator, option: name, requirement: requirement, got: value.abbreviated(60))
    }
}

/// The name in `names` closest to `name` by edit distance, when it is close enough to be a
/// likely typo (at most a third of the name's length, and at most 3 edits).
func closestName(to name: String, among names: [String]) -> String? {
    let limit = min(3, max(1, name.count / 3))
    let scored = names.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }), best.1 <= limit else { return nil }
    return best.0
}

/// Edit distance with insertions, deletions, substitutions and transpositions of adjacent
/// characters (optimal string alignment), so `hnit` is one edit from `hint`.
func editDistance(_ a: String, _ b: String) -> Int {
    let (a, b) = (Array(a), Array(b))
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        beforePrevious = previous
        previous = current
    }
    return previous[b.count]
}
