import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade list`, `show` and `init` on a small course made in a temp folder.
@Suite("matgrade list, show, init (end to end)")
struct ExerciseCommandTests {
    /// A course folder with one exercise (the real week-6 exercise.toml), a starter file and
    /// a rubric; removed when the test ends.
    struct TemporaryCourse {
        let root: URL

        init(rubric: String? = nil) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-course-\(UUID().uuidString)")
            let exercise = root.appendingPathComponent("exercises/w06-crystal-graphs")
            try FileManager.default.createDirectory(at: exercise.appendingPathComponent("starter"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("rubrics"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("exercises/w06-crystal-graphs/exercise.toml"),
                to: exercise.appendingPathComponent("exercise.toml"))
            try "# the task\n".write(to: exercise.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
            try "print('hello')\n".write(to: exercise.appendingPathComponent("starter/solution.py"), atomically: true, encoding: .utf8)
            if let rubric {
                try rubric.write(to: root.appendingPathComponent("rubrics/w06-crystal-graphs.toml"), atomically: true, encoding: .utf8)
            }
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test("list shows the exercise as a table and as JSON")
    func list() throws {
        let course = try TemporaryCourse()
        defer { course.remove() }
        let table = try MatgradeProcess.run(["list"], in: course.root)
        #expect(table.status == 0, "\(table)")
        #expect(table.standardOutput.contains("w06-crystal-graphs"), "\(table)")
        #expect(table.standardOutput.contains("no rubric"), "\(table)")
        let json = try MatgradeProcess.run(["list", "--format", "json", "--course", course.root.path])
        #expect(json.status == 0, "\(json)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.first?["week"] as? Int == 6)
        #expect(rows.first?["due"] as? String == "2026-05-26T08:00:00Z")
    }

    @Test("show finds an exercise by its week and prints the task and its cases")
    func show() throws {
        let course = try TemporaryCourse(rubric: """
            exercise = "w06-crystal-graphs"
            total = 10
            [[check]]
            id = "edges"
            title = "Edges"
            field = "edges"
            comparator = "permutation"
            points = 10
            """)
        defer { course.remove() }
        let result = try MatgradeProcess.run(["show", "6"], in: course.root)
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.hasPrefix("# the task"), "\(result)")
        #expect(result.standardOutput.contains("checks (10 points)"), "\(result)")
    }

    @Test("init copies the starter and never overwrites")
    func initCopiesStarter() throws {
        let course = try TemporaryCourse()
        defer { course.remove() }
        let first = try MatgradeProcess.run(["init", "w06-crystal-graphs", "work"], in: course.root)
        #expect(first.status == 0, "\(first)")
        let copied = try String(contentsOf: course.root.appendingPathComponent("work/solution.py"), encoding: .utf8)
        #expect(copied == "print('hello')\n")
        let second = try MatgradeProcess.run(["init", "w06-crystal-graphs", "work"], in: course.root)
        #expect(second.status == 2, "\(second)")
        #expect(second.standardError.contains("solution.py already exists"), "\(second)")
    }

    @Test("outside a course, or with an unknown exercise, the error says what to do")
    func errors() throws {
        let outside = try MatgradeProcess.run(["list"], in: FileManager.default.temporaryDirectory)
        #expect(outside.status == 2, "\(outside)")
        #expect(outside.standardError.contains("pass --course DIR or set MATGRADE_COURSE"), "\(outside)")
        let course = try TemporaryCourse()
        defer { course.remove() }
        let unknown = try MatgradeProcess.run(["show", "w99-nothing"], in: course.root)
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.standardError.contains("no exercise 'w99-nothing'; known: w06-crystal-graphs"), "\(unknown)")
    }
}

@Suite("matgrade doctor (end to end)")
struct DoctorCommandTests {
    @Test("doctor names the course, the isolation in use and the Python")
    func doctor() throws {
        let result = try MatgradeProcess.run(["doctor"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("course: \(RepositoryPaths.root.standardizedFileURL.path)"), "\(result)")
        #expect(result.standardOutput.contains("isolation: "), "\(result)")
        #expect(result.standardOutput.contains("python: "), "\(result)")
    }
}
