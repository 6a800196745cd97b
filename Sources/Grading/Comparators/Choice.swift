import JSONSupport
/// `choice`: a structured answer (a method name, a yes/no, a space group) checked against the
/// accepted answers, each with its credit: `{"MD": 1, "classical MD": 1, "DFT": 0}`.
///
/// Answers are normalised before matching: surrounding whitespace dropped, inner runs of
/// whitespace made one space, letters lowercased, so `" Classical  md"` is `"classical md"`.
/// A number or Boolean answer is matched as its text (`3`, `true`). An answer that is none of
/// the listed ones scores 0, and the explanation lists the options (the exercise asks for one
/// of them, so listing them gives nothing away).
///
/// `passed` means full credit; an answer worth partial credit scores it without passing.
public struct ChoiceComparator: Hashable, Sendable {
    public static let kind = ComparatorKind.choice

    /// Credit per normalised answer, in [0, 1].
    public let credits: [String: Double]
    /// The answers as the rubric wrote them, sorted, for the explanation.
    public let options: [String]

    /// - Parameter answers: each accepted answer with its credit in [0, 1]; at least one.
    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for no
    ///   answers, a credit outside [0, 1], or two answers that normalise alike with different
    ///   credit.
    public init(answers: [String: Double]) throws(GradingError) {
        let name = Self.kind.rawValue
        guard !answers.isEmpty else {
            throw .invalidOption(comparator: name, option: "answers", requirement: "a table of at least one answer with its credit", got: "{}")
        }
        var credits: [String: Double] = [:]
        var spelled: [String: String] = [:]
        for answer in answers.keys.sorted() {
            let credit = answers[answer] ?? 0
            guard credit >= 0, credit <= 1 else {
                throw .invalidOption(comparator: name, option: "answers.\(answer)", requirement: "a credit in [0, 1]", got: NumberFormat.exact(credit))
            }
            let key = Self.normalized(answer)
            if let existing = credits[key], existing != credit {
                throw .invalidOption(
                    comparator: name, option: "answers.\(answer)",
                    requirement: "a credit equal to that of '\(spelled[key] ?? key)', which reads the same after normalisation",
                    got: NumberFormat.exact(credit))
            }
            credits[key] = credit
            spelled[key] = spelled[key] ?? answer
        }
        self.credits = credits
        options = answers.keys.sorted()
    }

    /// Lowercased, trimmed, inner whitespace collapsed to single spaces.
    static func normalized(_ answer: String) -> String {
        answer.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    /// Scores the student's answer.
    public func compare(answer: JSONValue) -> CheckOutcome {
        let text: String
        switch answer {
        case let .string(value): text = value
        case let .number(value): text = NumberFormat.exact(value)
        case let .bool(value): text = value ? "true" : "false"
        case .null: return .fail("no answer given; choose one of: " + optionList)
        case .array, .object: return .fail("the answer must be one string, found \(answer.summary); choose one of: " + optionList)
        }
        guard let credit = credits[Self.normalized(text)] else {
            return .fail("answer \(quoted(text)) is not one of the options: " + optionList)
        }
        let explanation: String
        switch credit {
        case 1: explanation = "answer \(quoted(text)) accepted"
        case 0: explanation = "answer \(quoted(text)) earns no credit"
        default: explanation = "answer \(quoted(text)) earns \(NumberFormat.compact(credit)) credit"
        }
        return CheckOutcome(passed: credit >= 1, score: credit, explanation: explanation)
    }

    private var optionList: String {
        options.map(quoted).joined(separator: ", ")
    }
}
