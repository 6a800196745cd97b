import LinearAlgebra
import Testing
import TestSupport
@testable import Learning

/// StandardScaler, Ridge and LinearRegression against scikit-learn 1.9.1
/// (Tests/Fixtures/learning/regression.json).
@Suite struct LinearModelTests {
    static let cases = fixtureCases { try LearningFixtures.load("regression", as: LearningFixtures.Regression.self).cases }

    @Test func fixtureReads() throws {
        let fixture = try LearningFixtures.load("regression", as: LearningFixtures.Regression.self)
        #expect(fixture.provenance.sklearn_version == "1.9.1")
        #expect(fixture.cases.map(\.name) == ["tall", "wide", "collinear"])
    }

    @Test(arguments: cases) func standardScalerMatchesScikitLearn(_ data: LearningFixtures.RegressionCase) throws {
        let scaler = try StandardScaler(fitting: try LearningFixtures.matrix(data.X_train))
        let expected = data.standard_scaler
        expectClose(scaler.mean, expected.mean_, atol: 1e-13, rtol: 1e-12, "\(data.name) mean_")
        expectClose(scaler.variance, expected.var_, atol: 1e-13, rtol: 1e-12, "\(data.name) var_")
        // Exactly 1 for the constant column of "collinear", as scikit-learn.
        expectClose(scaler.scale, expected.scale_, atol: 0, rtol: 1e-12, "\(data.name) scale_")
        let transformed = try scaler.transform(try LearningFixtures.matrix(data.X_test))
        expectClose(transformed, expected.transform_test, atol: 1e-11, rtol: 1e-11, "\(data.name) transform")
        let back = try scaler.inverseTransform(transformed)
        expectClose(back, data.X_test, atol: 1e-12, rtol: 1e-12, "\(data.name) inverse_transform")
    }

    @Test(arguments: cases) func ridgeMatchesScikitLearn(_ data: LearningFixtures.RegressionCase) throws {
        let (x, xTest) = (try LearningFixtures.matrix(data.X_train), try LearningFixtures.matrix(data.X_test))
        for expected in data.ridge {
            let model = try LinearModel.ridge(features: x, targets: data.y_train, alpha: expected.alpha)
            let scale = expected.coef_.map(abs).max() ?? 1
            let label = "\(data.name) alpha \(expected.alpha)"
            expectClose(model.coefficients, expected.coef_, atol: 1e-10 * scale, rtol: 1e-9, "\(label) coef_")
            expectClose(model.intercept, expected.intercept_, atol: 1e-10, rtol: 1e-9, "\(label) intercept_")
            expectClose(try model.predict(x), expected.pred_train, atol: 1e-10, rtol: 1e-9, "\(label) predict train")
            expectClose(try model.predict(xTest), expected.pred_test, atol: 1e-10, rtol: 1e-9, "\(label) predict test")
        }
    }

    @Test(arguments: cases) func leastSquaresMatchesScikitLearn(_ data: LearningFixtures.RegressionCase) throws {
        let expected = data.linear_regression
        let model = try LinearModel.ordinaryLeastSquares(
            features: try LearningFixtures.matrix(data.X_train), targets: data.y_train, rcond: expected.tol)
        let scale = expected.coef_.map(abs).max() ?? 1
        #expect(model.rank == expected.rank_)
        expectClose(model.coefficients, expected.coef_, atol: 1e-10 * scale, rtol: 1e-9, "\(data.name) coef_")
        expectClose(model.intercept, expected.intercept_, atol: 1e-10, rtol: 1e-9, "\(data.name) intercept_")
        expectClose(try model.predict(try LearningFixtures.matrix(data.X_test)), expected.pred_test,
                    atol: 1e-10, rtol: 1e-9, "\(data.name) predict test")
    }

    /// Slow, obvious oracle: ridge is least squares on the centred data stacked on
    /// `sqrt(alpha)·I` with zero targets; LAPACK's dgelsd solves that without normal equations.
    @Test(arguments: cases) func ridgeAgreesWithAugmentedLeastSquares(_ data: LearningFixtures.RegressionCase) throws {
        let x = try LearningFixtures.matrix(data.X_train)
        let (n, p) = (x.rowCount, x.columnCount)
        let xMean = (0..<p).map { j in x.column(j).reduce(0, +) / Double(n) }
        let yMean = data.y_train.reduce(0, +) / Double(n)
        for alpha in [0.01, 1.0, 10.0] {
            var augmented = Matrix(rowCount: n + p, columnCount: p)
            for i in 0..<n { for j in 0..<p { augmented[i, j] = x[i, j] - xMean[j] } }
            for j in 0..<p { augmented[n + j, j] = alpha.squareRoot() }
            let rhs = data.y_train.map { $0 - yMean } + [Double](repeating: 0, count: p)
            let oracle = try augmented.leastSquares(rhs, rcond: 0).solution.column(0)
            let model = try LinearModel.ridge(features: x, targets: data.y_train, alpha: alpha)
            let scale = oracle.map(abs).max() ?? 1
            expectClose(model.coefficients, oracle, atol: 1e-9 * scale, rtol: 1e-8, "\(data.name) alpha \(alpha) vs augmented lstsq")
        }
    }

    @Test func ridgeWithZeroAlphaIsLeastSquares() throws {
        let x = try Matrix(rows: [[1, 2], [2, 1], [3, 5], [4, 3], [5, 8]])
        let y = [1.0, 2.0, 2.5, 4.5, 4.0]
        let ridge = try LinearModel.ridge(features: x, targets: y, alpha: 0)
        let ols = try LinearModel.ordinaryLeastSquares(features: x, targets: y)
        expectClose(ridge.coefficients, ols.coefficients, atol: 0, rtol: 0, "alpha 0")
    }

    @Test func negativeAlphaIsRejected() throws {
        let x = try Matrix(rows: [[1], [2], [3]])
        #expect(throws: LearningError.invalidParameter(
            context: "ridge regression", name: "alpha", value: "-1.0",
            reason: "the penalty must be a finite number >= 0 (scikit-learn's default is 1.0)")) {
            _ = try LinearModel.ridge(features: x, targets: [1, 2, 3], alpha: -1)
        }
    }
}
