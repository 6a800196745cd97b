import Foundation
import Grading
import JSONSupport
import Synchronization
import Testing

/// Hidden-case seeds from the course secret, the reference cache, submission fingerprints.
struct CourseSecretTests {
    static let secret = try! CourseSecret(text: "a-course-secret-for-tests")

    @Test func theSameStudentAndCaseGetTheSameSeedAtEveryRegrade() throws {
        let again = try CourseSecret(text: "a-course-secret-for-tests")
        #expect(Self.secret.seed(exerciseID: "w06", studentID: "alice", caseName: "rattled", instance: 0)
            == again.seed(exerciseID: "w06", studentID: "alice", caseName: "rattled", instance: 0))
    }

    /// Every field of the tuple changes the seed (64 students x 3 cases x 2 instances x 2
    /// exercises: no two equal), and so does the secret.
    @Test func everyFieldAndTheSecretChangeTheSeed() throws {
        var seeds = Set<UInt64>()
        var count = 0
        for exercise in ["w06-crystal-graphs", "w07-soap"] {
            for student in (0..<64).map({ "student\($0)" }) {
                for caseName in ["rattled", "skewed", "supercell"] {
                    for instance in 0..<2 {
                        seeds.insert(Self.secret.seed(exerciseID: exercise, studentID: student, caseName: caseName, instance: instance))
                        count += 1
                    }
                }
            }
        }
        #expect(seeds.count == count)
        let other = try CourseSecret(text: "another-course-secret")
        #expect(other.seed(exerciseID: "w06", studentID: "alice", caseName: "rattled", instance: 0)
            != Self.secret.seed(exerciseID: "w06", studentID: "alice", caseName: "rattled", instance: 0))
        // Joining fields with NUL keeps ("ab", "c") apart from ("a", "bc").
        #expect(Self.secret.seed(exerciseID: "w06", studentID: "ab", caseName: "c", instance: 0)
            != Self.secret.seed(exerciseID: "w06", studentID: "a", caseName: "bc", instance: 0))
    }

    @Test func aMissingOrShortSecretIsAnErrorThatSaysWhatToDo() {
        #expect(throws: GradingError.missingCourseSecret(variable: "MATGRADE_SECRET")) { try CourseSecret.from(environment: [:]) }
        #expect(throws: GradingError.weakCourseSecret(length: 6, minimum: 16)) { try CourseSecret.from(environment: ["MATGRADE_SECRET": "secret"]) }
        #expect(GradingError.missingCourseSecret(variable: "MATGRADE_SECRET").description.contains("--public-only"))
    }
}

struct ReferenceCacheTests {
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-cache-test-\(UUID().uuidString)")
    }

    @Test func eachDistinctInputIsComputedOnceAndKeysIgnoreMemberOrder() async throws {
        let cache = try ReferenceCache(revision: "r1")
        let calls = Mutex(0)
        let compute: @Sendable (JSONValue) throws -> JSONValue = { input in
            calls.withLock { $0 += 1 }
            return ["doubled": .number((input.objectValue?["x"]?.numberValue ?? 0) * 2)]
        }
        let first = try await cache.reference(exerciseID: "w06", input: ["x": 2, "y": 1], compute: compute)
        let second = try await cache.reference(exerciseID: "w06", input: ["y": 1, "x": 2], compute: compute)
        _ = try await cache.reference(exerciseID: "w06", input: ["x": 3, "y": 1], compute: compute)
        _ = try await cache.reference(exerciseID: "w07", input: ["x": 2, "y": 1], compute: compute)
        #expect(first == ["doubled": 4] && second == first)
        #expect(calls.withLock { $0 } == 3)
        let (hits, misses) = (await cache.hits, await cache.misses)
        #expect(hits == 1 && misses == 3)
    }

    @Test func aFolderKeepsReferencesAcrossBatchesOfTheSameRevisionOnly() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let calls = Mutex(0)
        let compute: @Sendable (JSONValue) throws -> JSONValue = { _ in
            calls.withLock { $0 += 1 }
            return ["energy": -1.25, "edges": [[0, 1, 2.5]]]
        }
        _ = try await ReferenceCache(folder: folder, revision: "r1").reference(exerciseID: "w06", input: ["x": 1], compute: compute)
        let reread = try await ReferenceCache(folder: folder, revision: "r1").reference(exerciseID: "w06", input: ["x": 1], compute: compute)
        #expect(reread == ["energy": -1.25, "edges": [[0, 1, 2.5]]])
        #expect(calls.withLock { $0 } == 1)
        _ = try await ReferenceCache(folder: folder, revision: "r2").reference(exerciseID: "w06", input: ["x": 1], compute: compute)
        #expect(calls.withLock { $0 } == 2, "another build's cached answers must not be reused")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test func referencesWithNaNStayInMemory() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ReferenceCache(folder: folder, revision: "r1")
        let value = try await cache.reference(exerciseID: "w05", input: ["f": "He"]) { _ in ["mode": .number(.nan)] }
        #expect(value.objectValue?["mode"]?.numberValue?.isNaN == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "JSON text cannot hold NaN")
    }
}

struct ContentHashTests {
    @Test func aFolderHashCoversNamesAndContentsButNotTimes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-hash-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try Data("print(1)\n".utf8).write(to: folder.appendingPathComponent("solution.py"))
        try Data("x = 2\n".utf8).write(to: folder.appendingPathComponent("lib/helper.py"))
        let first = try ContentHash.ofFolder(folder)
        #expect(first.count == 64 && first.allSatisfy(\.isHexDigit))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: folder.appendingPathComponent("solution.py").path)
        #expect(try ContentHash.ofFolder(folder) == first)
        try Data("print(2)\n".utf8).write(to: folder.appendingPathComponent("solution.py"))
        let changed = try ContentHash.ofFolder(folder)
        #expect(changed != first)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("lib/helper.py"), to: folder.appendingPathComponent("lib/other.py"))
        #expect(try ContentHash.ofFolder(folder) != changed)
        // SHA-256 of the empty string, the standard test vector.
        #expect(ContentHash.hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
