import Foundation

/// One student's submission to one exercise, as `grade EX SUBMISSIONS` finds it: a folder
/// `SUBMISSIONS/<student id>/` holding the program, or what ``SubmissionIntake`` made of an
/// archive or an LMS download.
public struct StudentSubmission: Sendable, Equatable {
    /// The student id: the folder's name, or the id `students.csv` gives an LMS number.
    public let studentID: String
    /// The files to run (for archives, where they were unpacked).
    public var folder: URL
    /// When the student submitted, if known (``SubmissionIntake``); late penalties count from it.
    public var submittedAt: Date?
    /// What the instructor was handed: the folder's path, or the archive or LMS file it came
    /// from (`bulk.zip: doejohn_123_456_solution.py`); the gradebook keeps it.
    public var source: String
    /// Why the submission could not be taken in (an archive refused as unsafe): it is graded
    /// zero with this reason, in words the student can act on.
    public var problem: String?
    /// From `students.csv`, or the name an LMS download puts in its file names.
    public var name: String?
    public var email: String?
    /// SHA-256 of the archive the submission came from, when it could not be unpacked (its
    /// content fingerprint then).
    public var archiveHash: String?

    public init(studentID: String, folder: URL) {
        self.studentID = studentID
        self.folder = folder
        self.source = folder.path
    }

    /// The submissions in `folder`: one per subfolder, sorted by student id. Hidden entries
    /// (`.git`) are ignored; other files are returned as `skipped` with the reason, so the
    /// caller can say what it left out.
    /// - Throws: ``GradingError/invalidSubmissions(path:reason:)`` when `folder` is not a
    ///   folder, holds no submission folder, or is itself one submission.
    public static func discover(in folder: URL, program: String) throws(GradingError) -> (submissions: [StudentSubmission], skipped: [(name: String, reason: String)]) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .invalidSubmissions(path: folder.path, reason: "not a folder; give the folder that holds one folder per student")
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw .invalidSubmissions(path: folder.path, reason: "cannot be listed (\(error.localizedDescription))")
        }
        if names.contains(program) {
            throw .invalidSubmissions(
                path: folder.path,
                reason: "holds \(program) itself, so it is one submission, not a folder of them; put it in a folder named by the student id (SUBMISSIONS/<student>/\(program)), or run matgrade check on it")
        }
        var submissions: [StudentSubmission] = []
        var skipped: [(String, String)] = []
        for name in names where !name.hasPrefix(".") {
            let entry = folder.appendingPathComponent(name)
            let values = try? entry.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            if values?.isSymbolicLink == true {
                skipped.append((name, "a symbolic link; a submission is a real folder"))
            } else if values?.isDirectory == true {
                submissions.append(StudentSubmission(studentID: name, folder: entry))
            } else {
                skipped.append((name, "not a folder; a submission is a folder named by the student id"))
            }
        }
        guard !submissions.isEmpty else {
            throw .invalidSubmissions(path: folder.path, reason: "holds no submission folders (one folder per student, named by the student id)")
        }
        return (submissions, skipped)
    }
}

/// The grade of one student's submission, whatever happened to it.
public struct StudentGrade: Sendable {
    public enum Status: Sendable {
        /// Every case ran (or failed in a way the report explains) and was checked.
        case graded(SubmissionResult)
        /// The submission cannot be run at all (no program file, empty folder): zero points
        /// and the reason, in words the student understands.
        case unusable(reason: String)
        /// The grader failed on this submission (a reference or rubric error): the
        /// instructor must fix it and regrade; the batch went on.
        case graderError(message: String)
    }

    public let submission: StudentSubmission
    /// SHA-256 of the submission's files (``ContentHash/ofFolder(_:)``); nil if unreadable.
    public let contentHash: String?
    public let status: Status
    /// The points this grading could award: the rubric's total, or less when only public cases ran.
    public let totalPoints: Double
    /// When grading of this submission finished.
    public let gradedAt: Date
    /// Time spent grading it (all its runs and checks), seconds.
    public let wallSeconds: Double

    public init(submission: StudentSubmission, contentHash: String?, status: Status, totalPoints: Double, gradedAt: Date, wallSeconds: Double) {
        self.submission = submission
        self.contentHash = contentHash
        self.status = status
        self.totalPoints = totalPoints
        self.gradedAt = gradedAt
        self.wallSeconds = wallSeconds
    }

    public var studentID: String { submission.studentID }

    /// Points earned (0 unless graded).
    public var points: Double {
        if case .graded(let result) = status { return result.points }
        return 0
    }

    /// The graded result, if any.
    public var result: SubmissionResult? {
        if case .graded(let result) = status { return result }
        return nil
    }

    /// True when graded and every automatic check passed.
    public var allPassed: Bool { result?.allPassed ?? false }
}
