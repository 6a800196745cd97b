import JSONSupport
/// Building comparators from a rubric's options.
///
/// Options per comparator (rubric names; defaults in parentheses):
///
/// | comparator | options |
/// | --- | --- |
/// | `equal` | `partial_credit` (false) |
/// | `allclose` | `atol` (1e-8), `rtol` (1e-5), `nan` ("fail" or "equal"; "fail"), `partial_credit` (false) |
/// | `allclose_up_to_sign` | as `allclose`, and `axis` ("columns" or "rows"; "columns") |
/// | `subspace` | `max_angle_degrees` (required), `axis` ("columns") |
/// | `permutation` | `atol`, `rtol`, `key_columns` ([]), `partial_credit` (false) |
/// | `set` | none |
/// | `jaccard` | `threshold` (required), `partial_credit` (true: score = Jaccard index) |
/// | `rank` | `method` ("spearman" or "top_k", required), `minimum` (required), `k` (top_k only, required there), `input` ("scores" or "ranked_list"; "scores"), `order` ("descending" or "ascending"; "descending") |
/// | `ari` | `minimum` (required) |
/// | `statistical` | `z` (required), `standard_error_field` (required), `student_standard_error` (true), `max_standard_error_ratio` (none), `partial_credit` (false) |
/// | `metric` | `error` ("mae" or "rmse"; "mae"), `pass_factor` (required), `fail_factor` (= pass_factor), `labels_field` (required), `reference_error_floor` (0) |
/// | `probe` | `alpha` (1), `folds` (5), `shuffle_seed` (none: contiguous folds), `margin` (required), `standardize` (true), `target_field` (required) |
/// | `choice` | `answers` (required: a table of answer = credit) |
/// | `invariance` | `inner` (required: a table with `comparator` and that comparator's options), `reindex_rows` (false), `index_columns` ([]), `ignore_columns` ([]: dropped from every row before the inner comparison) |
/// | `manual` | none |
extension ComparatorSpec {
    /// A comparator from a rubric: its name and its options, checked for unknown names, types
    /// and ranges.
    /// - Throws: ``GradingError`` naming the comparator, the option, the requirement and the
    ///   value, for the rubric loader to prefix with the file and line.
    public init(kind name: String, options: [String: JSONValue]) throws(GradingError) {
        guard let kind = ComparatorKind(rawValue: name) else {
            throw .unknownComparator(name: name, suggestion: closestName(to: name, among: ComparatorKind.allCases.map(\.rawValue)))
        }
        self = try Self.make(kind, options: options)
    }

    private static let toleranceOptions = ["atol", "rtol"]
    private static let atolRequirement = "a number >= 0"
    private static let rtolRequirement = "a number in [0, 1]"

    private static func make(_ kind: ComparatorKind, options: [String: JSONValue]) throws(GradingError) -> ComparatorSpec {
        let name = kind.rawValue
        func reader(_ known: [String]) throws(GradingError) -> OptionReader {
            try OptionReader(comparator: name, options: options, known: known)
        }
        func tolerance(_ options: OptionReader) throws(GradingError) -> Tolerance {
            Tolerance(
                absolute: try options.number("atol", atolRequirement, default: Tolerance.numpyDefault.absolute) { $0 >= 0 },
                relative: try options.number("rtol", rtolRequirement, default: Tolerance.numpyDefault.relative) { $0 >= 0 && $0 <= 1 })
        }
        func credit(_ options: OptionReader, default defaultValue: Bool = false) throws(GradingError) -> Credit {
            try options.bool("partial_credit", default: defaultValue) ? .proportional : .allOrNothing
        }
        func nanPolicy(_ options: OptionReader) throws(GradingError) -> NaNPolicy {
            try options.choice("nan", ["fail": NaNPolicy.nanFails, "equal": NaNPolicy.nanEqual], default: .nanFails)
        }
        func axis(_ options: OptionReader) throws(GradingError) -> VectorAxis {
            try options.choice("axis", ["columns": VectorAxis.columns, "rows": VectorAxis.rows], default: .columns)
        }

        switch kind {
        case .equal:
            return .equal(EqualComparator(credit: try credit(try reader(["partial_credit"]))))
        case .allclose:
            let options = try reader(toleranceOptions + ["nan", "partial_credit"])
            return .allclose(try AllCloseComparator(
                tolerance: try tolerance(options), nanPolicy: try nanPolicy(options), credit: try credit(options)))
        case .allcloseUpToSign:
            let options = try reader(toleranceOptions + ["nan", "partial_credit", "axis"])
            return .allcloseUpToSign(try AllCloseUpToSignComparator(
                tolerance: try tolerance(options), axis: try axis(options), nanPolicy: try nanPolicy(options), credit: try credit(options)))
        case .subspace:
            let options = try reader(["max_angle_degrees", "axis"])
            let angle = try options.number("max_angle_degrees", "an angle in degrees in (0, 90]") { $0 > 0 && $0 <= 90 }
            return .subspace(try SubspaceComparator(maximumAngleDegrees: angle, axis: try axis(options)))
        case .permutation:
            let options = try reader(toleranceOptions + ["key_columns", "partial_credit"])
            let keys = try options.integerList("key_columns", "a list of distinct column indices >= 0") { $0 >= 0 }
            return .permutation(try PermutationComparator(tolerance: try tolerance(options), keyColumns: keys, credit: try credit(options)))
        case .set:
            _ = try reader([])
            return .set(SetComparator())
        case .jaccard:
            let options = try reader(["threshold", "partial_credit"])
            let threshold = try options.number("threshold", "a number in [0, 1]") { $0 >= 0 && $0 <= 1 }
            return .jaccard(try JaccardComparator(threshold: threshold, credit: try credit(options, default: true)))
        case .rank:
            return .rank(try makeRank(try reader(["method", "minimum", "k", "input", "order"])))
        case .ari:
            let options = try reader(["minimum"])
            return .ari(try AdjustedRandIndexComparator(minimum: try options.number("minimum", "a number in [-0.5, 1]") { $0 >= -0.5 && $0 <= 1 }))
        case .statistical:
            let options = try reader(["z", "standard_error_field", "student_standard_error", "max_standard_error_ratio", "partial_credit"])
            let field = try options.path("standard_error_field")
            return .statistical(try StatisticalComparator(
                z: try options.number("z", "a z-score > 0") { $0 > 0 },
                standardErrorField: field,
                studentStandardError: try options.bool("student_standard_error", default: true) ? .reported(field: field) : .ignored,
                maximumStandardErrorRatio: try options.optionalNumber("max_standard_error_ratio", "a number >= 1") { $0 >= 1 },
                credit: try credit(options)))
        case .metric:
            let options = try reader(["error", "pass_factor", "fail_factor", "labels_field", "reference_error_floor"])
            let passFactor = try options.number("pass_factor", "a multiple of the reference's error > 0") { $0 > 0 }
            return .metric(try MetricComparator(
                measure: try options.choice("error", ["mae": .meanAbsoluteError, "rmse": .rootMeanSquareError], default: .meanAbsoluteError),
                passFactor: passFactor,
                failFactor: try options.optionalNumber("fail_factor", "a number >= pass_factor, which is \(NumberFormat.exact(passFactor))") {
                    $0 >= passFactor
                },
                labelsField: try options.path("labels_field"),
                referenceErrorFloor: try options.number("reference_error_floor", "a number >= 0, in the labels' units", default: 0) {
                    $0 >= 0
                }))
        case .probe:
            let options = try reader(["alpha", "folds", "shuffle_seed", "margin", "standardize", "target_field"])
            let seed = options.contains("shuffle_seed")
                ? try options.integer("shuffle_seed", "an integer >= 0") { $0 >= 0 } : nil
            return .probe(try ProbeComparator(
                alpha: try options.number("alpha", "a number >= 0", default: 1) { $0 >= 0 },
                foldCount: try options.integer("folds", "an integer >= 2", default: 5) { $0 >= 2 },
                folds: seed.map { .shuffled(seed: UInt64($0)) } ?? .contiguous,
                margin: try options.number("margin", "a number in [0, 1], in R² units") { $0 >= 0 && $0 <= 1 },
                standardizes: try options.bool("standardize", default: true),
                targetField: try options.path("target_field")))
        case .choice:
            let options = try reader(["answers"])
            let requirement = "a table of accepted answers with their credit in [0, 1], such as { \"MD\" = 1, \"DFT\" = 0 }"
            var answers: [String: Double] = [:]
            for (answer, credit) in try options.table("answers", requirement) {
                guard case let .number(value) = credit else {
                    throw options.invalid("answers.\(answer)", "a credit in [0, 1]", credit)
                }
                answers[answer] = value
            }
            return .choice(try ChoiceComparator(answers: answers))
        case .invariance:
            let options = try reader(["inner", "reindex_rows", "index_columns", "ignore_columns"])
            let requirement = "a table naming the compared-by comparator and its options, such as { comparator = \"allclose\", atol = 1e-6 }"
            var innerOptions = try options.table("inner", requirement)
            guard case let .string(innerName)? = innerOptions.removeValue(forKey: "comparator") else {
                throw options.invalid("inner", requirement, .object(innerOptions))
            }
            return .invariance(try InvarianceComparator(
                inner: try ComparatorSpec(kind: innerName, options: innerOptions),
                reindexesRows: try options.bool("reindex_rows", default: false),
                indexColumns: try options.integerList("index_columns", "a list of column indices >= 0") { $0 >= 0 },
                ignoredColumns: try options.integerList("ignore_columns", "a list of column indices >= 0") { $0 >= 0 }))
        case .manual:
            _ = try reader([])
            return .manual(ManualComparator())
        }
    }

    private static func makeRank(_ options: OptionReader) throws(GradingError) -> RankComparator {
        enum Method { case spearman, topK }
        let method = try options.choice("method", ["spearman": Method.spearman, "top_k": Method.topK])
        let criterion: RankComparator.Criterion
        switch method {
        case .spearman:
            if options.contains("k") {
                throw .invalidOption(comparator: options.comparator, option: "k", requirement: "absent for method \"spearman\" (it ranks all items)",
                                     got: "a value")
            }
            criterion = .spearman(minimum: try options.number("minimum", "a Spearman correlation in [-1, 1]") { $0 >= -1 && $0 <= 1 })
        case .topK:
            criterion = .topK(
                k: try options.integer("k", "an integer >= 1") { $0 >= 1 },
                minimumOverlap: try options.number("minimum", "a fraction of the top k in [0, 1]") { $0 >= 0 && $0 <= 1 })
        }
        return try RankComparator(
            criterion: criterion,
            input: try options.choice("input", ["scores": .scores, "ranked_list": .rankedList], default: .scores),
            order: try options.choice("order", ["descending": .descending, "ascending": .ascending], default: .descending))
    }
}
