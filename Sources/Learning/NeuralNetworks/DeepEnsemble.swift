import Foundation
import LinearAlgebra

/// A deep ensemble (Lakshminarayanan, Pritzel and Blundell, 2017, without adversarial
/// training): `memberCount` multilayer perceptrons of the same settings, each from its own
/// seed (stream k of the ensemble's seed) and its own shuffling, trained on all the data.
/// The prediction is the members' mean; the spread is their population standard deviation
/// (divisor M, numpy's default), an estimate of epistemic uncertainty.
public struct DeepEnsemble: Sendable {
    public let members: [MultilayerPerceptron]

    /// - Throws: for `memberCount < 2` and whatever a member's fit throws.
    public init(features: Matrix, targets: [Double], memberCount: Int = 5,
                settings: MultilayerPerceptron.Settings = MultilayerPerceptron.Settings()) throws(LearningError) {
        guard memberCount >= 2 else {
            throw .invalidParameter(context: "deep ensemble", name: "member count", value: "\(memberCount)",
                                    reason: "an ensemble needs at least 2 members to have a spread (5 is usual)")
        }
        var members: [MultilayerPerceptron] = []
        for k in 0..<memberCount {
            var memberSettings = settings
            var streams = LearningRandom(seed: settings.seed, stream: k)
            memberSettings.seed = streams.next()
            members.append(try MultilayerPerceptron(features: features, targets: targets, settings: memberSettings))
        }
        self.members = members
    }

    /// The mean and the spread (population standard deviation) of the members' predictions.
    public func predict(_ features: Matrix) throws(LearningError) -> (mean: [Double], standardDeviation: [Double]) {
        var predictions: [[Double]] = []
        for member in members { predictions.append(try member.predict(features)) }
        let m = Double(predictions.count)
        var means = [Double](repeating: 0, count: features.rowCount)
        var deviations = means
        for row in 0..<features.rowCount {
            let values = predictions.map { $0[row] }
            let mean = values.reduce(0, +) / m
            means[row] = mean
            deviations[row] = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / m).squareRoot()
        }
        return (means, deviations)
    }
}
