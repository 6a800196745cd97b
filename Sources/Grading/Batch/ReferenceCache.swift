import Foundation
import JSONSupport

/// Reference outputs by input hash (DESIGN.md, "Cases, public and hidden"): a batch computes
/// the reference of each distinct input once (the public cases are the same for every
/// student), and with a folder also keeps them across batches, so a regrade or a resumed
/// batch does not recompute slow references (an MD run, a forest).
///
/// The key is SHA-256 of the exercise id, a `revision` naming the reference code (the grader
/// passes its executable's identity, so a new matgrade never reads an old binary's answers)
/// and the canonical input text (sorted keys, shortest round-trip numbers).
/// The folder is the grader's own (mode 0700); students never see it.
public actor ReferenceCache {
    /// Where references are kept between batches; nil keeps them in memory only.
    public let folder: URL?
    public let revision: String
    private var memory: [String: JSONValue] = [:]
    /// How many lookups were answered from memory or the folder, and how many computed.
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init(folder: URL? = nil, revision: String) throws {
        self.folder = folder
        self.revision = revision
        if let folder {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
    }

    /// The cache key of `input` for `exerciseID`.
    public func key(exerciseID: String, input: JSONValue) -> String {
        ContentHash.hex(of: "matgrade-reference\u{0}\(revision)\u{0}\(exerciseID)\u{0}" + JSONWriter.text(of: input))
    }

    /// The reference output of `input`: cached, or `compute(input)` stored.
    public func reference(
        exerciseID: String, input: JSONValue, compute: @Sendable (JSONValue) throws -> JSONValue
    ) throws -> JSONValue {
        let key = key(exerciseID: exerciseID, input: input)
        if let known = memory[key] {
            hits += 1
            return known
        }
        let file = folder?.appendingPathComponent("\(key).json")
        if let file, let data = try? Data(contentsOf: file), let stored = try? JSONValue(parsing: data) {
            hits += 1
            memory[key] = stored
            return stored
        }
        misses += 1
        let output = try compute(input)
        memory[key] = output
        if let file, Self.isFinite(output) {
            // JSON text has no NaN or infinity, so such references stay in memory only.
            // Best effort: a full disk costs only the next batch a recomputation.
            try? Data(JSONWriter.text(of: output).utf8).write(to: file, options: .atomic)
        }
        return output
    }

    static func isFinite(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let number): return number.isFinite
        case .array(let items): return items.allSatisfy(isFinite)
        case .object(let members): return members.values.allSatisfy(isFinite)
        default: return true
        }
    }
}
