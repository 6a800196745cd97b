import Foundation
import LinearAlgebra
import JSONSupport

/// `subspace`: the student's vectors must span the same subspace as the reference's, whatever
/// basis they chose. For PCA or eigenvectors of degenerate eigenvalues, where any rotation of
/// the basis inside the subspace is as correct as the reference's.
///
/// Method (Björck and Golub, Math. Comp. 27 (1973) 579, doi:10.1090/S0025-5718-1973-0348991-3;
/// as scipy's `subspace_angles`): orthonormal bases `Q_s`, `Q_r` of both spans from the thin
/// SVD, then the principal angles `θ_i = arccos σ_i(Q_sᵀ Q_r)`. The largest angle is the
/// check. Below 45 degrees it is computed as `arcsin σ_max(Q_r - Q_s Q_sᵀ Q_r)`, which stays
/// accurate for small angles where arccos loses half the digits.
///
/// Both must have the same number of vectors, and the student's must be linearly independent
/// (rank by numpy's `matrix_rank` rule: singular values above `σ_max · max(n, k) · ε`).
/// The tolerance is one absolute angle in degrees (an angle has no natural relative scale).
public struct SubspaceComparator: PairComparator {
    public static let kind = ComparatorKind.subspace

    /// The largest principal angle allowed, degrees, in (0, 90].
    public let maximumAngleDegrees: Double
    /// Whether the columns (default) or the rows of the matrices are the spanning vectors.
    public let axis: VectorAxis

    /// - Throws: ``GradingError/invalidOption(comparator:option:requirement:got:)`` for an angle
    ///   outside (0, 90].
    public init(maximumAngleDegrees: Double, axis: VectorAxis = .columns) throws(GradingError) {
        guard maximumAngleDegrees > 0, maximumAngleDegrees <= 90 else {
            throw .invalidOption(
                comparator: Self.kind.rawValue, option: "max_angle_degrees", requirement: "an angle in degrees in (0, 90]",
                got: NumberFormat.exact(maximumAngleDegrees))
        }
        self.maximumAngleDegrees = maximumAngleDegrees
        self.axis = axis
    }

    public func compare(student: JSONValue, reference: JSONValue) throws(GradingError) -> CheckOutcome {
        let referenceArray = try referenceNumbers(reference)
        guard let referenceVectors = vectorsAsColumns(referenceArray), referenceVectors.isFinite else {
            throw .invalidReference(
                comparator: Self.kind.rawValue,
                reason: "reference must be a finite vector or matrix, got shape \(NumberFormat.shape(referenceArray.shape))")
        }
        let studentArray: NumericArray
        do {
            studentArray = try NumericArray(student)
        } catch {
            return .fail(error.description)
        }
        guard let studentVectors = vectorsAsColumns(studentArray) else {
            return .fail(shapeMismatchExplanation(student: studentArray.shape, reference: referenceArray.shape))
        }
        let vectorNoun = axis == .columns ? "columns" : "rows"
        guard studentVectors.rowCount == referenceVectors.rowCount, studentVectors.columnCount == referenceVectors.columnCount else {
            return .fail(shapeMismatchExplanation(student: studentArray.shape, reference: referenceArray.shape)
                + " (the \(vectorNoun) are the vectors)")
        }
        if let bad = studentArray.values.firstIndex(where: { !$0.isFinite }) {
            return .fail("student \(NumberFormat.value(studentArray.values[bad]))\(studentArray.locationText(ofFlat: bad)); "
                + "the vectors must be finite")
        }
        let dimension = referenceVectors.columnCount
        guard dimension > 0, referenceVectors.rowCount > 0 else { return .pass("both span the zero subspace") }
        do {
            let referenceBasis = try Self.orthonormalBasis(referenceVectors)
            guard referenceBasis.columnCount == dimension else {
                throw GradingError.invalidReference(
                    comparator: Self.kind.rawValue,
                    reason: "the reference's \(dimension) vectors span only \(referenceBasis.columnCount) dimensions")
            }
            let studentBasis = try Self.orthonormalBasis(studentVectors)
            guard studentBasis.columnCount == dimension else {
                return .fail("the student's \(dimension) \(vectorNoun) span only \(studentBasis.columnCount) "
                    + "dimension\(studentBasis.columnCount == 1 ? "" : "s"); they must be linearly independent")
            }
            let angle = try Self.largestPrincipalAngle(studentBasis, referenceBasis) * 180 / .pi
            let text = "largest principal angle \(NumberFormat.compact(angle)) degrees between the \(dimension)-dimensional "
                + "spans; allowed \(NumberFormat.compact(maximumAngleDegrees))"
            return angle <= maximumAngleDegrees ? .pass(text) : .fail(text)
        } catch let error as GradingError {
            throw error
        } catch {
            return .fail("the student's vectors could not be orthonormalised: \(error)")
        }
    }

    /// The vectors as the columns of a matrix, or nil when the array is not 1- or 2-dimensional.
    private func vectorsAsColumns(_ array: NumericArray) -> Matrix? {
        switch array.dimensionCount {
        case 1: return Matrix(column: array.values)
        case 2:
            guard let matrix = try? Matrix(rowCount: array.shape[0], columnCount: array.shape[1], storage: array.values) else {
                return nil
            }
            return axis == .columns ? matrix : matrix.transposed()
        default: return nil
        }
    }

    /// An orthonormal basis of the column space, `[n x rank]`, from the thin SVD.
    static func orthonormalBasis(_ vectors: Matrix) throws -> Matrix {
        let svd = try vectors.singularValueDecomposition(.thin)
        let largest = svd.singularValues.first ?? 0
        let cutoff = largest * Double(max(vectors.rowCount, vectors.columnCount)) * Double.ulpOfOne
        let rank = svd.singularValues.filter { $0 > cutoff }.count
        let columns = (0..<rank).map { svd.u.column($0) }
        var basis = Matrix(rowCount: vectors.rowCount, columnCount: rank)
        for (j, column) in columns.enumerated() {
            for i in 0..<vectors.rowCount { basis[i, j] = column[i] }
        }
        return basis
    }

    /// The largest principal angle between the spans of two orthonormal bases, radians.
    static func largestPrincipalAngle(_ first: Matrix, _ second: Matrix) throws -> Double {
        let cosines = try first.multiplied(by: second, .transposingLeft).singularValues()
        let smallestCosine = min(1, cosines.last ?? 0)
        let angle = acos(max(0, smallestCosine))
        guard angle < .pi / 4 else { return angle }
        // Small angles: the part of `second` outside span(first) has singular values sin θ_i.
        let projected = try first * (try first.multiplied(by: second, .transposingLeft))
        let outside = try second - projected
        let sines = try outside.singularValues()
        return asin(min(1, sines.first ?? 0))
    }
}
