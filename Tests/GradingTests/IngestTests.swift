import Foundation
import Glibc
import Testing
@testable import Grading

/// A scratch folder for one test, with Python (which the test machine has, as the sample
/// submissions need it) writing the hostile archives, whose entries no ordinary archiver makes.
private struct Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func url(_ name: String) -> URL { root.appendingPathComponent(name) }

    func write(_ name: String, _ text: String, modified: Date? = nil) throws {
        let file = url(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path) }
    }

    /// Runs a Python snippet in the scratch folder.
    func python(_ code: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code]
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python failed: \(code)")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Everything under the scratch folder except `except`, to show nothing escaped.
    func entries() -> Set<String> {
        Set((FileManager.default.subpaths(atPath: root.path) ?? []))
    }
}

@Suite("Archives: hostile entries are refused with a clear reason, nothing is written outside")
struct ArchiveExtractorTests {
    @Test func aPlainZipAndTarGzUnpackWithFoldersAndTimes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.python("""
            import zipfile, tarfile, io, time
            z = zipfile.ZipFile('ok.zip', 'w', zipfile.ZIP_DEFLATED)
            z.writestr(zipfile.ZipInfo('solution.py', date_time=(2026, 5, 20, 12, 0, 0)), 'print(1)\\n')
            z.writestr('lib/helpers.py', 'x = 1\\n')
            z.close()
            t = tarfile.open('ok.tar.gz', 'w:gz')
            data = b'print(2)\\n'
            info = tarfile.TarInfo('submission/solution.py'); info.size = len(data); info.mtime = 1779000000
            t.addfile(info, io.BytesIO(data)); t.close()
            """)
        let zip = try ArchiveExtractor.extract(scratch.url("ok.zip"), into: scratch.url("ok"))
        #expect(zip.files == ["solution.py", "lib/helpers.py"])
        #expect(try String(contentsOf: scratch.url("ok/lib/helpers.py"), encoding: .utf8) == "x = 1\n")
        let tar = try ArchiveExtractor.extract(scratch.url("ok.tar.gz"), into: scratch.url("tgz"))
        #expect(tar.files == ["submission/solution.py"])
        #expect(tar.newestModification == Date(timeIntervalSince1970: 1_779_000_000))
    }

    /// Each hostile archive, the kind of problem it must give and a phrase of the message.
    static let hostile: [(name: String, python: String, kind: ArchiveProblem.Kind, phrase: String)] = [
        ("slip.zip", "import zipfile; z = zipfile.ZipFile('slip.zip', 'w'); z.writestr('solution.py', 'x'); z.writestr('../../escaped.txt', 'gotcha'); z.close()",
         .pathTraversal, "path traversal"),
        ("absolute.tar", "import tarfile, io; t = tarfile.open('absolute.tar', 'w'); i = tarfile.TarInfo('/tmp/matgrade-absolute-escape'); i.size = 1; t.addfile(i, io.BytesIO(b'x')); t.close()",
         .absolutePath, "absolute path"),
        ("symlink.tar", "import tarfile; t = tarfile.open('symlink.tar', 'w'); i = tarfile.TarInfo('shadow'); i.type = tarfile.SYMTYPE; i.linkname = '/etc/shadow'; t.addfile(i); t.close()",
         .linkOutside, "outside the archive"),
        ("climbing-link.tar", "import tarfile; t = tarfile.open('climbing-link.tar', 'w'); i = tarfile.TarInfo('a/up'); i.type = tarfile.SYMTYPE; i.linkname = '../../..'; t.addfile(i); t.close()",
         .linkOutside, "outside the archive"),
        ("hardlink.tar", "import tarfile; t = tarfile.open('hardlink.tar', 'w'); i = tarfile.TarInfo('passwd'); i.type = tarfile.LNKTYPE; i.linkname = '/etc/passwd'; t.addfile(i); t.close()",
         .linkOutside, "hard link"),
        ("device.tar", "import tarfile; t = tarfile.open('device.tar', 'w'); i = tarfile.TarInfo('null'); i.type = tarfile.CHRTYPE; i.devmajor = 1; i.devminor = 3; t.addfile(i); t.close()",
         .specialFile, "character device"),
        ("fifo.tar", "import tarfile; t = tarfile.open('fifo.tar', 'w'); i = tarfile.TarInfo('pipe'); i.type = tarfile.FIFOTYPE; t.addfile(i); t.close()",
         .specialFile, "named pipe"),
        ("bomb.zip", "import zipfile; z = zipfile.ZipFile('bomb.zip', 'w', zipfile.ZIP_DEFLATED); z.writestr('solution.py', 'x'); z.writestr('zeros.bin', b'\\0' * (60 << 20)); z.close()",
         .compressionBomb, "compression bomb"),
        ("many.zip", "import zipfile; z = zipfile.ZipFile('many.zip', 'w'); [z.writestr(f'f{i}.txt', '') for i in range(2100)]; z.close()",
         .tooManyEntries, "more than 2000 entries"),
        ("duplicate.zip", "import zipfile, warnings; warnings.simplefilter('ignore'); z = zipfile.ZipFile('duplicate.zip', 'w'); z.writestr('solution.py', 'a'); z.writestr('solution.py', 'b'); z.close()",
         .duplicateName, "appears twice"),
        ("latin1.tar", "import tarfile, io; t = tarfile.open('latin1.tar', 'w', format=tarfile.GNU_FORMAT, encoding='latin-1'); i = tarfile.TarInfo('caf\\xe9.py'); i.size = 1; t.addfile(i, io.BytesIO(b'x')); t.close()",
         .nonUTF8Name, "not valid UTF-8"),
        ("notanarchive.zip", "open('notanarchive.zip', 'w').write('hello, this is not a zip file at all' * 10)",
         .unreadable, "cannot be read as an archive"),
    ]

    @Test(arguments: hostile.indices)
    func aHostileArchiveIsRefusedAndLeavesNothing(index: Int) throws {
        let example = Self.hostile[index]
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.python(example.python)
        let before = scratch.entries()
        let target = scratch.url("unpacked")
        do {
            try ArchiveExtractor.extract(scratch.url(example.name), into: target)
            Issue.record("\(example.name) was unpacked")
        } catch {
            #expect(error.kind == example.kind, "\(example.name): \(error)")
            #expect(error.description.contains(example.phrase), "\(error)")
            #expect(error.description.hasPrefix(example.name), "names the archive: \(error)")
        }
        #expect(scratch.entries() == before, "\(example.name) left files behind")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/matgrade-absolute-escape"))
        #expect(!FileManager.default.fileExists(atPath: scratch.root.deletingLastPathComponent().appendingPathComponent("escaped.txt").path))
    }

    @Test func aLinkBetweenTheArchivesOwnFilesIsLeftOutNotFollowed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.python("""
            import tarfile, io
            t = tarfile.open('inner.tar', 'w')
            i = tarfile.TarInfo('solution.py'); i.size = 1; t.addfile(i, io.BytesIO(b'x'))
            l = tarfile.TarInfo('alias.py'); l.type = tarfile.SYMTYPE; l.linkname = 'solution.py'; t.addfile(l)
            t.close()
            """)
        let result = try ArchiveExtractor.extract(scratch.url("inner.tar"), into: scratch.url("out"))
        #expect(result.files == ["solution.py"])
        #expect(result.skipped.count == 1 && result.skipped[0].contains("symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: scratch.url("out/alias.py").path))
    }
}

@Suite("Intake: folders, archives, Canvas and Moodle downloads, the class list and submission times")
struct SubmissionIntakeTests {
    @Test func foldersAndArchivesPerStudentTheNewestOfTwoCountsAndABadArchiveIsAReason() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        try scratch.write("subs/alice/solution.py", "print('alice')\n")
        try scratch.write("subs/bob/solution.py", "print('bob folder')\n", modified: old)
        try scratch.python("""
            import zipfile
            z = zipfile.ZipFile('subs/bob.zip', 'w'); z.writestr('bob/solution.py', "print('bob zip')\\n"); z.close()
            z = zipfile.ZipFile('subs/mallory.zip', 'w'); z.writestr('../x.py', 'x'); z.close()
            """)
        try scratch.write("subs/notes.txt", "not a submission")
        let result = try SubmissionIntake.collect(scratch.url("subs"), program: "solution.py", exercise: "w06-crystal-graphs", staging: scratch.url("staging"))
        #expect(result.submissions.map(\.studentID) == ["alice", "bob", "mallory"])
        let bob = result.submissions[1]
        #expect(try String(contentsOf: bob.folder.appendingPathComponent("solution.py"), encoding: .utf8) == "print('bob zip')\n")
        #expect(result.notes.contains { $0.hasPrefix("bob: 2 submissions") && $0.contains("graded the newest, bob.zip") })
        #expect(result.submissions[2].problem?.contains("path traversal") == true)
        #expect(result.submissions[2].archiveHash != nil)
        #expect(result.skipped.map(\.name) == ["notes.txt"])
        // Plain folders and students' own archives carry no trustworthy hand-in time.
        #expect(result.submissions.allSatisfy { $0.submittedAt == nil })
    }

    @Test func aCanvasBulkZipWithTheClassListAndResubmissions() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("students.csv", "id,name,email,lms_id\ns001,\"Doe, John\",john@uni.edu,123456\ns002,Zoë Ng,zoe@uni.edu,222333\n")
        try scratch.python("""
            import zipfile
            z = zipfile.ZipFile('submissions.zip', 'w')
            z.writestr(zipfile.ZipInfo('doejohn_123456_9001_solution.py', date_time=(2026, 5, 26, 9, 30, 0)), "print('john')\\n")
            z.writestr(zipfile.ZipInfo('doejohn_123456_9001_helpers-1.py', date_time=(2026, 5, 26, 9, 31, 0)), 'x = 1\\n')
            z.writestr(zipfile.ZipInfo('ngzoe_LATE_222333_9002_solution.py', date_time=(2026, 5, 28, 18, 0, 0)), "print('zoe')\\n")
            z.writestr(zipfile.ZipInfo('someone_999_9003_solution.py', date_time=(2026, 5, 26, 8, 0, 0)), "print('?')\\n")
            z.close()
            """)
        let result = try SubmissionIntake.collect(
            scratch.url("submissions.zip"), program: "solution.py", exercise: "w06-crystal-graphs", staging: scratch.url("staging"),
            roster: scratch.url("students.csv"))
        #expect(result.submissions.map(\.studentID) == ["999", "s001", "s002"])
        let john = result.submissions[1]
        #expect(john.name == "Doe, John" && john.email == "john@uni.edu")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: john.folder.path)) == ["solution.py", "helpers.py"])
        #expect(john.source.hasSuffix("submissions.zip: doejohn_123456_9001_helpers-1.py") || john.source.contains("submissions.zip: doejohn_123456_9001_"))
        let zoe = result.submissions[2]
        #expect(zoe.name == "Zoë Ng")
        // The LMS's own time for the hand-in (zip times are local, no zone: compare the day).
        let formatter = ISO8601DateFormatter()
        #expect(zoe.submittedAt.map { formatter.string(from: $0).hasPrefix("2026-05-28") } == true, "\(String(describing: zoe.submittedAt))")
        #expect(result.notes.contains { $0.contains("LMS ids not in students.csv") && $0.contains("999") })
    }

    @Test func aMoodleDownloadWithFoldersAndSubmissionTimesFromTheManifest() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("moodle/Ada Lovelace_4242_assignsubmission_file_/solution.py", "print('ada')\n")
        try scratch.write("moodle/Alan Turing_77_assignsubmission_file_/solution.py", "print('alan')\n")
        try scratch.write("moodle/students.csv", "student_id,name,moodle_id\nada,Ada Lovelace,4242\n")
        try scratch.write("moodle/submissions.csv", "student,exercise,submitted_at\nada,w06-crystal-graphs,2026-05-27T11:00:00+02:00\n77,,2026-05-20T08:00:00Z\n")
        let result = try SubmissionIntake.collect(scratch.url("moodle"), program: "solution.py", exercise: "w06-crystal-graphs", staging: scratch.url("staging"))
        #expect(result.submissions.map(\.studentID) == ["77", "ada"])
        #expect(result.submissions[0].name == "Alan Turing")
        #expect(result.submissions[1].submittedAt == ISO8601DateFormatter().date(from: "2026-05-27T09:00:00Z"))
        #expect(result.submissions[0].submittedAt == ISO8601DateFormatter().date(from: "2026-05-20T08:00:00Z"))
    }

    @Test func aWholeCourseFolderPerStudentWithExerciseFoldersAndArchives() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("course/alice/w06-crystal-graphs/solution.py", "print(6)\n")
        try scratch.write("course/alice/w05/solution.py", "print(5)\n")
        try scratch.write("course/bob/w06-crystal-graphs/solution.py", "print(6)\n")
        try scratch.python("import zipfile; z = zipfile.ZipFile('course/bob/w05-descriptors.zip', 'w'); z.writestr('solution.py', 'print(55)'); z.close()")
        try scratch.write("course/carol/w06/solution.py", "print(6)\n")
        let exercises = try ["w05-descriptors", "w06-crystal-graphs"].map { id in
            try ExerciseSpec.parse(text: """
                id = "\(id)"
                week = \(Int(id.dropFirst().prefix(2))!)
                title = "t"
                [[output]]
                name = "x"
                type = "number"
                description = "x"
                [[cases]]
                name = "one"
                visibility = "public"
                generator = "bundled-structure"
                seed = 1
                params = { structure = "Si" }
                """, path: "exercise.toml", folderName: id)
        }
        let results = try SubmissionIntake.collectCourse(scratch.url("course"), exercises: exercises, staging: scratch.url("staging"))
        #expect(results["w06-crystal-graphs"]!.submissions.map(\.studentID) == ["alice", "bob", "carol"])
        #expect(results["w05-descriptors"]!.submissions.map(\.studentID) == ["alice", "bob"])
        let bob = results["w05-descriptors"]!.submissions[1]
        #expect(try String(contentsOf: bob.folder.appendingPathComponent("solution.py"), encoding: .utf8) == "print(55)")
        #expect(results["w05-descriptors"]!.notes.contains("carol: no w05-descriptors submission (missing)"))
    }

    @Test func theClassListsErrorsNameTheLineAndTheFix() throws {
        #expect(throws: GradingError.self) { try CSVTable(path: "students.csv", text: "id,name\n\"s1,Ann\n") }
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("students.csv", "id,name\ns1,Ann\ns1,Bea\n")
        do {
            _ = try StudentRoster.load(scratch.url("students.csv"))
            Issue.record("duplicate id accepted")
        } catch {
            #expect("\(error)".contains("line 3: student id 's1' is already on line 2"))
        }
        try scratch.write("bad.csv", "id,name\ns1,Ann,extra\n")
        do {
            _ = try StudentRoster.load(scratch.url("bad.csv"))
            Issue.record("ragged row accepted")
        } catch {
            #expect("\(error)".contains("line 2 has 3 fields but the header has 2"))
        }
    }
}

@Suite("Late policy and shards")
struct LatePolicyAndShardTests {
    static let due = ISO8601DateFormatter().date(from: "2026-05-26T08:00:00Z")!

    @Test func daysLateAreStartedDaysAfterGraceAndExtensionsCappedAtTheMaximum() throws {
        let policy = try LatePolicy.parse(text: """
            [late_policy]
            grace_minutes = 15
            penalty_per_day = 0.1
            max_days_late = 3

            [[extensions]]
            student = "s2"
            exercise = "w06-crystal-graphs"
            days = 2
            """, path: "course.toml")
        func penalty(_ minutesLate: Double, _ student: String = "s1") -> LatePenalty? {
            policy.penalty(submittedAt: Self.due.addingTimeInterval(minutesLate * 60), due: Self.due, student: student, exercise: "w06-crystal-graphs")
        }
        #expect(penalty(-5) == nil)
        #expect(penalty(14) == nil, "inside the grace period")
        #expect(penalty(16)?.daysLate == 1)
        #expect(penalty(16)?.fraction == 0.1)
        #expect(penalty(15 + 24 * 60 + 1)?.daysLate == 2)
        #expect(abs((penalty(15 + 24 * 60 + 1)?.fraction ?? 0) - 0.2) < 1e-12)
        #expect(penalty(15 + 4 * 24 * 60)?.fraction == 1, "past max_days_late: nothing")
        #expect(penalty(2 * 24 * 60, "s2") == nil, "the extension")
        #expect(penalty(16, "s2") == nil)
        #expect(abs((penalty(16)?.apply(to: 80) ?? 0) - 72) < 1e-12)
        #expect(LatePolicy.none.penalty(submittedAt: .distantFuture, due: Self.due, student: "s1", exercise: "x") == nil)
        #expect(policy.penalty(submittedAt: nil, due: Self.due, student: "s1", exercise: "x") == nil)
    }

    @Test func aBadCourseFileNamesTheLineAndKey() {
        do {
            _ = try LatePolicy.parse(text: "[late_policy]\npenalty_per_day = 2\nmax_days_late = 3\n", path: "course.toml")
            Issue.record("accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("course.toml") && text.contains("penalty_per_day") && text.contains(":2"), "\(text)")
        }
    }

    @Test func shardsPartitionTheCohortDeterministically() throws {
        let students = (1...300).map { String(format: "s%03d", $0) }
        var seen: [String: Int] = [:]
        for index in 1...4 {
            let shard = try Shard(index: index, count: 4)
            for student in students where shard.contains(studentID: student) {
                #expect(seen[student] == nil)
                seen[student] = index
            }
        }
        #expect(seen.count == 300)
        let sizes = (1...4).map { index in seen.values.filter { $0 == index }.count }
        #expect(sizes.allSatisfy { $0 > 50 }, "balanced enough: \(sizes)")
        #expect(Shard.of(studentID: "s001", count: 4) == Shard.of(studentID: "s001", count: 4))
        #expect(throws: GradingError.self) { try Shard(parsing: "5/4") }
        #expect(throws: GradingError.self) { try Shard(parsing: "1-4") }
        #expect(try Shard(parsing: "2/4") == Shard(index: 2, count: 4))
    }
}
