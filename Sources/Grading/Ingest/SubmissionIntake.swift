import Foundation

/// Turns what an instructor was handed into one ``StudentSubmission`` per student:
///
/// - a folder with one folder per student (`SUBMISSIONS/<id>/solution.py`);
/// - a folder with one archive per student (`SUBMISSIONS/<id>.zip`, `.tar`, `.tar.gz`);
/// - Canvas's "Download Submissions" zip or its unpacked folder: files named
///   `<login>_[LATE_]<user id>_<submission id>_<file name>` (a resubmitted file gets `-1`,
///   `-2` before its extension, which is taken off again);
/// - Moodle's "Download all submissions" zip or folder: folders (or file-name prefixes)
///   `<Full Name>_<participant id>_assignsubmission_file_`;
/// - any of these inside one archive (`submissions.zip`), optionally under one top folder.
///
/// `students.csv` (beside the submissions or given explicitly; ``StudentRoster``) maps the
/// LMS's numbers to student ids and carries names and emails.
///
/// Submission times (for late penalties) come only from where the hand-in was recorded:
/// `submissions.csv` (columns `student`, optionally `exercise`, and `submitted_at` in ISO 8601,
/// as an LMS exports it), else the modification time an LMS download gives its files (Canvas
/// and Moodle names). A plain folder or a student's own archive carries no trustworthy time
/// (copying, git and the student's clock set it), so without `submissions.csv` it is never
/// late; its files' times only decide which of two submissions of a student is newer.
///
/// Untrusted archives are unpacked by ``ArchiveExtractor`` into `staging`; one that cannot
/// be unpacked safely becomes a submission with a ``StudentSubmission/problem``, graded zero
/// with that reason, while the batch goes on. When a student has several submissions (a
/// folder and an archive, say), the newest counts and the others are named in `notes`.
public enum SubmissionIntake {
    public struct Result: Sendable {
        public var submissions: [StudentSubmission]
        /// Entries that are not submissions, with the reason.
        public var skipped: [(name: String, reason: String)]
        /// Things the instructor should know (duplicates resolved, ids not in the roster).
        public var notes: [String]
        public var roster: StudentRoster?

        public init(submissions: [StudentSubmission] = [], skipped: [(name: String, reason: String)] = [], notes: [String] = [], roster: StudentRoster? = nil) {
            self.submissions = submissions
            self.skipped = skipped
            self.notes = notes
            self.roster = roster
        }
    }

    static var moodleFolder: Regex<(Substring, Substring, Substring)> { /(.+)_(\d+)_assignsubmission_[a-z]+_?/ }
    static var moodleFile: Regex<(Substring, Substring, Substring, Substring)> { /(.+)_(\d+)_assignsubmission_[a-z]+_(.+)/ }
    static var canvasFile: Regex<(Substring, Substring, Substring?, Substring, Substring, Substring)> { /([a-z0-9\-]+)_(LATE_)?(\d+)_(\d+)_(.+)/ }
    static let ignoredNames: Set<String> = ["students.csv", "submissions.csv", "__MACOSX", "Thumbs.db"]

    /// The submissions to one exercise found at `path` (a folder or an archive).
    /// - Parameters:
    ///   - program: the exercise's program file (`solution.py`), to tell a single submission
    ///     handed by mistake from a folder of them.
    ///   - staging: a private folder (made if missing) where archives are unpacked and LMS
    ///     files regrouped; the caller removes it.
    ///   - exercise: the exercise id, for `submissions.csv` rows that name one.
    /// - Throws: ``GradingError/invalidSubmissions(path:reason:)`` when `path` as a whole is
    ///   unusable (missing, an archive that cannot be unpacked safely, no submissions).
    public static func collect(
        _ path: URL, program: String, exercise: String, staging: URL, roster explicitRoster: URL? = nil
    ) throws(GradingError) -> Result {
        let (root, prefix) = try openRoot(path, staging: staging)
        let roster = try loadRoster(explicit: explicitRoster, root: root)
        let times = try SubmissionTimes.load(root.appendingPathComponent("submissions.csv"))
        var result = try collectStudents(in: root, sourcePrefix: prefix, program: program, staging: staging.appendingPathComponent("students"), roster: roster)
        for index in result.submissions.indices {
            if let time = times?.time(student: result.submissions[index].studentID, exercise: exercise) {
                result.submissions[index].submittedAt = time
            }
        }
        guard !result.submissions.isEmpty else {
            throw .invalidSubmissions(path: path.path, reason: "holds no submissions (one folder or archive per student, named by the student id, or an LMS download)")
        }
        return result
    }

    /// `grade --all`: one folder (or archive) per student, each holding one folder (or
    /// archive) per exercise, named by the exercise id or its week (`w06`). Returns, per
    /// exercise id, its submissions; students without one are listed in the result's notes
    /// as missing.
    public static func collectCourse(
        _ path: URL, exercises: [ExerciseSpec], staging: URL, roster explicitRoster: URL? = nil
    ) throws(GradingError) -> [String: Result] {
        let (root, prefix) = try openRoot(path, staging: staging)
        let roster = try loadRoster(explicit: explicitRoster, root: root)
        let times = try SubmissionTimes.load(root.appendingPathComponent("submissions.csv"))
        // Students as folders: any program name would do, none sits at the top.
        let students = try collectStudents(in: root, sourcePrefix: prefix, program: "\u{0}", staging: staging.appendingPathComponent("students"), roster: roster)
        var results: [String: Result] = [:]
        for exercise in exercises {
            results[exercise.id] = Result(submissions: [], skipped: [], notes: [], roster: roster)
        }
        let manager = FileManager.default
        for student in students.submissions {
            if let problem = student.problem {
                for exercise in exercises {
                    var submission = student
                    submission.problem = problem
                    results[exercise.id]?.submissions.append(submission)
                }
                continue
            }
            let names = ((try? manager.contentsOfDirectory(atPath: student.folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            for exercise in exercises {
                let weekPrefix = String(format: "w%02d", exercise.week)
                let matches = names.filter { name in
                    let base = ArchiveExtractor.isArchive(name) ? stripArchiveExtension(name) : name
                    return base == exercise.id || base == weekPrefix
                }
                // Several entries for one exercise (w06/ and w06-crystal-graphs.zip): the newest counts.
                let ordered = matches.sorted().sorted { first, second in
                    entryTime(student.folder.appendingPathComponent(first)) < entryTime(student.folder.appendingPathComponent(second))
                }
                guard let chosen = ordered.last else {
                    results[exercise.id]?.notes.append("\(student.studentID): no \(exercise.id) submission (missing)")
                    continue
                }
                if matches.count > 1 {
                    results[exercise.id]?.notes.append("\(student.studentID): several \(exercise.id) entries (\(matches.sorted().joined(separator: ", "))); graded the newest, \(chosen)")
                }
                let entry = student.folder.appendingPathComponent(chosen)
                var submission = StudentSubmission(studentID: student.studentID, folder: entry)
                submission.name = student.name
                submission.email = student.email
                submission.source = student.source + "/" + chosen
                if ArchiveExtractor.isArchive(chosen) {
                    let target = staging.appendingPathComponent("exercises").appendingPathComponent(exercise.id)
                    try? manager.createDirectory(at: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                    submission = unpack(entry, as: submission, into: target.appendingPathComponent(safeName(student.studentID)))
                    submission.submittedAt = student.submittedAt
                } else {
                    var isFolder: ObjCBool = false
                    guard manager.fileExists(atPath: entry.path, isDirectory: &isFolder), isFolder.boolValue else {
                        results[exercise.id]?.notes.append("\(student.studentID): \(chosen) is not a folder or an archive; not graded")
                        continue
                    }
                    submission.submittedAt = student.submittedAt
                }
                if let time = times?.time(student: student.studentID, exercise: exercise.id) { submission.submittedAt = time }
                results[exercise.id]?.submissions.append(submission)
            }
        }
        for key in results.keys {
            results[key]?.skipped = students.skipped
            results[key]?.notes.insert(contentsOf: students.notes, at: 0)
        }
        return results
    }

    // MARK: - Finding students

    /// The folder to look in: `path` itself, or the unpacked archive `path`; descends into a
    /// single top folder (an archive of `submissions/`). Also how sources under it are named
    /// (the folder's path, or the archive's followed by `: `).
    static func openRoot(_ path: URL, staging: URL) throws(GradingError) -> (URL, String) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .invalidSubmissions(path: staging.path, reason: "cannot make the staging folder (\(error.localizedDescription))")
        }
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path.path, isDirectory: &isFolder) else {
            throw .invalidSubmissions(path: path.path, reason: "does not exist; give the folder or archive of submissions")
        }
        var root = path
        var prefix = path.path + "/"
        if !isFolder.boolValue {
            prefix = path.path + ": "
            guard ArchiveExtractor.isArchive(path.lastPathComponent) else {
                throw .invalidSubmissions(path: path.path, reason: "is a file but not an archive (.zip, .tar, .tar.gz); give a folder of submissions or an archive of them")
            }
            root = staging.appendingPathComponent("bulk")
            do {
                try ArchiveExtractor.extract(path, into: root, limits: ArchiveLimits(maximumEntries: 200_000, maximumTotalBytes: 8 << 30, maximumFileBytes: 1 << 30))
            } catch {
                throw .invalidSubmissions(path: path.path, reason: "cannot be unpacked safely: \(error.description)")
            }
        }
        while true {
            let names = ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") && !ignoredNames.contains($0) }
            guard names.count == 1 else { break }
            let only = root.appendingPathComponent(names[0])
            let nextPrefix = prefix + names[0] + "/"
            let values = try? only.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            guard values?.isDirectory == true, values?.isSymbolicLink != true,
                  !names[0].contains("_assignsubmission_"),
                  // A lone student folder is a folder of submissions only if it holds folders or archives.
                  containsOnlyContainers(only)
            else { break }
            root = only
            prefix = nextPrefix
        }
        return (root, prefix)
    }

    private static func containsOnlyContainers(_ folder: URL) -> Bool {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") && !ignoredNames.contains($0) }
        return !names.isEmpty && names.allSatisfy { name in
            if ArchiveExtractor.isArchive(name) || name.wholeMatch(of: canvasFile) != nil { return true }
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
                && name.wholeMatch(of: ExerciseSpec.idPattern) == nil
        }
    }

    static func loadRoster(explicit: URL?, root: URL) throws(GradingError) -> StudentRoster? {
        if let explicit { return try StudentRoster.load(explicit) }
        let beside = root.appendingPathComponent("students.csv")
        return FileManager.default.fileExists(atPath: beside.path) ? try StudentRoster.load(beside) : nil
    }

    /// One candidate submission of a student, before the newest is chosen.
    private struct Candidate {
        enum Kind { case folder(URL), archive(URL), files([(URL, String)]) }
        var kind: Kind
        var source: String
        /// For choosing the newest of several.
        var time: Date?
        var name: String?
        /// When the LMS recorded the hand-in (its download's file time); nil for plain folders and archives.
        var handIn: Date? = nil
    }

    private static func collectStudents(in root: URL, sourcePrefix: String, program: String, staging: URL, roster: StudentRoster?) throws(GradingError) -> Result {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: root.path).sorted()
        } catch {
            throw .invalidSubmissions(path: root.path, reason: "cannot be listed (\(error.localizedDescription))")
        }
        if names.contains(program) {
            throw .invalidSubmissions(
                path: root.path,
                reason: "holds \(program) itself, so it is one submission, not a folder of them; put it in a folder named by the student id (SUBMISSIONS/<student>/\(program)), or run matgrade check on it")
        }
        var skipped: [(String, String)] = []
        var notes: [String] = []
        var candidates: [String: [Candidate]] = [:]
        var canvasGroups: [String: Candidate] = [:]
        var unknownLMS = Set<String>()

        func studentID(lms: String, fallbackName: String?) -> (String, String?) {
            if let known = roster?.student(lmsID: lms) { return (known.id, known.name ?? fallbackName) }
            if roster != nil { unknownLMS.insert(lms) }
            return (lms, fallbackName)
        }

        for name in names where !name.hasPrefix(".") && !ignoredNames.contains(name) {
            let entry = root.appendingPathComponent(name)
            let values = try? entry.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey, .isRegularFileKey])
            if values?.isSymbolicLink == true {
                skipped.append((name, "a symbolic link; a submission is a real folder or archive"))
            } else if values?.isDirectory == true {
                if let match = name.wholeMatch(of: moodleFolder) {
                    let (id, person) = studentID(lms: String(match.output.2), fallbackName: String(match.output.1))
                    let time = newestModification(in: entry)
                    candidates[id, default: []].append(Candidate(kind: .folder(entry), source: name, time: time, name: person, handIn: time))
                } else {
                    candidates[name, default: []].append(Candidate(kind: .folder(entry), source: name, time: newestModification(in: entry), name: nil))
                }
            } else if values?.isRegularFile == true {
                let time = modificationTime(entry)
                if let match = name.wholeMatch(of: canvasFile) {
                    let (id, _) = studentID(lms: String(match.output.3), fallbackName: nil)
                    let original = canvasOriginalName(String(match.output.5))
                    if ArchiveExtractor.isArchive(original) {
                        candidates[id, default: []].append(Candidate(kind: .archive(entry), source: name, time: time, name: nil, handIn: time))
                    } else {
                        var group = canvasGroups[id] ?? Candidate(kind: .files([]), source: name, time: time, name: nil)
                        if case .files(var files) = group.kind {
                            files.append((entry, original))
                            group.kind = .files(files)
                        }
                        group.time = max(group.time ?? .distantPast, time ?? .distantPast)
                        group.handIn = group.time
                        canvasGroups[id] = group
                    }
                } else if let match = name.wholeMatch(of: moodleFile) {
                    let (id, person) = studentID(lms: String(match.output.2), fallbackName: String(match.output.1))
                    let original = String(match.output.3)
                    if ArchiveExtractor.isArchive(original) {
                        candidates[id, default: []].append(Candidate(kind: .archive(entry), source: name, time: time, name: person, handIn: time))
                    } else {
                        var group = canvasGroups[id] ?? Candidate(kind: .files([]), source: name, time: time, name: person)
                        if case .files(var files) = group.kind {
                            files.append((entry, original))
                            group.kind = .files(files)
                        }
                        group.time = max(group.time ?? .distantPast, time ?? .distantPast)
                        group.handIn = group.time
                        canvasGroups[id] = group
                    }
                } else if ArchiveExtractor.isArchive(name) {
                    candidates[stripArchiveExtension(name), default: []].append(Candidate(kind: .archive(entry), source: name, time: time, name: nil))
                } else {
                    skipped.append((name, "a loose file; a submission is a folder or an archive named by the student id, or an LMS download"))
                }
            } else {
                skipped.append((name, "not a regular file or folder"))
            }
        }
        for (id, group) in canvasGroups { candidates[id, default: []].append(group) }
        if !unknownLMS.isEmpty {
            notes.append("LMS ids not in students.csv, used as student ids: \(unknownLMS.sorted().joined(separator: ", "))")
        }

        var submissions: [StudentSubmission] = []
        try? FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for id in candidates.keys.sorted() {
            let options = candidates[id]!.sorted { ($0.time ?? .distantPast, $0.source) < ($1.time ?? .distantPast, $1.source) }
            let chosen = options.last!
            if options.count > 1 {
                notes.append("\(id): \(options.count) submissions (\(options.map(\.source).joined(separator: ", "))); graded the newest, \(chosen.source)")
            }
            var submission: StudentSubmission
            let target = staging.appendingPathComponent(safeName(id))
            switch chosen.kind {
            case .folder(let folder):
                submission = StudentSubmission(studentID: id, folder: folder)
            case .archive(let archive):
                submission = unpack(archive, as: StudentSubmission(studentID: id, folder: target), into: target)
            case .files(let files):
                submission = StudentSubmission(studentID: id, folder: target)
                do {
                    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                    for (file, original) in files.sorted(by: { $0.0.lastPathComponent < $1.0.lastPathComponent }) {
                        let destination = target.appendingPathComponent(original)
                        try? FileManager.default.removeItem(at: destination)  // a later resubmission wins
                        try FileManager.default.copyItem(at: file, to: destination)
                    }
                } catch {
                    submission.problem = "the LMS files \(chosen.source) could not be copied (\(error.localizedDescription))"
                }
            }
            submission.source = sourcePrefix + chosen.source
            submission.submittedAt = chosen.handIn
            let known = roster?.student(id: id)
            submission.name = known?.name ?? chosen.name
            submission.email = known?.email
            if roster != nil, known == nil { notes.append("\(id): not in students.csv") }
            submissions.append(submission)
        }
        return Result(submissions: submissions, skipped: skipped, notes: notes, roster: roster)
    }

    /// `submission` with its folder the unpacked `archive` (or, when it cannot be unpacked
    /// safely, an empty folder and the reason as its problem).
    static func unpack(_ archive: URL, as submission: StudentSubmission, into target: URL) -> StudentSubmission {
        var result = submission
        result.folder = target
        result.archiveHash = try? ContentHash.ofFile(archive)
        do {
            let extracted = try ArchiveExtractor.extract(archive, into: target)
            if extracted.files.isEmpty { result.problem = "the archive \(archive.lastPathComponent) holds no files" }
            // A single top folder in the archive (solution/solution.py) is the submission itself.
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []).filter { !$0.hasPrefix(".") && $0 != "__MACOSX" }
            if names.count == 1 {
                let only = target.appendingPathComponent(names[0])
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: only.path, isDirectory: &isFolder), isFolder.boolValue { result.folder = only }
            }
        } catch {
            try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            result.problem = "the archive was not unpacked: \(error.description)"
        }
        return result
    }

    /// Canvas appends `-1`, `-2`, ... before the extension of a resubmitted file.
    static func canvasOriginalName(_ name: String) -> String {
        guard let match = name.wholeMatch(of: /(.+)-\d+(\.[A-Za-z0-9]+)/) else { return name }
        return String(match.output.1) + String(match.output.2)
    }

    static func stripArchiveExtension(_ name: String) -> String {
        let lower = name.lowercased()
        for suffix in ArchiveExtractor.extensions.sorted(by: { $0.count > $1.count }) where lower.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// A student id as a file name: letters, digits, `.`, `-`, `_` kept, others `_`.
    static func safeName(_ id: String) -> String {
        let kept = id.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) ? String($0) : "_" }.joined()
        return kept.hasPrefix(".") || kept.isEmpty ? "_" + kept : kept
    }

    /// A folder's newest file time or a file's own, for ordering; the distant past if none.
    static func entryTime(_ url: URL) -> Date {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        return (isFolder.boolValue ? newestModification(in: url) : modificationTime(url)) ?? .distantPast
    }

    static func modificationTime(_ url: URL) -> Date? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        return Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9)
    }

    /// The newest modification time of the regular files under `folder` (at most 2,000 looked at).
    static func newestModification(in folder: URL) -> Date? {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey]) else { return nil }
        var newest: Date?
        var count = 0
        for case let file as URL in walker {
            count += 1
            if count > 2000 { break }
            guard let values = try? file.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey]),
                  values.isRegularFile == true, let date = values.contentModificationDate else { continue }
            newest = max(newest ?? date, date)
        }
        return newest
    }
}

/// `submissions.csv`: when each student submitted (columns `student`, optionally
/// `exercise`, and `submitted_at` in ISO 8601 with a time zone, as LMS exports give it).
struct SubmissionTimes {
    private var times: [String: Date] = [:]

    static func load(_ url: URL) throws(GradingError) -> SubmissionTimes? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let table = try CSVTable.load(url)
        guard let student = table.column(["student", "student_id", "id"]), let time = table.column(["submitted_at", "submitted", "time"]) else {
            throw .invalidSubmissions(path: url.path, reason: "needs the columns student and submitted_at (header: \(table.header.joined(separator: ",")))")
        }
        let exercise = table.column(["exercise", "exercise_id"])
        var result = SubmissionTimes()
        let formatter = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for row in table.rows {
            let text = row.fields[time]
            guard let date = formatter.date(from: text) ?? fractional.date(from: text) else {
                throw .invalidSubmissions(path: url.path, reason: "line \(row.line): submitted_at '\(text)' is not an ISO 8601 time with a zone, such as 2026-05-26T09:59:00+02:00")
            }
            let key = row.fields[student] + "\u{0}" + (exercise.map { row.fields[$0] } ?? "")
            result.times[key] = date
        }
        return result
    }

    func time(student: String, exercise: String) -> Date? {
        times[student + "\u{0}" + exercise] ?? times[student + "\u{0}"]
    }
}
