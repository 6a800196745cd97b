import Testing
@testable import Grading
import JSONSupport

struct ChoiceComparatorTests {
    static let answers: [String: Double] = ["MD": 1, "classical MD": 1, "Monte Carlo": 0.5, "DFT": 0]

    static let cases: [OutcomeCase] = [
        OutcomeCase("exact", student: "MD", reference: nil, passed: true, explanation: "answer \"MD\" accepted"),
        OutcomeCase("case and spaces", student: "  Classical\tmd ", reference: nil, passed: true,
                    explanation: "answer \"  Classical\\tmd \" accepted"),
        OutcomeCase("partial credit", student: "monte carlo", reference: nil, passed: false, score: 0.5,
                    explanation: "answer \"monte carlo\" earns 0.5 credit"),
        OutcomeCase("a listed wrong answer", student: "DFT", reference: nil, passed: false, explanation: "answer \"DFT\" earns no credit"),
        OutcomeCase("an unknown answer", student: "MC", reference: nil, passed: false,
                    explanation: "answer \"MC\" is not one of the options: \"DFT\", \"MD\", \"Monte Carlo\", \"classical MD\""),
        OutcomeCase("no answer", student: nil, reference: nil, passed: false,
                    explanation: "no answer given; choose one of: \"DFT\", \"MD\", \"Monte Carlo\", \"classical MD\""),
        OutcomeCase("a list", student: ["MD", "DFT"], reference: nil, passed: false,
                    mentions: ["the answer must be one string, found an array of 2 elements"]),
    ]

    @Test(arguments: cases)
    func table(_ testCase: OutcomeCase) throws {
        expect(try ChoiceComparator(answers: Self.answers).compare(answer: testCase.student), matches: testCase)
    }

    @Test func numbersAndBooleansMatchTheirText() throws {
        let comparator = try ChoiceComparator(answers: ["225": 1, "true": 1])
        expect(comparator.compare(answer: 225), passed: true, score: 1)
        expect(comparator.compare(answer: true), passed: true, score: 1)
        expect(comparator.compare(answer: 225.5), passed: false, score: 0)
    }

    @Test(arguments: [
        ([:], "comparator 'choice': option 'answers' must be a table of at least one answer with its credit (got {})"),
        (["MD": 2], "comparator 'choice': option 'answers.MD' must be a credit in [0, 1] (got 2)"),
        (["MD": 1, "md ": 0], "comparator 'choice': option 'answers.md ' must be a credit equal to that of 'MD', "
            + "which reads the same after normalisation (got 0)"),
    ] as [([String: Double], String)])
    func rejectsInvalidAnswers(answers: [String: Double], message: String) {
        let error = thrownError { () throws(GradingError) in try ChoiceComparator(answers: answers) }
        #expect(error?.description == message)
    }
}

struct InvarianceComparatorTests {
    static let allclose = ComparatorSpec.allclose(try! AllCloseComparator(tolerance: Tolerance(absolute: 1e-6)))

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let original: JSONValue
        let transformed: JSONValue
        let indexMap: [Int]?
        let expected: OutcomeCase
        var testDescription: String { name }

        init(_ name: String, original: JSONValue, transformed: JSONValue, indexMap: [Int]? = nil, passed: Bool,
             explanation: String? = nil, mentions: [String] = []) {
            self.name = name
            self.original = original
            self.transformed = transformed
            self.indexMap = indexMap
            expected = OutcomeCase(name, student: transformed, reference: original, passed: passed, explanation: explanation, mentions: mentions)
        }
    }

    /// Per-atom values (`reindex_rows`) under one transformation each.
    static let cases: [Case] = [
        Case("rotation leaves per-atom values", original: [[1.5, 2], [3, 4]], transformed: [[1.5000001, 2], [3, 4]], passed: true,
             explanation: "invariant under transformation"),
        Case("permutation reorders them", original: [10, 20, 30], transformed: [30, 10, 20], indexMap: [2, 0, 1], passed: true),
        Case("a student who ignores the permutation", original: [10, 20, 30], transformed: [10, 20, 30], indexMap: [2, 0, 1], passed: false,
             mentions: ["changed under transformation: worst |diff| 20 at [0]"]),
        Case("supercell repeats them", original: [[1.5], [2.5]], transformed: [[1.5], [2.5], [1.5], [2.5]], indexMap: [0, 1, 0, 1], passed: true),
        Case("a supercell output of the wrong length", original: [1, 2], transformed: [1, 2, 1], indexMap: [0, 1, 0, 1], passed: false,
             explanation: "changed under transformation: shape mismatch: student [3], reference [4]"),
        Case("NaN after the transformation", original: [1, 2], transformed: [1, "NaN"], passed: false,
             mentions: ["student NaN at [1] where the reference is 2"]),
        Case("both empty", original: [], transformed: [], indexMap: [], passed: true),
        Case("original output not a list", original: 3, transformed: [3], indexMap: [0], passed: false,
             explanation: "changed under transformation: the original output must be a list with one row per atom, found a number (3)"),
    ]

    @Test(arguments: cases)
    func perAtomTable(_ testCase: Case) throws {
        let comparator = try InvarianceComparator(inner: Self.allclose, reindexesRows: true)
        let outcome = try comparator.compare(original: testCase.original, transformed: [
            .init(transformation: "transformation", value: testCase.transformed, indexMap: testCase.indexMap),
        ])
        expect(outcome, matches: testCase.expected)
    }

    @Test func perAtomValuesFollowTheIndexMap() throws {
        let comparator = try InvarianceComparator(inner: Self.allclose, reindexesRows: true)
        // Transformed atom 0 is original atom 2, and so on.
        let map = [2, 0, 1]
        let original: JSONValue = [10, 20, 30]
        expect(try comparator.compare(original: original, transformed: [.init(transformation: "atom permutation", value: [30, 10, 20], indexMap: map)]),
               passed: true, score: 1, explanation: "invariant under atom permutation")
        expect(try comparator.compare(original: original, transformed: [.init(transformation: "atom permutation", value: [10, 20, 30], indexMap: map)]),
               passed: false, score: 0,
               explanation: "changed under atom permutation: worst |diff| 20 at [0] (student 10, reference 30); allowed 1e-6; 3 of 3 elements outside")
    }

    @Test func aSupercellRepeatsTheOriginalRows() throws {
        let comparator = try InvarianceComparator(inner: Self.allclose, reindexesRows: true)
        let outcome = try comparator.compare(original: [[1.5], [2.5]],
                                             transformed: [.init(transformation: "supercell", value: [[1.5], [2.5], [1.5], [2.5]], indexMap: [0, 1, 0, 1])])
        expect(outcome, passed: true, score: 1)
    }

    @Test func edgeIndicesAreTranslatedBack() throws {
        let permutation = ComparatorSpec.permutation(try PermutationComparator(tolerance: Tolerance(absolute: 1e-6), keyColumns: [0, 1]))
        let comparator = try InvarianceComparator(inner: permutation, indexColumns: [0, 1])
        let original: JSONValue = [[0, 1, 2.5], [1, 0, 2.5], [1, 2, 3], [2, 1, 3]]
        let map = [2, 0, 1]
        let renumbered: JSONValue = [[1, 2, 2.5], [2, 1, 2.5], [2, 0, 3], [0, 2, 3]]
        expect(try comparator.compare(original: original, transformed: [.init(transformation: "permutation", value: renumbered, indexMap: map)]),
               passed: true, score: 1)
        // A student who forgot to renumber gives the original numbering back.
        expect(try comparator.compare(original: original, transformed: [.init(transformation: "permutation", value: original, indexMap: map)]),
               passed: false, score: 0, mentions: ["changed under permutation: 4 of 4 reference rows unmatched"])
        expect(try comparator.compare(original: original, transformed: [.init(transformation: "permutation", value: [[0, 5, 2.5]], indexMap: map)]),
               passed: false, score: 0,
               explanation: "changed under permutation: row 0 column 1 of the transformed output holds 5, not an atom index below 3")
    }

    /// A translated copy wrapped into the cell changes image offsets legitimately; ignoring
    /// those columns compares (i, j, distance) only, and a changed distance still fails.
    @Test func ignoredColumnsLeaveImagesOut() throws {
        let permutation = ComparatorSpec.permutation(try PermutationComparator(tolerance: Tolerance(absolute: 1e-6), keyColumns: [0, 1]))
        let comparator = try InvarianceComparator(inner: permutation, indexColumns: [0, 1], ignoredColumns: [2, 3, 4])
        let original: JSONValue = [[0, 1, 0, 0, 0, 2.5], [1, 0, 0, 0, 0, 2.5]]
        let wrapped: JSONValue = [[0, 1, 1, 0, -1, 2.5], [1, 0, -1, 0, 1, 2.5]]
        expect(try comparator.compare(original: original, transformed: [.init(transformation: "translated", value: wrapped)]), passed: true, score: 1)
        let stretched: JSONValue = [[0, 1, 1, 0, -1, 2.6], [1, 0, -1, 0, 1, 2.5]]
        expect(try comparator.compare(original: original, transformed: [.init(transformation: "translated", value: stretched)]),
               passed: false, score: 0, mentions: ["changed under translated"])
        let strict = try InvarianceComparator(inner: ComparatorSpec.permutation(try PermutationComparator(tolerance: Tolerance(absolute: 1e-6), keyColumns: [0, 1, 2, 3, 4])), indexColumns: [0, 1])
        expect(try strict.compare(original: original, transformed: [.init(transformation: "translated", value: wrapped)]), passed: false, score: 0,
               mentions: ["changed under translated"])
        #expect(throws: GradingError.self) { try InvarianceComparator(inner: permutation, indexColumns: [0, 1], ignoredColumns: [1]) }
    }

    @Test func namesTheTransformationThatBrokeIt() throws {
        let comparator = try InvarianceComparator(inner: Self.allclose)
        let outcome = try comparator.compare(original: [1, 2], transformed: [
            .init(transformation: "rotation", value: [1, 2.0000001]),
            .init(transformation: "translation", value: [1, 2.5]),
        ])
        expect(outcome, passed: false, score: 0.5, explanation: "changed under translation: worst |diff| 0.5 at [1] (student 2.5, reference 2); "
            + "allowed 1e-6; 1 of 2 elements outside; invariant under rotation")
    }

    @Test func reindexingNeedsRowsForEveryMappedAtom() throws {
        let comparator = try InvarianceComparator(inner: Self.allclose, reindexesRows: true)
        expect(try comparator.compare(original: [1, 2], transformed: [.init(transformation: "supercell", value: [1, 2, 1], indexMap: [0, 1, 2])]),
               passed: false, score: 0,
               explanation: "changed under supercell: atom 2 of the transformed input is original atom 2, but the original output has 2 rows")
    }

    @Test func onlyPairwiseInnerComparators() {
        let error = thrownError { () throws(GradingError) in try InvarianceComparator(inner: .manual(ManualComparator())) }
        #expect(error?.description == "comparator 'invariance': option 'inner' must be one of equal, allclose, allclose_up_to_sign, subspace, "
            + "permutation, set, jaccard, rank, ari (got \"manual\")")
    }

    @Test func noTransformedOutputIsTheInstructorsError() throws {
        let comparator = try InvarianceComparator(inner: Self.allclose)
        #expect(thrownError { () throws(GradingError) in try comparator.compare(original: [1], transformed: []) } != nil)
    }
}

struct ManualComparatorTests {
    @Test func awaitsTheInstructor() {
        let outcome = ManualComparator().outcome
        #expect(outcome.awaitsManualGrading)
        expect(outcome, passed: false, score: 0, explanation: "graded by hand: the instructor enters the points")
        #expect(outcome.description == "MANUAL: graded by hand: the instructor enters the points")
    }
}
