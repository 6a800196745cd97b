import ArgumentParser
import Foundation

/// The one place that turns errors into messages and exit codes (DESIGN.md: 0 all good,
/// 1 checks failed, 2 usage or input error; messages on stderr).
enum ErrorReporting {
    static let usageOrInputError: Int32 = 2

    static func run<Command: ParsableCommand>(_ command: Command.Type) async {
        do {
            var parsed = try Command.parseAsRoot()
            if var asynchronous = parsed as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try parsed.run()
            }
        } catch let exitCode as ExitCode {
            // A command's own verdict (1: checks failed).
            exit(exitCode.rawValue)
        } catch {
            let code = Command.exitCode(for: error)
            if code == .success {
                // --help and --version: ArgumentParser's text on stdout.
                print(Command.fullMessage(for: error))
                exit(0)
            }
            if code == .validationFailure {
                // Usage errors: ArgumentParser's message with the usage line.
                writeToStandardError(Command.fullMessage(for: error))
            } else {
                // Input errors from the modules: their description is the message.
                writeToStandardError("matgrade: error: \(error)")
            }
            exit(usageOrInputError)
        }
    }

    static func writeToStandardError(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }
}
