import Learning
import LinearAlgebra

/// Week 5's model: scikit-learn's `make_pipeline(StandardScaler(), Ridge(alpha))`, built from
/// the `Learning` kernels (which agree with scikit-learn 1.9.1 on its own fixtures).
///
/// - The scaler is fitted on the rows it is given only (the training split, or a fold's
///   training rows): `mean` and `scale` are the column mean and the population standard
///   deviation (divisor n), `scale = 1` for a column scikit-learn deems constant
///   (``Learning/StandardScaler``).
/// - Ridge is fitted on the standardised rows with an unpenalised intercept
///   (``Learning/LinearModel/ridge(features:targets:alpha:)``); its coefficients are in the
///   standardised space. Because the standardised training columns have mean 0, the
///   intercept equals the mean of the training targets.
struct Week05Pipeline: Sendable {
    let scaler: StandardScaler
    let model: LinearModel

    /// Fits the scaler and then ridge on `[sampleCount x featureCount]` features.
    /// - Parameters:
    ///   - targets: band gaps, eV, `sampleCount` values.
    ///   - alpha: ridge penalty, > 0.
    /// - Throws: ``LearningError`` for shapes or non-finite values.
    init(fitting features: Matrix, targets: [Double], alpha: Double) throws(LearningError) {
        scaler = try StandardScaler(fitting: features)
        model = try LinearModel.ridge(features: try scaler.transform(features), targets: targets, alpha: alpha)
    }

    /// Predicted band gaps (eV) of `[sampleCount x featureCount]` raw (unstandardised) features.
    func predict(_ features: Matrix) throws(LearningError) -> [Double] {
        try model.predict(try scaler.transform(features))
    }

    /// scikit-learn's `cross_val_score(pipeline, X, y, cv=KFold(folds), scoring="neg_mean_absolute_error")`,
    /// negated and averaged: `KFold` without shuffling (consecutive blocks of rows, the first
    /// `n % folds` one row longer), the whole pipeline refitted on each fold's training rows,
    /// the MAE (eV) of each fold's test rows, then the plain mean over the folds.
    static func crossValidatedMeanAbsoluteError(
        features: Matrix, targets: [Double], alpha: Double, folds foldCount: Int
    ) throws -> Double {
        let folds = try CrossValidation.kFold(sampleCount: features.rowCount, foldCount: foldCount)
        var total = 0.0
        for fold in folds {
            let pipeline = try Week05Pipeline(
                fitting: try rows(fold.trainIndices, of: features), targets: fold.trainIndices.map { targets[$0] }, alpha: alpha)
            let predicted = try pipeline.predict(try rows(fold.testIndices, of: features))
            total += try RegressionMetrics.meanAbsoluteError(fold.testIndices.map { targets[$0] }, predicted)
        }
        return total / Double(folds.count)
    }

    /// The rows `indices` of `matrix`, in that order.
    /// - Throws: ``LinearAlgebra/LinearAlgebraError`` only if the rows were ragged (never for a `Matrix`).
    static func rows(_ indices: [Int], of matrix: Matrix) throws -> Matrix {
        var storage: [Double] = []
        storage.reserveCapacity(indices.count * matrix.columnCount)
        for index in indices { storage += matrix.row(index) }
        return try Matrix(rowCount: indices.count, columnCount: matrix.columnCount, storage: storage)
    }
}
