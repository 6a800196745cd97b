import Foundation
import JSONSupport
import LinearAlgebra

/// The data file of `matgrade compute ridge|pca|kmeans --data FILE`.
///
/// JSON (`.json`, or any file whose first non-blank character is `{`):
/// `{"X_train": [[...], ...], "y_train": [...], "X_test": [[...], ...]}`; rows are samples,
/// columns features; `y_train` (ridge only) and `X_test` are optional.
///
/// CSV (anything else): a header line naming the columns, then one sample per line. A column
/// named `y` is the target; a column named `split` holding `train` or `test` says where a row
/// goes (all rows are training rows without it); every other column is a feature, in file
/// order. Numbers as Python writes them (`1.5`, `-2e-3`); no quoting, no missing values.
struct LearningDataFile {
    /// `[trainCount x featureCount]`.
    let trainFeatures: Matrix
    /// `trainCount` values, when the file has them.
    let trainTargets: [Double]?
    /// `[testCount x featureCount]`, when the file has test rows.
    let testFeatures: Matrix?

    init(path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: "cannot be read (\(error.localizedDescription))",
                                            fix: "check the path")
        }
        let firstByte = data.first { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains($0) }
        if path.lowercased().hasSuffix(".json") || firstByte == UInt8(ascii: "{") {
            try self.init(json: data, path: path)
        } else {
            try self.init(csv: data, path: path)
        }
    }

    private init(json data: Data, path: String) throws {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: data)
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "write the file with json.dump")
        }
        guard let object = document.objectValue else {
            throw FrontendError.invalidData(file: path, field: nil, problem: "is \(document.summary), not an object",
                                            fix: "write {\"X_train\": [[...]], \"y_train\": [...], \"X_test\": [[...]]}")
        }
        guard let trainValue = object["X_train"] else {
            throw FrontendError.invalidData(file: path, field: "X_train", problem: "is missing (fields: \(listed(object.keys.sorted())))",
                                            fix: "add the training samples as a list of rows")
        }
        let train = try Self.matrix(trainValue, field: "X_train", path: path)
        trainFeatures = train
        trainTargets = try object["y_train"].map { value in
            let targets = try Self.vector(value, field: "y_train", path: path)
            guard targets.count == train.rowCount else {
                throw FrontendError.invalidData(
                    file: path, field: "y_train", problem: "has \(targets.count) values but X_train has \(train.rowCount) rows",
                    fix: "give one target per training row")
            }
            return targets
        }
        testFeatures = try object["X_test"].map { value in
            let test = try Self.matrix(value, field: "X_test", path: path)
            guard test.columnCount == train.columnCount || test.rowCount == 0 else {
                throw FrontendError.invalidData(
                    file: path, field: "X_test", problem: "rows have \(test.columnCount) values but X_train rows have \(train.columnCount)",
                    fix: "use the same feature columns as X_train")
            }
            return test
        }
    }

    /// A `[rows x columns]` matrix from nested arrays of finite numbers.
    static func matrix(_ value: JSONValue, field: String, path: String) throws -> Matrix {
        let array: NumericArray
        do {
            array = try NumericArray(value, path: JSONPath(components: [.key(field)]))
        } catch {
            // The access error names the field and index itself.
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "write a list of rows of numbers")
        }
        guard array.shape.count == 2 || array.shape == [0] else {
            throw FrontendError.invalidData(file: path, field: field, problem: "has shape \(array.shape), not a list of rows",
                                            fix: "write one list of numbers per sample, e.g. [[1.0, 2.0], [3.0, 4.0]]")
        }
        let columns = array.shape.count == 2 ? array.shape[1] : 0
        try requireFinite(array.values, columns: columns, field: field, path: path)
        return try Matrix(rowCount: array.shape[0], columnCount: columns, storage: array.values)
    }

    static func vector(_ value: JSONValue, field: String, path: String) throws -> [Double] {
        let array: NumericArray
        do {
            array = try NumericArray(value, path: JSONPath(components: [.key(field)]))
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "write a list of numbers")
        }
        guard array.shape.count == 1 else {
            throw FrontendError.invalidData(file: path, field: field, problem: "has shape \(array.shape), not a flat list",
                                            fix: "write one number per sample, e.g. [1.0, 2.5]")
        }
        try requireFinite(array.values, columns: 0, field: field, path: path)
        return array.values
    }

    private static func requireFinite(_ values: [Double], columns: Int, field: String, path: String) throws {
        guard let flat = values.firstIndex(where: { !$0.isFinite }) else { return }
        let place = columns > 0 ? "[\(flat / columns)][\(flat % columns)]" : "[\(flat)]"
        throw FrontendError.invalidData(file: path, field: field + place, problem: "is \(values[flat])",
                                        fix: "every value must be a finite number; remove or impute missing values")
    }

    /// Reads the CSV layout byte by byte (one `strtod` per cell): Foundation's string
    /// splitting and trimming took 3.5 s on the 4,604 x 134 Magpie table, which dominated a
    /// 100-tree forest.
    private init(csv data: Data, path: String) throws {
        var bytes = [UInt8](data)
        bytes.append(0)  // strtod stops at the terminator after the last cell
        let (comma, newline, carriageReturn, space, tab): (UInt8, UInt8, UInt8, UInt8, UInt8) = (44, 10, 13, 32, 9)
        // Non-blank lines as byte ranges, with their 1-based numbers in the file.
        var lines: [(number: Int, range: Range<Int>)] = []
        var (lineStart, lineNumber) = (0, 1)
        for index in 0..<bytes.count where bytes[index] == newline || index == bytes.count - 1 {
            var lineEnd = index
            while lineEnd > lineStart, [carriageReturn, space, tab].contains(bytes[lineEnd - 1]) { lineEnd -= 1 }
            var first = lineStart
            while first < lineEnd, bytes[first] == space || bytes[first] == tab { first += 1 }
            if first < lineEnd { lines.append((lineNumber, lineStart..<lineEnd)) }
            (lineStart, lineNumber) = (index + 1, lineNumber + 1)
        }
        /// The cells of a line, trimmed of spaces and tabs.
        func cells(_ range: Range<Int>) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var cellStart = range.lowerBound
            for index in range.lowerBound...range.upperBound where index == range.upperBound || bytes[index] == comma {
                var (low, high) = (cellStart, index)
                while low < high, bytes[low] == space || bytes[low] == tab { low += 1 }
                while high > low, bytes[high - 1] == space || bytes[high - 1] == tab { high -= 1 }
                result.append(low..<high)
                cellStart = index + 1
            }
            return result
        }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        guard let header = lines.first else {
            throw FrontendError.invalidData(file: path, field: nil, problem: "is empty",
                                            fix: "write a header line, then one sample per line (or use JSON)")
        }
        let names = cells(header.range).map(text)
        let targetColumn = names.firstIndex(of: "y")
        let splitColumn = names.firstIndex(of: "split")
        let featureColumns = names.indices.filter { $0 != targetColumn && $0 != splitColumn }
        guard !featureColumns.isEmpty else {
            throw FrontendError.invalidData(file: path, field: "line \(header.number)",
                                            problem: "names no feature column (header: \(text(header.range)))",
                                            fix: "name at least one feature column besides 'y' and 'split'")
        }
        let (trainWord, testWord) = (Array("train".utf8), Array("test".utf8))
        var (train, test, targets) = ([Double](), [Double](), [Double]())
        try bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            for line in lines.dropFirst() {
                let row = cells(line.range)
                guard row.count == names.count else {
                    throw FrontendError.invalidData(file: path, field: "line \(line.number)",
                                                    problem: "has \(row.count) cells, the header \(names.count)",
                                                    fix: "give every line one value per header column")
                }
                func number(_ column: Int) throws -> Double {
                    let cell = row[column]
                    var end: UnsafeMutablePointer<CChar>?
                    let start = UnsafeRawPointer(base + cell.lowerBound).assumingMemoryBound(to: CChar.self)
                    let value = strtod(start, &end)
                    let consumed = end.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? -1
                    guard !cell.isEmpty, consumed == cell.upperBound, value.isFinite else {
                        throw FrontendError.invalidData(file: path, field: "line \(line.number), column '\(names[column])'",
                                                        problem: "is '\(text(cell))', not a finite number",
                                                        fix: "write a number such as 1.5 or -2e-3")
                    }
                    return value
                }
                let isTest: Bool
                if let splitColumn {
                    let word = Array(buffer[row[splitColumn]])
                    guard word == trainWord || word == testWord else {
                        throw FrontendError.invalidData(file: path, field: "line \(line.number), column 'split'",
                                                        problem: "is '\(text(row[splitColumn]))'", fix: "write train or test")
                    }
                    isTest = word == testWord
                } else {
                    isTest = false
                }
                for column in featureColumns {
                    let value = try number(column)
                    if isTest { test.append(value) } else { train.append(value) }
                }
                if !isTest, let targetColumn { targets.append(try number(targetColumn)) }
            }
        }
        let width = featureColumns.count
        trainFeatures = try Matrix(rowCount: train.count / width, columnCount: width, storage: train)
        trainTargets = targetColumn == nil ? nil : targets
        testFeatures = test.isEmpty ? nil : try Matrix(rowCount: test.count / width, columnCount: width, storage: test)
    }
}
