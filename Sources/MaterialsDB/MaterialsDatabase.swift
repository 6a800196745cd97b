import Crystal
import Foundation
import GRDB
import JSONSupport

/// One entry of the materials database. Unknown properties are nil.
public struct MaterialEntry: Hashable, Sendable {
    public var id: String
    public var source: String
    public var formula: String
    /// Reduced formula, elements alphabetical (OPTIMADE's `chemical_formula_reduced`).
    public var reducedFormula: String
    /// Element symbols, alphabetical.
    public var elements: [String]
    public var siteCount: Int?
    /// eV/atom.
    public var formationEnergyPerAtom: Double?
    /// eV.
    public var bandGap: Double?
    /// eV/atom.
    public var energyAboveHull: Double?
    /// eV.
    public var experimentalBandGap: Double?
    public var spaceGroupNumber: Int?
    public var prototype: String?

    public init(id: String, source: String, formula: String, reducedFormula: String, elements: [String], siteCount: Int? = nil,
                formationEnergyPerAtom: Double? = nil, bandGap: Double? = nil, energyAboveHull: Double? = nil,
                experimentalBandGap: Double? = nil, spaceGroupNumber: Int? = nil, prototype: String? = nil) {
        (self.id, self.source, self.formula, self.reducedFormula, self.elements) = (id, source, formula, reducedFormula, elements.sorted())
        (self.siteCount, self.formationEnergyPerAtom, self.bandGap, self.energyAboveHull) = (siteCount, formationEnergyPerAtom, bandGap, energyAboveHull)
        (self.experimentalBandGap, self.spaceGroupNumber, self.prototype) = (experimentalBandGap, spaceGroupNumber, prototype)
    }
}

/// Errors of the materials database, each naming the file or the part of the query at fault.
public enum MaterialsDatabaseError: Error, Hashable, Sendable, CustomStringConvertible {
    case syntax(OptimadeSyntaxError)
    case query(OptimadeQueryError)
    case badOption(name: String, value: String, fix: String)
    case database(path: String, message: String)
    case badImport(file: String, field: String, problem: String)

    public var description: String {
        switch self {
        case let .syntax(error): error.description
        case let .query(error): error.description
        case let .badOption(name, value, fix): "\(name) '\(value)': \(fix)"
        case let .database(path, message): "\(path): \(message)"
        case let .badImport(file, field, problem): "\(file), \(field): \(problem)"
        }
    }
}

/// The course's materials database: an embedded SQLite file (or memory) holding
/// ``MaterialEntry`` rows, queried with OPTIMADE filters (``OptimadeFilter``) translated to
/// SQL with bound parameters.
public final class MaterialsDatabase: Sendable {
    let queue: DatabaseQueue
    public let path: String
    /// `PRAGMA user_version` of the current layout; a file of another version is emptied
    /// and refilled (the data come from the course files or imports, never only from here).
    static let schemaVersion = 5

    /// The element set as two bit masks (bit Z-1 of the low word for Z <= 63, bit Z-64 of the
    /// high one above), so list filters are integer operations on the row itself instead
    /// of subqueries. Unknown symbols set no bit.
    /// The symbols of two masks, alphabetical.
    static func symbols(low: Int64, high: Int64) -> [String] {
        var symbols: [String] = []
        for bit in 0..<64 {
            if low & (Int64(1) << Int64(bit)) != 0, let element = try? Element(atomicNumber: bit + 1) { symbols.append(element.symbol) }
            if high & (Int64(1) << Int64(bit)) != 0, let element = try? Element(atomicNumber: bit + 64) { symbols.append(element.symbol) }
        }
        return symbols.sorted()
    }

    static func masks(_ symbols: [String]) -> (low: Int64, high: Int64) {
        var low: Int64 = 0, high: Int64 = 0
        for symbol in symbols {
            guard let number = Element.lookup(symbol: symbol)?.atomicNumber else { continue }
            if number <= 63 { low |= Int64(1) << Int64(number - 1) } else { high |= Int64(1) << Int64(number - 64) }
        }
        return (low, high)
    }

    /// Opens (creating when absent) the database at `path`; `":memory:"` for one in memory.
    /// - Throws: ``MaterialsDatabaseError/database(path:message:)``.
    public init(path: String) throws(MaterialsDatabaseError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // Read the file through memory maps and keep the compact table cached.
                try db.execute(sql: "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -65536")
            }
            queue = path == ":memory:" ? try DatabaseQueue(configuration: configuration) : try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if try db.tableExists("entries"), version != Self.schemaVersion {
                    // Made by an older matgrade: its layout lacks what queries need now.
                    try db.execute(sql: "DROP TABLE IF EXISTS entry_elements; DROP TABLE IF EXISTS entry_text; DROP TABLE entries")
                }
                try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)")
                // Filters scan `entries`, which holds only numbers (about 60 bytes a row), and
                // join `entry_text` for the rows that match. The columns every element filter
                // reads come first: SQLite decodes a record only up to the last column it needs.
                // `entries_masks` serves HAS ONLY (a list of exact element sets). The property
                // indexes carry nelements and the masks, so a range on one property combined
                // with element conditions is answered from the index without visiting the rows.
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS entries (
                        row INTEGER PRIMARY KEY, elements_mask_low INTEGER NOT NULL, elements_mask_high INTEGER NOT NULL,
                        nelements INTEGER NOT NULL, formation_energy_per_atom REAL, band_gap REAL, e_above_hull REAL,
                        experimental_band_gap REAL, nsites INTEGER, space_group_it_number INTEGER);
                    CREATE TABLE IF NOT EXISTS entry_text (
                        row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
                        chemical_formula_descriptive TEXT NOT NULL, chemical_formula_reduced TEXT NOT NULL, prototype TEXT);
                    CREATE INDEX IF NOT EXISTS entries_formation ON entries(formation_energy_per_atom, nelements, elements_mask_low, elements_mask_high);
                    CREATE INDEX IF NOT EXISTS entries_gap ON entries(band_gap, nelements, elements_mask_low, elements_mask_high);
                    CREATE INDEX IF NOT EXISTS entries_hull ON entries(e_above_hull, nelements, elements_mask_low, elements_mask_high);
                    CREATE INDEX IF NOT EXISTS entries_space_group ON entries(space_group_it_number, nelements, elements_mask_low, elements_mask_high);
                    CREATE INDEX IF NOT EXISTS entries_masks ON entries(elements_mask_low, elements_mask_high);
                    CREATE INDEX IF NOT EXISTS text_formula ON entry_text(chemical_formula_reduced);
                    """)
            }
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }

    /// Adds or replaces entries (by id), in one transaction.
    public func insert(_ entries: [MaterialEntry]) throws(MaterialsDatabaseError) {
        do {
            try queue.write { db in
                let existing = try db.makeStatement(sql: "SELECT row FROM entry_text WHERE id = ?")
                let removeNumbers = try db.makeStatement(sql: "DELETE FROM entries WHERE row = ?")
                let removeText = try db.makeStatement(sql: "DELETE FROM entry_text WHERE row = ?")
                let text = try db.makeStatement(sql: "INSERT INTO entry_text (id, source, chemical_formula_descriptive, chemical_formula_reduced, prototype) VALUES (?, ?, ?, ?, ?)")
                let numbers = try db.makeStatement(sql: """
                    INSERT INTO entries (row, elements_mask_low, elements_mask_high, nelements, formation_energy_per_atom, band_gap,
                        e_above_hull, experimental_band_gap, nsites, space_group_it_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for e in entries {
                    if let row = try Int64.fetchOne(existing, arguments: [e.id]) {
                        try removeNumbers.execute(arguments: [row])
                        try removeText.execute(arguments: [row])
                    }
                    try text.execute(arguments: [e.id, e.source, e.formula, e.reducedFormula, e.prototype])
                    let masks = Self.masks(e.elements)
                    try numbers.execute(arguments: [db.lastInsertedRowID, masks.low, masks.high, e.elements.count, e.formationEnergyPerAtom, e.bandGap,
                                                    e.energyAboveHull, e.experimentalBandGap, e.siteCount, e.spaceGroupNumber])
                }
                // Statistics for the query planner (which index is selective for which filter).
                try db.execute(sql: "ANALYZE")
            }
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }

    /// The entries matching `filter` (all when nil or empty), as `{property: value}` objects
    /// holding `fields` (all properties when empty; unknown values are null).
    /// - Parameters:
    ///   - sort: a property name, `-name` for descending (OPTIMADE's `sort`); ties by id.
    ///     Without one, entries come in the order they were added (for a built database, the
    ///     sources' own row order), which costs no sorting.
    ///   - limit: at most this many rows; nil for all.
    /// - Throws: ``MaterialsDatabaseError`` naming the filter position or the property at fault.
    public func query(filter: String?, fields: [String] = [], sort: String? = nil, limit: Int? = nil) throws(MaterialsDatabaseError) -> [[String: JSONValue]] {
        var columns = MaterialProperty.all
        if !fields.isEmpty {
            columns = []
            for name in fields {
                do { columns.append(try OptimadeFilter.property(name)) } catch { throw .query(error) }
            }
        }
        var condition = "1", arguments = StatementArguments()
        if let filter, !filter.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                (condition, arguments) = try OptimadeFilter(parsing: filter).sql()
            } catch let error as OptimadeSyntaxError {
                throw .syntax(error)
            } catch let error as OptimadeQueryError {
                throw .query(error)
            } catch {
                throw .database(path: path, message: "\(error)")
            }
        }
        var order: String?
        if let sort, !sort.isEmpty {
            let descending = sort.hasPrefix("-")
            let name = descending ? String(sort.dropFirst()) : sort
            let property: MaterialProperty
            do { property = try OptimadeFilter.property(name) } catch { throw .query(error) }
            guard property.kind != .list else { throw .badOption(name: "sort", value: sort, fix: "sort by a single-valued property, not a list") }
            // Unknown values last either way; then by id so the order is total.
            order = "\(name) IS NULL, \(name) \(descending ? "DESC" : "ASC"), entry_text.id"
        } else if limit != nil {
            order = "entries.row"
        }
        // Without a sort or a limit the rows are put in order here, by their row number: an
        // ORDER BY would make SQLite walk the table in row order instead of using an index.
        let sortHere = order == nil
        if let limit, limit < 0 { throw .badOption(name: "limit", value: String(limit), fix: "give a number >= 0") }
        var selected = ["entries.row"]
        for property in columns {
            if property.kind == .list { selected += ["elements_mask_low", "elements_mask_high"] } else {
                selected.append(property.name == "id" ? "entry_text.id" : property.name)
            }
        }
        // CROSS JOIN keeps `entries` (the compact table) as the outer one.
        let sql = "SELECT \(selected.joined(separator: ", ")) FROM entries CROSS JOIN entry_text ON entry_text.row = entries.row WHERE \(condition)"
            + (order.map { " ORDER BY \($0)" } ?? "") + (limit.map { " LIMIT \($0)" } ?? "")
        do {
            var rows = try queue.read { db -> [(Int64, [String: JSONValue])] in
                var result: [(Int64, [String: JSONValue])] = []
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try cursor.next() {
                    var object: [String: JSONValue] = [:]
                    object.reserveCapacity(columns.count)
                    var index = 1
                    for property in columns {
                        if property.kind == .list {
                            let symbols = Self.symbols(low: row[index], high: row[index + 1])
                            object[property.name] = .array(symbols.map(JSONValue.string))
                            index += 2
                            continue
                        }
                        // Typed reads by column index: the cheapest way through GRDB's rows.
                        if property.kind == .string {
                            object[property.name] = (row[index] as String?).map(JSONValue.string) ?? .null
                        } else {
                            object[property.name] = (row[index] as Double?).map(JSONValue.number) ?? .null
                        }
                        index += 1
                    }
                    result.append((row[0], object))
                }
                return result
            }
            if sortHere { rows.sort { $0.0 < $1.0 } }
            return rows.map(\.1)
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }

    /// Entry counts: in all, per source, and how many know each property.
    public func info() throws(MaterialsDatabaseError) -> (total: Int, sources: [(String, Int)], known: [(String, Int)]) {
        do {
            return try queue.read { db in
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entries") ?? 0
                let sources = try Row.fetchAll(db, sql: "SELECT source, COUNT(*) AS n FROM entry_text GROUP BY source ORDER BY source")
                    .map { ($0["source"] as String, $0["n"] as Int) }
                var known: [(String, Int)] = []
                for property in MaterialProperty.all where property.kind != .list {
                    known.append((property.name, try Int.fetchOne(db, sql: "SELECT COUNT(\(property.name)) FROM entries JOIN entry_text USING (row)") ?? 0))
                }
                return (total, sources, known)
            }
        } catch {
            throw .database(path: path, message: "\(error)")
        }
    }
}
