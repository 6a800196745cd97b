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
        let solution: Truss.Solution
        do {
            solution = try Truss(json: document).solve()
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
