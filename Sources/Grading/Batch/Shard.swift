import Crypto
import Foundation

/// `--shard k/n`: the k-th of n deterministic slices of a cohort (DESIGN.md, "Scale"). A
/// student belongs to shard `1 + (first 8 bytes of SHA-256(student id)) mod n`, so the slice
/// depends only on the id: it is the same on every machine, whatever else the folder holds,
/// and a student who joins late does not move the others. The n shards together hold every
/// student exactly once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(GradingError) {
        guard count >= 1, count <= 10_000, index >= 1, index <= count else {
            throw .invalidSubmissions(path: "--shard", reason: "'\(index)/\(count)' is not a shard: give k/n with 1 <= k <= n <= 10000, such as 2/4")
        }
        self.index = index
        self.count = count
    }

    /// Parses `k/n`.
    public init(parsing text: String) throws(GradingError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw .invalidSubmissions(path: "--shard", reason: "'\(text)' is not k/n; give the shard's number and the number of shards, such as 2/4")
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard (1-based) that grades `studentID` among `count`.
    public static func of(studentID: String, count: Int) -> Int {
        let digest = Array(SHA256.hash(data: Data(studentID.utf8)))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(count)) + 1
    }

    public func contains(studentID: String) -> Bool { Self.of(studentID: studentID, count: count) == index }
}
