import Crystal
import Descriptors
import Foundation
import JSONSupport
import Learning
import LinearAlgebra
import Testing
import TestSupport
@testable import Exercises

/// Week 5's reference output against the kernels it is built from (Descriptors' Magpie
/// features and Learning's scaler, ridge and k-fold, each checked against matminer and
/// scikit-learn on their own fixtures), and against identities any correct ridge fit obeys.
@Suite("Week 5 reference")
struct Week05ReferenceTests {
    struct Reference {
        let features: [[Double]], mean: [Double], scale: [Double], coefficients: [Double]
        let intercept: Double, cvError: Double, predictions: [Double], labels: [Double]

        init(_ output: JSONValue) throws {
            let fields = try #require(output.objectValue)
            func vector(_ name: String) -> [Double] { numbers(fields[name]) }
            features = (fields["features"]?.arrayValue ?? []).map(numbers)
            mean = vector("scaler_mean")
            scale = vector("scaler_scale")
            coefficients = vector("coefficients")
            intercept = try #require(fields["intercept"]?.numberValue)
            cvError = try #require(fields["cv_mae"]?.numberValue)
            predictions = vector("predictions")
            labels = vector("heldout_labels")
        }
    }

    static func testCase(seed: UInt64 = 1) throws -> (input: JSONValue, testCase: Week05Case, output: Reference) {
        let input = try Week05InputTests.input(params: Week05InputTests.cases[0].params, seed: seed)
        return (input, try Week05Case(input: input), try Reference(Week05Descriptors().referenceOutput(for: input)))
    }

    static func features(_ formulas: [String]) throws -> [[Double]] {
        let featurizer = try MagpieFeaturizer(missingData: .imputeTableMean)
        return try formulas.map { featurizer.features(of: try Composition(formula: $0)) }
    }

    @Test("features, scaler, ridge, predictions: the kernels' results on the training split only", arguments: [UInt64(1), 2, 99])
    func kernels(seed: UInt64) throws {
        let (_, testCase, output) = try Self.testCase(seed: seed)
        let trainRows = try Self.features(testCase.trainFormulas)
        #expect(output.features == trainRows)
        #expect(output.features.allSatisfy { $0.count == 132 && $0.allSatisfy(\.isFinite) })
        let train = try Matrix(rows: trainRows)
        let scaler = try StandardScaler(fitting: train)
        #expect(output.mean == scaler.mean && output.scale == scaler.scale)
        let model = try LinearModel.ridge(features: try scaler.transform(train), targets: testCase.trainTargets, alpha: testCase.alpha)
        #expect(output.coefficients == model.coefficients && output.intercept == model.intercept)
        let heldout = try Matrix(rows: try Self.features(testCase.heldoutFormulas))
        #expect(output.predictions == (try model.predict(try scaler.transform(heldout))))
        // Fitting the scaler with the held-out rows gives other statistics: the reference must not.
        let leaked = try StandardScaler(fitting: try Matrix(rows: trainRows + heldout.rows))
        #expect(compare(leaked.mean, output.mean, atol: 1e-9, rtol: 1e-9).isWithinTolerance == false)
    }

    @Test("ridge optimality: gradient of ||y - Zw - b||² + alpha||w||² vanishes; the intercept is the training mean")
    func ridgeOptimality() throws {
        let (_, testCase, output) = try Self.testCase()
        let y = testCase.trainTargets
        let z = output.features.map { row in (0..<row.count).map { (row[$0] - output.mean[$0]) / output.scale[$0] } }
        let residuals = zip(z, y).map { row, target in zip(row, output.coefficients).reduce(output.intercept) { $0 + $1.0 * $1.1 } - target }
        let gradient = (0..<output.coefficients.count).map { j in
            zip(z, residuals).reduce(0) { $0 + $1.0[j] * $1.1 } + testCase.alpha * output.coefficients[j]
        }
        let zeros = [Double](repeating: 0, count: gradient.count)
        let check = compare(gradient, zeros, atol: 1e-9, rtol: 0)
        #expect(check.isWithinTolerance, "gradient in w: \(check)")
        #expect(abs(residuals.reduce(0, +)) < 1e-9, "gradient in b: \(residuals.reduce(0, +))")
        let targetMean = y.reduce(0, +) / Double(y.count)
        #expect(abs(output.intercept - targetMean) < 1e-12, "intercept \(output.intercept), mean of y \(targetMean)")
        // Standardised training columns: mean 0 and, unless constant, population deviation 1.
        for j in 0..<output.scale.count where output.scale[j] != 1 {
            let column = z.map { $0[j] }
            let m = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(column.count)
            #expect(abs(m) < 1e-10 && abs(variance - 1) < 1e-10, "column \(j): mean \(m), variance \(variance)")
        }
    }

    @Test("cv_mae: KFold without shuffling, scaler and ridge refitted per fold, mean of the fold MAEs")
    func crossValidation() throws {
        let (_, testCase, output) = try Self.testCase()
        let rows = try Self.features(testCase.trainFormulas)
        let n = rows.count, k = testCase.folds
        // scikit-learn's KFold sizes, written out: n = 40, k = 5 gives five blocks of 8.
        #expect(n == 40 && k == 5)
        var errors: [Double] = []
        for fold in 0..<k {
            let test = Array((fold * 8)..<(fold * 8 + 8)), trainIndices = (0..<n).filter { !test.contains($0) }
            let train = try Matrix(rows: trainIndices.map { rows[$0] })
            let scaler = try StandardScaler(fitting: train)
            let model = try LinearModel.ridge(
                features: try scaler.transform(train), targets: trainIndices.map { testCase.trainTargets[$0] }, alpha: testCase.alpha)
            let predicted = try model.predict(try scaler.transform(try Matrix(rows: test.map { rows[$0] })))
            errors.append(zip(predicted, test).reduce(0) { $0 + abs($1.0 - testCase.trainTargets[$1.1]) } / Double(test.count))
        }
        let expected = errors.reduce(0, +) / Double(k)
        #expect(abs(output.cvError - expected) <= 1e-12 * expected, "cv_mae \(output.cvError), folds by hand \(expected)")
    }

    @Test("heldout_labels: the data file's band gaps of the held-out formulas, in their order")
    func labels() throws {
        let (_, testCase, output) = try Self.testCase()
        let gaps = try Week05InputTests.bandGapsFromFile()
        #expect(output.labels == testCase.heldoutFormulas.map { gaps[$0] ?? .nan })
        #expect(output.predictions.count == output.labels.count)
    }

    @Test("an input naming a formula outside the data set: the field and the formula are named")
    func unknownHeldoutFormula() throws {
        let (input, _, _) = try Self.testCase()
        var fields = try #require(input.objectValue)
        var heldout = try #require(fields["heldout_formulas"]?.arrayValue)
        heldout[3] = "Xe2Fe17"
        fields["heldout_formulas"] = .array(heldout)
        #expect {
            _ = try Week05Descriptors().referenceOutput(for: .object(fields))
        } throws: { error in
            "\(error)".contains("heldout_formulas[3]") && "\(error)".contains("'Xe2Fe17' is not in")
        }
        fields["folds"] = 1
        #expect {
            _ = try Week05Descriptors().referenceOutput(for: .object(fields))
        } throws: { error in
            "\(error)".contains("field 'folds'") && "\(error)".contains("(got 1)")
        }
    }
}
