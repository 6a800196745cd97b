import Foundation

/// A JSON value seen as an n-dimensional array of numbers: nested arrays of numbers become
/// row-major `values` with a `shape` (`[[1, 2, 3], [4, 5, 6]]` is shape `[2, 3]`; a bare number
/// is shape `[]`; `[]` is shape `[0]`).
///
/// Non-finite numbers: JSON cannot write them, so programs write them in other ways. `null`
/// and the strings `"NaN"`/`"nan"` read as NaN, `"inf"`/`"Infinity"` (any case, optional sign)
/// as infinities, as do the bare words `NaN`/`Infinity` that Python's `json.dump` writes (see
/// ``JSONValue/init(parsing:)-(Data)``). Comparators then apply their ``NaNPolicy``. Any other
/// string, and Booleans, are errors: a number written as `"1.5"` is a bug worth reporting.
public struct NumericArray: Hashable, Sendable {
    /// The length of each dimension, outermost first; `[]` for a scalar.
    public let shape: [Int]
    /// The elements in row-major order, `shape.reduce(1, *)` of them.
    public let values: [Double]

    /// - Precondition: `values.count` is the product of `shape`.
    public init(shape: [Int], values: [Double]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "NumericArray: \(values.count) values do not fill shape \(shape)")
        self.shape = shape
        self.values = values
    }

    /// A 1-dimensional array.
    public init(_ values: [Double]) {
        self.init(shape: [values.count], values: values)
    }

    /// Reads nested arrays of numbers.
    /// - Parameter path: where `value` sits, used only to name places in errors.
    /// - Throws: ``JSONAccessError/ragged(path:index:found:expected:)`` naming the first element
    ///   whose length or kind differs from element 0 of the same array, or
    ///   ``JSONAccessError/typeMismatch(path:expected:found:)`` naming the first element that
    ///   is not a number.
    public init(_ value: JSONValue, path: JSONPath = .root) throws(JSONAccessError) {
        var shape: [Int] = []
        var probe = value
        while case let .array(elements) = probe {
            shape.append(elements.count)
            guard let first = elements.first else { break }
            probe = first
        }
        var values: [Double] = []
        values.reserveCapacity(shape.reduce(1, *))
        try NumericArray.append(value, depth: 0, shape: shape, path: path, to: &values)
        self.shape = shape
        self.values = values
    }

    /// The number of elements.
    public var count: Int { values.count }

    /// The number of dimensions: 0 for a scalar, 1 for a vector, 2 for a matrix.
    public var dimensionCount: Int { shape.count }

    /// The multi-index of the element at row-major position `flatIndex`.
    public func multiIndex(ofFlat flatIndex: Int) -> [Int] {
        var remainder = flatIndex
        var index = [Int](repeating: 0, count: shape.count)
        for dimension in shape.indices.reversed() where shape[dimension] > 0 {
            index[dimension] = remainder % shape[dimension]
            remainder /= shape[dimension]
        }
        return index
    }

    /// `[4,17]` for the element at `flatIndex`; empty for a scalar.
    public func indexText(ofFlat flatIndex: Int) -> String {
        shape.isEmpty ? "" : NumberFormat.index(multiIndex(ofFlat: flatIndex))
    }

    /// ` at [4,17]`, or nothing for a scalar.
    public func locationText(ofFlat flatIndex: Int) -> String {
        shape.isEmpty ? "" : " at " + indexText(ofFlat: flatIndex)
    }

    /// The number a scalar JSON value stands for, or nil when it stands for none.
    public static func number(from value: JSONValue) -> Double? {
        switch value {
        case let .number(number): return number
        case .null: return .nan
        case let .string(text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "nan", "+nan", "-nan": return .nan
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            default: return nil
            }
        case .bool, .array, .object: return nil
        }
    }

    private static func append(
        _ value: JSONValue, depth: Int, shape: [Int], path: JSONPath, to values: inout [Double]
    ) throws(JSONAccessError) {
        guard depth < shape.count else {
            guard let number = number(from: value) else {
                throw .typeMismatch(path: path, expected: "a number", found: value.summary)
            }
            values.append(number)
            return
        }
        guard case let .array(elements) = value else {
            throw .typeMismatch(path: path, expected: "an array", found: value.summary)
        }
        for (index, element) in elements.enumerated() {
            let elementPath = path.appending(index: index)
            let isArray = element.arrayValue != nil
            let wantsArray = depth + 1 < shape.count
            if isArray != wantsArray {
                throw .ragged(
                    path: path, index: index, found: wantsArray ? "is \(element.summary)" : "is an array",
                    expected: wantsArray ? "is an array" : "is a number")
            }
            if let inner = element.arrayValue, inner.count != shape[depth + 1] {
                throw .ragged(path: path, index: index, found: "has " + elementCount(inner.count), expected: "has " + elementCount(shape[depth + 1]))
            }
            try append(element, depth: depth + 1, shape: shape, path: elementPath, to: &values)
        }
    }

    private static func elementCount(_ count: Int) -> String {
        count == 1 ? "1 element" : "\(count) elements"
    }
}

extension NumericArray: CustomStringConvertible {
    /// `[2, 3] [1, 2, 3, 4, 5, 6]`: shape, then the row-major values.
    public var description: String {
        "\(NumberFormat.shape(shape)) [" + values.map(NumberFormat.exact).joined(separator: ", ") + "]"
    }
}
