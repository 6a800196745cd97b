import CArchive
import Foundation

/// Reads a gzip-compressed file (`.json.gz` of the course data) with libarchive's raw format
/// and gzip filter, the library the project already uses for archives.
enum GzipFile {
    /// Largest decompressed size accepted, bytes (64 MiB): course data, not a bomb.
    static let maximumBytes = 64 << 20

    /// The decompressed contents of the file at `path`.
    /// - Throws: ``ExercisesError/dataAccess(path:reason:)`` when it cannot be read, is not
    ///   gzip, or decompresses to more than ``maximumBytes``.
    static func contents(of path: String) throws -> Data {
        guard let archive = archive_read_new() else {
            throw ExercisesError.dataAccess(path: path, reason: "libarchive could not start a reader")
        }
        defer { archive_read_free(archive) }
        archive_read_support_filter_gzip(archive)
        archive_read_support_format_raw(archive)
        func failure(_ what: String) -> ExercisesError {
            let message = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
            return ExercisesError.dataAccess(path: path, reason: "\(what) (\(message)); restore the file from the course repository")
        }
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else { throw failure("cannot open it as gzip") }
        var entry: OpaquePointer?
        guard archive_read_next_header(archive, &entry) == ARCHIVE_OK, archive_filter_code(archive, 0) == ARCHIVE_FILTER_GZIP else {
            throw failure("not a gzip file")
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
            if count == 0 { break }
            guard count > 0 else { throw failure("cannot decompress it") }
            data.append(contentsOf: buffer[0..<count])
            guard data.count <= maximumBytes else {
                throw ExercisesError.dataAccess(path: path, reason: "decompresses to more than \(maximumBytes >> 20) MiB; that is not course data")
            }
        }
        return data
    }
}
