import Foundation
import Testing
import TestSupport

/// End-to-end: `matgrade check` and `matgrade grade` on the week-5 sample submissions
/// (`submissions/w05-descriptors/`), in the real sandbox (CI runs as root). Each sample's
/// outcome is pinned here and listed in submissions/README.md.
///
/// Points out of 100: features 25, scaler mean 10, scaler scale 10, coefficients 15,
/// intercept 10, CV MAE 10, predictions 20 (`metric`: full credit up to 1.1x the reference
/// model's MAE on the held-out band gaps, none from 2x, linear between).
@Suite("week 5: matgrade check and grade on the sample submissions (end to end)")
struct Week05CommandTests {
    /// `matgrade check` on the two public cases: which checks fail (each fails on both cases),
    /// and the public score out of 100.
    @Test(
        "matgrade check w05-descriptors: each sample loses exactly the checks its flaw costs",
        arguments: [
            (name: "correct", score: "100/100", failed: [String]()),
            // Wrong features: everything computed from them fails but the intercept (the mean of
            // the training band gaps whatever the features); the predictions lose part of their
            // credit on the second case (MAE 1.27x the reference's).
            ("weights-by-atom-count", "28.06/100", ["Magpie features", "Scaler: column means", "Scaler: column standard deviations",
                                                    "Ridge coefficients", "k-fold cross-validated MAE", "Predicted band gaps"]),
            // n - 1: every scale, hence the standardised coefficients and the CV MAE; the
            // predictions are as good.
            ("sample-standard-deviation", "65/100", ["Scaler: column standard deviations", "Ridge coefficients", "k-fold cross-validated MAE"]),
            // Leakage: both scaler statistics, the coefficients, the intercept (the training
            // columns no longer have mean 0) and the CV MAE; the metric cannot see it.
            ("scaler-sees-heldout", "45/100", ["Scaler: column means", "Scaler: column standard deviations", "Ridge coefficients",
                                               "Ridge intercept", "k-fold cross-validated MAE"]),
            // Coefficients are unchanged (standardised columns have mean 0); the intercept, the
            // CV MAE and the predictions of the second case (1.62x) are off.
            ("no-intercept", "74.2/100", ["Ridge intercept", "k-fold cross-validated MAE", "Predicted band gaps"]),
        ])
    func check(sample: (name: String, score: String, failed: [String])) throws {
        let result = try MatgradeProcess.run(["check", "w05-descriptors", "submissions/w05-descriptors/\(sample.name)"])
        #expect(result.status == (sample.failed.isEmpty ? 0 : 1), "\(sample.name): \(result)")
        #expect(result.standardOutput.contains("score \(sample.score) on the public cases"), "\(sample.name): \(result)")
        let checkTitles = ["Magpie features", "Scaler: column means", "Scaler: column standard deviations", "Ridge coefficients",
                           "Ridge intercept", "k-fold cross-validated MAE", "Predicted band gaps"]
        for title in checkTitles {
            let failedOnce = result.standardOutput.contains("✘ \(title)")
            let passedOnce = result.standardOutput.contains("✔ \(title)")
            if sample.failed.contains(title) {
                #expect(failedOnce, "\(sample.name): '\(title)' should fail: \(result)")
                if title != "Predicted band gaps" {
                    #expect(!passedOnce, "\(sample.name): '\(title)' should fail on both public cases: \(result)")
                }
            } else {
                #expect(passedOnce && !failedOnce, "\(sample.name): '\(title)' should pass on both public cases: \(result)")
            }
        }
    }


    @Test("matgrade grade: the five samples as one batch with the test secret; pinned points and failed checks")
    func gradeBatch() throws {
        let expected: [SampleExpectations.Graded] = [
            ("correct", 100, []),
            ("weights-by-atom-count", 27.331, ["features", "scaler-mean", "scaler-scale", "coefficients", "cv-mae", "predictions"]),
            ("sample-standard-deviation", 65, ["scaler-scale", "coefficients", "cv-mae"]),
            ("scaler-sees-heldout", 45, ["scaler-mean", "scaler-scale", "coefficients", "intercept", "cv-mae"]),
            ("no-intercept", 74.734, ["intercept", "cv-mae", "predictions"]),
        ]
        let result = try SampleExpectations.grade("w05-descriptors", expected: expected, visibilities: ["public", "public", "hidden", "hidden"])
        // Two public cases shared by all, two hidden cases of each student's own.
        #expect(result.standardOutput.contains("reference outputs: 12 computed, 8 from the cache"), "\(result)")
        // The batch's CPU split: matgrade's own work and the five Python programs' (20 runs).
        let cpu = try #require(
            result.standardOutput.firstMatch(of: /CPU time: matgrade ([0-9.e-]+) s \(([0-9.e-]+) ms per submission\) for [^;]+; the programs ([0-9.e-]+) s\./),
            "\(result)")
        let own = try #require(Double(cpu.1)), perSubmission = try #require(Double(cpu.2)), programs = try #require(Double(cpu.3))
        #expect(own > 0 && programs > 0, "\(result)")
        #expect(abs(perSubmission - own / 5 * 1000) <= 0.01 * perSubmission + 1, "\(result)")
    }

    @Test("inputs: the held-out band gaps are not in input.json; reference has them, one per held-out formula")
    func labelsStayWithTheReference() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("matgrade-w05-inputs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = try MatgradeProcess.run(["inputs", "5", "--seed", "11", "-o", folder.path])
        #expect(inputs.status == 0, "\(inputs)")
        let inputFile = folder.appendingPathComponent("larger-split/input.json")
        let text = try String(contentsOf: inputFile, encoding: .utf8)
        #expect(!text.contains("heldout_labels") && !text.contains("heldout_targets"), "input.json must not carry held-out labels")
        let output = folder.appendingPathComponent("reference.json")
        let reference = try MatgradeProcess.run(["reference", "5", "--input", inputFile.path, "--output", output.path])
        #expect(reference.status == 0, "\(reference)")
        struct Input: Decodable { let heldout_formulas: [String]; let train_formulas: [String] }
        struct Output: Decodable { let heldout_labels: [Double]; let predictions: [Double]; let features: [[Double]] }
        let input = try JSONDecoder().decode(Input.self, from: Data(contentsOf: inputFile))
        let decoded = try JSONDecoder().decode(Output.self, from: Data(contentsOf: output))
        #expect(decoded.heldout_labels.count == input.heldout_formulas.count && decoded.predictions.count == 60)
        #expect(decoded.features.count == input.train_formulas.count && decoded.features.allSatisfy { $0.count == 132 })
    }
}
