import Crystal
import Foundation

/// Matbench's `formula,target` CSV files as the course data carry them (gzip-compressed,
/// otherwise unchanged): one row per line, the formula parsed.
enum MatbenchCSV {
    struct Row: Sendable {
        /// Line number in the file (the header is line 1).
        let line: Int
        /// The formula as the file writes it.
        let formula: String
        let composition: Composition
        let target: Double
    }

    /// Reads the file as bytes (Matbench's larger tasks have 100,000+ lines; a line-by-line
    /// String split costs seconds in a debug build): each formula is read by
    /// ``simpleAmounts(_:)`` and, failing that, by the general formula parser.
    /// - Throws: ``ExercisesError/dataAccess(path:reason:)`` naming the line and the value.
    static func rows(ofGzipFile path: String) throws -> [Row] {
        let bytes = [UInt8](try GzipFile.contents(of: path))
        let header = Array("formula,target".utf8)
        guard bytes.starts(with: header) else {
            throw ExercisesError.dataAccess(path: path, reason: "line 1 is '\(String(decoding: bytes.prefix(40), as: UTF8.self))', not the header formula,target")
        }
        var rows: [Row] = []
        var lineNumber = 1
        var start = (bytes.firstIndex(of: 10) ?? bytes.count) + 1
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            defer { start = end + 1 }
            guard end > start else { continue }
            let line = bytes[start..<end]
            func malformed() -> ExercisesError {
                .dataAccess(path: path, reason: "line \(lineNumber) is '\(String(decoding: line.prefix(60), as: UTF8.self))', not formula,number")
            }
            guard let comma = line.firstIndex(of: 44) else { throw malformed() }
            let formulaBytes = bytes[start..<comma]
            guard let target = Double(String(decoding: bytes[(comma + 1)..<end], as: UTF8.self)), target.isFinite else { throw malformed() }
            let formula = String(decoding: formulaBytes, as: UTF8.self)
            let composition: Composition
            if let simple = simpleAmounts(formulaBytes), let parsed = try? Composition(simple) {
                composition = parsed
            } else if let parsed = try? Composition(formula: formula) {
                composition = parsed
            } else {
                throw ExercisesError.dataAccess(path: path, reason: "line \(lineNumber): '\(formula)' is not a formula")
            }
            rows.append(Row(line: lineNumber, formula: formula, composition: composition, target: target))
        }
        return rows
    }

    /// Amounts of a formula of symbols and plain numbers (`Li8O4`, `Fe1`), the form every line
    /// of mp_e_form has, without the general parser's cost (132,752 lines); nil for anything
    /// else (parentheses, repeated symbols), which the general parser then reads.
    static func simpleAmounts(_ bytes: ArraySlice<UInt8>) -> [Element: Double]? {
        var amounts: [Element: Double] = [:]
        var position = bytes.startIndex
        while position < bytes.endIndex {
            guard (65...90).contains(bytes[position]) else { return nil }
            var end = position + 1
            if end < bytes.endIndex, (97...122).contains(bytes[end]) { end += 1 }
            guard let element = Element.lookup(symbol: String(decoding: bytes[position..<end], as: UTF8.self)),
                  amounts[element] == nil else { return nil }
            position = end
            while end < bytes.endIndex, (48...57).contains(bytes[end]) || bytes[end] == 46 { end += 1 }
            let amount: Double
            if end == position {
                amount = 1
            } else {
                guard let number = Double(String(decoding: bytes[position..<end], as: UTF8.self)), number > 0 else { return nil }
                amount = number
            }
            amounts[element] = amount
            position = end
        }
        return amounts.isEmpty ? nil : amounts
    }

}
