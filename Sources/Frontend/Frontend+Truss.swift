import Continuum
import Foundation
import JSONSupport

extension Frontend {
    /// `matgrade compute truss FILE.json`: a plane pin-jointed truss by linear finite
    /// elements (``Continuum/Truss``).
    ///
    /// Input: `{"nodes": [{"x": 0, "y": 0, "fixed": [true, true], "load": [0, -1000]}, ...],
    /// "members": [{"start": 0, "end": 1, "youngs_modulus": 2e11, "area": 1e-4}, ...]}`
    /// (`fixed` and `load` optional; consistent units). JSON (stable): `{"displacements":
    /// [[ux, uy], ...], "axial_forces": [...], "stresses": [...], "reactions": [[rx, ry], ...]}`,
    /// tension positive.
    public static func truss(path: String) throws -> String {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as JSONParseError {
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "write the file with json.dump")
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: "cannot be read (\(error.localizedDescription))", fix: "check the path")
        }
        func fail(_ field: String, _ problem: String, _ fix: String) -> FrontendError {
            .invalidData(file: path, field: field, problem: problem, fix: fix)
        }
        guard let nodeValues = document.objectValue?["nodes"]?.arrayValue else {
            throw fail("nodes", "is missing or not a list", "write {\"nodes\": [{\"x\": 0, \"y\": 0, \"fixed\": [true, true]}, ...], \"members\": [...]}")
        }
        guard let memberValues = document.objectValue?["members"]?.arrayValue else {
            throw fail("members", "is missing or not a list", "write \"members\": [{\"start\": 0, \"end\": 1, \"youngs_modulus\": 2e11, \"area\": 1e-4}, ...]")
        }
        func number(_ object: [String: JSONValue], _ key: String, _ field: String, default value: Double? = nil) throws -> Double {
            guard let found = object[key] else {
                if let value { return value }
                throw fail("\(field).\(key)", "is missing", "give a number")
            }
            guard let number = found.numberValue else { throw fail("\(field).\(key)", "is \(found.summary)", "give a number") }
            return number
        }
        func pair<T>(_ object: [String: JSONValue], _ key: String, _ field: String, _ read: (JSONValue) -> T?, default value: T) throws -> (T, T) {
            guard let found = object[key] else { return (value, value) }
            guard let items = found.arrayValue, items.count == 2, let first = read(items[0]), let second = read(items[1]) else {
                throw fail("\(field).\(key)", "is \(found.summary)", "give a pair [x, y]")
            }
            return (first, second)
        }
        var nodes: [Truss.Node] = []
        for (k, value) in nodeValues.enumerated() {
            guard let object = value.objectValue else { throw fail("nodes[\(k)]", "is \(value.summary)", "give an object with x and y") }
            let fixed = try pair(object, "fixed", "nodes[\(k)]", { $0.boolValue }, default: false)
            let load = try pair(object, "load", "nodes[\(k)]", { $0.numberValue }, default: 0.0)
            nodes.append(Truss.Node(x: try number(object, "x", "nodes[\(k)]"), y: try number(object, "y", "nodes[\(k)]"),
                                    fixedX: fixed.0, fixedY: fixed.1, loadX: load.0, loadY: load.1))
        }
        var members: [Truss.Member] = []
        for (k, value) in memberValues.enumerated() {
            guard let object = value.objectValue else { throw fail("members[\(k)]", "is \(value.summary)", "give an object with start, end, youngs_modulus, area") }
            let start = try number(object, "start", "members[\(k)]"), end = try number(object, "end", "members[\(k)]")
            guard start == start.rounded(), end == end.rounded(), abs(start) < 1e9, abs(end) < 1e9 else {
                throw fail("members[\(k)]", "has node indices \(start), \(end)", "use whole node indices")
            }
            members.append(Truss.Member(start: Int(start), end: Int(end), youngsModulus: try number(object, "youngs_modulus", "members[\(k)]"),
                                        area: try number(object, "area", "members[\(k)]")))
        }
        let solution: Truss.Solution
        do {
            solution = try Truss(nodes: nodes, members: members).solve()
        } catch {
            throw FrontendError.invalidData(file: path, field: nil, problem: error.description, fix: "see the message")
        }
        var json = JSONWriter()
        json.raw("{\"displacements\": [")
        json.raw(solution.displacements.map { "[\($0.x), \($0.y)]" }.joined(separator: ", "))
        json.raw("],\n \"axial_forces\": "); json.numbers(solution.axialForces)
        json.raw(",\n \"stresses\": "); json.numbers(solution.stresses)
        json.raw(",\n \"reactions\": [")
        json.raw(solution.reactions.map { "[\($0.x), \($0.y)]" }.joined(separator: ", "))
        json.raw("]}\n")
        return json.text
    }
}
