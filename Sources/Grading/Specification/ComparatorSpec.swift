import JSONSupport
/// A configured comparator of any kind: what one rubric check compares with.
///
/// Build it from a rubric with ``init(kind:options:)``, or from a comparator value. Run it on
/// whole output documents with ``evaluate(field:_:)``, which reads the check's field and any
/// further fields the comparator names (standard errors, hidden labels, a probe target).
public enum ComparatorSpec: Hashable, Sendable {
    case equal(EqualComparator)
    case allclose(AllCloseComparator)
    case allcloseUpToSign(AllCloseUpToSignComparator)
    case subspace(SubspaceComparator)
    case permutation(PermutationComparator)
    case set(SetComparator)
    case jaccard(JaccardComparator)
    case rank(RankComparator)
    case ari(AdjustedRandIndexComparator)
    case statistical(StatisticalComparator)
    case metric(MetricComparator)
    case probe(ProbeComparator)
    case choice(ChoiceComparator)
    indirect case invariance(InvarianceComparator)
    case manual(ManualComparator)

    public var kind: ComparatorKind {
        switch self {
        case .equal: .equal
        case .allclose: .allclose
        case .allcloseUpToSign: .allcloseUpToSign
        case .subspace: .subspace
        case .permutation: .permutation
        case .set: .set
        case .jaccard: .jaccard
        case .rank: .rank
        case .ari: .ari
        case .statistical: .statistical
        case .metric: .metric
        case .probe: .probe
        case .choice: .choice
        case .invariance: .invariance
        case .manual: .manual
        }
    }

    /// The comparator when it compares a student value with a reference value and nothing
    /// else (``ComparatorKind/comparesPairs``).
    public var pairComparator: (any PairComparator)? {
        switch self {
        case let .equal(comparator): comparator
        case let .allclose(comparator): comparator
        case let .allcloseUpToSign(comparator): comparator
        case let .subspace(comparator): comparator
        case let .permutation(comparator): comparator
        case let .set(comparator): comparator
        case let .jaccard(comparator): comparator
        case let .rank(comparator): comparator
        case let .ari(comparator): comparator
        case .statistical, .metric, .probe, .choice, .invariance, .manual: nil
        }
    }
}

/// The outputs one check looks at.
public struct CheckOperands: Hashable, Sendable {
    /// The student's whole `output.json` for the case.
    public var studentOutput: JSONValue
    /// The reference's whole output for the case, including fields hidden from students
    /// (labels, probe targets, standard errors).
    public var referenceOutput: JSONValue
    /// For `invariance`: the student's whole outputs on transformed copies of the input.
    public var transformedStudentOutputs: [TransformedOutput]

    public init(studentOutput: JSONValue, referenceOutput: JSONValue, transformedStudentOutputs: [TransformedOutput] = []) {
        self.studentOutput = studentOutput
        self.referenceOutput = referenceOutput
        self.transformedStudentOutputs = transformedStudentOutputs
    }
}

/// The student's output on one transformed input, for `invariance`.
public struct TransformedOutput: Hashable, Sendable {
    /// Names the transformation in explanations ("rotation").
    public var transformation: String
    public var output: JSONValue
    /// `indexMap[i]`: the original index of the transformed input's atom i.
    public var indexMap: [Int]?
    /// Why the program gave no usable output on this copy (it ran out of time, crashed, wrote
    /// no `output.json`), in the run's own words; nil when `output` is the program's answer.
    public var problem: String?

    public init(transformation: String, output: JSONValue, indexMap: [Int]? = nil, problem: String? = nil) {
        self.transformation = transformation
        self.output = output
        self.indexMap = indexMap
        self.problem = problem
    }
}

extension ComparatorSpec {
    /// Runs the check on whole output documents.
    ///
    /// A field the student's output lacks, or holds in the wrong form, is a failed outcome
    /// naming the path and what was found.
    /// - Parameter field: the check's field, in both outputs.
    /// - Throws: ``GradingError/invalidReference(comparator:reason:)`` when the reference
    ///   output lacks a field the check needs or holds it in a form the comparator cannot use.
    public func evaluate(field: JSONPath, _ operands: CheckOperands) throws(GradingError) -> CheckOutcome {
        let name = kind.rawValue
        func reference(_ path: JSONPath) throws(GradingError) -> JSONValue {
            do {
                return try operands.referenceOutput.value(at: path)
            } catch {
                throw .invalidReference(comparator: name, reason: "reference output: \(error)")
            }
        }
        let student: JSONValue
        do {
            student = try operands.studentOutput.value(at: field)
        } catch {
            if case let .manual(comparator) = self { return comparator.outcome }
            return .fail(error.description)
        }
        switch self {
        case let .manual(comparator):
            return comparator.outcome
        case let .choice(comparator):
            return comparator.compare(answer: student)
        case let .statistical(comparator):
            var studentError: JSONValue?
            if case let .reported(errorField) = comparator.studentStandardError {
                do {
                    studentError = try operands.studentOutput.value(at: errorField)
                } catch {
                    return .fail("\(error); report the standard error of the estimate too")
                }
            }
            return try comparator.compare(
                student: student, studentStandardError: studentError,
                reference: try reference(field), referenceStandardError: try reference(comparator.standardErrorField))
        case let .metric(comparator):
            return try comparator.compare(
                predictions: student, referencePredictions: try reference(field), labels: try reference(comparator.labelsField))
        case let .probe(comparator):
            return try comparator.compare(
                embedding: student, referenceEmbedding: try reference(field), target: try reference(comparator.targetField))
        case let .invariance(comparator):
            guard !operands.transformedStudentOutputs.isEmpty else {
                throw .invalidReference(comparator: name, reason: "no transformed outputs were given to compare")
            }
            // An empty answer is trivially unchanged by any transformation: no evidence of
            // invariance when the reference has something there.
            if let reference = try? operands.referenceOutput.value(at: field),
               case let .array(referenceRows) = reference, !referenceRows.isEmpty,
               case let .array(studentRows) = student, studentRows.isEmpty {
                return .fail("your \(field) is empty on the original input (the reference has \(referenceRows.count) rows); an empty answer stays empty under any transformation, so it shows no invariance")
            }
            var outcomes: [(transformation: String, outcome: CheckOutcome)] = []
            var unanswered: [(transformation: String, problem: String)] = []
            for run in operands.transformedStudentOutputs {
                if let problem = run.problem {
                    unanswered.append((run.transformation, problem))
                    continue
                }
                do {
                    let value = try run.output.value(at: field)
                    let transformed = InvarianceComparator.Transformed(transformation: run.transformation, value: value, indexMap: run.indexMap)
                    outcomes.append((run.transformation, try comparator.compareOne(original: student, run: transformed)))
                } catch let error as JSONAccessError {
                    outcomes.append((run.transformation, .fail(error.description)))
                } catch let error as GradingError {
                    throw error
                } catch {
                    outcomes.append((run.transformation, .fail("\(error)")))
                }
            }
            return InvarianceComparator.combine(outcomes, unanswered: unanswered)
        default:
            guard let comparator = pairComparator else { return .fail("internal: no comparison for \(name)") }
            return try comparator.compare(student: student, reference: try reference(field))
        }
    }
}
