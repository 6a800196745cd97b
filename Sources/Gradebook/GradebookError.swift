/// Why the gradebook could not do what was asked. The description is the message: what is
/// wrong, the value seen, how to fix it.
public enum GradebookError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be opened or created (missing folder, no permission, a folder itself).
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not a matgrade gradebook (a text file, another program's database).
    case notAGradebook(path: String, reason: String)
    /// The gradebook was written by a newer matgrade: it has migrations this build lacks.
    case newerSchema(path: String, unknownMigrations: [String])
    /// A value that cannot go into the gradebook (a NaN score, an empty item name).
    case invalidValue(path: String, field: String, value: String, reason: String)
    /// A stored value this build cannot read back (a termination code it does not know).
    case unreadableValue(path: String, table: String, column: String, value: String)
    /// SQLite refused an operation (a constraint, a full disk, a locked file).
    case database(path: String, operation: String, message: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the gradebook (\(reason)); give a path in an existing, writable folder"
        case .notAGradebook(let path, let reason):
            return "\(path): not a matgrade gradebook (\(reason)); give a gradebook file or a new file name"
        case .newerSchema(let path, let unknown):
            return "\(path): written by a newer matgrade (migrations this build does not know: \(unknown.joined(separator: ", "))); "
                + "use that matgrade or a newer one"
        case .invalidValue(let path, let field, let value, let reason):
            return "\(path): \(field) \(reason) (got \(value)); fix the value and record it again"
        case .unreadableValue(let path, let table, let column, let value):
            return "\(path): \(table).\(column) holds '\(value)', which this matgrade cannot read; "
                + "the file was changed by hand or by another program: restore it from a shard or a backup"
        case .database(let path, let operation, let message):
            return "\(path): \(operation) failed: \(message); nothing of this operation was written"
        }
    }
}
