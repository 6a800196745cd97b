import Crystal
import Foundation
import Testing

/// Writes every ordered bundled structure in every format into the folder named by
/// `MATGRADE_FORMATS_INTEROP_DIR`, for scripts/fixtures/check_writers_interop.py to read with
/// pymatgen and ASE. Skipped unless the variable is set.
@Suite("Formats: files for the pymatgen/ASE interoperability check")
struct FormatsInteropDumpTests {
    static let folder = ProcessInfo.processInfo.environment["MATGRADE_FORMATS_INTEROP_DIR"]

    @Test("dump written files", .enabled(if: folder != nil, "set MATGRADE_FORMATS_INTEROP_DIR to run"))
    func dump() throws {
        let folder = try #require(Self.folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let extensions: [StructureFileFormat: String] = [.cif: "cif", .poscar: "vasp", .extendedXYZ: "extxyz", .pymatgenJSON: "json"]
        for name in orderedBundledStructureNames() {
            let structure = try bundledStructure(name)
            for format in StructureFileFormat.allCases {
                try structure.write(to: "\(folder)/\(name).\(extensions[format] ?? "txt")", format: format)
            }
        }
    }
}
