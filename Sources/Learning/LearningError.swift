import LinearAlgebra

/// Errors of the Learning module. Each case carries the offending values; `description` is
/// the message a user reads: what is wrong, the value seen, how to fix it.
///
/// `context` names the call or the argument ("ridge regression", "k-means initial centres"),
/// so one case serves every kernel.
public enum LearningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A data set with fewer samples than the kernel needs.
    case tooFewSamples(context: String, sampleCount: Int, minimum: Int)
    /// A matrix with no feature columns.
    case noFeatures(context: String)
    /// Two inputs that must describe the same samples have different lengths.
    case sampleCountMismatch(context: String, name: String, count: Int, expected: Int)
    /// A matrix whose feature count differs from the one the model was fitted on.
    case featureCountMismatch(context: String, name: String, count: Int, expected: Int)
    /// A NaN or infinity; `row` and `column` are 0-based (`column` is 0 for vectors).
    case nonFinite(context: String, name: String, row: Int, column: Int, value: Double)
    /// A parameter outside its range.
    case invalidParameter(context: String, name: String, value: String, reason: String)
    /// More folds than the data can fill (samples, groups or class members).
    case tooManyFolds(context: String, foldCount: Int, available: Int, what: String)
    /// A linear-algebra failure inside a kernel (a singular covariance, say).
    case linearAlgebra(context: String, underlying: LinearAlgebraError)
    /// A kernel expression that does not parse: `position` is the 1-based character where
    /// `expected` was wanted and `found` was seen.
    case kernelSyntax(text: String, position: Int, expected: String, found: String)
    /// Operands of a differentiable operation whose shapes do not fit together: `rule` says
    /// what the operation needs ("the left's columns equal the right's rows").
    case shapeMismatch(operation: String, left: MatrixShape, right: MatrixShape, rule: String)

    public var description: String {
        switch self {
        case let .tooFewSamples(context, sampleCount, minimum):
            return "\(context): \(sampleCount) sample\(sampleCount == 1 ? "" : "s") given, at least \(minimum) needed; "
                + "add samples (rows) to the data set"
        case let .noFeatures(context):
            return "\(context): the data has no feature columns; give every sample at least one feature"
        case let .sampleCountMismatch(context, name, count, expected):
            return "\(context): \(name) has \(count) entries but there are \(expected) samples; "
                + "give one entry per sample (row of X)"
        case let .featureCountMismatch(context, name, count, expected):
            return "\(context): \(name) has \(count) features (columns) but the model was fitted on \(expected); "
                + "use the same feature columns, in the same order, as in training"
        case let .nonFinite(context, name, row, column, value):
            return "\(context): \(name)[\(row)][\(column)] is \(value); every value must be finite; "
                + "remove or impute missing values before fitting"
        case let .invalidParameter(context, name, value, reason):
            return "\(context): \(name) is \(value); \(reason)"
        case let .tooManyFolds(context, foldCount, available, what):
            return "\(context): \(foldCount) folds requested but there \(available == 1 ? "is" : "are") only "
                + "\(available) \(what); use at most \(available) folds"
        case let .linearAlgebra(context, underlying):
            return "\(context): \(underlying)"
        case let .shapeMismatch(operation, left, right, rule):
            return "\(operation): operands of shapes \(left) and \(right) do not fit; \(rule)"
        case let .kernelSyntax(text, position, expected, found):
            return "kernel '\(text)': at position \(position) expected \(expected) but found \(found); "
                + "write e.g. constant(1.0)*rbf(1.5)+white(0.01), rbf([1.0,2.0]) or matern(1.0,2.5)"
        }
    }
}

/// Checks shared by the kernels: finite values, matching lengths, enough samples.
enum Validate {
    static func finite(_ matrix: Matrix, name: String, context: String) throws(LearningError) {
        if let flat = matrix.storage.firstIndex(where: { !$0.isFinite }) {
            let columns = max(matrix.columnCount, 1)
            throw .nonFinite(context: context, name: name, row: flat / columns, column: flat % columns,
                             value: matrix.storage[flat])
        }
    }

    static func finite(_ vector: [Double], name: String, context: String) throws(LearningError) {
        if let index = vector.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(context: context, name: name, row: index, column: 0, value: vector[index])
        }
    }

    /// X is finite with at least `minimumSamples` rows and one column.
    static func features(_ features: Matrix, context: String, minimumSamples: Int = 1) throws(LearningError) {
        guard features.rowCount >= minimumSamples else {
            throw .tooFewSamples(context: context, sampleCount: features.rowCount, minimum: minimumSamples)
        }
        guard features.columnCount > 0 else { throw .noFeatures(context: context) }
        try finite(features, name: "X", context: context)
    }

    /// y is finite with one entry per row of X.
    static func targets(_ targets: [Double], sampleCount: Int, context: String) throws(LearningError) {
        guard targets.count == sampleCount else {
            throw .sampleCountMismatch(context: context, name: "y", count: targets.count, expected: sampleCount)
        }
        try finite(targets, name: "y", context: context)
    }

    static func featureCount(_ matrix: Matrix, expected: Int, name: String, context: String) throws(LearningError) {
        guard matrix.columnCount == expected else {
            throw .featureCountMismatch(context: context, name: name, count: matrix.columnCount, expected: expected)
        }
        try finite(matrix, name: name, context: context)
    }
}

/// Runs a LinearAlgebra call, wrapping its error with the kernel's context.
func linearAlgebra<T>(_ context: String, _ body: () throws -> T) throws(LearningError) -> T {
    do {
        return try body()
    } catch let error as LinearAlgebraError {
        throw .linearAlgebra(context: context, underlying: error)
    } catch {
        throw .invalidParameter(context: context, name: "input", value: "\(error)", reason: "unexpected error")
    }
}
