import Foundation
import LinearAlgebra

/// The named weight matrices of a network, in a fixed order (the order optimisers keep their
/// state in and weight files list them in).
public struct ParameterSet: Hashable, Sendable {
    public private(set) var names: [String] = []
    public private(set) var values: [Matrix] = []

    public init() {}

    /// Adds a parameter at the end.
    /// - Precondition: `name` is new.
    public mutating func append(_ name: String, _ value: Matrix) {
        precondition(!names.contains(name), "parameter \(name) added twice")
        names.append(name)
        values.append(value)
    }

    /// The parameter called `name`, nil when there is none.
    public subscript(name: String) -> Matrix? {
        names.firstIndex(of: name).map { values[$0] }
    }

    /// Replaces every value (after an optimiser step), keeping names and shapes.
    /// - Precondition: the same count and shapes.
    public mutating func replaceValues(_ newValues: [Matrix]) {
        precondition(newValues.count == values.count && zip(newValues, values).allSatisfy { $0.shape == $1.shape },
                     "parameter update changes the count or shapes")
        values = newValues
    }

    /// Every parameter as a variable on `tape`, in order.
    public func variables(on tape: GradientTape) -> [Tensor] { values.map(tape.variable) }

    /// The total number of scalar weights.
    public var scalarCount: Int { values.reduce(0) { $0 + $1.rowCount * $1.columnCount } }
}

extension ParameterSet: Codable {
    /// One weight matrix of a saved network.
    struct Entry: Codable {
        var name: String
        var shape: [Int]
        var values: [Double]
    }

    /// JSON `{"parameters": [{"name", "shape": [rows, columns], "values": [row-major]}, ...]}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(zip(names, values).map { Entry(name: $0, shape: [$1.rowCount, $1.columnCount], values: $1.storage) },
                             forKey: .parameters)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let entries = try container.decode([Entry].self, forKey: .parameters)
        for (position, entry) in entries.enumerated() {
            guard entry.shape.count == 2, entry.shape.allSatisfy({ $0 >= 0 }), entry.shape[0] * entry.shape[1] == entry.values.count else {
                throw DecodingError.dataCorruptedError(
                    forKey: .parameters, in: container,
                    debugDescription: "parameters[\(position)] (\(entry.name)): shape \(entry.shape) does not hold \(entry.values.count) values; write [rows, columns] with rows * columns values")
            }
            guard !names.contains(entry.name) else {
                throw DecodingError.dataCorruptedError(forKey: .parameters, in: container,
                                                       debugDescription: "parameters[\(position)]: \(entry.name) appears twice")
            }
            append(entry.name, Matrix(rowCount: entry.shape[0], columnCount: entry.shape[1], exactStorage: entry.values))
        }
    }

    enum CodingKeys: String, CodingKey { case parameters }
}
