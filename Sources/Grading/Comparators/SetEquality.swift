import JSONSupport
/// `set` and `jaccard`: lists of identifiers (material ids, atom indices, compositions)
/// compared as sets, ignoring order and repetition.
///
/// An identifier is a JSON string, number or Boolean; the number 3 and the string "3" are
/// different identifiers (3 and 3.0 are the same number).
struct IdentifierSetComparison {
    /// Reference identifiers the student lacks, in the reference's order.
    let missing: [JSONValue]
    /// Student identifiers the reference lacks, in the student's order.
    let extra: [JSONValue]
    let sharedCount: Int
    let unionCount: Int
    /// Distinct reference identifiers.
    let referenceCount: Int
    /// Identifiers the student lists more than once.
    let studentDuplicates: [JSONValue]

    init(student: [JSONValue], reference: [JSONValue]) {
        let referenceSet = Set(reference)
        let studentSet = Set(student)
        missing = Self.distinct(reference).filter { !studentSet.contains($0) }
        extra = Self.distinct(student).filter { !referenceSet.contains($0) }
        sharedCount = referenceSet.intersection(studentSet).count
        referenceCount = referenceSet.count
        unionCount = referenceSet.union(studentSet).count
        var seen = Set<JSONValue>()
        var duplicates: [JSONValue] = []
        for value in student where !seen.insert(value).inserted && !duplicates.contains(value) {
            duplicates.append(value)
        }
        studentDuplicates = duplicates
    }

    /// `|A ∩ B| / |A ∪ B|`; 1 when both are empty (identical empty sets).
    var jaccardIndex: Double {
        unionCount == 0 ? 1 : Double(sharedCount) / Double(unionCount)
    }

    /// `missing 2 of 10 ("mp-13", "mp-22"); extra 1 ("mp-99")`, or nil when the sets are equal.
    var differenceText: String? {
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing \(missing.count) of \(referenceCount) (\(Self.examples(missing)))") }
        if !extra.isEmpty { parts.append("extra \(extra.count) (\(Self.examples(extra)))") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `; the student lists 3 twice`, or empty.
    var duplicateText: String {
        guard !studentDuplicates.isEmpty else { return "" }
        return "; the student lists \(Self.examples(studentDuplicates)) more than once (ignored)"
    }

    /// Reads a list of identifiers (or labels: `noun` names them in messages).
    static func identifiers(_ value: JSONValue, noun: String = "identifier") -> Result<[JSONValue], ValueProblem> {
        guard case let .array(elements) = value else {
            return .failure(ValueProblem(message: "\(JSONPath.root.displayName) must be a list of \(noun)s, found \(value.summary)"))
        }
        for (index, element) in elements.enumerated() {
            switch element {
            case .string, .number, .bool: continue
            case .null, .array, .object:
                return .failure(ValueProblem(
                    message: "\(JSONPath.root.appending(index: index).displayName) must be \(noun == "identifier" ? "an" : "a") \(noun) (a string or a number), "
                        + "found \(element.summary)"))
            }
        }
        return .success(elements)
    }

    private static func distinct(_ values: [JSONValue]) -> [JSONValue] {
        var seen = Set<JSONValue>()
        return values.filter { seen.insert($0).inserted }
    }

    /// Up to three identifiers as JSON, then `…`.
    private static func examples(_ values: [JSONValue]) -> String {
        values.prefix(3).map { $0.abbreviated(30) }.joined(separator: ", ") + (values.count > 3 ? ", …" : "")
    }
}

/// `set`: the student's identifiers must be exactly the reference's, as sets. The explanation
/// counts the missing and extra ones with up to three examples of each:
/// `missing 2 of 10 ("mp-13", "mp-22"); extra 1 ("mp-99")`.
public struct SetComparator: PairComparator {
    public static let kind = ComparatorKind.set

    public init() {}

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let (studentIDs, referenceIDs): ([JSONValue], [JSONValue])
        switch readIdentifiers(student: student, reference: reference) {
        case let .success(pair): (studentIDs, referenceIDs) = pair
        case let .failure(problem): return .fail(problem.message)
        case let .referenceFailure(problem):
            throw .invalidReference(comparator: Self.kind.rawValue, reason: "reference: \(problem.message)")
        }
        let comparison = IdentifierSetComparison(student: studentIDs, reference: referenceIDs)
        guard let difference = comparison.differenceText else {
            return .pass("all \(comparison.unionCount) identifier\(comparison.unionCount == 1 ? "" : "s") match" + comparison.duplicateText)
        }
        return .fail(difference + comparison.duplicateText)
    }
}

/// Both identifier lists, or which side is not a list of identifiers.
enum IdentifierReading {
    case success(([JSONValue], [JSONValue]))
    case failure(ValueProblem)
    case referenceFailure(ValueProblem)
}

/// Reads the reference's identifiers first (its problems are the instructor's), then the student's.
func readIdentifiers(student: JSONValue, reference: JSONValue) -> IdentifierReading {
    let referenceIDs: [JSONValue]
    switch IdentifierSetComparison.identifiers(reference) {
    case let .success(ids): referenceIDs = ids
    case let .failure(problem): return .referenceFailure(problem)
    }
    switch IdentifierSetComparison.identifiers(student) {
    case let .success(ids): return .success((ids, referenceIDs))
    case let .failure(problem): return .failure(problem)
    }
}
