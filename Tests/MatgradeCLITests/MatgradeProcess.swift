import Foundation
import TestSupport

/// Runs the built `matgrade` binary, as a user would, and captures what it printed.
struct MatgradeProcess {
    struct Result: CustomStringConvertible {
        let status: Int32
        let standardOutput: String
        let standardError: String
        var description: String { "exit \(status)\nstdout: \(standardOutput.prefix(600))\nstderr: \(standardError.prefix(600))" }
    }

    /// The binary next to the test bundle (`swift build --build-tests` builds it there), or
    /// `MATGRADE_BIN` when set.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["MATGRADE_BIN"] { return URL(fileURLWithPath: path) }
        let directory = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        return directory.appendingPathComponent("matgrade")
    }

    /// - Parameters:
    ///   - environment: set (or, with nil, removed) on top of the test's environment.
    ///   - userID: run as this (non-root) user and group through `setpriv`, as a student would.
    static func run(
        _ arguments: [String], in directory: URL = RepositoryPaths.root, environment: [String: String?] = [:], userID: UInt32? = nil
    ) throws -> Result {
        let process = Process()
        if let userID {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(userID)", "--regid=\(userID)", "--clear-groups", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        process.currentDirectoryURL = directory
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}
