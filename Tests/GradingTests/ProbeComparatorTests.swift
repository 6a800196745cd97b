import LinearAlgebra
import TestSupport
import Testing
@testable import Grading
import JSONSupport

struct ProbeComparatorTests {
    /// 120 samples of a 6-wide embedding, and a target linear in it.
    static let sampleCount = 120
    static let embedding: [[Double]] = {
        var generator = SeededGenerator(seed: 11)
        return (0..<sampleCount).map { _ in (0..<6).map { _ in Double.random(in: -1...1, using: &generator) } }
    }()
    static let target: [Double] = embedding.map { 0.5 + 2 * $0[0] - $0[1] + 0.3 * $0[4] }
    /// An unrelated embedding of the same samples.
    static let noise: [[Double]] = {
        var generator = SeededGenerator(seed: 12)
        return (0..<sampleCount).map { _ in (0..<4).map { _ in Double.random(in: -1...1, using: &generator) } }
    }()

    static func comparator(margin: Double = 0.05, alpha: Double = 1e-3, standardizes: Bool = true) throws(GradingError) -> ProbeComparator {
        try ProbeComparator(alpha: alpha, foldCount: 5, margin: margin, standardizes: standardizes, targetField: fieldPath("y"))
    }

    @Test func aLinearTargetIsExplainedAlmostFully() throws {
        let r2 = try Self.comparator().crossValidatedRSquared(embedding: Matrix(rows: Self.embedding), target: Self.target)
        #expect(r2 > 0.999, "R² \(r2)")
    }

    @Test func anUnrelatedEmbeddingExplainsNothing() throws {
        let r2 = try Self.comparator().crossValidatedRSquared(embedding: Matrix(rows: Self.noise), target: Self.target)
        #expect(r2 < 0.15, "R² \(r2)")
    }

    @Test func aLinearMixOfTheEmbeddingPassesAndNoiseFails() throws {
        let comparator = try Self.comparator()
        // Another basis of the same information (invertible mixing and a shift) is as good.
        let mixed = Self.embedding.map { row in [row[0] + row[1], row[1] - row[2], 3 * row[2], row[3], row[4] - row[0], row[5] + 7] }
        expect(try comparator.compare(embedding: json(mixed), referenceEmbedding: json(Self.embedding), target: json(Self.target)),
               passed: true, score: 1, mentions: ["probe R² 1 vs the reference's 1 (5-fold CV, ridge alpha 1e-3); required >= 0.95"])
        let outcome = try comparator.compare(embedding: json(Self.noise), referenceEmbedding: json(Self.embedding), target: json(Self.target))
        expect(outcome, passed: false, score: 0, mentions: ["vs the reference's 1 (5-fold CV"])
    }

    @Test func standardisingMakesTheProbeBlindToScale() throws {
        let small = Self.embedding.map { $0.map { $0 * 1e-4 } }
        let standardized = try Self.comparator(alpha: 10)
        let reference = try standardized.crossValidatedRSquared(embedding: Matrix(rows: Self.embedding), target: Self.target)
        let scaled = try standardized.crossValidatedRSquared(embedding: Matrix(rows: small), target: Self.target)
        let comparison = compare([scaled], [reference], atol: 1e-12, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
        // Without standardising, alpha = 10 all but erases the small embedding's weights.
        let raw = try Self.comparator(alpha: 10, standardizes: false).crossValidatedRSquared(embedding: Matrix(rows: small), target: Self.target)
        #expect(raw < 0.1, "R² \(raw)")
    }

    /// x = [0, 1, 2, 3], y = [0, 2, 4, 7], 2 contiguous folds, ordinary least squares. Fold 1
    /// fits rows 2-3 (y = 3x - 2) and predicts [-2, 1] for [0, 2]: R² = 1 - 5/2. Fold 2 fits
    /// rows 0-1 (y = 2x) and predicts [4, 6] for [4, 7]: R² = 1 - 1/4.5. Mean: -13/36.
    @Test func ordinaryLeastSquaresByHand() throws {
        let probe = try ProbeComparator(alpha: 0, foldCount: 2, margin: 0, targetField: JSONPath("y"))
        let r2 = try probe.crossValidatedRSquared(embedding: Matrix(column: [0, 1, 2, 3]), target: [0, 2, 4, 7])
        let comparison = compare([r2], [-13.0 / 36], atol: 1e-14, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }

    /// The same data with alpha = 0.5 and raw features: w = Σ x_c y_c / (Σ x_c² + alpha).
    /// Fold 1: w = 1.5 / 1, b = 1.75, predictions [1.75, 3.25], R² = 1 - 4.625/2. Fold 2:
    /// w = 1 / 1, b = 0.5, predictions [2.5, 3.5], R² = 1 - 14.5/4.5. Mean: -509/288.
    @Test func ridgeByHand() throws {
        let probe = try ProbeComparator(alpha: 0.5, foldCount: 2, margin: 0, standardizes: false, targetField: JSONPath("y"))
        let r2 = try probe.crossValidatedRSquared(embedding: Matrix(column: [0, 1, 2, 3]), target: [0, 2, 4, 7])
        let comparison = compare([r2], [-509.0 / 288], atol: 1e-14, rtol: 0)
        #expect(comparison.isWithinTolerance, "\(comparison)")
    }

    @Test func shuffledFoldsAreReproducible() throws {
        let make = { (seed: UInt64) throws in
            try ProbeComparator(alpha: 1, foldCount: 4, folds: .shuffled(seed: seed), margin: 0, targetField: JSONPath("y"))
        }
        let noisyTarget = zip(Self.target, Self.noise).map { $0 + $1[0] }
        let matrix = try Matrix(rows: Self.embedding)
        let first = try make(5).crossValidatedRSquared(embedding: matrix, target: noisyTarget)
        #expect(first == (try make(5).crossValidatedRSquared(embedding: matrix, target: noisyTarget)))
        #expect(first != (try make(6).crossValidatedRSquared(embedding: matrix, target: noisyTarget)))
    }

    static let studentProblemCases: [OutcomeCase] = [
        OutcomeCase("one row short", student: json(Array(embedding.dropLast())), reference: json(embedding), passed: false,
                    explanation: "the embedding has 119 rows, but there are 120 samples; one row per sample"),
        OutcomeCase("NaN", student: json(embedding.enumerated().map { $0.offset == 3 ? [1, .nan] : [1, 2] }), reference: json(embedding),
                    passed: false, explanation: "embedding element NaN at [3,1]; it must be finite"),
        OutcomeCase("empty", student: [], reference: json(embedding), passed: false,
                    explanation: "the embedding has 0 rows, but there are 120 samples; one row per sample"),
        OutcomeCase("3-d", student: [[[1]]], reference: json(embedding), passed: false,
                    explanation: "the embedding must be a matrix [samples x features], found shape [1, 1, 1]"),
        OutcomeCase("a vector is one feature", student: json(embedding.map { $0[0] }), reference: json(embedding), passed: false,
                    mentions: ["probe R² 0."]),
    ]

    @Test(arguments: studentProblemCases)
    func studentProblems(_ testCase: OutcomeCase) throws {
        let outcome = try Self.comparator().compare(embedding: testCase.student, referenceEmbedding: testCase.reference, target: json(Self.target))
        expect(outcome, matches: testCase)
    }

    @Test func tooFewSamplesForTheFoldsIsTheInstructorsError() throws {
        let error = thrownError { () throws(GradingError) in
            try Self.comparator().compare(embedding: json([[1], [2]]), referenceEmbedding: json([[1], [2]]), target: [1, 2])
        }
        #expect(error?.description.contains("5 folds need at least 5 samples, the target has 2") == true)
    }

    @Test(arguments: [
        (-1.0, 5, 0.1, "comparator 'probe': option 'alpha' must be a number >= 0 (got -1)"),
        (1, 1, 0.1, "comparator 'probe': option 'folds' must be an integer >= 2 (got 1)"),
        (1, 5, 2, "comparator 'probe': option 'margin' must be a number in [0, 1], in R² units (got 2)"),
    ])
    func rejectsInvalidOptions(alpha: Double, folds: Int, margin: Double, message: String) throws {
        let path = try JSONPath("y")
        let error = thrownError { () throws(GradingError) in try ProbeComparator(alpha: alpha, foldCount: folds, margin: margin, targetField: path) }
        #expect(error?.description == message)
    }
}
