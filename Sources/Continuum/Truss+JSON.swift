import JSONSupport

extension Truss {
    /// Reads the documented JSON form (`matgrade compute truss`, week 4's `truss` input):
    /// `{"nodes": [{"x": 0, "y": 0, "fixed": [true, true], "load": [0, -1000]}, ...],
    /// "members": [{"start": 0, "end": 1, "youngs_modulus": 2e11, "area": 1e-4}, ...]}`;
    /// `fixed` (default free) and `load` (default zero) are optional; consistent units.
    /// - Throws: ``ContinuumError/invalid(field:value:fix:)`` naming the field (`nodes[2].load`),
    ///   the value seen and the fix, and everything ``init(nodes:members:)`` refuses.
    public init(json document: JSONValue) throws(ContinuumError) {
        guard let nodeValues = document.objectValue?["nodes"]?.arrayValue else {
            throw .invalid(field: "nodes", value: document.objectValue?["nodes"]?.summary ?? "missing",
                           fix: "write {\"nodes\": [{\"x\": 0, \"y\": 0, \"fixed\": [true, true]}, ...], \"members\": [...]}")
        }
        guard let memberValues = document.objectValue?["members"]?.arrayValue else {
            throw .invalid(field: "members", value: document.objectValue?["members"]?.summary ?? "missing",
                           fix: "write \"members\": [{\"start\": 0, \"end\": 1, \"youngs_modulus\": 2e11, \"area\": 1e-4}, ...]")
        }
        func number(_ object: [String: JSONValue], _ key: String, _ field: String) throws(ContinuumError) -> Double {
            guard let found = object[key] else { throw .invalid(field: "\(field).\(key)", value: "missing", fix: "give a number") }
            guard let number = found.numberValue else { throw .invalid(field: "\(field).\(key)", value: found.summary, fix: "give a number") }
            return number
        }
        func index(_ object: [String: JSONValue], _ key: String, _ field: String) throws(ContinuumError) -> Int {
            let value = try number(object, key, field)
            guard value == value.rounded(), abs(value) < 1e9 else {
                throw .invalid(field: "\(field).\(key)", value: "\(value)", fix: "use a whole node index")
            }
            return Int(value)
        }
        func pair<T>(_ object: [String: JSONValue], _ key: String, _ field: String, _ read: (JSONValue) -> T?, default value: T) throws(ContinuumError) -> (T, T) {
            guard let found = object[key] else { return (value, value) }
            guard let items = found.arrayValue, items.count == 2, let first = read(items[0]), let second = read(items[1]) else {
                throw .invalid(field: "\(field).\(key)", value: found.summary, fix: "give a pair [x, y]")
            }
            return (first, second)
        }
        var nodes: [Node] = []
        for (k, value) in nodeValues.enumerated() {
            guard let object = value.objectValue else { throw .invalid(field: "nodes[\(k)]", value: value.summary, fix: "give an object with x and y") }
            let fixed = try pair(object, "fixed", "nodes[\(k)]", { $0.boolValue }, default: false)
            let load = try pair(object, "load", "nodes[\(k)]", { $0.numberValue }, default: 0.0)
            nodes.append(Node(x: try number(object, "x", "nodes[\(k)]"), y: try number(object, "y", "nodes[\(k)]"),
                              fixedX: fixed.0, fixedY: fixed.1, loadX: load.0, loadY: load.1))
        }
        var members: [Member] = []
        for (k, value) in memberValues.enumerated() {
            guard let object = value.objectValue else {
                throw .invalid(field: "members[\(k)]", value: value.summary, fix: "give an object with start, end, youngs_modulus, area")
            }
            members.append(Member(start: try index(object, "start", "members[\(k)]"), end: try index(object, "end", "members[\(k)]"),
                                  youngsModulus: try number(object, "youngs_modulus", "members[\(k)]"),
                                  area: try number(object, "area", "members[\(k)]")))
        }
        try self.init(nodes: nodes, members: members)
    }

    /// The documented JSON form of this truss (the inverse of ``init(json:)``).
    public var json: JSONValue {
        .object([
            "nodes": .array(nodes.map { node in
                .object(["x": .number(node.x), "y": .number(node.y),
                         "fixed": .array([.bool(node.fixedX), .bool(node.fixedY)]),
                         "load": .array([.number(node.loadX), .number(node.loadY)])])
            }),
            "members": .array(members.map { member in
                .object(["start": .number(Double(member.start)), "end": .number(Double(member.end)),
                         "youngs_modulus": .number(member.youngsModulus), "area": .number(member.area)])
            }),
        ])
    }
}
