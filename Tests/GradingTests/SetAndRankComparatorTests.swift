import JSONSupport
import TestSupport
import Testing
@testable import Grading

struct SetComparatorTests {
    static let cases: [OutcomeCase] = [
        OutcomeCase("same ids in another order", student: ["mp-22", "mp-13", 149], reference: [149, "mp-13", "mp-22"], passed: true,
                    explanation: "all 3 identifiers match"),
        OutcomeCase("missing and extra", student: ["mp-1", "mp-99", "mp-98", "mp-97", "mp-96"], reference: ["mp-1", "mp-13", "mp-22"],
                    passed: false,
                    explanation: "missing 2 of 3 (\"mp-13\", \"mp-22\"); extra 4 (\"mp-99\", \"mp-98\", \"mp-97\", …)"),
        OutcomeCase("the string \"3\" is not the number 3", student: ["3"], reference: [3], passed: false,
                    explanation: "missing 1 of 1 (3); extra 1 (\"3\")"),
        OutcomeCase("repetition is ignored but mentioned", student: [1, 2, 2], reference: [2, 1], passed: true,
                    explanation: "all 2 identifiers match; the student lists 2 more than once (ignored)"),
        OutcomeCase("both empty", student: [], reference: [], passed: true, explanation: "all 0 identifiers match"),
        OutcomeCase("student empty", student: [], reference: [1, 2], passed: false, explanation: "missing 2 of 2 (1, 2)"),
        OutcomeCase("a NaN id", student: [.number(.nan)], reference: [1], passed: false, explanation: "missing 1 of 1 (1); extra 1 (NaN)"),
        OutcomeCase("a list inside", student: [1, [2]], reference: [1, 2], passed: false,
                    explanation: "element [1] must be an identifier (a string or a number), found an array of 1 element"),
        OutcomeCase("not a list", student: "mp-1", reference: ["mp-1"], passed: false,
                    explanation: "the value must be a list of identifiers, found a string (\"mp-1\")"),
    ]

    @Test(arguments: cases)
    func table(_ testCase: OutcomeCase) throws {
        expect(try SetComparator().compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }
}

struct JaccardComparatorTests {
    static let cases: [OutcomeCase] = [
        OutcomeCase("identical", student: [1, 2, 3], reference: [3, 2, 1], passed: true,
                    explanation: "Jaccard index 1 (3 shared of 3); minimum 0.75"),
        OutcomeCase("4 of 5", student: [1, 2, 3, 4], reference: [1, 2, 3, 4, 5], passed: true, score: 0.8,
                    explanation: "Jaccard index 0.8 (4 shared of 5); minimum 0.75; missing 1 of 5 (5)"),
        OutcomeCase("2 of 4", student: [1, 2, 7], reference: [1, 2, 3], passed: false, score: 0.5,
                    explanation: "Jaccard index 0.5 (2 shared of 4); minimum 0.75; missing 1 of 3 (3); extra 1 (7)"),
        OutcomeCase("disjoint", student: ["a"], reference: ["b"], passed: false, score: 0),
        OutcomeCase("both empty", student: [], reference: [], passed: true, explanation: "Jaccard index 1 (0 shared of 0); minimum 0.75"),
        OutcomeCase("student empty", student: [], reference: [1], passed: false, score: 0),
    ]

    @Test(arguments: cases)
    func scoreIsTheIndex(_ testCase: OutcomeCase) throws {
        let comparator = try JaccardComparator(threshold: 0.75)
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    @Test func allOrNothing() throws {
        let comparator = try JaccardComparator(threshold: 0.75, credit: .allOrNothing)
        expect(try comparator.compare(student: [1, 2, 3, 4], reference: [1, 2, 3, 4, 5]), passed: true, score: 1)
        expect(try comparator.compare(student: [1, 2, 7], reference: [1, 2, 3]), passed: false, score: 0)
    }

    @Test(arguments: [-0.1, 1.5])
    func rejectsThresholdsOutsideTheUnitInterval(threshold: Double) {
        let error = thrownError { () throws(GradingError) in try JaccardComparator(threshold: threshold) }
        #expect(error?.description == "comparator 'jaccard': option 'threshold' must be a number in [0, 1] (got \(NumberFormat.exact(threshold)))")
    }
}

struct RankStatisticsTests {
    @Test(arguments: [
        ([10, 20, 20, 5], [2, 3.5, 3.5, 1]),
        ([3, 3, 3], [2, 2, 2]),
        ([1], [1]),
        ([], []),
        ([-1, 4, 4, 4, 0], [1, 4, 4, 4, 2]),
    ] as [([Double], [Double])])
    func averageRanks(values: [Double], ranks: [Double]) {
        #expect(RankStatistics.averageRanks(values) == ranks)
    }

    /// scipy's documented example: `spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])` = 0.8207826816681233.
    /// By hand: y ranks [1, 2, 3.5, 5, 3.5]; Σ dx·dy = 8, Σ dx² = 10, Σ dy² = 9.5; ρ = 8 / √95.
    @Test func spearmanWithTies() throws {
        let rho = try #require(RankStatistics.spearmanCorrelation([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]))
        let comparison = compare([rho], [8 / 95.0.squareRoot()], atol: 0, rtol: 1e-15)
        #expect(comparison.isWithinTolerance, "\(comparison)")
        #expect(abs(rho - 0.8207826816681233) < 1e-15)
    }

    /// Without ties, Spearman is `1 - 6 Σ d² / (n (n² - 1))` for rank differences d.
    @Test(arguments: Array(UInt64(1)...10))
    func spearmanWithoutTiesMatchesTheRankDifferenceFormula(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let n = Int.random(in: 3...30, using: &generator)
        let x = (0..<n).map { _ in Double.random(in: 0..<1, using: &generator) }
        let y = (0..<n).map { _ in Double.random(in: 0..<1, using: &generator) }
        let (rx, ry) = (RankStatistics.averageRanks(x), RankStatistics.averageRanks(y))
        let squaredDifferences = zip(rx, ry).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let expected = 1 - 6 * squaredDifferences / Double(n * (n * n - 1))
        let rho = try #require(RankStatistics.spearmanCorrelation(x, y))
        let comparison = compare([rho], [expected], atol: 1e-14, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }

    @Test func undefinedForConstantInput() {
        #expect(RankStatistics.spearmanCorrelation([1, 1, 1], [1, 2, 3]) == nil)
        #expect(RankStatistics.spearmanCorrelation([1], [1]) == nil)
    }
}

struct RankComparatorTests {
    static let spearmanCases: [OutcomeCase] = [
        OutcomeCase("same order", student: [0.1, 0.5, 0.9], reference: [1, 5, 9], passed: true,
                    explanation: "Spearman correlation 1 over 3 items; minimum 0.8"),
        OutcomeCase("scipy's example with ties", student: [5, 6, 7, 8, 7], reference: [1, 2, 3, 4, 5], passed: true,
                    explanation: "Spearman correlation 0.821 over 5 items; minimum 0.8"),
        OutcomeCase("reversed", student: [3, 2, 1], reference: [1, 2, 3], passed: false,
                    explanation: "Spearman correlation -1 over 3 items; minimum 0.8"),
        OutcomeCase("constant student", student: [2, 2, 2], reference: [1, 2, 3], passed: false,
                    explanation: "the student's 3 scores are all equal, so they rank nothing"),
        OutcomeCase("one score short", student: [1, 2], reference: [1, 2, 3], passed: false,
                    explanation: "shape mismatch: student [2], reference [3]; one score per item"),
        OutcomeCase("NaN", student: [1, nil, 3], reference: [1, 2, 3], passed: false,
                    explanation: "student score NaN at [1]; every item needs a score"),
        OutcomeCase("empty", student: [], reference: [1, 2, 3], passed: false,
                    explanation: "shape mismatch: student [0], reference [3]; one score per item"),
    ]

    @Test(arguments: spearmanCases)
    func spearman(_ testCase: OutcomeCase) throws {
        let comparator = try RankComparator(criterion: .spearman(minimum: 0.8))
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    static let topKCases: [OutcomeCase] = [
        OutcomeCase("same top two", student: [0.8, 0.1, 0.2, 0.7], reference: [0.9, 0.1, 0.5, 0.7], passed: true,
                    explanation: "top-2 overlap 2 of 2 (1); minimum 1"),
        OutcomeCase("one of two", student: [0.8, 0.7, 0.6, 0.1], reference: [0.9, 0.1, 0.5, 0.7], passed: false,
                    explanation: "top-2 overlap 1 of 2 (0.5); minimum 1; student top items outside the reference's top 2: [1]"),
        OutcomeCase("a tie at the boundary accepts either item", student: [0.9, 0.1, 0.8, 0.2], reference: [1, 0.5, 0.5, 0.1],
                    passed: true),
    ]

    @Test(arguments: topKCases)
    func topK(_ testCase: OutcomeCase) throws {
        let comparator = try RankComparator(criterion: .topK(k: 2, minimumOverlap: 1))
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    @Test func ascendingOrderPutsTheLowestFirst() throws {
        let comparator = try RankComparator(criterion: .topK(k: 1, minimumOverlap: 1), order: .ascending)
        expect(try comparator.compare(student: [0.3, 0.0, 0.2], reference: [0.4, 0.01, 0.1]), passed: true, score: 1)
        expect(try comparator.compare(student: [0.3, 0.5, 0.2], reference: [0.4, 0.01, 0.1]), passed: false, score: 0)
    }

    @Test func rankedLists() throws {
        let topThree = try RankComparator(criterion: .topK(k: 3, minimumOverlap: 2.0 / 3), input: .rankedList)
        expect(try topThree.compare(student: ["Si", "Ge", "Sn", "C"], reference: ["Ge", "Si", "C", "Sn"]), passed: true, score: 1,
               explanation: "top-3 overlap 2 of 3 (0.667); minimum 0.667; student top items outside the reference's top 3: \"Sn\"")
        let spearman = try RankComparator(criterion: .spearman(minimum: 0.5), input: .rankedList)
        expect(try spearman.compare(student: ["a", "b", "c", "d"], reference: ["a", "b", "d", "c"]), passed: true, score: 1,
               explanation: "Spearman correlation 0.8 over 4 items; minimum 0.5")
        expect(try spearman.compare(student: ["a", "b", "c"], reference: ["a", "b", "d"]), passed: false, score: 0,
               explanation: "the student must rank the same items as the reference: missing 1 of 3 (\"d\"); extra 1 (\"c\")")
        expect(try spearman.compare(student: ["a", "a", "b"], reference: ["a", "b", "c"]), passed: false, score: 0,
               explanation: "the student's ranking lists \"a\" more than once")
    }

    @Test func kBeyondTheReferenceIsTheInstructorsError() throws {
        let comparator = try RankComparator(criterion: .topK(k: 5, minimumOverlap: 0.5))
        let error = thrownError { () throws(GradingError) in try comparator.compare(student: [1, 2], reference: [1, 2]) }
        #expect(error?.description.contains("k = 5 but the reference scores 2 items") == true)
    }

    @Test(arguments: [
        (RankComparator.Criterion.spearman(minimum: 1.5), "comparator 'rank': option 'minimum' must be a Spearman correlation in [-1, 1] (got 1.5)"),
        (.topK(k: 0, minimumOverlap: 0.5), "comparator 'rank': option 'k' must be an integer >= 1 (got 0)"),
        (.topK(k: 3, minimumOverlap: -0.5), "comparator 'rank': option 'minimum' must be a fraction of the top k in [0, 1] (got -0.5)"),
    ])
    func rejectsInvalidCriteria(criterion: RankComparator.Criterion, message: String) {
        let error = thrownError { () throws(GradingError) in try RankComparator(criterion: criterion) }
        #expect(error?.description == message)
    }
}

struct AdjustedRandIndexTests {
    /// The adjusted Rand index from its definition (Hubert and Arabie 1985), by counting
    /// unordered pairs of samples directly: `(index - expected) / (max - expected)` with
    /// index = pairs together in both, expected = together_a · together_b / C(n, 2),
    /// max = (together_a + together_b) / 2.
    static func fromPairCounts<A: Hashable, B: Hashable>(_ a: [A], _ b: [B]) -> Double {
        var (both, inA, inB, pairs) = (0.0, 0.0, 0.0, 0.0)
        for p in a.indices {
            for q in a.indices where q > p {
                pairs += 1
                if a[p] == a[q] { inA += 1 }
                if b[p] == b[q] { inB += 1 }
                if a[p] == a[q] && b[p] == b[q] { both += 1 }
            }
        }
        let expected = inA * inB / pairs
        return (both - expected) / ((inA + inB) / 2 - expected)
    }

    /// Values documented by scikit-learn for `adjusted_rand_score`, each also derived by hand:
    /// [0,0,1,1] vs [0,0,1,2]: together in both 1, in a 2, in b 1 of 6 pairs; expected 1/3,
    /// max 3/2, so (1 - 1/3) / (3/2 - 1/3) = 4/7. [0,0,1,1] vs [0,1,0,1]: (0 - 2/3) / (2 - 2/3)
    /// = -1/2. One cluster against singletons: 0.
    @Test(arguments: [
        ([0, 0, 1, 1], [0, 0, 1, 2], 0.5714285714285714),
        ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
        ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),
        ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
        ([0, 0, 0, 0], [5, 5, 5, 5], 1.0),
        ([0, 1, 2, 3], [7, 6, 5, 4], 1.0),
        ([], [], 1.0),
    ] as [([Int], [Int], Double)])
    func documentedValues(first: [Int], second: [Int], expected: Double) {
        let index = ClusteringStatistics.adjustedRandIndex(first, second)
        #expect(abs(index - expected) <= 1e-15, "ARI(\(first), \(second)) = \(index), expected \(expected)")
        #expect(index == ClusteringStatistics.adjustedRandIndex(second, first), "ARI is symmetric")
    }

    @Test func fourSeventhsFromTheDefinition() {
        #expect(abs(Self.fromPairCounts([0, 0, 1, 1], [0, 0, 1, 2]) - 4.0 / 7) < 1e-15)
        #expect(abs(0.5714285714285714 - 4.0 / 7) < 1e-16)
    }

    @Test(arguments: Array(UInt64(1)...20))
    func agreesWithThePairCountingDefinition(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let n = Int.random(in: 5...60, using: &generator)
        let a = (0..<n).map { _ in Int.random(in: 0..<4, using: &generator) }
        let b = (0..<n).map { _ in ["x", "y", "z"][Int.random(in: 0..<3, using: &generator)] }
        let index = ClusteringStatistics.adjustedRandIndex(a, b)
        let expected = Self.fromPairCounts(a, b)
        #expect(abs(index - expected) <= 1e-12, "seed \(seed): \(index) vs \(expected)")
    }

    static let cases: [OutcomeCase] = [
        OutcomeCase("relabelled clusters", student: ["b", "b", "a", "a", "c"], reference: [0, 0, 1, 1, 2], passed: true,
                    explanation: "adjusted Rand index 1; minimum 0.5 (student 3 clusters, reference 3, 5 samples)"),
        OutcomeCase("one cluster split", student: [0, 0, 1, 2], reference: [0, 0, 1, 1], passed: true,
                    explanation: "adjusted Rand index 0.571; minimum 0.5 (student 3 clusters, reference 2, 4 samples)"),
        OutcomeCase("crossed", student: [0, 1, 0, 1], reference: [0, 0, 1, 1], passed: false,
                    explanation: "adjusted Rand index -0.5; minimum 0.5 (student 2 clusters, reference 2, 4 samples)"),
        OutcomeCase("one label short", student: [0, 0, 1], reference: [0, 0, 1, 1], passed: false,
                    explanation: "student has 3 labels, reference 4; one label per sample"),
        OutcomeCase("a null label", student: [0, nil], reference: [0, 1], passed: false,
                    explanation: "element [1] must be a label (a string or a number), found null"),
        OutcomeCase("no samples", student: [], reference: [], passed: true, mentions: ["adjusted Rand index 1"]),
    ]

    @Test(arguments: cases)
    func comparator(_ testCase: OutcomeCase) throws {
        let comparator = try AdjustedRandIndexComparator(minimum: 0.5)
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    @Test func rejectsMinimaOutsideTheRange() {
        let error = thrownError { () throws(GradingError) in try AdjustedRandIndexComparator(minimum: -1) }
        #expect(error?.description == "comparator 'ari': option 'minimum' must be a number in [-0.5, 1] (got -1)")
    }
}
