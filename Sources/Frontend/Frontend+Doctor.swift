import Foundation
import Grading
import Sandbox

extension Frontend {
    /// `matgrade doctor`: what this machine offers the grader: the course folder, which
    /// isolation the sandbox uses and why, and the Python that submissions run with.
    public static func doctor(courseLookup: () throws -> Course) -> String {
        var lines = ["matgrade \(version)"]
        do {
            let course = try courseLookup()
            let exercises = (try? course.exerciseFolders().count) ?? 0
            lines.append("course: \(course.root.path) (\(exercises) exercise\(exercises == 1 ? "" : "s"))")
        } catch {
            lines.append("course: none found (\(error))")
        }
        lines.append(Isolation.detect().description)
        lines.append("python: \(pythonReport())")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The interpreter on PATH and whether numpy imports, from a short run of `python3`.
    static func pythonReport() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys; print(sys.executable, sys.version.split()[0]); import numpy; print('numpy', numpy.__version__)"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        do {
            try process.run()
        } catch {
            return "python3 not found on PATH; submissions need it (apt-get install python3)"
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let reported = text.split(separator: "\n").joined(separator: ", ")
        if process.terminationStatus != 0 {
            return "\(reported.isEmpty ? "python3" : reported): numpy does not import; run scripts/setup.sh (pip install numpy)"
        }
        return reported
    }
}
