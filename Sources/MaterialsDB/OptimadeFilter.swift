/// A parsed filter of the OPTIMADE filter language (OPTIMADE API specification v1.2,
/// "API Filtering Format Specification"; Andersen et al., Sci. Data 8, 217 (2021),
/// doi:10.1038/s41597-021-00974-z), the query language that the Materials Project, OQMD,
/// AFLOW and NOMAD all serve:
///
/// ```
/// elements HAS ALL "Li","O" AND nelements=3 AND band_gap > 2
/// NOT chemical_formula_reduced CONTAINS "Fe" OR (formation_energy_per_atom < -1 AND e_above_hull IS KNOWN)
/// ```
///
/// Supported: `AND`, `OR`, `NOT` and parentheses (`NOT` binds tightest, then `AND`, then
/// `OR`); comparisons `= != < <= > >=` between a property and a number or "string" (either
/// side first); `CONTAINS`, `STARTS [WITH]`, `ENDS [WITH]` on strings; `HAS`, `HAS ALL`,
/// `HAS ANY`, `HAS ONLY` on lists; `LENGTH` of a list (`elements LENGTH 3`,
/// `elements LENGTH >= 2`); `IS KNOWN`, `IS UNKNOWN`. Keywords are upper case, property
/// names lower case, as the specification requires. Not supported (a clear error says so):
/// comparisons between two properties, the correlated `:` list syntax, `TRUE`/`FALSE`.
///
/// Unknown values: a comparison with a property whose value is unknown (null) is false, and
/// `NOT` of a false comparison is true, so `NOT band_gap > 2` matches entries without a band
/// gap; `IS KNOWN` / `IS UNKNOWN` test for one explicitly.
public indirect enum OptimadeFilter: Hashable, Sendable {
    case and(OptimadeFilter, OptimadeFilter)
    case or(OptimadeFilter, OptimadeFilter)
    case not(OptimadeFilter)
    /// `property op value` (a constant-first comparison is stored property-first, with the
    /// operator mirrored).
    case compare(property: String, op: ComparisonOperator, value: Value)
    case string(property: String, op: StringOperator, value: String)
    case has(property: String, op: ListOperator, values: [Value])
    case length(property: String, op: ComparisonOperator, value: Int)
    case known(property: String, isKnown: Bool)

    public enum Value: Hashable, Sendable, CustomStringConvertible {
        case number(Double)
        case string(String)

        public var description: String {
            switch self {
            case let .number(value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            case let .string(value): "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
        }
    }

    public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// The operator with its sides swapped: `2 < x` is `x > 2`.
        var mirrored: ComparisonOperator {
            switch self {
            case .less: .greater
            case .lessOrEqual: .greaterOrEqual
            case .greater: .less
            case .greaterOrEqual: .lessOrEqual
            case .equal, .notEqual: self
            }
        }
    }

    public enum StringOperator: String, Hashable, Sendable {
        case contains = "CONTAINS", startsWith = "STARTS WITH", endsWith = "ENDS WITH"
    }

    public enum ListOperator: String, Hashable, Sendable {
        /// `HAS v` (one value) and `HAS ALL`: every value is in the list.
        case all = "HAS ALL"
        case any = "HAS ANY"
        /// Every item of the list is one of the values.
        case only = "HAS ONLY"
    }

    /// Every property the filter names, in order of appearance.
    public var properties: [String] {
        switch self {
        case let .and(a, b), let .or(a, b): a.properties + b.properties
        case let .not(a): a.properties
        case let .compare(property, _, _), let .string(property, _, _), let .has(property, _, _),
             let .length(property, _, _), let .known(property, _): [property]
        }
    }
}

/// A filter that does not parse: where (1-based character position), what was found, and
/// what the grammar expected there.
public struct OptimadeSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let filter: String
    /// 1-based position of the offending character (filter length + 1 at the end).
    public let position: Int
    public let found: String
    public let expected: String

    public var description: String {
        let caret = String(repeating: " ", count: max(0, position - 1)) + "^"
        return "filter, position \(position): expected \(expected), found \(found)\n  \(filter)\n  \(caret)"
    }
}
