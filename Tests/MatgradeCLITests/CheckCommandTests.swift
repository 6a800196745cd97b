import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` on the week-6 sample submissions, in the real sandbox (CI runs
/// as root). Each sample's expected outcome is pinned here.
@Suite("matgrade check (end to end)")
struct CheckCommandTests {
    @Test("the correct numpy solution passes every public check: exit 0, full marks")
    func correctSolution() throws {
        let result = try MatgradeProcess.run(["check", "w06-crystal-graphs", "submissions/w06-crystal-graphs/correct"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("score 85/85 on the public cases: all checks passed"), "\(result)")
        #expect(!result.standardOutput.contains("✘"), "\(result)")
        #expect(!result.standardOutput.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test("without periodic images: edges and MEGNet edges fail with the missing rows named, atom features pass; exit 1")
    func noPeriodicImages() throws {
        let result = try MatgradeProcess.run(["check", "6", "submissions/w06-crystal-graphs/no-periodic-images"])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("✘ CGCNN edges"), "\(result)")
        #expect(result.standardOutput.contains("no student row has its key columns"), "\(result)")
        #expect(result.standardOutput.contains("✔ One-hot atom features"), "\(result)")
        #expect(result.standardOutput.contains("score 15/85"), "\(result)")
    }

    @Test("a folder without solution.py is an input error that says what to do")
    func missingSolution() throws {
        let result = try MatgradeProcess.run(["check", "6", "exercises"])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("it has no solution.py"), "\(result)")
    }
}

/// A student's laptop: matgrade not running as root. `check` runs their program as
/// themselves with rlimits; `grade` (other people's programs) refuses.
@Suite("matgrade without root (end to end)")
struct UnprivilegedCommandTests {
    static let nobody: UInt32 = 65534

    @Test("check runs as the student with rlimits: a memory hog hits the memory limit; doctor says so; grade refuses")
    func ownUser() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-own-user-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let submission = folder.appendingPathComponent("hog")
        try FileManager.default.copyItem(
            at: RepositoryPaths.root.appendingPathComponent("submissions/w06-crystal-graphs/hostile-memory-hog"), to: submission)
        for path in [folder.path, submission.path, submission.appendingPathComponent("solution.py").path] {
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: path)
        }
        // The course files go beside the submission: the unprivileged user may not be able to
        // reach the checkout itself (a clone inside a 0700 folder, as mktemp -d makes).
        let course = folder.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        for name in ["exercises", "rubrics", "course.toml"] {
            try FileManager.default.copyItem(at: RepositoryPaths.root.appendingPathComponent(name), to: course.appendingPathComponent(name))
        }
        try Self.openToEveryone(course)
        let environment: [String: String?] = [
            "HOME": folder.path, "TMPDIR": folder.path, "PATH": "/usr/bin:/bin", "MATGRADE_COURSE": course.path,
        ]
        let check = try MatgradeProcess.run(["check", "6", submission.path], in: folder, environment: environment, userID: Self.nobody)
        #expect(check.status == 1, "\(check)")
        #expect(check.standardOutput.contains("ran out of memory"), "\(check)")
        #expect(check.standardOutput.contains("score 0/85"), "\(check)")
        let doctor = try MatgradeProcess.run(["doctor"], in: folder, environment: environment, userID: Self.nobody)
        #expect(doctor.standardOutput.contains("your own user with rlimits"), "\(doctor)")
        let grade = try MatgradeProcess.run(["grade", "6", folder.path, "--public-only", "-o", folder.appendingPathComponent("r").path],
                                            in: folder, environment: environment, userID: Self.nobody)
        #expect(grade.status == 2, "\(grade)")
        #expect(grade.standardError.contains("must run as root"), "\(grade)")
    }

    /// Folders readable and searchable, files readable, by every user.
    static func openToEveryone(_ root: URL) throws {
        let manager = FileManager.default
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        guard let walker = manager.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for case let url as URL in walker {
            let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            try manager.setAttributes([.posixPermissions: isFolder ? 0o755 : 0o644], ofItemAtPath: url.path)
        }
    }
}

@Suite("matgrade inputs and reference (end to end)")
struct InputsAndReferenceCommandTests {
    @Test("inputs writes each public case (and hidden ones for a seed); reference answers one; same seed, same input")
    func inputsAndReference() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-inputs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try MatgradeProcess.run(["inputs", "w06-crystal-graphs", "--seed", "7", "-o", folder.appendingPathComponent("a").path])
        #expect(first.status == 0, "\(first)")
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("a").path).sorted()
        #expect(cases == ["rattled-supercell", "silicon", "skewed-cell", "skewed-rutile", "strontium-titanate"])
        let again = try MatgradeProcess.run(["inputs", "6", "--seed", "7", "-o", folder.appendingPathComponent("b").path])
        #expect(again.status == 0, "\(again)")
        for name in cases {
            let a = try Data(contentsOf: folder.appendingPathComponent("a/\(name)/input.json"))
            let b = try Data(contentsOf: folder.appendingPathComponent("b/\(name)/input.json"))
            #expect(a == b, "case \(name) differs between two runs with the same seed")
        }
        let output = folder.appendingPathComponent("reference.json")
        let reference = try MatgradeProcess.run([
            "reference", "6", "--input", folder.appendingPathComponent("a/silicon/input.json").path, "--output", output.path,
        ])
        #expect(reference.status == 0, "\(reference)")
        struct Output: Decodable { let edges: [[Double]]; let edge_features: [[Double]]; let atom_features: [[Int]] }
        let decoded = try JSONDecoder().decode(Output.self, from: Data(contentsOf: output))
        #expect(decoded.edges.count == 2 * 12)
        #expect(decoded.edge_features.allSatisfy { $0.count == 41 })
        #expect(decoded.atom_features.allSatisfy { $0.count == 92 && $0.reduce(0, +) == 9 })
    }

    @Test("a malformed input file is an input error naming the file")
    func malformedInput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try "{\"structure\": [1, 2".write(to: file, atomically: true, encoding: .utf8)
        let result = try MatgradeProcess.run(["reference", "6", "--input", file.path, "--output", "/tmp/never.json"])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("invalid value '\(file.path)' for --input"), "\(result)")
    }
}
