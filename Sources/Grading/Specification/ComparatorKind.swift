/// The comparators a rubric can name, by their rubric names.
public enum ComparatorKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case equal
    case allclose
    case allcloseUpToSign = "allclose_up_to_sign"
    case subspace
    case permutation
    case set
    case jaccard
    case rank
    case ari
    case statistical
    case metric
    case probe
    case choice
    case invariance
    case manual

    public var description: String { rawValue }

    /// True for comparators that compare a student's value with the reference value of the
    /// same field and nothing else: the ones ``InvarianceComparator`` can wrap.
    public var comparesPairs: Bool {
        switch self {
        case .equal, .allclose, .allcloseUpToSign, .subspace, .permutation, .set, .jaccard, .rank, .ari: true
        case .statistical, .metric, .probe, .choice, .invariance, .manual: false
        }
    }
}
