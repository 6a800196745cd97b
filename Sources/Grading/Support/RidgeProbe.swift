import Exercises
import LinearAlgebra

/// Cross-validated R² of a ridge regression from an embedding to a target: how much of the
/// target a linear read-out of the embedding explains on samples it was not fitted on.
///
/// Each fold fits `min ||X w + b - y||² + alpha ||w||²` with an unpenalised intercept b (as
/// scikit-learn's `Ridge(alpha, fit_intercept=True)`), on the training rows' centered
/// features, optionally standardised by the training rows' mean and population standard
/// deviation first (as `make_pipeline(StandardScaler(), Ridge(alpha))`; a constant feature is
/// left unscaled). The normal equations `(XᵀX + alpha I) w = Xᵀy` are solved by Cholesky when
/// alpha > 0, by minimum-norm least squares when alpha = 0. The score is the mean over folds
/// of R² on the held-out rows (scikit-learn's `cross_val_score(scoring="r2")`); a fold whose
/// held-out targets are constant scores 1 if predicted exactly, else 0 (as `r2_score`).
struct RidgeProbe {
    let alpha: Double
    let foldCount: Int
    let folds: ProbeComparator.FoldAssignment
    let standardizes: Bool

    /// - Parameters:
    ///   - embedding: `[sampleCount x featureCount]`, finite.
    ///   - target: `sampleCount` finite values; `sampleCount >= foldCount`.
    func crossValidatedRSquared(embedding: Matrix, target: [Double]) throws -> Double {
        let sampleCount = target.count
        let order = sampleOrder(sampleCount)
        var total = 0.0
        var start = 0
        for fold in 0..<foldCount {
            // scikit-learn's KFold: the first n % k folds get one extra sample.
            let size = sampleCount / foldCount + (fold < sampleCount % foldCount ? 1 : 0)
            let testRows = Array(order[start..<(start + size)])
            let trainRows = Array(order[..<start] + order[(start + size)...])
            start += size
            total += try foldRSquared(embedding: embedding, target: target, trainRows: trainRows, testRows: testRows)
        }
        return total / Double(foldCount)
    }

    /// Sample indices in fold order: as given, or shuffled by a seeded Fisher-Yates.
    private func sampleOrder(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        if case let .shuffled(seed) = folds {
            var generator = SplitMix64(seed: seed)
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        return order
    }

    private func foldRSquared(embedding: Matrix, target: [Double], trainRows: [Int], testRows: [Int]) throws -> Double {
        let featureCount = embedding.columnCount
        var means = [Double](repeating: 0, count: featureCount)
        var scales = [Double](repeating: 1, count: featureCount)
        for column in 0..<featureCount {
            let values = trainRows.map { embedding[$0, column] }
            let mean = values.reduce(0, +) / Double(values.count)
            means[column] = mean
            if standardizes {
                let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
                if deviation > 0 { scales[column] = deviation }
            }
        }
        func features(_ rows: [Int]) -> Matrix {
            var matrix = Matrix(rowCount: rows.count, columnCount: featureCount)
            for (i, row) in rows.enumerated() {
                for column in 0..<featureCount { matrix[i, column] = (embedding[row, column] - means[column]) / scales[column] }
            }
            return matrix
        }
        let trainFeatures = features(trainRows)
        let targetMean = trainRows.reduce(0) { $0 + target[$1] } / Double(trainRows.count)
        let centeredTarget = trainRows.map { target[$0] - targetMean }
        let weights: [Double]
        if featureCount == 0 {
            weights = []
        } else if alpha > 0 {
            var gram = try trainFeatures.multiplied(by: trainFeatures, .transposingLeft)
            for i in 0..<featureCount { gram[i, i] += alpha }
            weights = try gram.cholesky().solve(try trainFeatures.transposeMultiplied(by: centeredTarget))
        } else {
            weights = try trainFeatures.leastSquares(Matrix(column: centeredTarget)).solution.column(0)
        }
        let predictions = featureCount == 0
            ? [Double](repeating: targetMean, count: testRows.count)
            : try features(testRows).multiplied(by: weights).map { $0 + targetMean }
        let actual = testRows.map { target[$0] }
        let testMean = actual.reduce(0, +) / Double(actual.count)
        let residual = zip(actual, predictions).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let spread = actual.reduce(0) { $0 + ($1 - testMean) * ($1 - testMean) }
        guard spread > 0 else { return residual == 0 ? 1 : 0 }
        return 1 - residual / spread
    }
}

