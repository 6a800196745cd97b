import Exercises
import Foundation
import JSONSupport
import Sandbox

/// Grades one submission: for each case, the week's input and reference (Exercises), the
/// submission's run (``CaseRunner``), its runs on the invariance variants when the rubric
/// has an applicable `invariance` check, and the rubric's checks.
public struct Grader: Sendable {
    public let course: Course
    public let exercise: ExerciseSpec
    public let rubric: RubricSpec
    public let week: any WeekExercise
    public let runner: CaseRunner

    public init(course: Course, exercise: ExerciseSpec, rubric: RubricSpec, runner: CaseRunner) throws {
        let week = try Self.week(for: exercise, course: course)
        self.course = course
        self.exercise = exercise
        self.rubric = rubric
        self.week = week
        self.runner = runner
    }

    /// The week's input generators and reference solver for `exercise`.
    /// - Throws: ``SpecError`` when matgrade has none for it.
    public static func week(for exercise: ExerciseSpec, course: Course) throws -> any WeekExercise {
        guard let week = ExerciseRegistry.exercise(id: exercise.id) else {
            throw SpecError(
                path: course.folder(of: exercise).path, line: nil,
                message: "matgrade has no reference solver for '\(exercise.id)' (it has: \(ExerciseRegistry.ids.joined(separator: ", ")))")
        }
        return week
    }

    /// The public cases with their fixed seeds (what `matgrade check` runs).
    public var publicInstances: [(CaseSpec, Int, UInt64)] {
        exercise.publicCases.map { ($0, 0, $0.seed ?? 0) }
    }

    /// Every case instance a student is graded on: the public cases with their fixed seeds,
    /// then each hidden case's `count` instances seeded from `secret` and `studentID`.
    public func allInstances(secret: CourseSecret, studentID: String) -> [(CaseSpec, Int, UInt64)] {
        publicInstances + exercise.hiddenCases.flatMap { caseSpec in
            (0..<caseSpec.count).map { instance in
                (caseSpec, instance, secret.seed(exerciseID: exercise.id, studentID: studentID, caseName: caseSpec.name, instance: instance))
            }
        }
    }

    /// The reference output of `input`, from `cache` when given.
    public func reference(for input: JSONValue, cache: ReferenceCache?) async throws -> JSONValue {
        guard let cache else { return try week.referenceOutput(for: input) }
        let week = self.week
        return try await cache.reference(exerciseID: exercise.id, input: input) { try week.referenceOutput(for: $0) }
    }

    /// The input of a case instance, from `publicInputs` for a public case (the same for
    /// every student of a batch, so made once).
    public func input(for caseSpec: CaseSpec, seed: UInt64, publicInputs: PublicInputCache?) async throws -> JSONValue {
        guard caseSpec.visibility == .public, let publicInputs else { return try input(for: caseSpec, seed: seed) }
        return try await publicInputs.input(case: caseSpec.name, seed: seed) { try input(for: caseSpec, seed: seed) }
    }

    /// The input of a case instance.
    public func input(for caseSpec: CaseSpec, seed: UInt64) throws -> JSONValue {
        try week.input(
            generator: caseSpec.generator, parametersJSON: caseSpec.parametersJSON, seed: seed,
            data: CourseData(dataFolder: course.exercisesFolder.appendingPathComponent("data")))
    }

    /// Grades `submission` (a folder) on `instances` (case, instance number, seed).
    /// References come from `referenceCache` when given. `progress` is told each case label
    /// as it starts.
    public func grade(
        submission: URL, instances: [(CaseSpec, Int, UInt64)], referenceCache: ReferenceCache? = nil,
        publicInputs: PublicInputCache? = nil, progress: @Sendable (String) -> Void = { _ in }
    ) async throws -> SubmissionResult {
        let counts = SubmissionResult.caseCounts(rubric: rubric, instances: instances.map(\.0))
        var results: [CaseResult] = []
        for (caseSpec, instance, seed) in instances {
            let label = caseSpec.count > 1 ? "\(caseSpec.name)-\(instance + 1)" : caseSpec.name
            progress(label)
            let input = try await input(for: caseSpec, seed: seed, publicInputs: publicInputs)
            let reference = try await reference(for: input, cache: referenceCache)
            let run = try await runner.run(submission: submission, exercise: exercise, input: input, label: label)
            var transformed: [TransformedOutput] = []
            let needsVariants = rubric.checks.contains { $0.spec.kind == .invariance && $0.applies(to: caseSpec) }
            if needsVariants, run.output != nil {
                for variant in try week.invarianceVariants(of: input, seed: seed) {
                    let variantRun = try await runner.run(
                        submission: submission, exercise: exercise, input: variant.input, label: "\(label)-\(variant.name)")
                    transformed.append(TransformedOutput(
                        transformation: variant.name, output: variantRun.output ?? .null, indexMap: variant.siteOrder,
                        problem: variantRun.output == nil ? (variantRun.problem ?? "the program gave no usable output.json") : nil))
                }
            }
            let checks = try rubric.evaluate(caseSpec: caseSpec, run: run, reference: reference, transformed: transformed, caseCount: counts)
            results.append(CaseResult(caseSpec: caseSpec, instance: instance, run: run, checks: checks))
        }
        return SubmissionResult(exercise: exercise, rubric: rubric, cases: results)
    }
}

/// The inputs of public cases, made once per batch: every student gets the same ones.
public actor PublicInputCache {
    private var inputs: [String: JSONValue] = [:]

    public init() {}

    func input(case name: String, seed: UInt64, make: () throws -> JSONValue) throws -> JSONValue {
        let key = "\(name)\u{0}\(seed)"
        if let known = inputs[key] { return known }
        let input = try make()
        inputs[key] = input
        return input
    }
}
