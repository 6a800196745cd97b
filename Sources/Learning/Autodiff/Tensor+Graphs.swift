import LinearAlgebra

/// The operations of graph networks: gathering node rows along edges, summing or averaging
/// rows into segments (messages into nodes, nodes into crystals), and concatenation.
extension Tensor {
    /// Rows `indices[0], indices[1], ...` of `self`: `[n x d] -> [indices.count x d]`. The
    /// pullback adds each upstream row back into the row it came from (rows gathered twice get
    /// both contributions).
    /// - Throws: ``LearningError/invalidParameter(context:name:value:reason:)`` for an index
    ///   outside `0..<rowCount`.
    public func gatheringRows(_ indices: [Int]) throws(LearningError) -> Tensor {
        let (rowCount, width) = (shape.rowCount, shape.columnCount)
        if let bad = indices.firstIndex(where: { $0 < 0 || $0 >= rowCount }) {
            throw .invalidParameter(context: "gathering rows", name: "indices[\(bad)]", value: "\(indices[bad])",
                                    reason: "row indices must be in 0..<\(rowCount)")
        }
        let source = value.storage
        var gathered = [Double](repeating: 0, count: indices.count * width)
        for (row, from) in indices.enumerated() {
            for column in 0..<width { gathered[row * width + column] = source[from * width + column] }
        }
        let result = Matrix(rowCount: indices.count, columnCount: width, exactStorage: gathered)
        return tape.record(result, operands: [self]) { [i = index] upstream in
            let incoming = upstream.storage
            var scattered = [Double](repeating: 0, count: rowCount * width)
            for (row, to) in indices.enumerated() {
                for column in 0..<width { scattered[to * width + column] += incoming[row * width + column] }
            }
            return [(i, Matrix(rowCount: rowCount, columnCount: width, exactStorage: scattered))]
        }
    }

    /// Row sums by segment: result row s is the sum of the rows i with `segments[i] == s`,
    /// `[n x d] -> [segmentCount x d]` (empty segments are zero rows).
    /// - Throws: when `segments.count` is not the row count or a segment is outside
    ///   `0..<segmentCount`.
    public func segmentSums(_ segments: [Int], segmentCount: Int) throws(LearningError) -> Tensor {
        try segmentReduction(segments, segmentCount: segmentCount, averaging: false)
    }

    /// Row means by segment (mean pooling): as ``segmentSums(_:segmentCount:)`` divided by
    /// each segment's row count; empty segments are zero rows.
    public func segmentMeans(_ segments: [Int], segmentCount: Int) throws(LearningError) -> Tensor {
        try segmentReduction(segments, segmentCount: segmentCount, averaging: true)
    }

    private func segmentReduction(_ segments: [Int], segmentCount: Int, averaging: Bool) throws(LearningError) -> Tensor {
        let operation = averaging ? "segment means" : "segment sums"
        let (rowCount, width) = (shape.rowCount, shape.columnCount)
        guard segments.count == rowCount else {
            throw .sampleCountMismatch(context: operation, name: "segments", count: segments.count, expected: rowCount)
        }
        if let bad = segments.firstIndex(where: { $0 < 0 || $0 >= segmentCount }) {
            throw .invalidParameter(context: operation, name: "segments[\(bad)]", value: "\(segments[bad])",
                                    reason: "segments must be in 0..<\(segmentCount)")
        }
        var weights = [Double](repeating: 1, count: segmentCount)
        if averaging {
            var counts = [Int](repeating: 0, count: segmentCount)
            for segment in segments { counts[segment] += 1 }
            weights = counts.map { $0 == 0 ? 0 : 1 / Double($0) }
        }
        let source = value.storage
        var reduced = [Double](repeating: 0, count: segmentCount * width)
        for (row, segment) in segments.enumerated() {
            let weight = weights[segment]
            for column in 0..<width { reduced[segment * width + column] += weight * source[row * width + column] }
        }
        let result = Matrix(rowCount: segmentCount, columnCount: width, exactStorage: reduced)
        return tape.record(result, operands: [self]) { [i = index] upstream in
            let incoming = upstream.storage
            var spread = [Double](repeating: 0, count: rowCount * width)
            for (row, segment) in segments.enumerated() {
                let weight = weights[segment]
                for column in 0..<width { spread[row * width + column] = weight * incoming[segment * width + column] }
            }
            return [(i, Matrix(rowCount: rowCount, columnCount: width, exactStorage: spread))]
        }
    }

    /// The columns of `parts` side by side: `[n x d1], [n x d2], ... -> [n x (d1 + d2 + ...)]`.
    /// - Throws: for an empty list, tensors of other tapes, or differing row counts.
    public static func concatenatingColumns(_ parts: [Tensor]) throws(LearningError) -> Tensor {
        guard let first = parts.first else {
            throw .invalidParameter(context: "concatenating columns", name: "parts", value: "[]", reason: "give at least one tensor")
        }
        for part in parts.dropFirst() {
            try first.sameTape(part, "concatenating columns")
            guard part.shape.rowCount == first.shape.rowCount else {
                throw .shapeMismatch(operation: "concatenating columns", left: first.shape, right: part.shape,
                                     rule: "every part must have the same number of rows")
            }
        }
        let rowCount = first.shape.rowCount
        let widths = parts.map(\.shape.columnCount)
        let total = widths.reduce(0, +)
        var joined = [Double](repeating: 0, count: rowCount * total)
        var offset = 0
        for (part, width) in zip(parts, widths) {
            let source = part.value.storage
            for row in 0..<rowCount {
                for column in 0..<width { joined[row * total + offset + column] = source[row * width + column] }
            }
            offset += width
        }
        let result = Matrix(rowCount: rowCount, columnCount: total, exactStorage: joined)
        return first.tape.record(result, operands: parts) { [indices = parts.map(\.index)] upstream in
            let incoming = upstream.storage
            var contributions: [(Int, Matrix)] = []
            var offset = 0
            for (part, width) in zip(indices, widths) {
                var piece = [Double](repeating: 0, count: rowCount * width)
                for row in 0..<rowCount {
                    for column in 0..<width { piece[row * width + column] = incoming[row * total + offset + column] }
                }
                contributions.append((part, Matrix(rowCount: rowCount, columnCount: width, exactStorage: piece)))
                offset += width
            }
            return contributions
        }
    }
}

extension Tensor {
    /// Columns `range` of `self`: `[n x d] -> [n x range.count]` (splitting a gated layer's
    /// output into its filter and core halves, say).
    /// - Throws: for a range outside `0..<columnCount`.
    public func slicingColumns(_ range: Range<Int>) throws(LearningError) -> Tensor {
        let (rowCount, width) = (shape.rowCount, shape.columnCount)
        guard range.lowerBound >= 0, range.upperBound <= width else {
            throw .invalidParameter(context: "slicing columns", name: "range", value: "\(range)",
                                    reason: "columns must lie in 0..<\(width)")
        }
        let source = value.storage
        let count = range.count
        var sliced = [Double](repeating: 0, count: rowCount * count)
        for row in 0..<rowCount {
            for column in 0..<count { sliced[row * count + column] = source[row * width + range.lowerBound + column] }
        }
        let result = Matrix(rowCount: rowCount, columnCount: count, exactStorage: sliced)
        return tape.record(result, operands: [self]) { [i = index] upstream in
            let incoming = upstream.storage
            var placed = [Double](repeating: 0, count: rowCount * width)
            for row in 0..<rowCount {
                for column in 0..<count { placed[row * width + range.lowerBound + column] = incoming[row * count + column] }
            }
            return [(i, Matrix(rowCount: rowCount, columnCount: width, exactStorage: placed))]
        }
    }
}
