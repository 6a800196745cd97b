import Foundation
import Gradebook
import Grading
import Reports

extension Frontend {
    /// Writes `<id>.html` (``StudentReportHTML``) in `folder` for a grade just recorded in
    /// `gradebook`: the page is rendered from what the gradebook holds for this content (so it
    /// shows a recorded late penalty and manual scores too). Nothing is written when the
    /// grade was not recorded (`matgrade grade` has said so on stderr already).
    static func writeStudentHTML(_ grade: StudentGrade, gradebook: Gradebook, exercise: ExerciseSpec, rubric: RubricSpec, folder: URL) throws {
        guard let entry = try gradebook.gradeSheetEntry(student: grade.studentID, exercise: exercise.id, contentHash: grade.contentHash) else {
            return
        }
        let page = StudentReportHTML(
            entry: entry, exercise: ExerciseRecord(id: exercise.id, week: exercise.week, title: exercise.title, due: exercise.due),
            student: try gradebook.student(id: grade.studentID), rubric: rubric
        ).render()
        try Data(page.utf8).write(to: folder.appendingPathComponent("\(safeFileName(grade.studentID)).html"))
    }
}
