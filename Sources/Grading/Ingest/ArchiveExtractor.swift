import CArchive
import Foundation
import Glibc

/// How much an untrusted archive may unpack to. A submission is a few source files; these
/// bounds are far above any honest one and far below what hurts the grading machine.
public struct ArchiveLimits: Sendable, Equatable {
    /// Entries of every kind (files, folders, links); more is refused before anything large is read.
    public var maximumEntries: Int
    /// Bytes unpacked in all, counted as they are written (a header's declared size may lie).
    public var maximumTotalBytes: Int
    /// Bytes of one file.
    public var maximumFileBytes: Int
    /// Unpacked bytes per byte of the archive file, once more than ``ratioFloorBytes`` are
    /// unpacked: a zip bomb's ratio is in the thousands, source code's below 10.
    public var maximumCompressionRatio: Double
    public var ratioFloorBytes: Int
    /// Folder depth of a name (`a/b/c` is 3).
    public var maximumDepth: Int

    public init(
        maximumEntries: Int = 2000, maximumTotalBytes: Int = 200 << 20, maximumFileBytes: Int = 50 << 20,
        maximumCompressionRatio: Double = 200, ratioFloorBytes: Int = 4 << 20, maximumDepth: Int = 24
    ) {
        self.maximumEntries = maximumEntries
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumFileBytes = maximumFileBytes
        self.maximumCompressionRatio = maximumCompressionRatio
        self.ratioFloorBytes = ratioFloorBytes
        self.maximumDepth = maximumDepth
    }
}

/// Why an archive was not unpacked. Each names the archive, the entry and what to do, in
/// words an instructor can forward to the student.
public struct ArchiveProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case unreadable, pathTraversal, absolutePath, linkOutside, specialFile, tooManyEntries, tooLarge
        case compressionBomb, duplicateName, nonUTF8Name, tooDeep, encrypted
    }

    public let kind: Kind
    /// The archive file.
    public let archive: String
    /// The entry at fault, when one is.
    public let entry: String?
    public let message: String

    public var description: String {
        "\(archive)\(entry.map { ": entry '\($0)'" } ?? ""): \(message)"
    }
}

/// What ``ArchiveExtractor/extract(_:into:limits:)`` unpacked.
public struct ExtractedArchive: Sendable, Equatable {
    /// Regular files written, relative paths, in archive order.
    public var files: [String]
    /// Entries left out on purpose (links between the archive's own files), with the reason.
    public var skipped: [String]
    /// The newest modification time among the files (the archive's record of when they were
    /// last changed), if any entry carries one.
    public var newestModification: Date?
    public var totalBytes: Int
}

/// Unpacks `.zip`, `.tar`, `.tar.gz`/`.tgz` (and what else libarchive reads) that students or
/// an LMS produced, treating every byte as hostile: names are checked before anything is
/// written (no `..`, no absolute paths, valid UTF-8, no duplicates, bounded depth), only
/// regular files and folders are created (with `O_EXCL | O_NOFOLLOW`, under a folder this
/// process just made), links and device files are refused or skipped, and sizes are counted
/// as data arrives. On any problem the whole archive is refused and what was written is
/// removed, so a submission is either complete or not there.
public enum ArchiveExtractor {
    /// Names that mark an archive by their extension (lower-cased).
    public static let extensions = [".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"]

    public static func isArchive(_ name: String) -> Bool {
        let lower = name.lowercased()
        return extensions.contains { lower.hasSuffix($0) }
    }

    /// Unpacks `archive` into `folder`, which must not exist yet (it is made, mode 0700).
    /// - Throws: ``ArchiveProblem`` (and `folder` is gone again).
    @discardableResult
    public static func extract(_ archive: URL, into folder: URL, limits: ArchiveLimits = ArchiveLimits()) throws(ArchiveProblem) -> ExtractedArchive {
        let label = archive.lastPathComponent
        func problem(_ kind: ArchiveProblem.Kind, _ entry: String?, _ message: String) -> ArchiveProblem {
            ArchiveProblem(kind: kind, archive: label, entry: entry, message: message)
        }
        guard mkdir(folder.path, 0o700) == 0 else {
            throw problem(.unreadable, nil, "cannot make the extraction folder \(folder.path) (\(String(cString: strerror(errno))))")
        }
        do {
            return try unpack(archive, into: folder, limits: limits, problem: problem)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    private static func unpack(
        _ archive: URL, into folder: URL, limits: ArchiveLimits,
        problem: (ArchiveProblem.Kind, String?, String) -> ArchiveProblem
    ) throws(ArchiveProblem) -> ExtractedArchive {
        var info = stat()
        guard lstat(archive.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw problem(.unreadable, nil, "not a regular file")
        }
        let archiveBytes = max(1, Int(info.st_size))
        guard let reader = archive_read_new() else { throw problem(.unreadable, nil, "libarchive could not start") }
        defer { archive_read_free(reader) }
        archive_read_support_filter_all(reader)
        archive_read_support_format_zip(reader)
        archive_read_support_format_tar(reader)
        archive_read_support_format_gnutar(reader)
        archive_read_support_format_7zip(reader)
        func libarchiveMessage() -> String {
            archive_error_string(reader).map { String(cString: $0) } ?? "unknown error"
        }
        guard archive_read_open_filename(reader, archive.path, 1 << 16) == ARCHIVE_OK else {
            throw problem(.unreadable, nil, "cannot be read as an archive (\(libarchiveMessage())); submit a .zip, .tar or .tar.gz")
        }

        var result = ExtractedArchive(files: [], skipped: [], newestModification: nil, totalBytes: 0)
        var seen: [String: Bool] = [:]  // path -> is folder
        var entryCount = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var entry: OpaquePointer?
            let status = archive_read_next_header(reader, &entry)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
                throw problem(.unreadable, nil, "is damaged after \(entryCount) entries (\(libarchiveMessage()))")
            }
            entryCount += 1
            guard entryCount <= limits.maximumEntries else {
                throw problem(.tooManyEntries, nil, "has more than \(limits.maximumEntries) entries; a submission is a few source files")
            }
            guard let rawName = archive_entry_pathname(entry) else {
                throw problem(.unreadable, nil, "entry \(entryCount) has no name")
            }
            let nameBytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(rawName).assumingMemoryBound(to: UInt8.self), count: strlen(rawName)))
            guard let name = String(validating: nameBytes, as: UTF8.self) else {
                let shown = String(decoding: nameBytes, as: UTF8.self)
                throw problem(.nonUTF8Name, shown, "the name is not valid UTF-8 (bytes \(nameBytes.prefix(40).map { String(format: "%02x", $0) }.joined())); rename the file with plain characters and archive it again")
            }
            let path = try normalizedPath(name, limits: limits, problem: problem)
            if archive_entry_is_encrypted(entry) != 0 {
                throw problem(.encrypted, name, "is encrypted; submit the archive without a password")
            }
            let type = archive_entry_filetype(entry)
            if let hardLink = archive_entry_hardlink(entry) {
                let target = String(decoding: Array(UnsafeBufferPointer(start: UnsafeRawPointer(hardLink).assumingMemoryBound(to: UInt8.self), count: strlen(hardLink))), as: UTF8.self)
                guard let targetPath = try? normalizedPath(target, limits: limits, problem: problem), seen[targetPath] == false else {
                    throw problem(.linkOutside, name, "is a hard link to '\(target)', which is not a file of this archive; archive the file itself")
                }
                result.skipped.append("\(path): a hard link to \(targetPath), left out (the file itself is there)")
                continue
            }
            if type == UInt32(Glibc.S_IFLNK) {
                let target = archive_entry_symlink(entry).map { String(cString: $0) } ?? ""
                guard let resolved = resolveInside(link: path, target: target) else {
                    throw problem(.linkOutside, name, "is a symbolic link to '\(target)', outside the archive; archive the file itself, not a link")
                }
                result.skipped.append("\(path): a symbolic link to \(resolved), left out (links are never followed)")
                continue
            }
            if type != UInt32(Glibc.S_IFREG) && type != UInt32(Glibc.S_IFDIR) {
                let kind = type == UInt32(Glibc.S_IFCHR) ? "a character device" : type == UInt32(Glibc.S_IFBLK) ? "a block device"
                    : type == UInt32(Glibc.S_IFIFO) ? "a named pipe" : type == UInt32(Glibc.S_IFSOCK) ? "a socket" : "not a regular file"
                throw problem(.specialFile, name, "is \(kind); a submission holds only files and folders")
            }
            if path.isEmpty { continue }  // "./"
            let isFolder = type == UInt32(Glibc.S_IFDIR)
            if let earlier = seen[path] {
                if isFolder && earlier { continue }  // tar lists a folder again: harmless
                throw problem(.duplicateName, name, "appears twice in the archive; which one counts would be a guess, so remove one")
            }
            // Every parent must be a folder of this archive (made here if not listed).
            var parent = ""
            for component in path.split(separator: "/").dropLast() {
                parent += (parent.isEmpty ? "" : "/") + component
                if let isParentFolder = seen[parent] {
                    guard isParentFolder else { throw problem(.duplicateName, name, "lies under '\(parent)', which is a file earlier in the archive") }
                } else {
                    try makeFolder(folder.appendingPathComponent(parent).path, entry: name, problem: problem)
                    seen[parent] = true
                }
            }
            seen[path] = isFolder
            if isFolder {
                try makeFolder(folder.appendingPathComponent(path).path, entry: name, problem: problem)
                continue
            }

            let destination = folder.appendingPathComponent(path).path
            let descriptor = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw problem(.unreadable, name, "cannot be written (\(String(cString: strerror(errno))))")
            }
            defer { close(descriptor) }
            var fileBytes = 0
            while true {
                let count = buffer.withUnsafeMutableBytes { archive_read_data(reader, $0.baseAddress, $0.count) }
                if count == 0 { break }
                guard count > 0 else {
                    throw problem(.unreadable, name, "cannot be unpacked (\(libarchiveMessage()))")
                }
                fileBytes += count
                result.totalBytes += count
                guard fileBytes <= limits.maximumFileBytes else {
                    throw problem(.tooLarge, name, "unpacks to more than \(limits.maximumFileBytes >> 20) MiB; a submission holds source files, not data")
                }
                guard result.totalBytes <= limits.maximumTotalBytes else {
                    throw problem(.tooLarge, nil, "unpacks to more than \(limits.maximumTotalBytes >> 20) MiB in all; a submission holds source files, not data")
                }
                if result.totalBytes > limits.ratioFloorBytes, Double(result.totalBytes) / Double(archiveBytes) > limits.maximumCompressionRatio {
                    throw problem(.compressionBomb, name, "unpacks to more than \(Int(limits.maximumCompressionRatio)) times the archive's size (a compression bomb); nothing was kept")
                }
                let written = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress, count) }
                guard written == count else {
                    throw problem(.unreadable, name, "cannot be written (\(String(cString: strerror(errno))))")
                }
            }
            result.files.append(path)
            if archive_entry_mtime_is_set(entry) != 0 {
                // Kept on the file (access time left alone: UTIME_OMIT): an LMS download's times are its record of the hand-in.
                let seconds = archive_entry_mtime(entry)
                var times = [timespec(tv_sec: seconds, tv_nsec: (1 << 30) - 2), timespec(tv_sec: seconds, tv_nsec: 0)]
                _ = futimens(descriptor, &times)
                let modified = Date(timeIntervalSince1970: Double(seconds))
                result.newestModification = max(result.newestModification ?? modified, modified)
            }
        }
        return result
    }

    /// The entry's name as a relative path without `.` components or trailing `/`; `\` is
    /// read as `/` (zip files made on Windows).
    /// - Throws: for `..`, absolute paths, NUL or control characters, and deep or long names.
    static func normalizedPath(
        _ name: String, limits: ArchiveLimits, problem: (ArchiveProblem.Kind, String?, String) -> ArchiveProblem
    ) throws(ArchiveProblem) -> String {
        let slashed = name.replacingOccurrences(of: "\\", with: "/")
        if slashed.hasPrefix("/") || slashed.range(of: #"^[A-Za-z]:/"#, options: .regularExpression) != nil {
            throw problem(.absolutePath, name, "is an absolute path; archive the files relative to the submission folder")
        }
        let components = slashed.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if components.contains("..") {
            throw problem(.pathTraversal, name, "climbs out of the archive with '..' (path traversal); archive the files relative to the submission folder")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw problem(.nonUTF8Name, name, "has control characters in its name; rename the file with plain characters")
        }
        guard components.count <= limits.maximumDepth, slashed.utf8.count <= 1024,
              components.allSatisfy({ $0.utf8.count <= 255 })
        else { throw problem(.tooDeep, String(name.prefix(80)), "is nested more than \(limits.maximumDepth) folders deep or has a name too long") }
        return components.joined(separator: "/")
    }

    /// Where a symbolic link at `link` pointing to `target` leads, if inside the archive.
    static func resolveInside(link: String, target: String) -> String? {
        guard !target.hasPrefix("/"), !target.isEmpty else { return nil }
        var parts = Array(link.split(separator: "/").dropLast().map(String.init))
        for component in target.split(separator: "/") {
            if component == "." { continue }
            if component == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    private static func makeFolder(_ path: String, entry: String, problem: (ArchiveProblem.Kind, String?, String) -> ArchiveProblem) throws(ArchiveProblem) {
        if mkdir(path, 0o700) == 0 { return }
        var info = stat()
        if errno == EEXIST, lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        throw problem(.unreadable, entry, "its folder cannot be made (\(String(cString: strerror(errno))))")
    }
}
