import Descriptors
import Foundation
import JSONSupport
import Testing
import TestSupport
@testable import Exercises

/// Week 5's reference output against matminer 0.10.1 and scikit-learn 1.9.1 running the
/// README's pipeline on the public cases (`Tests/Fixtures/exercises/week05_pipeline.json`,
/// made by `scripts/fixtures/week05_pipeline.py`): the independent anchor of the whole
/// exercise, conventions included (train-only scaler, unpenalised intercept,
/// `cross_val_score`'s mean over unshuffled `KFold` folds).
///
/// Tolerances are the kernels' contracts: features 1e-11 + 1e-13 |value| (Magpie), scaler
/// statistics 1e-11 + 1e-12 |value| (scaler, after the features' rounding), coefficients and
/// predictions 1e-9 relative plus 1e-10 x the largest |value| (ridge), CV MAE 1e-9 relative.
/// The rubric's tolerances are wider (`rubrics/w05-descriptors.toml`), so a student using
/// matminer and scikit-learn passes.
@Suite("Week 5 reference against matminer and scikit-learn")
struct Week05FixtureTests {
    static let fixture = RepositoryPaths.fixtures.appendingPathComponent("exercises/week05_pipeline.json")

    static func cases() throws -> [[String: JSONValue]] {
        let document = try JSONValue(parsing: Data(contentsOf: fixture))
        return (document.objectValue?["cases"]?.arrayValue ?? []).compactMap(\.objectValue)
    }

    @Test("labels: matminer's feature_labels, in order")
    func labels() throws {
        let document = try JSONValue(parsing: Data(contentsOf: Self.fixture))
        #expect(strings(document.objectValue?["labels"]) == MagpieFeaturizer.labels)
    }

    @Test("every public case: features, scaler, ridge, CV MAE and predictions agree", arguments: ["small-split", "strong-penalty"])
    func publicCase(name: String) throws {
        let fields = try #require(try Self.cases().first { $0["name"]?.stringValue == name }, "no case \(name) in the fixture")
        let testCase = Week05Case(
            trainFormulas: strings(fields["train_formulas"]), trainTargets: numbers(fields["train_targets"]),
            heldoutFormulas: strings(fields["heldout_formulas"]), alpha: try #require(fields["alpha"]?.numberValue),
            folds: try #require(fields["folds"]?.integerValue))
        let input = try testCase.document(featurizer: try Week05Descriptors.featurizer())
        let output = try Week05ReferenceTests.Reference(Week05Descriptors().referenceOutput(for: input))

        let expectedFeatures = (fields["features"]?.arrayValue ?? []).flatMap { numbers($0) }
        #expect(output.features.count == testCase.trainFormulas.count)
        let features = compare(output.features.flatMap { $0 }, expectedFeatures, atol: 1e-11, rtol: 1e-13)
        #expect(features.isWithinTolerance, "features: \(features)")
        for (field, observed) in [("scaler_mean", output.mean), ("scaler_scale", output.scale)] {
            let check = compare(observed, numbers(fields[field]), atol: 1e-11, rtol: 1e-12)
            #expect(check.isWithinTolerance, "\(field): \(check)")
        }
        let coefficients = numbers(fields["coefficients"])
        let largest = coefficients.map(abs).max() ?? 0
        let coefficientCheck = compare(output.coefficients, coefficients, atol: 1e-10 * largest, rtol: 1e-9)
        #expect(coefficientCheck.isWithinTolerance, "coefficients: \(coefficientCheck)")
        let intercept = try #require(fields["intercept"]?.numberValue)
        #expect(abs(output.intercept - intercept) <= 1e-9 * abs(intercept) + 1e-12, "intercept \(output.intercept), scikit-learn \(intercept)")
        let cvError = try #require(fields["cv_mae"]?.numberValue)
        #expect(abs(output.cvError - cvError) <= 1e-9 * cvError, "cv_mae \(output.cvError), scikit-learn \(cvError)")
        let predictions = numbers(fields["predictions"])
        let predictionScale = predictions.map(abs).max() ?? 0
        let predictionCheck = compare(output.predictions, predictions, atol: 1e-10 * predictionScale, rtol: 1e-9)
        #expect(predictionCheck.isWithinTolerance, "predictions: \(predictionCheck)")
    }

    @Test("the fixture's cases are what exercise.toml's public seeds generate today")
    func fixtureCasesAreThePublicCases() throws {
        let params = Dictionary(uniqueKeysWithValues: Week05InputTests.cases.map { ($0.name, ($0.params, $0.seed)) })
        for fields in try Self.cases() {
            let name = try #require(fields["name"]?.stringValue)
            let (parameters, seed) = try #require(params[name])
            let input = try Week05InputTests.input(params: parameters, seed: seed)
            #expect(strings(input.objectValue?["train_formulas"]) == strings(fields["train_formulas"]), "\(name)")
            #expect(strings(input.objectValue?["heldout_formulas"]) == strings(fields["heldout_formulas"]), "\(name)")
        }
    }
}
