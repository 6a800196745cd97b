import Foundation

/// The structure file formats matgrade reads and writes.
public enum StructureFileFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Crystallographic Information File, P1 or with symmetry operations.
    case cif
    /// VASP POSCAR / CONTCAR (VASP 5 with element symbols; VASP 4 with `species:`).
    case poscar
    /// ASE's extended XYZ with a `Lattice`.
    case extendedXYZ = "extxyz"
    /// pymatgen's `Structure.as_dict()` as JSON.
    case pymatgenJSON = "json"

    public var description: String {
        switch self {
        case .cif: "CIF"
        case .poscar: "POSCAR"
        case .extendedXYZ: "extended XYZ"
        case .pymatgenJSON: "pymatgen JSON"
        }
    }

    /// The format a file name implies, or nil. The extension decides first (`.cif`; `.json`;
    /// `.xyz`, `.extxyz`; `.vasp`, `.poscar`, `.contcar`), then a name containing `POSCAR` or
    /// `CONTCAR` in any case (`POSCAR`, `CONTCAR_relaxed`, `Si.POSCAR`).
    public init?(fileName path: String) {
        let name = (path as NSString).lastPathComponent.lowercased()
        let pathExtension = (name as NSString).pathExtension
        switch pathExtension {
        case "cif": self = .cif
        case "json": self = .pymatgenJSON
        case "xyz", "extxyz": self = .extendedXYZ
        case "vasp", "poscar", "contcar": self = .poscar
        default:
            guard name.contains("poscar") || name.contains("contcar") else { return nil }
            self = .poscar
        }
    }

    /// The format a file's text looks like, or nil for an empty text. The first line that is
    /// neither blank nor a `#` comment decides: `data_...` is CIF, `{` or `[` is JSON; a first
    /// line holding only an integer followed by `Lattice=` on line 2 (or an element symbol
    /// starting line 3, a plain XYZ file) is extended XYZ; anything else is taken for a POSCAR.
    public init?(sniffing contents: String) {
        let lines = TextLines(contents)
        guard let firstContent = lines.lines.first(where: { !trimmingWhitespace($0).isEmpty }) else { return nil }
        let first = trimmingWhitespace(firstContent)
        if first.hasPrefix("{") || first.hasPrefix("[") {
            self = .pymatgenJSON
            return
        }
        if let firstData = lines.lines.lazy.map(trimmingWhitespace).first(where: { !$0.isEmpty && !$0.hasPrefix("#") }),
            firstData.lowercased().hasPrefix("data_")
        {
            self = .cif
            return
        }
        let countWords = lines[1]?.whitespaceSeparatedWords ?? []
        if countWords.count == 1, NumberSyntax.count(countWords[0]) != nil {
            let secondLine = lines[2] ?? ""
            let thirdStart = lines[3]?.whitespaceSeparatedWords.first ?? ""
            if secondLine.contains("Lattice=") || thirdStart.first?.isLetter == true {
                self = .extendedXYZ
                return
            }
        }
        self = .poscar
    }
}

extension Structure {
    /// Reads a structure from text in a known format.
    /// - Parameter path: the file's name, used only in error messages.
    public init(contents: String, format: StructureFileFormat, path: String) throws {
        switch format {
        case .cif: self = try Structure(cif: contents, path: path)
        case .poscar: self = try Structure(poscar: contents, path: path)
        case .extendedXYZ: self = try Structure(extendedXYZ: contents, path: path)
        case .pymatgenJSON: self = try Structure(pymatgenJSON: contents, path: path)
        }
    }

    /// Reads a structure file. The format is `format` when given, else the one the file name
    /// implies (``StructureFileFormat/init(fileName:)``), else the one the content looks like
    /// (``StructureFileFormat/init(sniffing:)``). Invalid UTF-8 is replaced, never fatal.
    /// - Throws: ``CrystalError/fileAccess(path:reason:)`` when the file cannot be read,
    ///   ``CrystalError/unknownFormat(path:reason:)`` for an empty file, and the reader's
    ///   ``CrystalError/malformedFile(path:line:reason:)``.
    public static func read(contentsOf path: String, format: StructureFileFormat? = nil) throws -> Structure {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CrystalError.fileAccess(path: path, reason: "no such file; check the path")
        }
        guard !isDirectory.boolValue else {
            throw CrystalError.fileAccess(path: path, reason: "is a folder, not a structure file; give the path of a file inside it")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CrystalError.fileAccess(
                path: path, reason: "cannot read the file (\(error.localizedDescription)); check its permissions")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let chosen = format ?? StructureFileFormat(fileName: path) ?? StructureFileFormat(sniffing: text) else {
            throw CrystalError.unknownFormat(
                path: path, reason: "the file is empty; expected a CIF, POSCAR, extended XYZ or pymatgen JSON structure")
        }
        return try Structure(contents: text, format: chosen, path: path)
    }

    /// The structure as the text of a file in `format` (see ``cifString()``,
    /// ``poscarString(comment:)``, ``extendedXYZString()``, ``pymatgenJSONString()``).
    public func contents(format: StructureFileFormat) throws -> String {
        switch format {
        case .cif: cifString()
        case .poscar: poscarString()
        case .extendedXYZ: extendedXYZString()
        case .pymatgenJSON: try pymatgenJSONString()
        }
    }

    /// Writes the structure to `path` in `format`, or in the format its name implies.
    /// - Throws: ``CrystalError/unknownFormat(path:reason:)`` when the format is neither given
    ///   nor implied by the name; ``CrystalError/fileAccess(path:reason:)`` when the file
    ///   cannot be written.
    public func write(to path: String, format: StructureFileFormat? = nil) throws {
        guard let chosen = format ?? StructureFileFormat(fileName: path) else {
            throw CrystalError.unknownFormat(
                path: path,
                reason: "cannot tell the format from the name '\((path as NSString).lastPathComponent)'; name the file *.cif, *.json, *.xyz, *.extxyz, POSCAR, CONTCAR or *.vasp, or pass format:")
        }
        let text = try contents(format: chosen)
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CrystalError.fileAccess(
                path: path,
                reason: "cannot write the file (\(error.localizedDescription)); check that its folder exists and is writable")
        }
    }
}
