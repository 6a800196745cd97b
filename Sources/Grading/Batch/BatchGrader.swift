import Foundation

/// Grades many students' submissions to one exercise, `jobs` at a time (DESIGN.md, "Scale":
/// one machine, `--jobs N` parallel sandboxes). Whatever a submission does, the batch goes
/// on: an unrunnable submission is graded zero with its reason, a grader failure on one
/// submission is recorded for the instructor and the others are still graded.
public struct BatchGrader: Sendable {
    public let grader: Grader
    /// The course secret for hidden cases; nil grades public cases only.
    public let secret: CourseSecret?
    public let referenceCache: ReferenceCache
    /// Submissions graded at the same time; >= 1.
    public let jobs: Int
    /// The public cases' inputs, made once for the whole batch.
    let publicInputs = PublicInputCache()

    public init(grader: Grader, secret: CourseSecret?, referenceCache: ReferenceCache, jobs: Int) {
        self.grader = grader
        self.secret = secret
        self.referenceCache = referenceCache
        self.jobs = max(1, jobs)
    }

    /// Grades `submissions`; `finished` is called (from any task) as each one is done, with
    /// how many are done so far. Returns the grades in the order of `submissions`.
    public func grade(
        _ submissions: [StudentSubmission], finished: @escaping @Sendable (StudentGrade, Int) -> Void = { _, _ in }
    ) async -> [StudentGrade] {
        var grades = [StudentGrade?](repeating: nil, count: submissions.count)
        await withTaskGroup(of: (Int, StudentGrade).self) { group in
            var next = 0
            var done = 0
            func startNext() {
                guard next < submissions.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await grade(submissions[index])) }
            }
            for _ in 0..<min(jobs, submissions.count) { startNext() }
            while let (index, grade) = await group.next() {
                grades[index] = grade
                done += 1
                finished(grade, done)
                startNext()
            }
        }
        return grades.compactMap { $0 }
    }

    /// Grades one submission; never throws: every failure is a ``StudentGrade/Status``.
    public func grade(_ submission: StudentSubmission) async -> StudentGrade {
        let start = Date()
        let hash = submission.problem != nil ? submission.archiveHash : try? ContentHash.ofFolder(submission.folder)
        let status: StudentGrade.Status
        let instances = secret.map { grader.allInstances(secret: $0, studentID: submission.studentID) } ?? grader.publicInstances
        if let problem = submission.problem {
            status = .unusable(reason: problem)
        } else if let reason = Self.unusableReason(submission.folder, command: grader.exercise.command) {
            status = .unusable(reason: reason)
        } else {
            do {
                status = .graded(try await grader.grade(
                    submission: submission.folder, instances: instances, referenceCache: referenceCache, publicInputs: publicInputs))
            } catch {
                status = .graderError(message: "\(error)")
            }
        }
        return StudentGrade(
            submission: submission, contentHash: hash, status: status, totalPoints: Self.availablePoints(rubric: grader.rubric, cases: instances.map(\.0)),
            gradedAt: Date(), wallSeconds: Date().timeIntervalSince(start))
    }

    /// The points a submission can earn on `cases`: the rubric's total when every check
    /// applies to some case (a full grade), less on public cases only.
    public static func availablePoints(rubric: RubricSpec, cases: [CaseSpec]) -> Double {
        rubric.checks.filter { check in cases.contains { check.applies(to: $0) } }.reduce(0) { $0 + $1.points }
    }

    /// Why the submission in `folder` cannot be run with `command`, or nil. The program file
    /// is the command's second word (`python3 solution.py`) or its only word.
    public static func unusableReason(_ folder: URL, command: [String]) -> String? {
        guard let program = command.count > 1 ? command[1] : command.first else { return nil }
        if command.count == 1, !program.hasPrefix("./") { return nil }
        let name = program.hasPrefix("./") ? String(program.dropFirst(2)) : program
        let path = folder.appendingPathComponent(name).path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue { return nil }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let seen = files.isEmpty ? "the submission is empty" : "it has: " + files.prefix(10).joined(separator: ", ") + (files.count > 10 ? ", ..." : "")
        return "there is no \(name) in the submission (\(seen)); the program must be named \(name)"
    }
}
