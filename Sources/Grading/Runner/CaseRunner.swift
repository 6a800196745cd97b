import Foundation
import JSONSupport
import Sandbox

/// Runs a submission on one case input (DESIGN.md, "The submission contract"): a fresh
/// working folder holding only the submission's own files and `input.json`, the program run
/// as `COMMAND input.json output.json` (also in `MATGRADE_INPUT` / `MATGRADE_OUTPUT`) in the
/// sandbox, then `output.json` read without following links and checked against the
/// exercise's output fields. Nothing the program does is an error here: every failure is a
/// ``CaseRun`` with a plain explanation.
public struct CaseRunner: Sendable {
    /// Largest `output.json` read, bytes (64 MiB); a larger one is reported, not parsed.
    public static let maximumOutputBytes = 64 << 20
    /// Submission files larger than this are not copied into a case folder (50 MiB).
    public static let maximumSubmissionFileBytes = 50 << 20
    /// At most this many files of a submission are copied.
    public static let maximumSubmissionFiles = 2000

    public let sandbox: Sandbox
    /// Where case folders are made; private to the grader (mode 0700).
    public let workRoot: URL

    public init(sandbox: Sandbox, workRoot: URL) throws {
        self.sandbox = sandbox
        self.workRoot = workRoot
        try FileManager.default.createDirectory(at: workRoot, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Runs `submission` (a folder) on `input` with `exercise`'s command and limits.
    /// - Throws: only for grader-side problems (the case folder cannot be made, the sandbox
    ///   is misconfigured), never for anything the submission does.
    public func run(submission: URL, exercise: ExerciseSpec, input: JSONValue, label: String) async throws -> CaseRun {
        let folder = workRoot.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? manager.removeItem(at: folder) }
        try copySubmission(from: submission, to: folder)
        try Data(JSONWriter.text(of: input).utf8).write(to: folder.appendingPathComponent("input.json"))
        let request = SandboxRequest(
            command: exercise.command + ["input.json", "output.json"], workingDirectory: folder,
            environment: ["MATGRADE_INPUT": "input.json", "MATGRADE_OUTPUT": "output.json"],
            limits: exercise.limits.sandboxLimits)
        let outcome = try await sandbox.run(request)
        guard outcome.succeeded else {
            return CaseRun(sandbox: outcome, output: nil, problem: outcome.plainExplanation)
        }
        return Self.readOutput(folder.appendingPathComponent("output.json"), exercise: exercise, outcome: outcome)
    }

    /// Copies the submission's regular files (no links, devices or oversized files) into the
    /// case folder, keeping subfolders.
    func copySubmission(from submission: URL, to folder: URL) throws {
        let manager = FileManager.default
        guard let walker = manager.enumerator(at: submission, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey, .fileSizeKey]) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: submission.path])
        }
        var copied = 0
        for case let file as URL in walker {
            let values = try file.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey, .fileSizeKey])
            let relative = String(file.standardizedFileURL.path.dropFirst(submission.standardizedFileURL.path.count + 1))
            if relative.split(separator: "/").contains(where: { $0 == ".." }) || relative.isEmpty { continue }
            if values.isSymbolicLink == true { continue }
            let destination = folder.appendingPathComponent(relative)
            if values.isDirectory == true {
                try manager.createDirectory(at: destination, withIntermediateDirectories: true)
            } else if values.isRegularFile == true, (values.fileSize ?? 0) <= Self.maximumSubmissionFileBytes,
                      relative != "input.json", relative != "output.json" {
                guard copied < Self.maximumSubmissionFiles else { break }
                try manager.copyItem(at: file, to: destination)
                copied += 1
            }
        }
    }

    /// Reads `output.json` without following a link the program may have planted (the grader
    /// may run as root), within ``maximumOutputBytes``, and checks the required fields.
    static func readOutput(_ url: URL, exercise: ExerciseSpec, outcome: SandboxOutcome) -> CaseRun {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP
                ? "output.json is a symbolic link; write the results into the file itself"
                : "your program finished but wrote no output.json; write the results to the path given as the second argument"
            return CaseRun(sandbox: outcome, output: nil, problem: reason)
        }
        // The handle owns the descriptor; it is kept alive until the bytes are read, because
        // Swift may release an object after its last use and fstat below uses the number.
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { withExtendedLifetime(handle) {} }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return CaseRun(sandbox: outcome, output: nil, problem: "output.json is not a regular file")
        }
        guard Int(status.st_size) <= maximumOutputBytes else {
            return CaseRun(
                sandbox: outcome, output: nil,
                problem: "output.json is \(status.st_size >> 20) MiB, more than the \(maximumOutputBytes >> 20) MiB matgrade reads; write only the fields the task asks for")
        }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            return CaseRun(sandbox: outcome, output: nil, problem: "output.json could not be read (\(error.localizedDescription))")
        }
        let output: JSONValue
        do {
            output = try JSONValue(parsing: data)
        } catch {
            return CaseRun(sandbox: outcome, output: nil, problem: "output.json is \(error)")
        }
        guard let members = output.objectValue else {
            return CaseRun(sandbox: outcome, output: nil, problem: "output.json must hold a JSON object with the fields \(exercise.outputFields.map(\.name).joined(separator: ", ")), not \(output.summary)")
        }
        let missing = exercise.outputFields.map(\.name).filter { members[$0] == nil }
        let problem = missing.isEmpty ? nil : "output.json has no field\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (it has: \(members.keys.sorted().joined(separator: ", ")))"
        return CaseRun(sandbox: outcome, output: output, problem: problem)
    }
}
