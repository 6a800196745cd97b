import JSONSupport
import TestSupport
import Testing
@testable import Grading

struct PermutationComparatorTests {
    /// A neighbor list as CGCNN writes it: `[i, j, image_a, image_b, image_c, distance]`, with
    /// the first five columns as keys.
    static func edgeList(atomCount: Int, neighborsPerAtom: Int, seed: UInt64) -> [[Double]] {
        var generator = SeededGenerator(seed: seed)
        var rows: [[Double]] = []
        for i in 0..<atomCount {
            for n in 0..<neighborsPerAtom {
                let image = [n % 3 - 1, (n / 3) % 3 - 1, n / 9 - 1].map(Double.init)
                rows.append([Double(i), Double((i + n) % atomCount)] + image + [Double.random(in: 2...8, using: &generator)])
            }
        }
        return rows
    }

    static let edges = edgeList(atomCount: 8, neighborsPerAtom: 12, seed: 7)
    static let keys = [0, 1, 2, 3, 4]

    /// The rows in a seeded random order, with `noise` added to the distance of row `noisyRow`
    /// (or of every row when nil).
    static func shuffled(_ rows: [[Double]], seed: UInt64, noise: Double, noisyRow: Int? = nil) -> [[Double]] {
        var generator = SeededGenerator(seed: seed)
        var noisy = rows
        for index in noisy.indices where noisyRow == nil || noisyRow == index { noisy[index][5] += noise }
        return noisy.shuffled(using: &generator)
    }

    @Test(arguments: [1e-7, -9e-6])
    func shuffledEdgesWithNoiseInsideTolerancePass(noise: Double) throws {
        let comparator = try PermutationComparator(tolerance: Tolerance(absolute: 1e-5), keyColumns: Self.keys)
        let outcome = try comparator.compare(student: json(Self.shuffled(Self.edges, seed: 1, noise: noise)), reference: json(Self.edges))
        expect(outcome, passed: true, score: 1, mentions: ["all 96 rows matched", "in column 5"])
    }

    @Test func oneDistanceOutsideToleranceNamesBothRows() throws {
        let comparator = try PermutationComparator(tolerance: Tolerance(absolute: 1e-5), keyColumns: Self.keys)
        let student = Self.shuffled(Self.edges, seed: 1, noise: 3e-3, noisyRow: 17)
        let outcome = try comparator.compare(student: json(student), reference: json(Self.edges))
        let studentRow = try #require(student.firstIndex { Array($0.prefix(5)) == Array(Self.edges[17].prefix(5)) })
        let row = NumberFormat.row(Self.edges[17])
        expect(outcome, passed: false, score: 0, explanation: "1 of 96 reference rows unmatched, first row 17 \(row): "
            + "nearest student row \(studentRow) differs by 3e-3 in column 5 (allowed 1e-5); "
            + "1 of 96 student rows unmatched, first row \(studentRow) \(NumberFormat.row(student[studentRow]))")
    }

    @Test func missingPeriodicImagesAreReportedByKey() throws {
        let comparator = try PermutationComparator(tolerance: Tolerance(absolute: 1e-5), keyColumns: Self.keys, credit: .proportional)
        // A student who misses the images shifted along a keeps 32 of the 96 rows.
        let student = Self.edges.filter { $0[2] == 0 }
        let outcome = try comparator.compare(student: json(student), reference: json(Self.edges))
        expect(outcome, passed: false, score: 32.0 / 96, mentions: [
            "student has 32 rows, reference 96", "64 of 96 reference rows unmatched, first row 0 [0, 0, -1, -1, -1, ",
            "no student row has its key columns (0, 1, 2, 3, 4) [0, 0, -1, -1, -1]",
        ])
    }

    @Test func maximumMatchingFindsThePairingGreedyMisses() throws {
        // 1.1 fits 1.05 and 1.2; 0.96 fits only 1.05. Pairing 1.1 with 1.05 first strands 0.96.
        let comparator = try PermutationComparator(tolerance: Tolerance(absolute: 0.1))
        expect(try comparator.compare(student: [1.1, 0.96], reference: [1.05, 1.2]), passed: true, score: 1)
    }

    static let cases: [OutcomeCase] = [
        OutcomeCase("an extra student row", student: [[0, 1, 2.5], [1, 0, 2.5], [1, 1, 3]], reference: [[1, 0, 2.5], [0, 1, 2.5]],
                    passed: false, explanation: "student has 3 rows, reference 2; 1 of 3 student rows unmatched, first row 2 [1, 1, 3]"),
        OutcomeCase("columns differ", student: [[0, 1]], reference: [[0, 1, 2.5]], passed: false,
                    explanation: "student rows have 2 columns, reference rows 3"),
        OutcomeCase("NaN never matches", student: [[0, 1, .number(.nan)]], reference: [[0, 1, .number(.nan)]], passed: false,
                    mentions: ["1 of 1 reference rows unmatched", "NaN vs NaN"]),
        OutcomeCase("both empty", student: [], reference: [], passed: true, explanation: "both have no rows"),
        OutcomeCase("student empty", student: [], reference: [[0, 1, 2.5]], passed: false,
                    explanation: "student has 0 rows, reference 1; 1 of 1 reference rows unmatched, first row 0 [0, 1, 2.5]: "
                        + "the student has no rows"),
        OutcomeCase("a 3-d array", student: [[[0]]], reference: [[0, 1, 2.5]], passed: false,
                    explanation: "expected a list of rows of numbers, found shape [1, 1, 1]"),
        OutcomeCase("a ragged row", student: [[0, 1, 2.5], [0, 1]], reference: [[0, 1, 2.5]], passed: false, mentions: ["ragged"]),
        OutcomeCase("a float key is not the integer", student: [[0, 1.5, 2.5]], reference: [[0, 1, 2.5]], passed: false,
                    mentions: ["no student row has its key columns (0, 1) [0, 1]"]),
    ]

    @Test(arguments: cases)
    func table(_ testCase: OutcomeCase) throws {
        let comparator = try PermutationComparator(tolerance: Tolerance(absolute: 1e-6, relative: 1e-6), keyColumns: [0, 1])
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    static let flatCases: [OutcomeCase] = [
        OutcomeCase("a shuffled multiset of numbers", student: [2, 3, 1, 2], reference: [1, 2, 2, 3], passed: true,
                    explanation: "all 4 rows matched"),
        OutcomeCase("a repeated value counts", student: [2, 2, 1, 3], reference: [1, 1, 2, 3], passed: false,
                    explanation: "1 of 4 reference rows unmatched, first row 1 [1]: student row 2 matches it but is paired with another "
                        + "reference row (duplicate rows?); 1 of 4 student rows unmatched, first row 1 [2]"),
        OutcomeCase("within tolerance", student: [3.0000001, 1], reference: [1, 3], passed: true,
                    explanation: "all 2 rows matched (max |diff| 1e-7 in column 0)"),
    ]

    @Test(arguments: flatCases)
    func flatListsWithoutKeys(_ testCase: OutcomeCase) throws {
        let comparator = try PermutationComparator(tolerance: Tolerance(absolute: 1e-6))
        expect(try comparator.compare(student: testCase.student, reference: testCase.reference), matches: testCase)
    }

    @Test func relativeToleranceIsRelativeToTheReference() throws {
        let comparator = try PermutationComparator(tolerance: Tolerance(relative: 1e-3))
        expect(try comparator.compare(student: [1000.9, 0.0010009], reference: [0.001, 1000]), passed: true, score: 1)
        expect(try comparator.compare(student: [1001.1], reference: [1000]), passed: false, score: 0,
               mentions: ["nearest student row 0 differs by 1.1 in column 0 (allowed 1)"])
    }

    /// The sorted candidate window and key grouping must find every pair the tolerance allows:
    /// the matched count equals that of a maximum matching over all pairs (the slow oracle).
    /// Values on a coarse grid with mixed signs make many rows match several others.
    @Test(arguments: Array(UInt64(1)...25))
    func candidateWindowMissesNoPair(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        func rows(_ count: Int) -> [[Double]] {
            (0..<count).map { _ in
                [Double(Int.random(in: 0..<2, using: &generator)), Double(Int.random(in: -3...3, using: &generator)) / 5,
                 Double(Int.random(in: -1...1, using: &generator)) / 10]
            }
        }
        let (student, reference) = (rows(Int.random(in: 0...25, using: &generator)), rows(Int.random(in: 1...25, using: &generator)))
        let tolerance = Tolerance(absolute: 0.25, relative: 0.2)
        let adjacency = student.map { s in
            reference.indices.filter { r in
                s[0] == reference[r][0] && (1...2).allSatisfy { tolerance.accepts(student: s[$0], reference: reference[r][$0]) }
            }
        }
        let oracle = BipartiteMatching.maximumMatching(adjacency: adjacency, rightCount: reference.count).compactMap { $0 }.count
        let comparator = try PermutationComparator(tolerance: tolerance, keyColumns: [0], credit: .proportional)
        let outcome = try comparator.compare(student: json(student), reference: json(reference))
        let expected = Double(oracle) / Double(max(student.count, reference.count))
        #expect(abs(outcome.score - expected) < 1e-12, "matched \(outcome.score) vs oracle \(expected): \(outcome)")
    }

    /// Large lists (12 000 keyed rows, 5 000 without keys) match completely after shuffling
    /// and noise within tolerance. Speed is not asserted here (no timing assertions in tests).
    @Test func largeListsMatch() throws {
        let rows = Self.edgeList(atomCount: 1000, neighborsPerAtom: 12, seed: 3)
        let keyed = try PermutationComparator(tolerance: Tolerance(absolute: 1e-6), keyColumns: Self.keys)
        expect(try keyed.compare(student: json(Self.shuffled(rows, seed: 2, noise: 1e-7)), reference: json(rows)), passed: true, score: 1)
        let distances = rows.prefix(5_000).map { [$0[5]] }
        var generator = SeededGenerator(seed: 4)
        let unkeyed = try PermutationComparator(tolerance: Tolerance(absolute: 1e-9))
        expect(try unkeyed.compare(student: json(distances.shuffled(using: &generator)), reference: json(distances)), passed: true, score: 1)
    }

    @Test(arguments: [
        ([-1], "comparator 'permutation': option 'key_columns' must be a list of distinct column indices >= 0 (got [-1])"),
        ([0, 2, 0], "comparator 'permutation': option 'key_columns' must be a list of distinct column indices >= 0 (got [0, 2, 0])"),
    ])
    func rejectsBadKeyColumns(keys: [Int], message: String) {
        let error = thrownError { () throws(GradingError) in try PermutationComparator(keyColumns: keys) }
        #expect(error?.description == message)
    }

    @Test func aKeyColumnBeyondTheReferenceIsTheInstructorsError() throws {
        let comparator = try PermutationComparator(keyColumns: [0, 7])
        let error = thrownError { () throws(GradingError) in try comparator.compare(student: [[0, 1]], reference: [[0, 1]]) }
        #expect(error?.description.contains("key column 7 does not exist in reference rows of 2 columns") == true)
    }
}

struct BipartiteMatchingTests {
    /// Brute force over all assignments of a small graph.
    static func bruteForceMaximum(_ adjacency: [[Int]], rightCount: Int) -> Int {
        func best(_ left: Int, _ used: Set<Int>) -> Int {
            guard left < adjacency.count else { return 0 }
            var result = best(left + 1, used)
            for right in adjacency[left] where !used.contains(right) {
                result = max(result, 1 + best(left + 1, used.union([right])))
            }
            return result
        }
        return best(0, [])
    }

    @Test(arguments: Array(UInt64(1)...40))
    func agreesWithBruteForce(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let (leftCount, rightCount) = (Int.random(in: 1...7, using: &generator), Int.random(in: 1...7, using: &generator))
        let adjacency = (0..<leftCount).map { _ in (0..<rightCount).filter { _ in Double.random(in: 0..<1, using: &generator) < 0.35 } }
        let matching = BipartiteMatching.maximumMatching(adjacency: adjacency, rightCount: rightCount)
        let partners = matching.compactMap { $0 }
        #expect(Set(partners).count == partners.count, "a right vertex used twice: \(matching)")
        for (left, right) in matching.enumerated() {
            if let right { #expect(adjacency[left].contains(right)) }
        }
        #expect(partners.count == Self.bruteForceMaximum(adjacency, rightCount: rightCount), "\(adjacency) -> \(matching)")
    }
}
