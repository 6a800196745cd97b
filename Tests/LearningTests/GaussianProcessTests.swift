import Foundation
import LinearAlgebra
import Testing
import TestSupport
@testable import Learning

/// gp.json, written by scripts/fixtures/sklearn_gp_forest.py with scikit-learn 1.9.1.
enum GPFixture {
    struct File: Decodable, Sendable {
        let X_train: [[Double]]; let y_train: [Double]; let X_test: [[Double]]
        let fixed: [Fixed]; let acquisitions: [AcquisitionCase]
        let optimization_data: DataSet; let optimized: [Optimized]
    }
    struct DataSet: Decodable, Sendable { let X_train: [[Double]]; let y_train: [Double]; let X_test: [[Double]] }
    struct Fixed: Decodable, Sendable, CustomTestStringConvertible {
        let kernel: String; let sklearn_kernel: String; let normalize_y: Bool; let theta: [Double]
        let mean_test: [Double]; let std_test: [Double]; let mean_train: [Double]
        let log_marginal_likelihood: Double; let gradient: [Double]; let log_marginal_likelihood_value_: Double
        var testDescription: String { "\(kernel)\(normalize_y ? " normalize_y" : "")" }
    }
    struct AcquisitionCase: Decodable, Sendable, CustomTestStringConvertible {
        let kind: String; let minimize: Bool; let incumbent: Double?; let xi: Double?; let kappa: Double?; let values: [Double]
        var testDescription: String { "\(kind) \(minimize ? "min" : "max") xi \(xi ?? 0) kappa \(kappa ?? 0)" }
    }
    struct Hyperparameters: Decodable, Sendable { let constant_value: [Double]; let length_scale: [[Double]]; let noise_level: [Double] }
    struct Optimized: Decodable, Sendable, CustomTestStringConvertible {
        let kernel: String; let normalize_y: Bool; let theta_initial: [Double]; let theta_: [Double]
        let hyperparameters: Hyperparameters; let log_marginal_likelihood_value_: Double
        let mean_test: [Double]; let std_test: [Double]
        var testDescription: String { "\(kernel)\(normalize_y ? " normalize_y" : "")" }
    }
    static func load() throws -> File { try LearningFixtures.load("gp", as: File.self) }
}

/// Largest |value|, for tolerances relative to a vector's scale.
private func scale(_ values: [Double]) -> Double { values.reduce(0) { max($0, abs($1)) } }

@Suite struct GaussianProcessTests {
    static let fixed = fixtureCases { try GPFixture.load().fixed }
    static let optimized = fixtureCases { try GPFixture.load().optimized }
    static let acquisitions = fixtureCases { try GPFixture.load().acquisitions }

    @Test func fixtureReads() throws {
        let file = try GPFixture.load()
        #expect(file.fixed.count == 11)
        #expect(file.optimized.count == 4)
    }

    @Test(arguments: fixed) func fixedKernelMatchesScikitLearn(_ data: GPFixture.Fixed) throws {
        let file = try GPFixture.load()
        let x = try Matrix(rows: file.X_train), xTest = try Matrix(rows: file.X_test)
        let kernel = try Kernel(parsing: data.kernel)
        expectClose(kernel.theta, data.theta, atol: 1e-14, rtol: 1e-14, "\(data) theta (order of hyperparameters)")
        let gp = try GaussianProcessRegressor(features: x, targets: file.y_train, kernel: kernel,
                                              options: .init(normalizeTargets: data.normalize_y))
        let (mean, std) = try gp.predict(xTest)
        expectClose(mean, data.mean_test, atol: 1e-7 * scale(data.mean_test), rtol: 0, "\(data) mean_test")
        expectClose(std, data.std_test, atol: 1e-7 * scale(data.std_test), rtol: 0, "\(data) std_test")
        expectClose(try gp.predict(x).mean, data.mean_train, atol: 1e-7 * scale(data.mean_train), rtol: 0, "\(data) mean_train")
        expectClose(gp.logMarginalLikelihood, data.log_marginal_likelihood_value_, atol: 0, rtol: 1e-9, "\(data) LML")
        let y = file.y_train.map { ($0 - gp.targetMean) / gp.targetScale }
        let (value, gradient) = GaussianProcessRegressor.logMarginalLikelihood(kernel, features: x, targets: y, alpha: 1e-10, gradient: true)
        expectClose(value, data.log_marginal_likelihood, atol: 0, rtol: 1e-9, "\(data) LML(theta)")
        expectClose(gradient, data.gradient, atol: 1e-7 * scale(data.gradient), rtol: 0, "\(data) LML gradient")
    }

    /// The analytic gradient against central differences of the log marginal likelihood,
    /// step 1e-5 in each log hyperparameter (truncation error ~1e-10 · third derivative).
    @Test(arguments: fixed) func gradientMatchesFiniteDifferences(_ data: GPFixture.Fixed) throws {
        let file = try GPFixture.load()
        let x = try Matrix(rows: file.X_train)
        let kernel = try Kernel(parsing: data.kernel)
        // Away from the fixture's theta, so that no component is special.
        let theta = kernel.theta.enumerated().map { $1 + 0.1 * Double($0 % 3) - 0.05 }
        let shifted = kernel.with(theta: theta)
        let y = file.y_train
        let alpha = 1e-6
        let (_, analytic) = GaussianProcessRegressor.logMarginalLikelihood(shifted, features: x, targets: y, alpha: alpha, gradient: true)
        let h = 1e-5
        let numeric = theta.indices.map { k in
            var plus = theta, minus = theta
            plus[k] += h
            minus[k] -= h
            let up = GaussianProcessRegressor.logMarginalLikelihood(kernel.with(theta: plus), features: x, targets: y, alpha: alpha, gradient: false).value
            let down = GaussianProcessRegressor.logMarginalLikelihood(kernel.with(theta: minus), features: x, targets: y, alpha: alpha, gradient: false).value
            return (up - down) / (2 * h)
        }
        expectClose(analytic, numeric, atol: 1e-5 * max(scale(numeric), 1), rtol: 1e-5, "\(data.kernel) gradient vs finite differences")
    }

    @Test(arguments: optimized) func optimizedHyperparametersMatchScikitLearn(_ data: GPFixture.Optimized) throws {
        let file = try GPFixture.load()
        let set = file.optimization_data
        let kernel = try Kernel(parsing: data.kernel)
        expectClose(kernel.theta, data.theta_initial, atol: 1e-14, rtol: 1e-14, "\(data) initial theta")
        let gp = try GaussianProcessRegressor(features: try Matrix(rows: set.X_train), targets: set.y_train, kernel: kernel,
                                              options: .init(normalizeTargets: data.normalize_y, optimize: true))
        let run = try #require(gp.optimizerRuns.first)
        #expect(run.converged, "\(data): optimiser did not converge: \(run.iterationCount) iterations")
        expectClose(gp.kernel.theta.map { exp($0) }, data.theta_.map { exp($0) }, atol: 0, rtol: 1e-3, "\(data) optimised hyperparameters")
        expectClose(gp.logMarginalLikelihood, data.log_marginal_likelihood_value_, atol: 0, rtol: 1e-6, "\(data) optimised LML")
        let (mean, std) = try gp.predict(try Matrix(rows: set.X_test))
        expectClose(mean, data.mean_test, atol: 1e-3 * scale(data.mean_test), rtol: 0, "\(data) mean_test")
        expectClose(std, data.std_test, atol: 1e-3 * scale(data.std_test), rtol: 0, "\(data) std_test")
        let hyper = gp.kernel.hyperparameters
        expectClose(hyper.constants, data.hyperparameters.constant_value, atol: 0, rtol: 1e-3, "\(data) constant_value")
        expectClose(hyper.noiseLevels, data.hyperparameters.noise_level, atol: 0, rtol: 1e-3, "\(data) noise_level")
        expectClose(hyper.lengthScales.flatMap { $0 }, data.hyperparameters.length_scale.flatMap { $0 }, atol: 0, rtol: 1e-3, "\(data) length_scale")
    }

    @Test func restartsAreSeededAndNeverWorseThanTheFirstStart() throws {
        let file = try GPFixture.load()
        let set = file.optimization_data
        let kernel = try Kernel(parsing: "constant(1.0)*rbf(1.0)+white(0.1)")
        let options = GaussianProcessOptions(optimize: true, restartCount: 3, seed: 9)
        let x = try Matrix(rows: set.X_train)
        let a = try GaussianProcessRegressor(features: x, targets: set.y_train, kernel: kernel, options: options)
        let b = try GaussianProcessRegressor(features: x, targets: set.y_train, kernel: kernel, options: options)
        #expect(a.kernel == b.kernel)
        #expect(a.optimizerRuns.count == 4)
        #expect(a.logMarginalLikelihood >= -a.optimizerRuns[0].value - 1e-9)
    }

    @Test(arguments: acquisitions) func acquisitionMatchesScipyFormulas(_ data: GPFixture.AcquisitionCase) throws {
        let file = try GPFixture.load()
        let first = try #require(file.fixed.first)
        let acquisition: Acquisition
        switch data.kind {
        case "ei": acquisition = .expectedImprovement(incumbent: try #require(data.incumbent), xi: try #require(data.xi))
        case "pi": acquisition = .probabilityOfImprovement(incumbent: try #require(data.incumbent), xi: try #require(data.xi))
        default: acquisition = .upperConfidenceBound(kappa: try #require(data.kappa))
        }
        let values = acquisition.values(mean: first.mean_test, standardDeviation: first.std_test, minimize: data.minimize)
        expectClose(values, data.values, atol: 1e-15, rtol: 1e-12, "\(data)")
    }

    @Test func acquisitionAtZeroDeviationIsTheLimit() {
        let ei = Acquisition.expectedImprovement(incumbent: 1, xi: 0).values(mean: [1.5, 0.5], standardDeviation: [0, 0], minimize: false)
        #expect(ei == [0.5, 0])
        let pi = Acquisition.probabilityOfImprovement(incumbent: 1, xi: 0).values(mean: [1.5, 0.5], standardDeviation: [0, 0], minimize: true)
        #expect(pi == [0, 1])
    }
}

@Suite struct KernelParsingTests {
    @Test(arguments: [
        "constant(1.0)*rbf(1.5)+white(0.01)", "rbf([0.8,2.0])", "matern(1.2,0.5)", "constant(2.0)*(rbf(1.0)+matern(2.0,1.5))",
        "rbf(1.0)*matern([3.0,1.5],2.5)+constant(0.5)", "white(0.3)",
    ])
    func descriptionParsesBack(_ text: String) throws {
        let kernel = try Kernel(parsing: text)
        #expect(try Kernel(parsing: kernel.description) == kernel)
        #expect(kernel.description == text)
    }

    @Test func productBindsTighterThanSum() throws {
        #expect(try Kernel(parsing: " constant(2) * rbf(1) + white(1e-2) ")
                == .sum(.product(.constant(2), .rbf(lengthScales: [1])), .white(noiseLevel: 0.01)))
    }

    @Test(arguments: [
        ("rbf(1.0", 8, "')'", "the end of the text"),
        ("constant(1.0)*", 15, "a kernel: constant(...), rbf(...), matern(...), white(...) or '('", "the end of the text"),
        ("matern(1.0, 2.0)", 13, "Matérn's nu: 0.5, 1.5 or 2.5", "'2'"),
        ("rbf(1.0) white(1)", 10, "'+', '*' or the end of the kernel", "'w'"),
        ("gauss(1)", 1, "a kernel: constant(...), rbf(...), matern(...), white(...) or '('", "'g'"),
        ("rbf([1.0;2.0])", 9, "']'", "';'"),
        ("white(x)", 7, "a number", "'x'"),
    ])
    func syntaxErrorsNameThePositionAndTheExpectedToken(_ text: String, _ position: Int, _ expected: String, _ found: String) {
        #expect(throws: LearningError.kernelSyntax(text: text, position: position, expected: expected, found: found)) {
            _ = try Kernel(parsing: text)
        }
    }

    @Test func aWrongNumberOfLengthScalesIsRejectedAtFit() throws {
        let x = try Matrix(rows: [[0, 0], [1, 1], [2, 0]])
        #expect(throws: LearningError.self) {
            _ = try GaussianProcessRegressor(features: x, targets: [0, 1, 2], kernel: try Kernel(parsing: "rbf([1,2,3])"))
        }
    }
}

@Suite struct BoundedQuasiNewtonTests {
    /// A quadratic whose unconstrained minimum (2, -1, 0.5) lies outside the box in two
    /// coordinates: the minimiser stops on the bounds there and inside in the third.
    @Test func stopsOnActiveBounds() {
        var optimizer = BoundedQuasiNewton(lower: [0, 0, -1], upper: [1, 1, 1])
        optimizer.gradientTolerance = 1e-10
        let result = optimizer.minimize(from: [0.5, 0.5, 0.9]) { x in
            let d = [x[0] - 2, x[1] + 1, x[2] - 0.5]
            let weights = [1.0, 3.0, 10.0]
            return (zip(d, weights).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }, zip(d, weights).map { 2 * $1 * $0 })
        }
        expectClose(result.point, [1, 0, 0.5], atol: 1e-8, rtol: 0, "bounded quadratic minimum")
        #expect(result.converged)
    }

    @Test func minimisesRosenbrockInsideTheBox() {
        var optimizer = BoundedQuasiNewton(lower: [-2, -2], upper: [2, 2])
        optimizer.gradientTolerance = 1e-9
        optimizer.relativeReductionTolerance = 0
        let result = optimizer.minimize(from: [-1.2, 1]) { x in
            let (a, b) = (1 - x[0], x[1] - x[0] * x[0])
            return (a * a + 100 * b * b, [-2 * a - 400 * x[0] * b, 200 * b])
        }
        expectClose(result.point, [1, 1], atol: 1e-6, rtol: 0, "Rosenbrock minimum")
    }
}
