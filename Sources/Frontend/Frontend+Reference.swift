import Exercises
import Foundation
import Grading
import JSONSupport

extension Frontend {
    /// `matgrade inputs EX [--seed S] -o DIR`: writes `DIR/<case>/input.json` for every public
    /// case (their fixed seeds) and, with `seed`, one instance of every hidden case generated
    /// from that seed (an instructor's preview; students' hidden inputs come from the course
    /// secret). Returns one line per file written.
    public static func writeInputs(course: Course, exerciseName: String, seed: UInt64?, outputFolder: String, workingDirectory: URL) throws -> String {
        let exercise = try course.exercise(named: exerciseName)
        let week = try Grader.week(for: exercise, course: course)
        let data = CourseData(dataFolder: course.exercisesFolder.appendingPathComponent("data"))
        let folder = URL(fileURLWithPath: outputFolder, relativeTo: workingDirectory).standardizedFileURL
        var lines: [String] = []
        var instances = exercise.publicCases.map { ($0, $0.seed ?? 0) }
        if let seed { instances += exercise.hiddenCases.map { ($0, seed) } }
        for (caseSpec, caseSeed) in instances {
            let input = try week.input(generator: caseSpec.generator, parametersJSON: caseSpec.parametersJSON, seed: caseSeed, data: data)
            let caseFolder = folder.appendingPathComponent(caseSpec.name)
            try FileManager.default.createDirectory(at: caseFolder, withIntermediateDirectories: true)
            let file = caseFolder.appendingPathComponent("input.json")
            try Data((JSONWriter.text(of: input) + "\n").utf8).write(to: file)
            lines.append("\(file.path) (\(caseSpec.visibility.rawValue) case \(caseSpec.name), seed \(caseSeed))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `matgrade reference EX --input F --output F`: the reference output.json for an input.
    public static func writeReference(course: Course, exerciseName: String, inputPath: String, outputPath: String, workingDirectory: URL) throws -> String {
        let exercise = try course.exercise(named: exerciseName)
        let week = try Grader.week(for: exercise, course: course)
        let inputURL = URL(fileURLWithPath: inputPath, relativeTo: workingDirectory)
        let data: Data
        do {
            data = try Data(contentsOf: inputURL)
        } catch {
            throw FrontendError.invalidOption(name: "--input", value: inputPath, reason: "cannot read it (\(error.localizedDescription))")
        }
        let input: JSONValue
        do {
            input = try JSONValue(parsing: data)
        } catch {
            throw FrontendError.invalidOption(name: "--input", value: inputPath, reason: "\(error)")
        }
        let output = try week.referenceOutput(for: input)
        let outputURL = URL(fileURLWithPath: outputPath, relativeTo: workingDirectory)
        try Data((JSONWriter.text(of: output) + "\n").utf8).write(to: outputURL)
        return "wrote \(outputURL.standardizedFileURL.path)\n"
    }
}
