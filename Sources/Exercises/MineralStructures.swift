import Crystal
import Foundation
import JSONSupport
import Synchronization

/// The mineral prototypes of robocrys 0.2.13 (`exercises/data/robocrys-0.2.13/mineral_db.json.gz`:
/// a pandas frame in "split" orientation whose `structure` column holds pymatgen structures
/// and `mineral` column the mineral's name; Ganose and Jain, MRS Commun. 9, 874 (2019)), as
/// ordered crystals. Entries with partial occupancy are left out. Loaded once per process and
/// data folder.
struct MineralStructures {
    struct Mineral: Sendable {
        /// `name (row)`, e.g. `Halite, Rock Salt (57)`: names repeat across polymorphs.
        let label: String
        let structure: Structure
    }

    let path: String

    init(dataFolder: URL) {
        path = dataFolder.appendingPathComponent("robocrys-0.2.13/mineral_db.json.gz").path
    }

    private static let loaded = Mutex<[String: [Mineral]]>([:])

    /// The ordered minerals, in the file's order.
    func ordered() throws -> [Mineral] {
        if let known = Self.loaded.withLock({ $0[path] }) { return known }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: GzipFile.contents(of: path))
        } catch let error as ExercisesError {
            throw error
        } catch {
            throw ExercisesError.dataAccess(path: path, reason: "\(error)")
        }
        guard let columns = document.objectValue?["columns"]?.arrayValue?.compactMap(\.stringValue),
              let rows = document.objectValue?["data"]?.arrayValue,
              let structureColumn = columns.firstIndex(of: "structure"), let nameColumn = columns.firstIndex(of: "mineral")
        else {
            throw ExercisesError.dataAccess(path: path, reason: "not robocrys' mineral table (a frame with 'structure' and 'mineral' columns)")
        }
        var minerals: [Mineral] = []
        for (index, row) in rows.enumerated() {
            guard let cells = row.arrayValue, cells.count == columns.count else { continue }
            let name = cells[nameColumn].stringValue ?? "mineral"
            // Disordered entries (partial occupancy) are refused by the reader: left out.
            guard let structure = try? Structure(pymatgenJSON: JSONWriter.text(of: cells[structureColumn]), path: "\(path) row \(index)")
            else { continue }
            minerals.append(Mineral(label: "\(name) (\(index))", structure: structure))
        }
        let result = minerals
        Self.loaded.withLock { $0[path] = result }
        return result
    }
}
