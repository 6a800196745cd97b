import Foundation
import Glibc
@testable import Sandbox

/// A temporary parent folder holding one case folder (what the grader would make) and,
/// beside it, a sibling case with a secret, as another student's case would be.
struct CaseFolder {
    let parent: URL
    let folder: URL
    let siblingSecret: URL

    init() throws {
        parent = FileManager.default.temporaryDirectory
            .appendingPathComponent("matgrade-sandbox-tests-\(UUID().uuidString)")
        folder = parent.appendingPathComponent("case")
        let sibling = parent.appendingPathComponent("other-student")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sibling, withIntermediateDirectories: true)
        siblingSecret = sibling.appendingPathComponent("solution.py")
        try "SECRET-OF-ANOTHER-STUDENT\n".write(to: siblingSecret, atomically: true, encoding: .utf8)
        try #"{"x": 1}"#.write(to: folder.appendingPathComponent("input.json"), atomically: true, encoding: .utf8)
    }

    /// Writes a file into the case folder.
    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: parent)
    }

    func request(_ command: [String], limits: SandboxLimits = .tight, environment: [String: String] = [:]) -> SandboxRequest {
        SandboxRequest(command: command, workingDirectory: folder, environment: environment, limits: limits)
    }
}

extension SandboxLimits {
    /// Limits that keep every hostile test short.
    static let tight = SandboxLimits(
        wallClockSeconds: 10, cpuSeconds: 5, memoryBytes: 1 << 30, outputBytes: 256 << 10,
        fileSizeBytes: 4 << 20, processCount: 32, openFiles: 64)
}

/// Live (not zombie) processes whose real user id is `userID`, from /proc/<pid>/status
/// (readable for every process, even non-dumpable ones).
func liveProcesses(ofUser userID: UInt32) -> [String] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    var found: [String] = []
    for entry in entries where entry.allSatisfy(\.isNumber) {
        guard let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8) else { continue }
        var fields: [String: String] = [:]
        for line in status.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let realUser = fields["Uid"]?.split(whereSeparator: \.isWhitespace).first.map(String.init)
        if realUser == String(userID), fields["State"]?.hasPrefix("Z") == false {
            found.append("\(entry) \(fields["Name"] ?? "?")")
        }
    }
    return found
}

/// Both isolations, for tests that must hold under each.
let bothIsolations: [IsolationChoice] = [.bubblewrap, .rlimitsOnly]
