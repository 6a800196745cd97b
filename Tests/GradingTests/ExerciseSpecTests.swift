import Foundation
import Testing
@testable import Grading

@Suite("exercise.toml")
struct ExerciseSpecTests {
    static let valid = """
        id = "w06-crystal-graphs"
        week = 6
        title = "Construct and visualize graph representations of crystal structures"
        due = 2026-05-19T23:59:00+02:00

        [limits]
        wall_seconds = 20
        memory_mb = 1024

        [[output]]
        name = "edges"
        type = "array"
        description = "one row per edge"

        [[cases]]
        name = "silicon"
        visibility = "public"
        generator = "bundled-structure"
        seed = 1
        params = { structure = "Si", supercell = [2, 1, 1] }

        [[cases]]
        name = "rattled"
        visibility = "hidden"
        generator = "rattled-structure"
        count = 2
        """

    @Test("a valid file loads with defaults filled in")
    func loadsValidFile() throws {
        let spec = try ExerciseSpec.parse(text: Self.valid, path: "exercise.toml", folderName: "w06-crystal-graphs")
        #expect(spec.week == 6)
        #expect(spec.command == ["python3", "solution.py"])
        #expect(spec.limits.wallSeconds == 20)
        #expect(spec.limits.cpuSeconds == 30)
        #expect(spec.limits.memoryMegabytes == 1024)
        #expect(spec.outputFields == [OutputField(name: "edges", kind: .array, description: "one row per edge")])
        #expect(spec.publicCases.map(\.name) == ["silicon"])
        #expect(spec.hiddenCases.map(\.count) == [2])
        // 23:59 at +02:00 is 21:59 UTC.
        #expect(spec.due == ISO8601DateFormatter().date(from: "2026-05-19T21:59:00Z"))
        let parameters = try JSONSerialization.jsonObject(with: Data(spec.publicCases[0].parametersJSON.utf8)) as? [String: Any]
        #expect(parameters?["structure"] as? String == "Si")
        #expect(parameters?["supercell"] as? [Int] == [2, 1, 1])
    }

    struct Broken: CustomTestStringConvertible, Sendable {
        let name: String
        let replace: String
        let with: String
        let message: String
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "typo in a key", replace: "wall_seconds = 20", with: "wal_seconds = 20",
               message: "exercise.toml:7: unknown key 'wal_seconds' in [limits]; did you mean 'wall_seconds'? (known: cpu_seconds, memory_mb, output_kb, wall_seconds)"),
        Broken(name: "limit out of range", replace: "memory_mb = 1024", with: "memory_mb = 8",
               message: "exercise.toml:8: 'memory_mb' must be in [64, 65536] (got 8)"),
        Broken(name: "wrong type", replace: "wall_seconds = 20", with: "wall_seconds = \"20\"",
               message: "exercise.toml:7: 'wall_seconds' must be a number (got string \"20\")"),
        Broken(name: "id and folder differ", replace: "id = \"w06-crystal-graphs\"", with: "id = \"w06-graphs\"",
               message: "exercise.toml:1: 'id' is \"w06-graphs\" but the folder is \"w06-crystal-graphs\"; they must be the same"),
        Broken(name: "week disagrees with id", replace: "week = 6", with: "week = 7",
               message: "exercise.toml:2: 'week' is 7 but the id \"w06-crystal-graphs\" says week 06"),
        Broken(name: "due date without a time zone", replace: "due = 2026-05-19T23:59:00+02:00", with: "due = 2026-05-19T23:59:00",
               message: "exercise.toml:4: 'due' has no time zone; write it with an offset, such as 2026-05-19T23:59:00+02:00 or Z for UTC"),
        Broken(name: "public case without seed", replace: "seed = 1\n", with: "",
               message: "exercise.toml:15: public case 'silicon' needs a 'seed' so every student sees the same input"),
        Broken(name: "hidden case with a seed", replace: "count = 2", with: "count = 2\nseed = 4",
               message: "exercise.toml:27: hidden case 'rattled' must not have a 'seed': hidden inputs are seeded per student from MATGRADE_SECRET"),
        Broken(name: "bad visibility", replace: "visibility = \"hidden\"", with: "visibility = \"secret\"",
               message: "exercise.toml:24: 'visibility' must be \"public\" or \"hidden\" (got \"secret\")"),
        Broken(name: "duplicate case name", replace: "name = \"rattled\"", with: "name = \"silicon\"",
               message: "exercise.toml:23: case 'silicon' is defined twice; case names must be unique"),
        Broken(name: "unknown output type", replace: "type = \"array\"", with: "type = \"list\"",
               message: "exercise.toml:12: 'type' must be one of number, integer, string, boolean, array, object (got \"list\")"),
        Broken(name: "missing title", replace: "title = \"Construct and visualize graph representations of crystal structures\"\n", with: "",
               message: "exercise.toml: missing required key 'title' in the top level"),
        Broken(name: "TOML syntax error", replace: "week = 6", with: "week = ",
               message: "exercise.toml:2: TOML syntax error at column 8: Error while parsing key-value pair: expected value, saw '\\n'"),
    ]

    @Test("malformed files name the file, line, key, value and fix", arguments: broken)
    func rejects(_ broken: Broken) {
        #expect(Self.valid.contains(broken.replace), "test case does not apply: \(broken.replace)")
        let text = Self.valid.replacingOccurrences(of: broken.replace, with: broken.with)
        do {
            let spec = try ExerciseSpec.parse(text: text, path: "exercise.toml", folderName: "w06-crystal-graphs")
            Issue.record("expected an error, loaded \(spec.id)")
        } catch let error as SpecError {
            #expect(error.description == broken.message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("the line index places nested and array-of-table keys")
    func lineIndex() {
        let index = TOMLLineIndex(text: Self.valid)
        #expect(index.line(of: "limits.wall_seconds") == 7)
        #expect(index.line(of: "cases[1].count") == 26)
        #expect(index.line(of: "cases[0].params") == 20)
        #expect(index.line(of: "cases[0].params.structure") == 20)
        #expect(index.line(of: "output[0]") == 10)
    }
}
