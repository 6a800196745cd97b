import Crypto
import Foundation

/// SHA-256 fingerprints: of a reference input (the reference cache's key) and of a
/// submission's files (what the gradebook compares to tell a regrade of the same content from
/// a new submission).
public enum ContentHash {
    /// Lower-case hex SHA-256 of `data`.
    public static func hex(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Lower-case hex SHA-256 of `text` as UTF-8.
    public static func hex(of text: String) -> String { hex(of: Data(text.utf8)) }

    /// Lower-case hex SHA-256 of the file at `url` (an archive), read in blocks.
    public static func ofFile(_ url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The fingerprint of a submission folder: SHA-256 over its regular files' relative paths
    /// and contents in path order (symbolic links and other special files are skipped, as the
    /// case runner does not copy them). Timestamps and permissions do not count.
    public static func ofFolder(_ folder: URL) throws -> String {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path])
        }
        var files: [(String, URL)] = []
        for case let file as URL in walker {
            let values = try file.resourceValues(forKeys: Set(keys))
            guard values.isRegularFile == true, values.isSymbolicLink != true else { continue }
            let relative = String(file.standardizedFileURL.path.dropFirst(root.path.count + 1))
            files.append((relative, file))
        }
        var hasher = SHA256()
        for (relative, file) in files.sorted(by: { $0.0 < $1.0 }) {
            let contents = try Data(contentsOf: file)
            hasher.update(data: Data("\(relative)\u{0}\(contents.count)\u{0}".utf8))
            hasher.update(data: contents)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
