import Crypto
import Foundation

/// The course secret (`MATGRADE_SECRET`, never in the repository) from which every student's
/// hidden case inputs are derived (DESIGN.md, "Cases, public and hidden"): the seed of a hidden
/// case instance is the first 8 bytes of HMAC-SHA256(secret, exercise id, student id, case
/// name, instance), so each student gets other inputs than their classmates, the same ones at
/// every regrade, and nobody without the secret can compute them.
public struct CourseSecret: Sendable {
    /// The environment variable that holds the secret.
    public static let environmentVariable = "MATGRADE_SECRET"
    /// Shortest secret accepted, characters; 16 random characters resist guessing.
    public static let minimumLength = 16

    private let keyBytes: [UInt8]

    /// - Throws: ``GradingError/weakCourseSecret(length:minimum:)`` when shorter than
    ///   ``minimumLength``.
    public init(text: String) throws(GradingError) {
        guard text.count >= Self.minimumLength else { throw .weakCourseSecret(length: text.count, minimum: Self.minimumLength) }
        keyBytes = Array(text.utf8)
    }

    /// The secret from `environment`.
    /// - Throws: ``GradingError/missingCourseSecret(variable:)`` when it is not set.
    public static func from(environment: [String: String]) throws(GradingError) -> CourseSecret {
        guard let text = environment[environmentVariable], !text.isEmpty else {
            throw .missingCourseSecret(variable: environmentVariable)
        }
        return try CourseSecret(text: text)
    }

    /// The seed of instance `instance` (from 0) of hidden case `caseName` for `studentID`.
    /// Fields are joined with NUL bytes, which none of them contains, so no two different
    /// tuples share a message.
    public func seed(exerciseID: String, studentID: String, caseName: String, instance: Int) -> UInt64 {
        let message = ["matgrade-hidden-case-v1", exerciseID, studentID, caseName, String(instance)].joined(separator: "\u{0}")
        let code = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: keyBytes))
        return code.prefix(8).reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
