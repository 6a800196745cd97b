import CArchive
import Foundation
import Testing

/// Proof that the CArchive shim links and round-trips the submission formats: a .zip and a
/// .tar.gz written with libarchive's writer come back with the same names and bytes, and
/// the reader detects format and compression on its own.
@Suite("libarchive through CArchive")
struct ArchiveTests {
    static let members: [ArchiveTestIO.Member] = [
        ArchiveTestIO.Member(path: "solution.py", bytes: Array("import json, sys\nprint('hello')\n".utf8)),
        ArchiveTestIO.Member(path: "data/values.csv", bytes: Array("week,score\n1,9.5\n2,7.25\n".utf8)),
        // Every byte value, several times over, longer than one read block.
        ArchiveTestIO.Member(path: "data/raw/all-bytes.bin", bytes: (0..<1024).map { UInt8($0 % 256) }),
        ArchiveTestIO.Member(path: "empty.txt", bytes: []),
    ]

    @Test("write, then read back names and bytes exactly", arguments: ArchiveTestIO.Format.allCases)
    func roundTrip(format: ArchiveTestIO.Format) throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("submission.\(format.rawValue)").path
            try ArchiveTestIO.write(Self.members, to: path, format: format)
            let contents = try ArchiveTestIO.read(from: path)
            #expect(contents.members.map(\.path) == Self.members.map(\.path))
            for (read, written) in zip(contents.members, Self.members) {
                #expect(read.bytes == written.bytes, "\(read) vs \(written)")
            }
            switch format {
            case .zip:
                #expect(contents.formatCode & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_ZIP)
                #expect(contents.filterCode == ARCHIVE_FILTER_NONE)
            case .tarGzip:
                #expect(contents.formatCode & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_TAR)
                #expect(contents.filterCode == ARCHIVE_FILTER_GZIP)
            }
        }
    }

    @Test("the files start with the format's magic bytes", arguments: ArchiveTestIO.Format.allCases)
    func magicBytes(format: ArchiveTestIO.Format) throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("submission.\(format.rawValue)")
            try ArchiveTestIO.write(Self.members, to: url.path, format: format)
            let head = Array(try Data(contentsOf: url).prefix(4))
            switch format {
            case .zip: #expect(head == [0x50, 0x4B, 0x03, 0x04], "local file header 'PK\\3\\4'")
            case .tarGzip: #expect(Array(head.prefix(2)) == [0x1F, 0x8B], "gzip magic")
            }
        }
    }
}
