import CArchive

/// Test helper: writes and reads archives with libarchive's C API directly, checking every
/// result code, so the archive proof exercises exactly the calls the submission ingester
/// will make. Not production code.
enum ArchiveTestIO {
    /// `AE_IFREG` of archive_entry.h, the file type of a regular file (octal 0100000); Swift
    /// does not import the macro because it is a cast.
    static let regularFileType: UInt32 = 0o100000

    /// A file to put in an archive: its path inside the archive and its bytes.
    struct Member: Equatable, CustomStringConvertible {
        let path: String
        let bytes: [UInt8]
        var description: String { "\(path) (\(bytes.count) bytes)" }
    }

    /// The container formats under test, each with the libarchive calls that select it.
    enum Format: String, CaseIterable, Sendable {
        case zip
        case tarGzip = "tar.gz"

        /// Selects the format (and filter) on a new writer.
        func configure(_ writer: OpaquePointer?) throws {
            switch self {
            case .zip:
                try check(archive_write_set_format_zip(writer), writer, "archive_write_set_format_zip")
            case .tarGzip:
                try check(archive_write_set_format_pax_restricted(writer), writer, "archive_write_set_format_pax_restricted")
                try check(archive_write_add_filter_gzip(writer), writer, "archive_write_add_filter_gzip")
            }
        }
    }

    /// Writes `members` as regular files (mode 0644) into a new archive at `path`.
    static func write(_ members: [Member], to path: String, format: Format) throws {
        guard let writer = archive_write_new() else { throw TestHelperError(description: "archive_write_new failed") }
        defer { archive_write_free(writer) }
        try format.configure(writer)
        try check(archive_write_open_filename(writer, path), writer, "archive_write_open_filename(\(path))")
        for member in members {
            guard let entry = archive_entry_new() else { throw TestHelperError(description: "archive_entry_new failed") }
            defer { archive_entry_free(entry) }
            archive_entry_set_pathname(entry, member.path)
            archive_entry_set_size(entry, Int64(member.bytes.count))
            archive_entry_set_filetype(entry, regularFileType)
            archive_entry_set_perm(entry, 0o644)
            try check(archive_write_header(writer, entry), writer, "archive_write_header(\(member.path))")
            let written = member.bytes.withUnsafeBytes { archive_write_data(writer, $0.baseAddress, $0.count) }
            guard written == member.bytes.count else {
                throw TestHelperError(description: "archive_write_data(\(member.path)) wrote \(written) of \(member.bytes.count) bytes: \(message(writer))")
            }
        }
        try check(archive_write_close(writer), writer, "archive_write_close")
    }

    /// What reading an archive found: its members in order, and the detected format and
    /// outermost filter codes (`ARCHIVE_FORMAT_*`, `ARCHIVE_FILTER_*`).
    struct Contents {
        let members: [Member]
        let formatCode: Int32
        let filterCode: Int32
    }

    /// Reads every entry of the archive at `path`, detecting format and compression.
    static func read(from path: String) throws -> Contents {
        guard let reader = archive_read_new() else { throw TestHelperError(description: "archive_read_new failed") }
        defer { archive_read_free(reader) }
        try check(archive_read_support_format_all(reader), reader, "archive_read_support_format_all")
        try check(archive_read_support_filter_all(reader), reader, "archive_read_support_filter_all")
        try check(archive_read_open_filename(reader, path, 16 * 1024), reader, "archive_read_open_filename(\(path))")
        var members: [Member] = []
        var entry: OpaquePointer?
        while true {
            let code = archive_read_next_header(reader, &entry)
            if code == ARCHIVE_EOF { break }
            try check(code, reader, "archive_read_next_header")
            let path = archive_entry_pathname(entry).map { String(cString: $0) } ?? "<no name>"
            members.append(Member(path: path, bytes: try readData(reader, entryPath: path)))
        }
        return Contents(members: members, formatCode: archive_format(reader), filterCode: archive_filter_code(reader, 0))
    }

    /// The data of the current entry, read in small blocks to exercise the loop.
    private static func readData(_ reader: OpaquePointer, entryPath: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 100)
        while true {
            let count = block.withUnsafeMutableBytes { archive_read_data(reader, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            guard count > 0 else {
                throw TestHelperError(description: "archive_read_data(\(entryPath)) returned \(count): \(message(reader))")
            }
            bytes.append(contentsOf: block[0..<count])
        }
    }

    private static func check(_ code: Int32, _ archive: OpaquePointer?, _ call: String) throws {
        guard code == ARCHIVE_OK else {
            throw TestHelperError(description: "\(call) returned \(code): \(message(archive))")
        }
    }

    private static func message(_ archive: OpaquePointer?) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "no message"
    }
}
