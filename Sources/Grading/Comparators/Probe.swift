import LinearAlgebra
import JSONSupport

/// `probe`: a student's learned embedding (one vector per sample) is judged by how well a
/// linear read-out predicts a target property, compared with the reference embedding under
/// the same read-out: pass when the student's cross-validated R² is at least the reference's
/// minus ``margin``.
///
/// The read-out is a ridge regression with intercept, cross-validated over ``foldCount``
/// folds (``RidgeProbe`` documents the exact fit and score, which match scikit-learn's
/// `cross_val_score(Ridge(alpha), X, y, cv=KFold(k), scoring="r2")`, with a `StandardScaler`
/// first when ``standardizes``). Standardising is the default because an embedding's scale is
/// arbitrary, and a fixed `alpha` would otherwise penalise an embedding for being small.
///
/// ``margin`` is absolute, in R² units: R² is already normalised by the target's variance,
/// so a relative margin would add nothing but make the bar depend on the reference's score.
/// The two embeddings may have different widths.
public struct ProbeComparator: Hashable, Sendable {
    public static let kind = ComparatorKind.probe

    /// How samples are split into folds.
    public enum FoldAssignment: Hashable, Sendable {
        /// Consecutive blocks in sample order (scikit-learn `KFold(shuffle=False)`).
        case contiguous
        /// Samples shuffled by a seeded generator first (SplitMix64; not numpy's shuffle, so
        /// folds differ from scikit-learn's `KFold(shuffle=True, random_state=seed)`).
        case shuffled(seed: UInt64)
    }

    /// Ridge penalty on the (standardised) weights; >= 0.
    public let alpha: Double
    /// Number of folds; >= 2.
    public let foldCount: Int
    public let folds: FoldAssignment
    /// Allowed shortfall of the student's R² below the reference's; in [0, 1].
    public let margin: Double
    /// Whether features are standardised on each training fold before the fit.
    public let standardizes: Bool
    /// Where the reference output holds the target, one value per sample.
    public let targetField: JSONPath

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for a
    ///   negative alpha, fewer than 2 folds, or a margin outside [0, 1].
    public init(
        alpha: Double = 1, foldCount: Int = 5, folds: FoldAssignment = .contiguous, margin: Double,
        standardizes: Bool = true, targetField: JSONPath
    ) throws(GradingError) {
        let name = Self.kind.rawValue
        guard alpha >= 0, alpha.isFinite else {
            throw .invalidOption(comparator: name, option: "alpha", requirement: "a number >= 0", got: NumberFormat.exact(alpha))
        }
        guard foldCount >= 2 else {
            throw .invalidOption(comparator: name, option: "folds", requirement: "an integer >= 2", got: String(foldCount))
        }
        guard margin >= 0, margin <= 1 else {
            throw .invalidOption(comparator: name, option: "margin", requirement: "a number in [0, 1], in R² units", got: NumberFormat.exact(margin))
        }
        self.alpha = alpha
        self.foldCount = foldCount
        self.folds = folds
        self.margin = margin
        self.standardizes = standardizes
        self.targetField = targetField
    }

    var probe: RidgeProbe {
        RidgeProbe(alpha: alpha, foldCount: foldCount, folds: folds, standardizes: standardizes)
    }

    /// The cross-validated R² of this comparator's probe on an embedding.
    /// - Parameters:
    ///   - embedding: `[sampleCount x featureCount]`, finite.
    ///   - target: `sampleCount` finite values, at least ``foldCount`` of them.
    /// - Throws: a ``LinearAlgebraError`` if a fit fails.
    public func crossValidatedRSquared(embedding: Matrix, target: [Double]) throws -> Double {
        precondition(embedding.rowCount == target.count && target.count >= foldCount, "probe: one target value per row, >= folds rows")
        return try probe.crossValidatedRSquared(embedding: embedding, target: target)
    }

    /// Compares the student's embedding with the reference's by probe R².
    /// - Throws: ``GradingError/invalidReference(comparator:reason:)`` when the reference
    ///   embedding or the target is not finite, their row counts differ, or there are fewer
    ///   samples than folds.
    public func compare(embedding student: JSONValue, referenceEmbedding: JSONValue, target: JSONValue) throws(GradingError) -> CheckOutcome {
        let name = Self.kind.rawValue
        let targetValues: [Double]
        let referenceMatrix: Matrix
        do {
            let targetArray = try NumericArray(target)
            guard targetArray.dimensionCount == 1, targetArray.values.allSatisfy(\.isFinite) else {
                throw ValueProblem(message: "the target must be a list of finite numbers, found shape \(NumberFormat.shape(targetArray.shape))")
            }
            targetValues = targetArray.values
            guard targetValues.count >= foldCount else {
                throw ValueProblem(message: "\(foldCount) folds need at least \(foldCount) samples, the target has \(targetValues.count)")
            }
            switch Self.embeddingMatrix(try NumericArray(referenceEmbedding), sampleCount: targetValues.count) {
            case let .success(matrix): referenceMatrix = matrix
            case let .failure(problem): throw problem
            }
        } catch let problem as ValueProblem {
            throw .invalidReference(comparator: name, reason: problem.message)
        } catch {
            throw .invalidReference(comparator: name, reason: "reference embedding or target: \(error)")
        }
        let studentMatrix: Matrix
        do {
            switch Self.embeddingMatrix(try NumericArray(student), sampleCount: targetValues.count) {
            case let .success(matrix): studentMatrix = matrix
            case let .failure(problem): return .fail(problem.message)
            }
        } catch {
            return .fail("\(error)")
        }
        let referenceScore: Double
        do {
            referenceScore = try probe.crossValidatedRSquared(embedding: referenceMatrix, target: targetValues)
        } catch {
            throw .invalidReference(comparator: name, reason: "the probe on the reference embedding failed: \(error)")
        }
        let studentScore: Double
        do {
            studentScore = try probe.crossValidatedRSquared(embedding: studentMatrix, target: targetValues)
        } catch {
            return .fail("the probe could not be fitted on the student's embedding: \(error)")
        }
        let required = referenceScore - margin
        let text = "probe R² \(NumberFormat.compact(studentScore)) vs the reference's \(NumberFormat.compact(referenceScore)) "
            + "(\(foldCount)-fold CV, ridge alpha \(NumberFormat.compact(alpha))); required >= \(NumberFormat.compact(required))"
        return studentScore >= required ? .pass(text) : .fail(text)
    }

    /// `[sampleCount x width]` from a matrix, or a vector as one column.
    private static func embeddingMatrix(_ array: NumericArray, sampleCount: Int) -> Result<Matrix, ValueProblem> {
        let columns: Int
        switch array.dimensionCount {
        case 1: columns = 1
        case 2: columns = array.shape[1]
        default:
            return .failure(ValueProblem(message: "the embedding must be a matrix [samples x features], found shape \(NumberFormat.shape(array.shape))"))
        }
        guard array.shape[0] == sampleCount else {
            return .failure(ValueProblem(message: "the embedding has \(array.shape[0]) rows, but there are \(sampleCount) samples; one row per sample"))
        }
        if let bad = array.values.firstIndex(where: { !$0.isFinite }) {
            return .failure(ValueProblem(message: "embedding element \(NumberFormat.value(array.values[bad]))\(array.locationText(ofFlat: bad)); it must be finite"))
        }
        guard let matrix = try? Matrix(rowCount: sampleCount, columnCount: columns, storage: array.values) else {
            return .failure(ValueProblem(message: "the embedding does not fill a \(sampleCount) x \(columns) matrix"))
        }
        return .success(matrix)
    }
}
