import Crystal
import Foundation

/// A list of formulas read from a file, each with the 1-based line it came from, for
/// `matgrade compute magpie|stoichiometry --file F`.
///
/// The file is either a CSV whose header names a `formula` column (`formula,target` as in
/// Matbench's CSVs; other columns are ignored), or one formula per line (an optional first
/// line `formula` is a header). Blank lines are skipped; `\r\n` line ends are accepted; a
/// field may be enclosed in double quotes. A formula is not split at commas inside quotes.
struct FormulaList {
    struct Entry: Equatable {
        let formula: String
        let line: Int
    }

    let path: String
    let entries: [Entry]

    /// - Throws: ``Crystal/CrystalError/fileAccess(path:reason:)`` when the file cannot be
    ///   read; ``FrontendError/inputLine(path:line:reason:)`` for a header without a `formula`
    ///   column, a row too short to hold it, or a file with no formula.
    init(contentsOf path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CrystalError.fileAccess(path: path, reason: "no such file; check the path")
        }
        guard !isDirectory.boolValue else {
            throw CrystalError.fileAccess(path: path, reason: "is a folder; give a CSV file with a 'formula' column or a file of one formula per line")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CrystalError.fileAccess(path: path, reason: "cannot read the file (\(error.localizedDescription)); check its permissions")
        }
        try self.init(text: String(decoding: data, as: UTF8.self), path: path)
    }

    init(text: String, path: String) throws {
        self.path = path
        // `\r\n` is one Character in Swift, and a newline.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var column = 0
        var firstDataLine = 0
        if let headerIndex = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) {
            let header = Self.fields(of: lines[headerIndex])
            if let formulaColumn = header.firstIndex(where: { $0.lowercased() == "formula" }) {
                column = formulaColumn
                firstDataLine = headerIndex + 1
            } else if header.count > 1 {
                throw FrontendError.inputLine(
                    path: path, line: headerIndex + 1,
                    reason: "the header '\(lines[headerIndex])' has no 'formula' column; name the column of formulas 'formula', or give one formula per line")
            }
        }
        var entries: [Entry] = []
        for index in firstDataLine..<lines.count where !lines[index].allSatisfy(\.isWhitespace) {
            let fields = Self.fields(of: lines[index])
            guard column < fields.count, !fields[column].isEmpty else {
                throw FrontendError.inputLine(
                    path: path, line: index + 1,
                    reason: "no formula in column \(column + 1) of '\(lines[index])'; every row needs a formula")
            }
            entries.append(Entry(formula: fields[column], line: index + 1))
        }
        guard !entries.isEmpty else {
            throw FrontendError.inputLine(
                path: path, line: max(lines.count, 1), reason: "no formulas in the file; give a 'formula' column or one formula per line")
        }
        self.entries = entries
    }

    /// The comma-separated fields of a line, trimmed, double quotes removed (`""` inside a
    /// quoted field is one quote).
    static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
