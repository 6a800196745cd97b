import Crystal
import Foundation

/// The structures bundled in `exercises/data/pymatgen-core/structures` (pymatgen JSON), by
/// file name without `.json`.
struct BundledStructures {
    let folder: URL

    /// Bundled structures that are not ordered crystals (partial occupancy) and so cannot be graphs.
    static let disordered: Set<String> = ["Li10GeP2S12"]

    init(dataFolder: URL) {
        folder = dataFolder.appendingPathComponent("pymatgen-core/structures")
    }

    /// Every bundled name, sorted (byte order, so the same on every machine).
    func names() throws -> [String] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw ExercisesError.dataAccess(path: folder.path, reason: "cannot list the bundled structures (\(error.localizedDescription)); check the course data folder")
        }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The ordered structures, sorted by name.
    func orderedNames() throws -> [String] {
        try names().filter { !Self.disordered.contains($0) }
    }

    /// The structure in `<name>.json`; `parameter` is the case parameter that named it.
    func structure(named name: String, parameter: String) throws -> Structure {
        let known = try orderedNames()
        guard known.contains(name) else {
            let reason = Self.disordered.contains(name) ? "is disordered (partial occupancy), not a crystal graph; " : "no such bundled structure; "
            throw ExercisesError.badParameter(
                name: parameter, value: "\"\(name)\"", fix: reason + "use one of \(known.joined(separator: ", "))")
        }
        let path = folder.appendingPathComponent(name + ".json").path
        do {
            return try Structure.read(contentsOf: path)
        } catch {
            throw ExercisesError.dataAccess(path: path, reason: "\(error)")
        }
    }
}
