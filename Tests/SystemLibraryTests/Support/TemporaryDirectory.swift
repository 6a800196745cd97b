import Foundation

/// Test helper: runs `body` with a fresh, empty folder under the system's temporary
/// directory and removes the folder afterwards, whether `body` returns or throws.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("matgrade-systemlibrary-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// A failure in test helper code around a C library, with the library's own message.
struct TestHelperError: Error, CustomStringConvertible {
    let description: String
}
