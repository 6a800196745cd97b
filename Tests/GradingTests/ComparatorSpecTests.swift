import Testing
@testable import Grading
import JSONSupport

struct ComparatorSpecRubricTests {
    /// Every comparator from a rubric, compared with the same comparator built in Swift.
    @Test func buildsEveryKindWithItsOptions() throws {
        let se = try JSONPath("energy_se")
        let allclose = try AllCloseComparator(tolerance: Tolerance(absolute: 1e-6, relative: 0), nanPolicy: .nanEqual, credit: .proportional)
        let expectations: [(String, [String: JSONValue], ComparatorSpec)] = [
            ("equal", ["partial_credit": true], .equal(EqualComparator(credit: .proportional))),
            ("allclose", ["atol": 1e-6, "rtol": 0, "nan": "equal", "partial_credit": true], .allclose(allclose)),
            ("allclose", [:], .allclose(try AllCloseComparator())),
            ("allclose_up_to_sign", ["axis": "rows", "rtol": 1e-4],
             .allcloseUpToSign(try AllCloseUpToSignComparator(tolerance: Tolerance(absolute: 1e-8, relative: 1e-4), axis: .rows))),
            ("subspace", ["max_angle_degrees": 2], .subspace(try SubspaceComparator(maximumAngleDegrees: 2))),
            ("permutation", ["atol": 1e-5, "rtol": 0, "key_columns": [0, 1, 2, 3, 4]],
             .permutation(try PermutationComparator(tolerance: Tolerance(absolute: 1e-5), keyColumns: [0, 1, 2, 3, 4]))),
            ("set", [:], .set(SetComparator())),
            ("jaccard", ["threshold": 0.8, "partial_credit": false], .jaccard(try JaccardComparator(threshold: 0.8, credit: .allOrNothing))),
            ("rank", ["method": "spearman", "minimum": 0.9], .rank(try RankComparator(criterion: .spearman(minimum: 0.9)))),
            ("rank", ["method": "top_k", "k": 10, "minimum": 0.7, "order": "ascending", "input": "ranked_list"],
             .rank(try RankComparator(criterion: .topK(k: 10, minimumOverlap: 0.7), input: .rankedList, order: .ascending))),
            ("ari", ["minimum": 0.9], .ari(try AdjustedRandIndexComparator(minimum: 0.9))),
            ("statistical", ["z": 3.5, "standard_error_field": "energy_se", "max_standard_error_ratio": 10],
             .statistical(try StatisticalComparator(z: 3.5, standardErrorField: se, maximumStandardErrorRatio: 10))),
            ("statistical", ["z": 3, "standard_error_field": "energy_se", "student_standard_error": false],
             .statistical(try StatisticalComparator(z: 3, standardErrorField: se, studentStandardError: .ignored))),
            ("metric", ["error": "rmse", "pass_factor": 1.2, "fail_factor": 2, "labels_field": "hidden.labels"],
             .metric(try MetricComparator(measure: .rootMeanSquareError, passFactor: 1.2, failFactor: 2, labelsField: JSONPath("hidden.labels")))),
            ("probe", ["margin": 0.05, "target_field": "y", "shuffle_seed": 42, "folds": 3, "alpha": 0.1, "standardize": false],
             .probe(try ProbeComparator(alpha: 0.1, foldCount: 3, folds: .shuffled(seed: 42), margin: 0.05, standardizes: false,
                                        targetField: JSONPath("y")))),
            ("choice", ["answers": ["MD": 1, "DFT": 0]], .choice(try ChoiceComparator(answers: ["MD": 1, "DFT": 0]))),
            ("invariance", ["inner": ["comparator": "allclose", "atol": 1e-6, "rtol": 0, "nan": "equal", "partial_credit": true],
                            "reindex_rows": true],
             .invariance(try InvarianceComparator(inner: .allclose(allclose), reindexesRows: true))),
            ("manual", [:], .manual(ManualComparator())),
        ]
        for (kind, options, expected) in expectations {
            let spec = try ComparatorSpec(kind: kind, options: options)
            #expect(spec == expected, "\(kind) \(options)")
            #expect(spec.kind.rawValue == kind)
        }
        #expect(Set(expectations.map(\.0)) == Set(ComparatorKind.allCases.map(\.rawValue)), "every kind is covered")
    }

    @Test(arguments: [
        ("all_close", [:], "unknown comparator 'all_close'; did you mean 'allclose'? known comparators: equal, allclose, allclose_up_to_sign, "
            + "subspace, permutation, set, jaccard, rank, ari, statistical, metric, probe, choice, invariance, manual"),
        ("allclose", ["rtol": 5], "comparator 'allclose': option 'rtol' must be a number in [0, 1] (got 5)"),
        ("allclose", ["rtol": "5"], "comparator 'allclose': option 'rtol' must be a number in [0, 1] (got \"5\")"),
        ("allclose", ["atol": -1], "comparator 'allclose': option 'atol' must be a number >= 0 (got -1)"),
        ("allclose", ["rtoll": 1e-3], "comparator 'allclose': unknown option 'rtoll'; did you mean 'rtol'? "
            + "(its options: atol, nan, partial_credit, rtol)"),
        ("allclose", ["nan": "maybe"], "comparator 'allclose': option 'nan' must be one of \"fail\", \"equal\" (got \"maybe\")"),
        ("allclose", ["partial_credit": 1], "comparator 'allclose': option 'partial_credit' must be true or false (got 1)"),
        ("set", ["atol": 1], "comparator 'set': unknown option 'atol' (it takes no options)"),
        ("subspace", [:], "comparator 'subspace': option 'max_angle_degrees' is required: an angle in degrees in (0, 90]"),
        ("subspace", ["max_angle_degrees": 1, "axis": "diagonal"],
         "comparator 'subspace': option 'axis' must be one of \"columns\", \"rows\" (got \"diagonal\")"),
        ("permutation", ["key_columns": [0, 1.5]],
         "comparator 'permutation': option 'key_columns' must be a list of distinct column indices >= 0 (got [0, 1.5])"),
        ("permutation", ["key_columns": [1, 1]],
         "comparator 'permutation': option 'key_columns' must be a list of distinct column indices >= 0 (got [1, 1])"),
        ("rank", ["minimum": 0.9], "comparator 'rank': option 'method' is required: one of \"spearman\", \"top_k\""),
        ("rank", ["method": "spearman", "minimum": 0.9, "k": 3],
         "comparator 'rank': option 'k' must be absent for method \"spearman\" (it ranks all items) (got a value)"),
        ("rank", ["method": "top_k", "minimum": 0.9], "comparator 'rank': option 'k' is required: an integer >= 1"),
        ("ari", ["minimum": 2], "comparator 'ari': option 'minimum' must be a number in [-0.5, 1] (got 2)"),
        ("statistical", ["z": 3, "standard_error_field": "a..b"],
         "comparator 'statistical': option 'standard_error_field' must be a valid field path (invalid field path 'a..b': empty field name "
            + "at position 3; write paths like 'graph.edges' or 'sites[3].distance') (got \"a..b\")"),
        ("statistical", ["standard_error_field": "se"], "comparator 'statistical': option 'z' is required: a z-score > 0"),
        ("metric", ["pass_factor": 2, "fail_factor": 1, "labels_field": "y"],
         "comparator 'metric': option 'fail_factor' must be a number >= pass_factor, which is 2 (got 1)"),
        ("probe", ["margin": 0.1, "target_field": "y", "folds": 2.5], "comparator 'probe': option 'folds' must be an integer >= 2 (got 2.5)"),
        ("probe", ["margin": 0.1], "comparator 'probe': option 'target_field' is required: a field path such as \"energy_se\" or \"graph.labels\""),
        ("choice", ["answers": ["MD": "yes"]], "comparator 'choice': option 'answers.MD' must be a credit in [0, 1] (got \"yes\")"),
        ("choice", ["answers": "MD"], "comparator 'choice': option 'answers' must be a table of accepted answers with their credit in [0, 1], "
            + "such as { \"MD\" = 1, \"DFT\" = 0 } (got \"MD\")"),
        ("invariance", ["inner": ["comparator": "probe", "margin": 0.1, "target_field": "y"]],
         "comparator 'invariance': option 'inner' must be one of equal, allclose, allclose_up_to_sign, subspace, permutation, set, jaccard, "
            + "rank, ari (got \"probe\")"),
        ("invariance", ["inner": ["comparator": "allclose", "rtol": 5]], "comparator 'allclose': option 'rtol' must be a number in [0, 1] (got 5)"),
    ] as [(String, [String: JSONValue], String)])
    func rejectsWithAMessageNamingOptionAndValue(kind: String, options: [String: JSONValue], message: String) {
        let error = thrownError { () throws(GradingError) in try ComparatorSpec(kind: kind, options: options) }
        #expect(error?.description == message)
    }
}

struct ComparatorSpecEvaluationTests {
    static let reference: JSONValue = [
        "graph": ["edges": [[0, 1, 2.5], [1, 0, 2.5]], "distances": [2.5, 2.5]],
        "energy": -3.5, "energy_se": 0.01,
        "predictions": [1, 2, 3], "labels": [1, 2, 4],
        "answer": "MD",
    ]

    static func evaluate(_ kind: String, _ options: [String: JSONValue], field: String, student: JSONValue,
                         transformed: [TransformedOutput] = []) throws -> CheckOutcome {
        try ComparatorSpec(kind: kind, options: options)
            .evaluate(field: JSONPath(field), CheckOperands(studentOutput: student, referenceOutput: Self.reference, transformedStudentOutputs: transformed))
    }

    @Test func readsTheFieldFromBothOutputs() throws {
        expect(try Self.evaluate("permutation", ["key_columns": [0, 1]], field: "graph.edges",
                                 student: ["graph": ["edges": [[1, 0, 2.5], [0, 1, 2.5]]]]), passed: true, score: 1)
        expect(try Self.evaluate("allclose", [:], field: "graph.distances", student: ["graph": ["nodes": 2]]), passed: false, score: 0,
               explanation: "'graph' has no field 'distances' (its fields: nodes)")
        expect(try Self.evaluate("allclose", [:], field: "graph.distances", student: [1, 2]), passed: false, score: 0,
               explanation: "the value must be an object with a field 'graph', found an array of 2 elements")
    }

    @Test func aFieldMissingFromTheReferenceIsTheInstructorsError() {
        let error = thrownError { () throws(GradingError) in
            try ComparatorSpec(kind: "allclose", options: [:]).evaluate(
                field: fieldPath("forces"), CheckOperands(studentOutput: ["forces": [1]], referenceOutput: Self.reference))
        }
        #expect(error?.description.hasPrefix("comparator 'allclose': the reference does not fit this check: reference output: "
            + "the output has no field 'forces'") == true)
    }

    @Test func statisticalReadsTheStandardErrorsBesideTheValue() throws {
        let options: [String: JSONValue] = ["z": 3, "standard_error_field": "energy_se"]
        expect(try Self.evaluate("statistical", options, field: "energy", student: ["energy": -3.49, "energy_se": 0.01]), passed: true, score: 1)
        expect(try Self.evaluate("statistical", options, field: "energy", student: ["energy": -3.49]), passed: false, score: 0,
               explanation: "the output has no field 'energy_se' (its fields: energy); report the standard error of the estimate too")
    }

    @Test func metricReadsTheHiddenLabels() throws {
        // Reference MAE 1/3; the student's [1, 2, 4] is exact.
        let options: [String: JSONValue] = ["pass_factor": 1, "labels_field": "labels"]
        expect(try Self.evaluate("metric", options, field: "predictions", student: ["predictions": [1, 2, 4]]), passed: true, score: 1)
        expect(try Self.evaluate("metric", options, field: "predictions", student: ["predictions": [2, 3, 5]]), passed: false, score: 0,
               mentions: ["MAE 1 = 3 x the reference's 0.333"])
    }

    @Test func probeReadsTheTarget() throws {
        let reference: JSONValue = ["embedding": [[0], [1], [2], [3], [4], [5]], "y": [0, 2, 4, 6, 8, 10]]
        let spec = try ComparatorSpec(kind: "probe", options: ["margin": 0.05, "target_field": "y", "folds": 3])
        let outcome = try spec.evaluate(field: JSONPath("embedding"),
                                        CheckOperands(studentOutput: ["embedding": [[5], [4], [3], [2], [1], [0]]], referenceOutput: reference))
        expect(outcome, passed: true, score: 1)
    }

    @Test func choiceReadsTheAnswer() throws {
        let options: [String: JSONValue] = ["answers": ["MD": 1, "DFT": 0]]
        expect(try Self.evaluate("choice", options, field: "method", student: ["method": " md"]), passed: true, score: 1)
        expect(try Self.evaluate("choice", options, field: "method", student: [:]), passed: false, score: 0,
               explanation: "the output has no field 'method' (it has no fields)")
    }

    @Test func manualNeedsNoField() throws {
        let outcome = try Self.evaluate("manual", [:], field: "essay", student: [:])
        #expect(outcome.awaitsManualGrading)
    }

    @Test func invarianceReadsTheFieldFromEachTransformedOutput() throws {
        let options: [String: JSONValue] = ["inner": ["comparator": "permutation", "key_columns": [0, 1], "atol": 1e-6], "index_columns": [0, 1]]
        let original: JSONValue = ["edges": [[0, 1, 2.5], [1, 0, 2.5]]]
        let outcome = try Self.evaluate("invariance", options, field: "edges", student: original, transformed: [
            TransformedOutput(transformation: "rotation", output: original),
            TransformedOutput(transformation: "atom permutation", output: ["edges": [[1, 0, 2.5], [0, 1, 2.5]]], indexMap: [1, 0]),
            TransformedOutput(transformation: "translation", output: ["nodes": 2]),
        ])
        expect(outcome, passed: false, score: 2.0 / 3,
               explanation: "changed under translation: the output has no field 'edges' (its fields: nodes); invariant under rotation, atom permutation")
        let error = thrownError { () throws(GradingError) in
            try ComparatorSpec(kind: "invariance", options: options).evaluate(
                field: fieldPath("edges"), CheckOperands(studentOutput: original, referenceOutput: Self.reference))
        }
        #expect(error?.description.contains("no transformed outputs were given") == true)
    }

    /// A copy the program gave no answer on (it ran out of CPU time, say) fails with the
    /// run's own reason, not with "found null" from reading a missing output.
    @Test func invarianceNamesWhyACopyHasNoAnswer() throws {
        let options: [String: JSONValue] = ["inner": ["comparator": "allclose", "atol": 1e-6]]
        let original: JSONValue = ["weights": [1.0, 2.0]]
        let outcome = try Self.evaluate("invariance", options, field: "weights", student: original, transformed: [
            TransformedOutput(transformation: "rotated", output: original),
            TransformedOutput(transformation: "re-reduced", output: .null,
                              problem: "Your program used more than its 2 s of CPU time and was stopped."),
        ])
        expect(outcome, passed: false, score: 0.5,
               explanation: "no answer on the re-reduced copy: Your program used more than its 2 s of CPU time and was stopped.; invariant under rotated")
    }

    /// An empty answer is unchanged by every transformation; it earns no invariance points
    /// when the reference is not empty (an empty submission got 15 of 100 before this rule).
    @Test func invarianceOfAnEmptyAnswerEarnsNothing() throws {
        let options: [String: JSONValue] = ["inner": ["comparator": "permutation", "key_columns": [0, 1], "atol": 1e-6]]
        let empty: JSONValue = ["graph": ["edges": []]]
        let outcome = try Self.evaluate("invariance", options, field: "graph.edges", student: empty, transformed: [
            TransformedOutput(transformation: "rotation", output: empty),
        ])
        expect(outcome, passed: false, score: 0,
               explanation: "your graph.edges is empty on the original input (the reference has 2 rows); an empty answer stays empty under any transformation, so it shows no invariance")
    }
}
