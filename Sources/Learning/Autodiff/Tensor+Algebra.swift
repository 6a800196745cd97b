import LinearAlgebra

/// Products, sums and broadcasts. Each operation checks its operands' shapes and tape and
/// throws ``LearningError/shapeMismatch(operation:left:right:rule:)`` when they do not fit.
extension Tensor {
    /// The matrix product `self · other`: `[m x k] · [k x n] -> [m x n]` (BLAS dgemm), with
    /// pullbacks `G · otherᵀ` and `selfᵀ · G`.
    public func matrixProduct(_ other: Tensor) throws(LearningError) -> Tensor {
        try sameTape(other, "matrix product")
        guard shape.columnCount == other.shape.rowCount else {
            throw .shapeMismatch(operation: "matrix product", left: shape, right: other.shape,
                                 rule: "the left operand's columns must equal the right operand's rows")
        }
        let (left, right) = (value, other.value)
        let product = try Self.product(left, right, .plain)
        return tape.record(product, operands: [self, other]) { [i = index, j = other.index] upstream in
            [(i, Self.checkedProduct(upstream, right, .transposingRight)),
             (j, Self.checkedProduct(left, upstream, .transposingLeft))]
        }
    }

    /// `self + other`, same shapes.
    public func adding(_ other: Tensor) throws(LearningError) -> Tensor {
        try sameShape(other, "addition")
        return tape.record(value.combined(with: other.value, +), operands: [self, other]) { [i = index, j = other.index] upstream in
            [(i, upstream), (j, upstream)]
        }
    }

    /// `self - other`, same shapes.
    public func subtracting(_ other: Tensor) throws(LearningError) -> Tensor {
        try sameShape(other, "subtraction")
        return tape.record(value.combined(with: other.value, -), operands: [self, other]) { [i = index, j = other.index] upstream in
            [(i, upstream), (j, upstream.mapElements { -$0 })]
        }
    }

    /// The elementwise (Hadamard) product, same shapes.
    public func multiplyingElementwise(_ other: Tensor) throws(LearningError) -> Tensor {
        try sameShape(other, "elementwise product")
        let (left, right) = (value, other.value)
        return tape.record(left.combined(with: right, *), operands: [self, other]) { [i = index, j = other.index] upstream in
            [(i, upstream.combined(with: right, *)), (j, upstream.combined(with: left, *))]
        }
    }

    /// `factor · self`.
    public func scaled(by factor: Double) -> Tensor {
        tape.record(value.mapElements { factor * $0 }, operands: [self]) { [i = index] upstream in
            [(i, upstream.mapElements { factor * $0 })]
        }
    }

    /// `self` with the `1 x n` `row` added to each of its rows (a layer's bias).
    public func addingRow(_ row: Tensor) throws(LearningError) -> Tensor {
        try fitsRow(row, "adding a row")
        return tape.record(value.combinedWithRow(row.value, +), operands: [self, row]) { [i = index, j = row.index] upstream in
            [(i, upstream), (j, upstream.columnSums)]
        }
    }

    /// `self` with each row multiplied elementwise by the `1 x n` `row` (a scale per column).
    public func multiplyingRow(_ row: Tensor) throws(LearningError) -> Tensor {
        try fitsRow(row, "multiplying by a row")
        let (matrix, rowValue) = (value, row.value)
        return tape.record(matrix.combinedWithRow(rowValue, *), operands: [self, row]) { [i = index, j = row.index] upstream in
            [(i, upstream.combinedWithRow(rowValue, *)), (j, upstream.combined(with: matrix, *).columnSums)]
        }
    }

    /// The sum of all elements, `1 x 1`.
    public func sum() -> Tensor {
        let shape = self.shape
        let total = value.storage.reduce(0, +)
        return tape.record(Matrix(rowCount: 1, columnCount: 1, repeating: total), operands: [self]) { [i = index] upstream in
            [(i, Matrix(rowCount: shape.rowCount, columnCount: shape.columnCount, repeating: upstream[0, 0]))]
        }
    }

    /// The mean of all elements, `1 x 1` (0 for an empty tensor).
    public func mean() -> Tensor {
        let count = shape.rowCount * shape.columnCount
        return sum().scaled(by: count == 0 ? 0 : 1 / Double(count))
    }

    // MARK: Checks

    func sameTape(_ other: Tensor, _ operation: String) throws(LearningError) {
        guard other.tape === tape else {
            throw .invalidParameter(context: operation, name: "operand", value: "a tensor of another tape",
                                    reason: "record every operand of one forward pass on the same tape")
        }
    }

    func sameShape(_ other: Tensor, _ operation: String) throws(LearningError) {
        try sameTape(other, operation)
        guard shape == other.shape else {
            throw .shapeMismatch(operation: operation, left: shape, right: other.shape, rule: "both operands must have the same shape")
        }
    }

    func fitsRow(_ row: Tensor, _ operation: String) throws(LearningError) {
        try sameTape(row, operation)
        guard row.shape.rowCount == 1, row.shape.columnCount == shape.columnCount else {
            throw .shapeMismatch(operation: operation, left: shape, right: row.shape,
                                 rule: "the row must be 1 x \(shape.columnCount) (one entry per column)")
        }
    }

    /// A product whose shapes fit by construction (a pullback of a checked forward product).
    static func checkedProduct(_ left: Matrix, _ right: Matrix, _ form: ProductForm) -> Matrix {
        guard let result = try? left.multiplied(by: right, form) else {
            preconditionFailure("autodiff: product \(left.shape) \(form) \(right.shape) of a checked operation failed")
        }
        return result
    }

    static func product(_ left: Matrix, _ right: Matrix, _ form: ProductForm) throws(LearningError) -> Matrix {
        do {
            return try left.multiplied(by: right, form)
        } catch let error as LinearAlgebraError {
            throw .linearAlgebra(context: "matrix product", underlying: error)
        } catch {
            throw .invalidParameter(context: "matrix product", name: "operands", value: "\(error)", reason: "unexpected failure")
        }
    }
}
