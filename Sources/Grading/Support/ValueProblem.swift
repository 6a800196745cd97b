/// Why a value cannot be compared, in a sentence for the student (or, on the reference side,
/// for the instructor).
struct ValueProblem: Error {
    let message: String
}
