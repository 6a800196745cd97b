import Foundation
import Testing
import TestSupport

/// End-to-end: two batches graded into separate gradebooks (as shards on two machines would
/// be), merged with `matgrade gradebook merge`, exported as CSV; bad input exits 2.
@Suite("matgrade gradebook (end to end)")
struct GradebookCommandTests {
    @Test("two shard gradebooks merge into one that holds both; export lists every grade; errors name the file")
    func mergeAndExport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-gradebook-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (shard, sample) in [("a", "correct"), ("b", "no-periodic-images")] {
            let submissions = folder.appendingPathComponent("\(shard)/submissions")
            try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("submissions/w06-crystal-graphs/\(sample)"),
                to: submissions.appendingPathComponent(sample))
            let graded = try MatgradeProcess.run([
                "grade", "6", submissions.path, "--public-only", "-o", folder.appendingPathComponent("\(shard)/reports").path,
                "--cache", folder.appendingPathComponent("cache").path,
            ])
            #expect(graded.standardOutput.contains("gradebook: "), "\(graded)")
        }
        let merged = folder.appendingPathComponent("all.sqlite").path
        let merge = try MatgradeProcess.run([
            "gradebook", "merge", folder.appendingPathComponent("a/reports/gradebook.sqlite").path,
            folder.appendingPathComponent("b/reports/gradebook.sqlite").path, "-o", merged,
        ])
        #expect(merge.status == 0, "\(merge)")
        #expect(merge.standardOutput.contains("merged 2 gradebooks"), "\(merge)")
        let export = try MatgradeProcess.run(["gradebook", "export", merged])
        #expect(export.status == 0, "\(export)")
        let lines = export.standardOutput.split(separator: "\n")
        #expect(lines.count == 3, "a header and two grades: \(export)")
        #expect(lines.contains { $0.hasPrefix("correct,w06-crystal-graphs,85,85") }, "\(export)")
        #expect(lines.contains { $0.hasPrefix("no-periodic-images,w06-crystal-graphs,15,85") }, "\(export)")

        let missing = try MatgradeProcess.run(["gradebook", "export", folder.appendingPathComponent("nothing.sqlite").path])
        #expect(missing.status == 2 && missing.standardError.contains("no such file"), "\(missing)")
        let notGradebook = folder.appendingPathComponent("notes.sqlite")
        try Data("not a database".utf8).write(to: notGradebook)
        let refused = try MatgradeProcess.run(["gradebook", "export", notGradebook.path])
        #expect(refused.status == 2 && refused.standardError.contains(notGradebook.path), "\(refused)")
        let noManual = try MatgradeProcess.run(["gradebook", "set", "correct", "6", "presentation", "5", "--gradebook", merged])
        #expect(noManual.status == 2 && noManual.standardError.contains("has no manual items"), "\(noManual)")
    }
}
