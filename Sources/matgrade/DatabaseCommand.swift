import ArgumentParser
import Foundation
import Frontend

struct DatabaseOption: ParsableArguments {
    @Option(help: "The database file (default: MATGRADE_DB, else ~/.cache/matgrade/materials.sqlite).")
    var db: String?

    var path: String { db ?? Frontend.defaultDatabasePath(environment: ProcessInfo.processInfo.environment) }
}

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "The course's materials database: real DFT and experimental data, queried with OPTIMADE filters.",
        discussion: """
            Built from exercises/data (Matbench's mp_e_form, mp_gap, expt_gap, CrabNet's \
            mp_e_hull, pymatgen's calc_compounds and AFLOW prototypes) into one SQLite file; \
            `db query` builds it on first use. Filters are OPTIMADE's, the language the Materials \
            Project, OQMD, AFLOW and NOMAD serve: elements HAS ALL "Li","O" AND nelements=3 AND \
            band_gap > 2. `db info` lists the properties.
            """,
        subcommands: [DatabaseQuery.self, DatabaseInfo.self, DatabaseBuild.self, DatabaseImport.self])
}

struct DatabaseQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Entries matching an OPTIMADE filter, as a table, JSON or CSV.")

    @Argument(help: "The filter, e.g. 'elements HAS ALL \"Li\",\"O\" AND band_gap > 2' (empty: every entry).")
    var filter: String

    @Option(help: "Comma-separated properties to show (default: id, formula and the energies and gaps).")
    var fields: String?

    @Option(help: "Sort by a property (unknown values last); --sort=-name or --descending for largest first.")
    var sort: String?

    @Flag(help: "Sort in descending order.")
    var descending = false

    @Option(help: "At most this many entries.")
    var limit: Int?

    @Option(help: "table, json or csv.")
    var format: String = "table"

    @Option(help: ArgumentHelp("Run the query this many times and print its median time to stderr (benchmarks).", visibility: .hidden))
    var `repeat`: Int = 1

    @OptionGroup var database: DatabaseOption
    @OptionGroup var courseOption: CourseOption

    func run() throws {
        let fieldList = (fields ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        print(try Frontend.queryDatabase(
            course: courseOption.locate, path: database.path, filter: filter, fields: fieldList,
            sort: sort.map { descending && !$0.hasPrefix("-") ? "-" + $0 : $0 }, limit: limit,
            format: format, repetitions: self.repeat, log: ErrorReporting.writeToStandardError), terminator: "")
    }
}

struct DatabaseInfo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Entries per source and the properties with how many entries know each.")

    @OptionGroup var database: DatabaseOption

    func run() throws {
        print(try Frontend.databaseInfo(path: database.path), terminator: "")
    }
}

struct DatabaseBuild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "(Re)build the database from the course data.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var courseOption: CourseOption

    func run() throws {
        print(try Frontend.buildDatabase(course: courseOption.locate(), path: database.path), terminator: "")
    }
}

struct DatabaseImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add your own entries: an OPTIMADE JSON response (.json) or a CSV (.csv) with a formula or cif column.",
        discussion: "A database file that does not exist yet is created with only these entries; `db build` adds the course data to it.")

    @Argument(help: "The file to import.")
    var file: String

    @OptionGroup var database: DatabaseOption

    func run() throws {
        print(try Frontend.importIntoDatabase(path: database.path, file: file), terminator: "")
    }
}
